import './setup';
import { IDBFactory } from 'fake-indexeddb';
import { mailtoHref } from '../../../core/domain/email';
import { dataOf as dataOfFile, MAX_IMPORT_RECORDS, overImportCap, type ExportCounts, type ExportFile } from '../../../core/domain/export-format';
import { formatClock, parseClock } from '../../../core/domain/hlc';
import { sendImport } from '../../../core/messages/data-client';
import { dumpDatabase } from '../background/harness';
import { exportFile, fillHelpDesk, openBackground, type Background } from './backup-fixtures';
import { fakeUlid } from './fixtures';

/**
 * A hostile export file gets no further than a bad message would: every
 * refusal below goes through the real import path (options page client →
 * router → data service → store) and leaves the database exactly as it was.
 */

type Loose = Record<string, any>;
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

async function filled(): Promise<{ bg: Background; file: ExportFile }> {
  const bg = await openBackground();
  await fillHelpDesk(bg);
  return { bg, file: await exportFile(bg) };
}

/** Imports `file` changed by `edit` into `bg`, expects the refusal `message`, and that nothing changed. */
async function refused(bg: Background, file: ExportFile, edit: (f: Loose) => void, message: RegExp): Promise<void> {
  const hostile = copy(file) as unknown as Loose;
  edit(hostile);
  const before = await dumpDatabase(bg.factory);
  await expect(sendImport(bg.client.data, hostile as ExportFile)).rejects.toThrow(message);
  expect(await dumpDatabase(bg.factory)).toEqual(before);
}

const missing = (prefix: string, n: number) => `${prefix}:${fakeUlid(900_000 + n)}`;

describe('import: references are checked against the merged help desk', () => {
  let bg: Background;
  let file: ExportFile;
  beforeEach(async () => {
    ({ bg, file } = await filled());
    await bg.client.data.erase();
  });
  afterEach(() => bg.store.close());

  it.each<[string, (f: Loose) => void, RegExp]>([
    [
      'an activity entry of a ticket nobody has',
      (f) => {
        const ticketId = missing('ticket', 1);
        f.activity.push({ ...f.activity[0], id: `activity:${ticketId.split(':')[1]}:${fakeUlid(900_100)}`, ticketId });
      },
      /activity entry activity:0+900001:\w+ has "ticketId": ticket:0+900001, but neither the file nor this help desk has that ticket\. Nothing was changed/,
    ],
    ['a ticket owned by a teammate nobody has', (f) => (f.records.tickets[0].ownerId = missing('agent', 2)), /ticket ticket:\w+ has "ownerId": agent:0+900002, but .* has that teammate/],
    ['a conversation owned by a teammate nobody has', (f) => (f.records.conversations[0].ownerId = missing('agent', 3)), /conversation conversation:\w+ has "ownerId": agent:0+900003, .* teammate/],
    ['a note written by a teammate nobody has', (f) => (f.records.notes[0].authorId = missing('agent', 4)), /note note:\w+ has "authorId": agent:0+900004, .* teammate/],
    ['an activity entry by a teammate nobody has', (f) => (f.activity[0].agentId = missing('agent', 5)), /activity entry activity:\S+ has "agentId": agent:0+900005, .* teammate/],
    [
      'a live ticket in a status the settings lack',
      (f) => (f.records.tickets.find((t: Loose) => t.deletedAt === null).status = 'limbo'),
      /ticket ticket:\w+ \("[^"]+"\) would have the status "limbo", which is not one of the statuses\. Nothing was changed/,
    ],
    [
      'a live ticket with a priority the settings lack',
      (f) => (f.records.tickets.find((t: Loose) => t.deletedAt === null).priority = 'whenever'),
      /ticket ticket:\w+ .*would have the priority "whenever", which is not one of the priorities/,
    ],
  ])('refuses %s, naming the record, and writes nothing', async (_name, edit, message) => {
    await refused(bg, file, edit, message);
  });

  it('accepts a reference this help desk satisfies though the file lacks it', async () => {
    // The file's own teammate (the local agent here, who wrote its note) is left out: this help desk has them.
    const meId = (await bg.store.meta()).meId;
    const partial = copy(file);
    partial.records.agents = partial.records.agents.filter((a) => a.id !== meId);
    expect(partial.records.notes.some((n) => n.authorId === meId)).toBe(true);
    await sendImport(bg.client.data, partial);
    expect((await bg.store.ticketRecord(partial.records.notes[0]!.ticketId))?.notes).toHaveLength(1);
  });
});

