import type { Reader } from '../domain/commands';
import { namesAgent, type ReaderWithReferenceQueries } from '../domain/rules/session';
import { SETTINGS_ID } from '../domain/defaults';
import type { Conversation, Settings, StoredRecord, Ticket } from '../domain/types';
import type { KeyRangeFactory } from './db';
import { StorageError } from './errors';
import { CAUSE_STORES, META_ID, TRASHABLE_STORES, type MetaRecord, type StoreTx } from './schema';

/**
 * The rules' Reader over one IndexedDB transaction: every read sees the same
 * snapshot the command's writes will land on. Tombstoned records are returned
 * like live ones (the Reader contract): callers check `deletedAt`.
 *
 * The methods are async so that a synchronous IndexedDB throw (a transaction
 * that is no longer active…) comes back as a rejection, like a failed request.
 */
export function transactionReader(tx: StoreTx, range: KeyRangeFactory): StoreReader {
  return {
    settings: () => readSettings(tx),
    ticket: async (id) => tx.objectStore('tickets').get(id),
    conversation: async (id) => tx.objectStore('conversations').get(id),
    conversationByKey: async (source, key) => tx.objectStore('conversations').index('bySourceKey').get([source, key]),
    conversationsOfTicket: async (ticketId) => tx.objectStore('conversations').index('byTicketId').getAll(ticketId),
    contact: async (id) => tx.objectStore('contacts').get(id),
    // Contacts store their address lower-cased; match that whatever the caller passes.
    contactByEmail: async (email) => tx.objectStore('contacts').index('byEmail').get(email.toLowerCase()),
    contactByHandle: async (handle) => tx.objectStore('contacts').index('byHandle').get(handle),
    contactsByLookupKey: async (key) => tx.objectStore('contacts').index('byLookupKey').getAll(key),
    contactsMergedInto: async (contactId) => tx.objectStore('contacts').index('byMergedInto').getAll(contactId),
    agent: async (id) => tx.objectStore('agents').get(id),
    snippet: async (id) => tx.objectStore('snippets').get(id),
    note: async (id) => tx.objectStore('notes').get(id),
    trashedBefore: (before) => trashedBefore(tx, range, before),
    notesOfTicket: async (ticketId) => tx.objectStore('notes').index('byTicketId').getAll(ticketId),
    // `[ticketId, []]` sorts after every `[ticketId, clock]` (arrays after strings): all of one ticket's history.
    activityOfTicket: async (ticketId) => tx.objectStore('activity').index('byTicketClock').getAll(range.bound([ticketId], [ticketId, []])),
    recordsOfContact: (contactId) => recordsOfContact(tx, contactId),
    ticketsByStatus: async (stageId) => tx.objectStore('tickets').index('byStatus').getAll(stageId),
    // `[p, []]` sorts after every `[p, updatedAt, id]`: all of one priority's tickets.
    ticketsByPriority: async (priorityId) => tx.objectStore('tickets').index('list.priority.updatedAt').getAll(range.bound([priorityId], [priorityId, []])),
    agentInUse: (agentId, ignore) => agentInUse(tx, agentId, ignore),
    recordsOfCause: (causeId) => recordsOfCause(tx, causeId),
  };
}

/**
 * The rules' Reader plus the reads the store offers beyond it. Structurally a
 * `ReaderWithQueries` (core/domain/rules/session.ts): the rules detect
 * `ticketsByStatus` and then allow removing a stage that tickets are in.
 */
export interface StoreReader extends Reader, ReaderWithReferenceQueries {
  /** Tickets, live or trashed, whose status is `stageId` (for moving them off a removed stage). */
  ticketsByStatus(stageId: string): Promise<Ticket[]>;
  /** Tickets, conversations and notes last written by one command (one cascade). */
  recordsOfCause(causeId: string): Promise<StoredRecord[]>;
}

/** The installation record; openHelpDesk creates it, so missing means the database was tampered with. */
export async function readMeta(tx: StoreTx): Promise<MetaRecord> {
  const meta = await tx.objectStore('meta').get(META_ID);
  if (!meta) throw new StorageError('The installation record (meta) is missing: the help desk was not set up.');
  return meta;
}

export async function readSettings(tx: StoreTx): Promise<Settings> {
  const settings = await tx.objectStore('settings').get(SETTINGS_ID);
  if (!settings) throw new StorageError('The settings record is missing: the help desk was not set up.');
  return settings;
}

/**
 * `byDeletedAt` keys are `[deletedAt, id]` and live records are not in it, so
 * "deletedAt < before" is every key below `[before]` (a shorter array sorts
 * before all arrays it prefixes).
 */
async function trashedBefore(tx: StoreTx, range: KeyRangeFactory, before: number): Promise<StoredRecord[]> {
  const query = range.upperBound([before], true);
  const groups = await Promise.all(
    TRASHABLE_STORES.map((store) => tx.objectStore(store).index('byDeletedAt').getAll(query)),
  );
  return groups.flat();
}

async function recordsOfContact(tx: StoreTx, contactId: string): Promise<(Ticket | Conversation)[]> {
  const [tickets, conversations] = await Promise.all([
    tx.objectStore('tickets').index('byContactId').getAll(contactId),
    tx.objectStore('conversations').index('byContactId').getAll(contactId),
  ]);
  return [...tickets, ...conversations];
}

async function recordsOfCause(tx: StoreTx, causeId: string): Promise<StoredRecord[]> {
  const groups = await Promise.all(CAUSE_STORES.map((store) => tx.objectStore(store).index('byCauseId').getAll(causeId)));
  return groups.flat();
}

/**
 * Owners have an index; history, conversations and notes don't, so those are
 * walked, and only until the first record that names the teammate. Asked by a
 * purge, for a teammate in the trash only: a teammate still named is found
 * early (history first: that is what names a teammate who owns nothing any
 * more), and one named nowhere is walked past once, then purged.
 */
async function agentInUse(tx: StoreTx, agentId: string, ignore: ReadonlySet<string>): Promise<boolean> {
  const owned = await tx.objectStore('tickets').index('byOwnerId').getAllKeys(agentId);
  if (owned.some((id) => !ignore.has(id))) return true;
  for (const name of ['activity', 'conversations', 'notes'] as const) {
    for (let cursor = await tx.objectStore(name).openCursor(); cursor; cursor = await cursor.continue()) {
      if (!ignore.has(cursor.value.id) && namesAgent(cursor.value, agentId)) return true;
    }
  }
  return false;
}
