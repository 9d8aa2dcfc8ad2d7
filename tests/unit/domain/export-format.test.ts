import '../store/setup';
import type * as v from 'valibot';
import {
  checkExportFile,
  checkRecord,
  parseExportText,
  RECORD_SCHEMAS,
  type ExportFile,
  type ExportStore,
  type RecordOf,
} from '../../../core/domain/export-format';
import { exportFile, fillHelpDesk, openBackground } from '../store/backup-fixtures';

// Compile-time check (npm run typecheck): each record schema's output is exactly its record type, both ways.
type Out<S extends ExportStore> = v.InferOutput<(typeof RECORD_SCHEMAS)[S]>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: { [S in ExportStore]: Same<Out<S>, RecordOf<S>> } = {
  tickets: true,
  conversations: true,
  contacts: true,
  agents: true,
  notes: true,
  snippets: true,
  settings: true,
  activity: true,
};

let sample: ExportFile;

beforeAll(async () => {
  const bg = await openBackground();
  await fillHelpDesk(bg);
  sample = await exportFile(bg);
  bg.store.close();
});

/** A deep copy of the sample with one change made by `edit` (loosely typed: the point is to break it). */
function changed(edit: (file: Record<string, any>) => void): unknown {
  const copy = JSON.parse(JSON.stringify(sample)) as Record<string, any>;
  edit(copy);
  return copy;
}

describe('export format: what a real export holds', () => {
  it('passes its own checks, trashed records and every sync field included', () => {
    expect(Object.values(sameShapes).every(Boolean)).toBe(true);
    const checked = checkExportFile(sample);
    if (!checked.ok) throw new Error(checked.error);
    expect(checked.value).toEqual(sample);
    const { records, activity } = sample;
    expect(records.tickets.some((t) => t.deletedAt !== null)).toBe(true);
    expect(records.snippets.some((s) => s.deletedAt !== null)).toBe(true);
    expect(records.settings).toHaveLength(1);
    expect(records.agents).toHaveLength(2);
    expect(activity.length).toBeGreaterThan(5);
    for (const t of records.tickets) {
      expect(Object.keys(t)).toEqual(expect.arrayContaining(['id', 'clock', 'version', 'causeId', 'deviceId', 'updatedBy', 'schemaVersion', 'deletedAt']));
      expect(Object.keys(t.clock).length).toBeGreaterThan(5);
    }
  });

  it('carries each ticket’s SLA record and the SLA settings', () => {
    expect(sample.records.tickets.length).toBeGreaterThan(0);
    for (const t of sample.records.tickets) expect(t.sla?.statusLog.length).toBeGreaterThan(0);
    expect(sample.records.settings[0]?.sla?.policies.urgent).toEqual({ firstResponse: 60, resolution: 240 });
  });

  it('a file from before SLAs (no `sla` on tickets or settings) still loads', () => {
    const old = changed((f) => {
      for (const r of [...f.records.tickets, ...f.records.settings]) {
        delete r.sla;
        delete r.clock.sla;
      }
    });
    const checked = checkExportFile(old);
    if (!checked.ok) throw new Error(checked.error);
    expect(checked.value.records.tickets[0]?.sla).toBeUndefined();
  });

  it('round-trips through its own text', () => {
    const checked = parseExportText(JSON.stringify(sample));
    expect(checked).toEqual({ ok: true, value: sample });
  });
});