describe('import: a file’s settings may not drop a status tickets here still use', () => {
  it('refuses newer settings without a status a ticket here has, naming the ticket', async () => {
    const { bg } = await filled();
    const ticket = (await bg.store.listTickets()).items[0]!;
    await bg.run({ type: 'ticket.setStatus', ticketId: ticket.id, status: 'escalated' });
    // Another installation, set up later, whose statuses never had "escalated": its settings are newer.
    const other = await openBackground(new IDBFactory(), 50_000);
    other.clock.advance(10_000_000);
    const stages = (await other.store.settings()).stages;
    await other.run({ type: 'settings.update', stages: stages.map((s, i) => (i === 0 ? { ...s, name: 'Fresh' } : s)) });
    const theirs = await exportFile(other);
    other.store.close();
    expect(theirs.records.tickets).toEqual([]);
    await refused(bg, theirs, () => undefined, new RegExp(`ticket ${ticket.id} \\("[^"]*"\\) would have the status "escalated", which is not one of the statuses`));
    bg.store.close();
  });
});

describe('import: a file’s settings may not drop a status tickets here still use (many tickets)', () => {
  it('finds the one ticket in the dropped status past the first page of tickets here', async () => {
    const { bg, file } = await filled();
    const base = file.records.tickets.find((t) => t.deletedAt === null)!;
    const many = Array.from({ length: 1100 }, (_, i) => ({ ...copy(base), id: `ticket:${fakeUlid(100_000 + i)}`, name: `Bulk ${i}`, status: i === 1099 ? 'escalated' : base.status }));
    await bg.store.importData({ ...dataOfFile(file), tickets: [...file.records.tickets, ...many] });
    const other = await openBackground(new IDBFactory(), 50_000);
    other.clock.advance(10_000_000);
    const stages = (await other.store.settings()).stages;
    await other.run({ type: 'settings.update', stages: stages.map((s, i) => (i === 0 ? { ...s, name: 'Fresh' } : s)) });
    const theirs = await exportFile(other);
    other.store.close();
    await refused(bg, theirs, () => undefined, new RegExp(`ticket ticket:${fakeUlid(101_099)} \\("Bulk 1099"\\) would have the status "escalated"`));
    bg.store.close();
  });
});

describe('import: what the extension itself leaves behind still imports', () => {
  it('an export made after emptying the trash, and one from an earlier version whose purge kept the history', async () => {
    const { bg } = await filled();
    const before = await exportFile(bg);
    await bg.run({ type: 'trash.purge', all: true });
    const file = await exportFile(bg);
    const tickets = new Set(file.records.tickets.map((t) => t.id));
    // Today's purge takes the history with the ticket: nothing points nowhere.
    expect(file.activity.every((a) => tickets.has(a.ticketId))).toBe(true);
    // An earlier version's purge left the trashed ticket's history behind; its backups still import.
    const orphans = before.activity.filter((a) => !tickets.has(a.ticketId));
    expect(orphans.length).toBeGreaterThan(0);
    file.activity.push(...orphans);
    bg.store.close();
    const fresh = await openBackground(new IDBFactory(), 50_000);
    const summary = await sendImport(fresh.client.data, file);
    expect(summary.activityAdded).toBe(file.activity.length);
    fresh.store.close();
  });
});

describe('import: clocks name only fields the record has', () => {
  let bg: Background;
  let file: ExportFile;
  beforeEach(async () => {
    ({ bg, file } = await filled());
  });
  afterEach(() => bg.store.close());

  const later = (f: Loose) => formatClock({ ...parseClock(f.records.tickets[0].clock.name), ms: parseClock(f.records.tickets[0].clock.name).ms + 1e9 });
  it.each<[string, (f: Loose) => void, RegExp]>([
    ['a clock key for a field tickets don’t have', (f) => (f.records.tickets[0].clock.isAdmin = later(f)), /ticket 1 \(ticket:\w+\): the clock has the key "isAdmin", which is not a field of this record/i],
    ['a clock key for a stamp (merges would copy it from the newer side)', (f) => (f.records.tickets[0].clock.updatedBy = later(f)), /the clock has the key "updatedBy"/],
    ['a custom property’s clock on a contact', (f) => (f.records.contacts[0].clock['custom.plan'] = later(f)), /contact 1 .*the clock has the key "custom\.plan"/i],
    ['a malformed custom clock key on a ticket', (f) => (f.records.tickets[0].clock['custom.'] = later(f)), /the clock has the key "custom\."/],
  ])('refuses %s', async (_name, edit, message) => {
    await refused(bg, file, edit, message);
  });
});

