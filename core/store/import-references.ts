import { SETTINGS_ID } from '../domain/defaults';
import type { RecordType } from '../domain/export-format';
import type { Activity, Contact, Conversation, Note, Settings, StoredRecord, Ticket } from '../domain/types';
import type { KeyRangeFactory } from './db';
import type { StoreTx } from './schema';

/**
 * What an import leaves in the database must hold together: the checks of
 * export-format.ts see the file alone, these see the merged result (the
 * file's records as merged with what was here, and what was here already)
 * inside the import's transaction, after its writes and before its commit.
 * A failure names the record; the caller aborts, so nothing is written.
 */

/** The final copy of every record the file carried, store by store (after the merge). */
export type Finals = Record<RecordType, StoredRecord[]>;

interface Reference {
  /** "ticket ticket:01…": the record that refers. */
  from: string;
  field: string;
  store: 'tickets' | 'contacts' | 'agents';
  id: string;
}

const NOUN = { tickets: 'ticket', contacts: 'contact', agents: 'teammate' } as const;
/** Lookups in flight at once: IndexedDB queues them; this bounds the promises held. */
const LOOKUPS = 500;

/** Throws (with the record named) at the first reference or status that does not hold; resolves otherwise. */
export async function checkMergedReferences(
  tx: StoreTx<'readwrite'>,
  range: KeyRangeFactory,
  finals: Finals,
  activity: readonly Activity[],
  settingsBefore: Settings | undefined,
  refuse: (message: string) => Error,
): Promise<void> {
  const refs: Reference[] = [];
  const push = (from: string, field: string, store: Reference['store'], id: string | null) => {
    if (id !== null) refs.push({ from, field, store, id });
  };
  for (const t of finals.tickets as Ticket[]) {
    push(`ticket ${t.id}`, 'contactId', 'contacts', t.contactId);
    push(`ticket ${t.id}`, 'ownerId', 'agents', t.ownerId);
  }
  for (const c of finals.conversations as Conversation[]) {
    push(`conversation ${c.id}`, 'ticketId', 'tickets', c.ticketId);
    push(`conversation ${c.id}`, 'contactId', 'contacts', c.contactId);
    push(`conversation ${c.id}`, 'ownerId', 'agents', c.ownerId);
  }
  for (const c of finals.contacts as Contact[]) {
    push(`contact ${c.id}`, 'mergedInto', 'contacts', c.mergedInto);
  }
  for (const n of finals.notes as Note[]) {
    push(`note ${n.id}`, 'ticketId', 'tickets', n.ticketId);
    push(`note ${n.id}`, 'authorId', 'agents', n.authorId);
  }
  for (const a of activity) {
    push(`activity entry ${a.id}`, 'ticketId', 'tickets', a.ticketId);
    push(`activity entry ${a.id}`, 'agentId', 'agents', a.agentId);
  }

  const present = await lookUp(tx, refs);
  const purged = new Map<string, Promise<boolean>>();
  for (const ref of refs) {
    if (present.get(keyOf(ref))) continue;
    // Emptying the trash now takes a ticket's history with it, but earlier versions kept it: their
    // backups may hold entries of a ticket purged after it was trashed. A merged-away ticket's history
    // stays when its tombstone is purged: it is part of the kept ticket's. Nothing else points nowhere.
    if (ref.from.startsWith('activity') && ref.field === 'ticketId') {
      if (!purged.has(ref.id)) purged.set(ref.id, wasTrashed(tx, range, ref.id));
      if (await purged.get(ref.id)) continue;
    }
    throw refuse(
      `The ${ref.from} has "${ref.field}": ${ref.id.slice(0, 80)}, but neither the file nor this help desk has that ${NOUN[ref.store]}.`,
    );
  }

  await checkStatuses(tx, range, finals, settingsBefore, refuse);
}

function keyOf(ref: Pick<Reference, 'store' | 'id'>): string {
  return `${ref.store}\n${ref.id}`;
}

/** Whether each referenced record is in the database now (this transaction's writes included). */
async function lookUp(tx: StoreTx<'readwrite'>, refs: readonly Reference[]): Promise<Map<string, boolean>> {
  const unique = new Map<string, Pick<Reference, 'store' | 'id'>>();
  for (const ref of refs) unique.set(keyOf(ref), ref);
  const targets = [...unique.values()];
  const present = new Map<string, boolean>();
  for (let i = 0; i < targets.length; i += LOOKUPS) {
    const batch = targets.slice(i, i + LOOKUPS);
    const keys = await Promise.all(batch.map((t) => tx.objectStore(t.store).getKey(t.id)));
    batch.forEach((t, j) => present.set(keyOf(t), keys[j] !== undefined));
  }
  return present;
}

/** A ticket whose history says it went to the trash or was merged away (and so may since have been purged). */
async function wasTrashed(tx: StoreTx<'readwrite'>, range: KeyRangeFactory, ticketId: string): Promise<boolean> {
  const keys = range.bound([ticketId, ''], [ticketId, '\uffff']);
  const entries = await tx.objectStore('activity').index('byTicketClock').getAll(keys);
  return entries.some((a) => a.kind === 'ticket.trashed' || a.kind === 'ticket.merged');
}


/**
 * Every live ticket has a status and a priority the (merged) settings know
 * (trashed tickets keep theirs: restoring one fixes its status). When the
 * import changed the statuses or priorities, tickets already here are checked
 * too: a file's settings must not drop a status or priority still in use.
 */
async function checkStatuses(
  tx: StoreTx<'readwrite'>,
  range: KeyRangeFactory,
  finals: Finals,
  settingsBefore: Settings | undefined,
  refuse: (message: string) => Error,
): Promise<void> {
  const settings = await tx.objectStore('settings').get(SETTINGS_ID);
  if (!settings) throw refuse('After the import this help desk would have no settings record.');
  const stages = new Set(settings.stages.map((s) => s.id));
  const priorities = new Set(settings.priorities.map((p) => p.id));
  const check = (t: Ticket) => {
    if (t.deletedAt !== null) return;
    if (!stages.has(t.status)) {
      throw refuse(`After the import, ticket ${t.id} ("${t.name.slice(0, 80)}") would have the status "${t.status.slice(0, 64)}", which is not one of the statuses.`);
    }
    if (!priorities.has(t.priority)) {
      throw refuse(`After the import, ticket ${t.id} ("${t.name.slice(0, 80)}") would have the priority "${t.priority.slice(0, 64)}", which is not one of the priorities.`);
    }
  };
  for (const t of finals.tickets as Ticket[]) check(t);
  const same = (a: { id: string }[] | undefined, b: { id: string }[]) => a !== undefined && a.every((x) => b.some((y) => y.id === x.id));
  if (same(settingsBefore?.stages, settings.stages) && same(settingsBefore?.priorities, settings.priorities)) return;
  // The file's settings dropped a status or priority that was here: every ticket here must still fit (read a page at a time).
  let after: string | undefined;
  for (;;) {
    const page = await tx.objectStore('tickets').getAll(after === undefined ? undefined : range.lowerBound(after, true), LOOKUPS);
    page.forEach(check);
    if (page.length < LOOKUPS) return;
    after = page[page.length - 1]!.id;
  }
}