describe('export format: refused files say what is wrong', () => {
  it.each<[string, () => unknown, RegExp]>([
    ['an unknown format version', () => changed((f) => (f.formatVersion = 2)), /format version 2 is unknown/i],
    ['another format', () => changed((f) => (f.format = 'zendesk')), /not a Tickets in place export .*"zendesk"/i],
    ['a newer record schema', () => changed((f) => (f.schemaVersion = 9)), /newer Tickets in place .*schema 9/i],
    ['no records', () => changed((f) => delete f.records), /no "records"/i],
    ['a missing record list', () => changed((f) => delete f.records.notes), /"records\.notes" is missing/i],
    ['an unknown record type', () => changed((f) => (f.records.invoices = [])), /unknown record type "invoices"/i],
    ['a wrong type', () => changed((f) => (f.records.tickets[0].version = '2')), /ticket 1 \(ticket:.*field "version" is wrong: expected number, got "2"/i],
    ['an id without its prefix', () => changed((f) => (f.records.tickets[0].id = f.records.conversations[0].id)), /ticket 1 .*field "id" .*"ticket:<ULID>" id/i],
    ['a javascript: host URL', () => changed((f) => (f.records.conversations[0].hostUrl = 'javascript:alert(1)')), /field "hostUrl" .*http\(s\) URL/i],
    ['a data: host URL', () => changed((f) => (f.records.conversations[0].hostUrl = 'data:text/html,<script>x</script>')), /field "hostUrl"/i],
    ['a _-prefixed field', () => changed((f) => (f.records.tickets[0]._rev = '1-abc')), /ticket 1 .*"_rev": field names starting with "_"/i],
    ['a __proto__ key', () => JSON.parse(JSON.stringify(sample).replace('"clock":{', '"clock":{"__proto__":{"polluted":1},')), /"__proto__"/i],
    ['an unknown field', () => changed((f) => (f.records.contacts[0].password = 'x')), /contact 1 .*field "password" is not a known field/i],
    ['a bad clock', () => changed((f) => (f.records.tickets[0].clock.name = 'yesterday')), /field "clock\.name" .*clock/i],
    ['a bad property id', () => changed((f) => (f.records.tickets[0].custom = { 'plan': 'Pro' })), /field "custom\.plan"|property id/i],
    ['two closed stages', () => changed((f) => f.records.settings[0].stages.forEach((s: { closed: boolean }) => (s.closed = true))), /exactly one closed status/i],
    ['two settings records', () => changed((f) => f.records.settings.push(f.records.settings[0])), /settings record/i],
    ['an id twice', () => changed((f) => f.records.notes.push(f.records.notes[0])), /the note note:\w+ appears twice/i],
    ['one thread twice', () => changed((f) => f.records.conversations.push({ ...f.records.conversations[0], id: f.records.conversations[0].id.replace(/.$/, 'Z') })), /two conversations are the same demo thread "t-/i],
    ['a conversation of a ticket the file lacks', () => changed((f) => (f.records.conversations[0].ticketId = 'ticket:01J00000000000000000000000')), /conversation 1 \(conversation:\w+\) has "ticketId": ticket:01J0+, but the file has no such ticket/i],
    ['a note of a ticket the file lacks', () => changed((f) => (f.records.notes[0].ticketId = 'ticket:01J00000000000000000000000')), /note 1 .*"ticketId".*no such ticket/i],
    ['a ticket of a contact the file lacks', () => changed((f) => (f.records.tickets[0].contactId = 'contact:01J00000000000000000000000')), /ticket 1 .*"contactId".*no such contact/i],
    ['activity filed under another ticket', () => changed((f) => (f.activity[0].ticketId = f.records.tickets[1].id)), /activity entry 1 .*its ticket's/i],
    ['an SLA holiday that is not a date', () => changed((f) => (f.records.settings[0].sla.holidays = ['2026-02-30'])), /field "sla\.holidays.*date/i],
    ['an SLA target of zero', () => changed((f) => (f.records.settings[0].sla.policies.urgent.firstResponse = 0)), /field "sla\.policies/i],
    ['an unknown activity kind', () => changed((f) => (f.activity[0].kind = 'ticket.exploded')), /field "kind"/i],
    ['a huge number', () => changed((f) => (f.records.tickets[0].createdAt = 1e300)), /field "createdAt"/i],
    ['a text too long', () => changed((f) => (f.records.notes[0].text = 'x'.repeat(10_001))), /note 1 .*field "text" is too long \(at most 10000\)/i],
    ['a list where a record goes', () => changed((f) => (f.records.agents[0] = [1, 2])), /teammate 1: expected an object, got a list/i],
    ['an array for a file', () => [sample], /not a Tickets in place export/],
  ])('%s', (_name, make, message) => {
    const checked = checkExportFile(make());
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toMatch(message);
  });

  it('a truncated file is not JSON, and says it may have been cut off', () => {
    const text = JSON.stringify(sample);
    const checked = parseExportText(text.slice(0, Math.floor(text.length * 0.6)));
    expect(checked).toMatchObject({ ok: false, error: expect.stringMatching(/not complete JSON .*cut off/) });
  });

  it('does not pollute prototypes or keep unknown keys in what it returns', () => {
    const hostile = JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(sample.records.agents[0]).slice(1)}`);
    expect(checkRecord('agents', hostile, 0).ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