describe('emails: one check on the wire and in files, nothing a mailto: link would read as more', () => {
  const hostile = ['sam@example.com?bcc=eve%40evil.example', 'sam@example.com&cc=eve', 'sam%0Abcc@example.com', 'sam@example.com#x', 'sam@exa,mple.com'];

  it.each(hostile)('a file with the contact email %j is refused', async (email) => {
    const { bg, file } = await filled();
    await refused(bg, file, (f) => (f.records.contacts.find((c: Loose) => c.email !== null).email = email), /contact \d+ .*field "email" is wrong: expected an email address/i);
    bg.store.close();
  });

  it.each(hostile)('a file with the teammate email %j is refused', async (email) => {
    const { bg, file } = await filled();
    await refused(bg, file, (f) => (f.records.agents.find((a: Loose) => a.email !== '').email = email), /teammate \d+ .*field "email"/i);
    bg.store.close();
  });

  it.each(hostile)('agent.save with the email %j is refused and stores nothing', async (email) => {
    const bg = await openBackground();
    const before = await dumpDatabase(bg.factory);
    const reply = await bg.client.agents.save({ name: 'Eve', email });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/email/) } });
    expect(await dumpDatabase(bg.factory)).toEqual(before);
    bg.store.close();
  });

  it('agent.save still takes a blank email or an address with spaces around it', async () => {
    const bg = await openBackground();
    expect(await bg.client.agents.save({ name: 'Sam', email: '' })).toMatchObject({ ok: true });
    expect(await bg.client.agents.save({ name: 'Ana', email: '  Ana@Example.com ' })).toMatchObject({ ok: true });
    expect((await bg.store.agents()).map((a) => a.email).sort()).toEqual(['', '', 'ana@example.com']);
    bg.store.close();
  });

  it('the sidebar’s snapshot takes the same check', async () => {
    const bg = await openBackground();
    const reply = await bg.client.conversations.observe({
      source: 'demo',
      key: 'k',
      subject: 's',
      channel: 'email',
      hostUrl: 'http://127.0.0.1:5174/c/k',
      contact: { name: 'x', email: hostile[0]!, handle: null },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
    bg.store.close();
  });

  it('a mailto: link encodes whatever an old record holds', () => {
    expect(mailtoHref('ana@example.com')).toBe('mailto:ana@example.com');
    expect(mailtoHref('a@b.co?bcc=x@evil\r\nSubject: hi')).toBe('mailto:a@b.co%3Fbcc%3Dx@evil%0D%0ASubject%3A%20hi');
  });
});

describe('import size: refused up front past what one commit writes within the worker’s limits', () => {
  /** Counts summing to `total`, as a header announces them (no records are built). */
  const countsOf = (total: number): ExportCounts => ({ tickets: total - 3, conversations: 0, contacts: 0, agents: 1, notes: 0, snippets: 0, settings: 1, activity: 1 });

  it('the cap comes from the measured rate, the worker’s 5 minutes and a safety factor', () => {
    expect(MAX_IMPORT_RECORDS).toBe(270_000);
    expect(overImportCap(countsOf(MAX_IMPORT_RECORDS))).toBeUndefined();
    expect(overImportCap(countsOf(MAX_IMPORT_RECORDS + 1))).toBe(MAX_IMPORT_RECORDS + 1);
  });

  it('the background refuses a file announcing cap + 1 records before any arrives, and takes one of exactly the cap', async () => {
    const { bg, file } = await filled();
    const before = await dumpDatabase(bg.factory);
    const header = { format: file.format, formatVersion: file.formatVersion, exportedAt: file.exportedAt, schemaVersion: file.schemaVersion };
    expect(await bg.client.data.importBegin(header, countsOf(MAX_IMPORT_RECORDS + 1))).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: `The file has ${MAX_IMPORT_RECORDS + 1} records; at most ${MAX_IMPORT_RECORDS} can be imported at once. Nothing was changed.` },
    });
    const atCap = await bg.client.data.importBegin(header, countsOf(MAX_IMPORT_RECORDS));
    expect(atCap).toMatchObject({ ok: true, data: { sessionId: expect.any(String) } });
    if (atCap.ok) await bg.client.data.importAbort(atCap.data.sessionId);
    expect(await dumpDatabase(bg.factory)).toEqual(before);
    bg.store.close();
  });
});
