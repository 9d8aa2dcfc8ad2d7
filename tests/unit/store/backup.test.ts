import './setup';
import { IDBFactory } from 'fake-indexeddb';
import { dataOf as fileData, type ExportData, type ExportFile } from '../../../core/domain/export-format';
import { compareClock, formatClock, parseClock } from '../../../core/domain/hlc';
import type { Ticket } from '../../../core/domain/types';
import { sendImport } from '../../../core/messages/data-client';
import { ImportConflict, PROGRESS_EVERY } from '../../../core/store';
import { dumpDatabase } from '../background/harness';
import { exportFile, fillHelpDesk, openBackground, thread, withoutTime, type Background } from './backup-fixtures';
import { fakeUlid } from './fixtures';

/** A help desk with every kind of record, and its export. */
async function filled(): Promise<{ bg: Background; file: ExportFile }> {
  const bg = await openBackground();
  await fillHelpDesk(bg);
  return { bg, file: await exportFile(bg) };
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('export', () => {
  it('reads every store page by page, in id order, with the same marker while nothing changes', async () => {
    const { bg, file } = await filled();
    const summary = await bg.store.exportSummary();
    expect(summary.counts.tickets).toBe(file.records.tickets.length);
    const first = await bg.store.exportPage('activity', undefined, 3);
    const second = await bg.store.exportPage('activity', first.next ?? undefined, 3);
    expect(first.records).toHaveLength(3);
    expect(first.next).toBe((first.records[2] as { id: string }).id);
    expect([...first.records, ...second.records]).toEqual(file.activity.slice(0, 6));
    expect(second.marker).toBe(summary.marker);
    const all = await bg.store.exportPage('tickets', undefined, 1000);
    expect(all.next).toBeNull();
    bg.store.close();
  });

  it('starts over when a command lands mid-read, so the file is one state', async () => {
    const { bg } = await filled();
    let pages = 0;
    const racing = {
      exportSummary: () => bg.client.data.exportSummary(),
      exportTextPage: async (...args: Parameters<Background['client']['data']['exportTextPage']>) => {
        // Another tab saves while the first store is read.
        if (pages++ === 0) await bg.run({ type: 'snippet.save', name: 'Raced', body: 'Saved mid-export' });
        return bg.client.data.exportTextPage(...args);
      },
    };
    const { exportFileParts } = await import('../../../core/messages/data-client');
    const file = JSON.parse((await exportFileParts(racing, new Date())).join('')) as ExportFile;
    expect(file.records.snippets.map((s) => s.name)).toContain('Raced');
    bg.store.close();
  });

  it('in batches smaller than a store, has every record once, in id order, as the one-page read has them', async () => {
    const { bg } = await filled();
    const at = new Date('2026-01-02T03:04:05.000Z');
    const { exportFileParts } = await import('../../../core/messages/data-client');
    const summary = await bg.store.exportSummary();
    expect(summary.counts.activity).toBeGreaterThan(3);
    const batched = (await exportFileParts(bg.client.data, at, undefined, 3)).join('');
    const whole = (await exportFileParts(bg.client.data, at, undefined, 5000)).join('');
    // Byte for byte the same file, whatever the batch size.
    expect(batched).toBe(whole);
    const file = JSON.parse(batched) as ExportFile;
    const data = fileData(file);
    for (const store of Object.keys(summary.counts) as (keyof typeof summary.counts)[]) {
      // What the object pages hold, in their order: each record once.
      const { records } = await bg.store.exportPage(store, undefined, 1_000_000);
      expect(data[store]).toEqual(records);
      expect(new Set(data[store].map((r) => r.id)).size).toBe(summary.counts[store]);
    }
    bg.store.close();
  });

  it('reports records done out of all after every batch, from 0 to the total', async () => {
    const { bg } = await filled();
    const { exportFileParts } = await import('../../../core/messages/data-client');
    const summary = await bg.store.exportSummary();
    const total = Object.values(summary.counts).reduce((n, c) => n + c, 0);
    const seen: [number, number][] = [];
    await exportFileParts(bg.client.data, new Date(), (done, all) => seen.push([done, all]), 3);
    expect(seen[0]).toEqual([0, total]);
    expect(seen[seen.length - 1]).toEqual([total, total]);
    expect(seen.every(([, all]) => all === total)).toBe(true);
    expect(seen.every(([done], i) => i === 0 || done >= seen[i - 1]![0])).toBe(true);
    // One report per batch: a store of n records is read in ceil(n / 3) batches, an empty one in one.
    const batches = Object.values(summary.counts).reduce((n, c) => n + Math.max(1, Math.ceil(c / 3)), 0);
    expect(seen.length).toBeGreaterThanOrEqual(batches + 1);
    bg.store.close();
  });
});

describe('import', () => {
  it('export → erase → import gives back the same help desk, through the real messages', async () => {
    const { bg, file } = await filled();
    const metaBefore = await bg.store.meta();
    await bg.store.setPref('sidebar.width', 420);
    expect(dataOf(await bg.client.data.erase())).toBeNull();
    const erased = await exportFile(bg);
    expect(erased.records.tickets).toEqual([]);
    expect(erased.activity).toEqual([]);
    expect(erased.records.agents.map((a) => a.id)).toEqual([metaBefore.meId]);
    // Meta and prefs are not the help desk: they stay.
    expect((await bg.store.meta()).meId).toBe(metaBefore.meId);
    expect(await bg.store.getPref('sidebar.width')).toBe(420);

    const summary = await sendImport(bg.client.data, file);
    expect(summary.activityAdded).toBe(file.activity.length);
    expect(withoutTime(await exportFile(bg, new Date()))).toEqual(withoutTime(file));
    expect(bg.events.map((e) => e.commandType)).toEqual(['data.erase', 'data.import']);
    bg.store.close();
  });

  it('into a fresh installation, keeps the file’s settings and agent name over the new defaults', async () => {
    const { bg, file } = await filled();
    bg.store.close();
    // Another device: its own device id and local agent id.
    const fresh = await openBackground(new IDBFactory(), 50_000);
    fresh.clock.advance(10_000_000); // the new device is set up long after the export was made
    await sendImport(fresh.client.data, file);
    const settings = await fresh.store.settings();
    expect(settings.stages.map((s) => s.id)).toContain('escalated');
    expect(settings.properties.map((p) => p.id)).toEqual(['custom.plan', 'custom.seats']);
    // The fresh installation's own agent stays, beside the file's two.
    expect((await fresh.store.agents()).map((a) => a.name).sort()).toEqual(['Ana Agent', 'Me', 'Sam Rivera']);
    fresh.store.close();
  });

  it('merges a record that is here already field by field, and history as a union', async () => {
    const { bg, file } = await filled();
    const ticket = file.records.tickets.find((t) => t.name === 'Login broken')!;
    // Here: a later edit of the priority. In the file: an even later rename on another device.
    await bg.run({ type: 'ticket.update', ticketId: ticket.id, field: 'priority', value: 'low' });
    const edited = copy(file);
    const t = edited.records.tickets.find((x) => x.id === ticket.id)!;
    const later = formatClock({ ms: parseClock(t.clock.name!).ms + 1e9, counter: 0, deviceId: `device:${fakeUlid(999)}` });
    Object.assign(t, { name: 'Login broken (renamed on the laptop)', version: t.version + 1 });
    t.clock.name = later;
    edited.activity.push({ ...edited.activity[0]!, id: `activity:${ticket.id.split(':')[1]}:${fakeUlid(998)}`, ticketId: ticket.id, clock: later, text: 'from the laptop' });

    const summary = await sendImport(bg.client.data, edited);
    expect(summary).toMatchObject({ created: 0, merged: 1, activityAdded: 1 });
    expect(summary.unchanged).toBe(
      Object.values(edited.records).reduce((n, list) => n + list.length, 0) - 1,
    );
    const after = (await bg.store.ticketRecord(ticket.id))!;
    expect(after.ticket.name).toBe('Login broken (renamed on the laptop)');
    expect(after.ticket.priority).toBe('low');
    expect(after.activity.map((a) => a.text)).toContain('from the laptop');
    // The clock moved past the file's newest clock: the next local edit wins over anything imported.
    expect(compareClock((await bg.store.meta()).lastClock, later)).toBeGreaterThan(0);
    bg.store.close();
  });

  it('export → erase → import gives back untouched defaults exactly as they were, stamps included', async () => {
    // A help desk whose local agent and settings nobody edited: the erase sets both up again, later.
    const bg = await openBackground();
    await bg.run({ type: 'snippet.save', name: 'Thanks', body: 'Thanks for writing!' });
    const file = await exportFile(bg);
    bg.clock.advance(60_000);
    await bg.client.data.erase();
    await sendImport(bg.client.data, file);
    const after = await exportFile(bg);
    expect(after.records.agents).toEqual(file.records.agents);
    expect(after.records.settings).toEqual(file.records.settings);
    bg.store.close();
  });

  it('after an erase, a thread an open sidebar recorded again is replaced by the file’s copy, with its contact', async () => {
    const { bg, file } = await filled();
    await bg.client.data.erase();
    // The inbox tab still shows t-2: its sidebar records the conversation (and its contact) again.
    await bg.run({ type: 'conversation.observe', conversation: thread('t-2') });
    const observed = await exportFile(bg);
    expect(observed.records.conversations).toHaveLength(1);
    expect(observed.records.contacts).toHaveLength(1);
    await sendImport(bg.client.data, file);
    expect(withoutTime(await exportFile(bg, new Date()))).toEqual(withoutTime(file));
    bg.store.close();
  });

  it('is all or nothing: a thread the agent worked on here under another id refuses the whole file', async () => {
    const { bg, file } = await filled();
    await bg.client.data.erase();
    await bg.run({ type: 'ticket.create', conversation: thread('t-2'), fields: { name: 'Order t-2 again' } });
    const before = await dumpDatabase(bg.factory);
    const data = fileData(file);
    await expect(bg.store.importData(data)).rejects.toBeInstanceOf(ImportConflict);
    await expect(sendImport(bg.client.data, file)).rejects.toThrow(/already has the demo conversation "Order t-2" under another id .*Erase this help desk first/);
    // Tickets were written before the conversations in that transaction: all of it rolled back.
    expect(await dumpDatabase(bg.factory)).toEqual(before);
    bg.store.close();
  });

  it('reports progress about every 1000 records, ending at the total', async () => {
    const { bg, file } = await filled();
    const base = file.records.tickets[0]!;
    const many: Ticket[] = Array.from({ length: 2600 }, (_, i) => ({ ...copy(base), id: `ticket:${fakeUlid(100_000 + i)}`, name: `Bulk ${i}` }));
    const data: ExportData = { ...fileData(file), tickets: [...file.records.tickets, ...many] };
    const seen: [number, number][] = [];
    await bg.store.importData(data, (done, total) => seen.push([done, total]));
    const total = Object.values(data).reduce((n, list) => n + list.length, 0);
    expect(seen.at(-1)).toEqual([total, total]);
    expect(seen.length).toBeGreaterThanOrEqual(Math.floor(total / PROGRESS_EVERY));
    for (let i = 1; i < seen.length - 1; i++) expect(seen[i]![0] - seen[i - 1]![0]).toBeGreaterThanOrEqual(PROGRESS_EVERY);
    expect((await bg.store.countTickets()).total).toBe(2600 + 2);
    bg.store.close();
  });
});

describe('the data messages refuse a bad file and change nothing', () => {
  it('a hostile record in a chunk ends the import; its commit is refused', async () => {
    const { bg, file } = await filled();
    const before = await dumpDatabase(bg.factory);
    const hostile = copy(file);
    hostile.records.conversations[0]!.hostUrl = 'javascript:alert(document.cookie)';
    await expect(sendImport(bg.client.data, hostile)).rejects.toThrow(/Conversation 1 .*"hostUrl" .*http\(s\) URL.*Nothing was changed/);
    expect(await dumpDatabase(bg.factory)).toEqual(before);
    bg.store.close();
  });

  it('checks the header, the announced counts and the session', async () => {
    const { bg, file } = await filled();
    const before = await dumpDatabase(bg.factory);
    const { data } = bg.client;
    const counts = { tickets: 1, conversations: 0, contacts: 0, agents: 0, notes: 0, snippets: 0, settings: 0, activity: 0 };
    const header = { format: file.format, formatVersion: file.formatVersion, exportedAt: file.exportedAt, schemaVersion: file.schemaVersion };
    expect(await data.importBegin({ ...header, formatVersion: 3 as 1 }, counts)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/version 3 is unknown/) } });
    const { sessionId } = dataOf(await data.importBegin(header, counts));
    expect(await data.importChunk(sessionId, 'tickets', [file.records.tickets[0], file.records.tickets[1]])).toMatchObject({ ok: false, error: { message: expect.stringMatching(/more tickets than its import announced/) } });
    expect(await data.importCommit(sessionId)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const second = dataOf(await data.importBegin(header, counts));
    expect(await data.importCommit(second.sessionId)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/incomplete: 0 of 1 tickets/) } });
    const third = dataOf(await data.importBegin(header, counts));
    dataOf(await data.importChunk(third.sessionId, 'tickets', [file.records.tickets[0]]));
    expect(await data.importCommit(third.sessionId)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/exactly one settings record/) } });
    expect(await dumpDatabase(bg.factory)).toEqual(before);
    bg.store.close();
  });
});

function dataOf<T>(reply: { ok: true; data: T } | { ok: false; error: { message: string } }): T {
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data;
}
