import type { Reader } from '../domain/commands';
import { SETTINGS_ID } from '../domain/defaults';
import type { Settings, StoredRecord, Ticket } from '../domain/types';
import { getAllByIndex, getByIndex, getRecord, StorageError } from './idb';
import type { KeyRangeFactory } from './db';
import { CAUSE_STORES, META_ID, TRASHABLE_STORES, type MetaRecord } from './schema';

/**
 * The rules' Reader over one IndexedDB transaction: every read sees the same
 * snapshot the command's writes will land on. Tombstoned records are returned
 * like live ones (the Reader contract): callers check `deletedAt`.
 */
export function transactionReader(tx: IDBTransaction, range: KeyRangeFactory): StoreReader {
  return {
    settings: () => readSettings(tx),
    ticket: (id) => getRecord(tx, 'tickets', id),
    conversation: (id) => getRecord(tx, 'conversations', id),
    conversationByKey: (source, key) => getByIndex(tx, 'conversations', 'bySourceKey', [source, key]),
    conversationsOfTicket: (ticketId) => getAllByIndex(tx, 'conversations', 'byTicketId', ticketId),
    contact: (id) => getRecord(tx, 'contacts', id),
    // Contacts store their address lower-cased; match that whatever the caller passes.
    contactByEmail: (email) => getByIndex(tx, 'contacts', 'byEmail', email.toLowerCase()),
    contactByHandle: (handle) => getByIndex(tx, 'contacts', 'byHandle', handle),
    agent: (id) => getRecord(tx, 'agents', id),
    snippet: (id) => getRecord(tx, 'snippets', id),
    trashedBefore: (before) => trashedBefore(tx, range, before),
    notesOfTicket: (ticketId) => getAllByIndex(tx, 'notes', 'byTicketId', ticketId),
    ticketsByStatus: (stageId) => getAllByIndex(tx, 'tickets', 'byStatus', stageId),
    recordsOfCause: (causeId) => recordsOfCause(tx, causeId),
  };
}

/**
 * The rules' Reader plus the reads the store offers beyond it. Structurally a
 * `ReaderWithQueries` (core/domain/rules/session.ts): the rules detect
 * `ticketsByStatus` and then allow removing a stage that tickets are in.
 */
export interface StoreReader extends Reader {
  /** Tickets, live or trashed, whose status is `stageId` (for moving them off a removed stage). */
  ticketsByStatus(stageId: string): Promise<Ticket[]>;
  /** Tickets, conversations and notes last written by one command (one cascade). */
  recordsOfCause(causeId: string): Promise<StoredRecord[]>;
}

/** The installation record; openHelpDesk creates it, so missing means the database was tampered with. */
export async function readMeta(tx: IDBTransaction): Promise<MetaRecord> {
  const meta = await getRecord(tx, 'meta', META_ID);
  if (!meta) throw new StorageError('The installation record (meta) is missing: the help desk was not set up.');
  return meta;
}

export async function readSettings(tx: IDBTransaction): Promise<Settings> {
  const settings = await getRecord(tx, 'settings', SETTINGS_ID);
  if (!settings) throw new StorageError('The settings record is missing: the help desk was not set up.');
  return settings;
}

/**
 * `byDeletedAt` keys are `[deletedAt, id]` and live records are not in it, so
 * "deletedAt < before" is every key below `[before]` (a shorter array sorts
 * before all arrays it prefixes).
 */
async function trashedBefore(tx: IDBTransaction, range: KeyRangeFactory, before: number): Promise<StoredRecord[]> {
  const query = range.upperBound([before], true);
  const groups = await Promise.all(TRASHABLE_STORES.map((store) => getAllByIndex(tx, store, 'byDeletedAt', query)));
  return groups.flat();
}

async function recordsOfCause(tx: IDBTransaction, causeId: string): Promise<StoredRecord[]> {
  const groups = await Promise.all(CAUSE_STORES.map((store) => getAllByIndex(tx, store, 'byCauseId', causeId)));
  return groups.flat();
}
