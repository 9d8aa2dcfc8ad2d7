import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { prefixOf } from '../domain/ids';
import type { Activity, Agent, Contact, Conversation, LocalMeta, Note, Settings, Snippet, Ticket } from '../domain/types';
import { rebuildDerived, type CountsRecord, type RebuildTx, type SearchRecord } from './derived';

/**
 * The IndexedDB schema of the help desk and its migration path.
 *
 * Every object store is keyed by `id`. Synced records keep the id they will
 * have as CouchDB documents (docs/data.md); the two local
 * stores (`meta`, `prefs`) never sync and are kept apart so replication can
 * take whole stores without filtering.
 */

export const DB_NAME = 'tickets-in-place';

/** Bump together with a new step at the end of MIGRATIONS. */
export const DB_VERSION = 4;

/** The single record of the `meta` store. */
export const META_ID = 'local';

export interface MetaRecord extends LocalMeta {
  id: typeof META_ID;
}

/** UI preferences are plain structured-clone data, never synced and never commands. */
export type PrefValue = string | number | boolean | null | PrefValue[] | { [key: string]: PrefValue };

export interface PrefRecord {
  /** The preference key. */
  id: string;
  value: PrefValue;
}

export type ListSort = 'updatedAt' | 'createdAt';
export type ListFilter = 'status' | 'priority' | 'ownerId';

/**
 * Dashboard indexes: `[filter?, sort, id]`. The trailing `id` makes every key
 * unique, so a page resumes with an exclusive key bound even when thousands of
 * tickets share one `updatedAt` (a bulk stage move stamps them all at once).
 */
export type TicketListIndex = `list.${ListSort}` | `list.${ListFilter}.${ListSort}`;

/** `[deletedAt, id]`: only trashed records have a valid key (see the v2 step). */
type TrashKey = [deletedAt: number, id: string];

type TicketListKeys = { [I in `list.${ListSort}`]: [sortValue: number, id: string] } & {
  [I in `list.${ListFilter}.${ListSort}`]: [filterValue: string, sortValue: number, id: string];
};

/**
 * The current schema for idb's typed API: what each store holds and the key
 * of each index (the version that added each index is in MIGRATIONS). Every
 * store is keyed by the record's string `id`.
 */
export interface HelpDeskDB extends DBSchema {
  tickets: {
    key: string;
    value: Ticket;
    indexes: {
      byStatus: string;
      byOwnerId: string;
      byCreatedAt: number;
      byContactId: string;
      byDeletedAt: TrashKey;
      byCauseId: string;
    } & TicketListKeys;
  };
  conversations: {
    key: string;
    value: Conversation;
    indexes: {
      bySourceKey: [source: string, key: string];
      byTicketId: string;
      byContactId: string;
      byDeletedAt: TrashKey;
      byCauseId: string;
    };
  };
  contacts: {
    key: string;
    value: Contact;
    indexes: { byEmail: string; byHandle: string; byLookupKey: string; byDeletedAt: TrashKey; byMergedInto: string };
  };
  agents: { key: string; value: Agent; indexes: { byDeletedAt: TrashKey } };
  notes: { key: string; value: Note; indexes: { byTicketId: string; byDeletedAt: TrashKey; byCauseId: string } };
  snippets: { key: string; value: Snippet; indexes: { byDeletedAt: TrashKey } };
  settings: { key: string; value: Settings };
  /** History order is (clock, id): the index sorts by clock, then by primary key. */
  activity: { key: string; value: Activity; indexes: { byTicketClock: [ticketId: string, clock: string] } };
  meta: { key: string; value: MetaRecord };
  prefs: { key: string; value: PrefRecord };
  /** Derived, local (core/store/derived.ts): live ticket counts, one record. */
  counts: { key: string; value: CountsRecord };
  /** Derived, local: the words of each live ticket, contact and note, one multiEntry index per kind. */
  search: { key: string; value: SearchRecord; indexes: { byTicketToken: string; byContactToken: string; byNoteToken: string } };
}

export type StoreName = StoreNames<HelpDeskDB>;

/** An open help desk database, typed by the current schema. */
export type HelpDeskDatabase = IDBPDatabase<HelpDeskDB>;

/**
 * A transaction over some of the stores, in any mode: what read helpers take,
 * so one helper serves a query's read-only transaction and a command's
 * readwrite one alike.
 */
export type StoreTx<Mode extends IDBTransactionMode = IDBTransactionMode> = IDBPTransaction<HelpDeskDB, StoreName[], Mode>;

/** Stores whose records can be in the trash; each has a `byDeletedAt` index (`[deletedAt, id]`). */
export const TRASHABLE_STORES = ['tickets', 'conversations', 'notes', 'snippets', 'agents', 'contacts'] as const;
export type TrashableStore = (typeof TRASHABLE_STORES)[number];

/** Stores a cascade stamps with one causeId; each has a `byCauseId` index. */
export const CAUSE_STORES = ['tickets', 'conversations', 'notes'] as const;

/** Every store a command may touch: one readwrite transaction spans them all. */
export const COMMAND_STORES: StoreName[] = [
  'tickets',
  'conversations',
  'contacts',
  'agents',
  'notes',
  'snippets',
  'settings',
  'activity',
  'meta',
  'counts',
  'search',
];

/** Id prefix → the store that holds records with that prefix. */
const STORE_OF_PREFIX: Readonly<Record<string, StoreName>> = {
  ticket: 'tickets',
  conversation: 'conversations',
  contact: 'contacts',
  agent: 'agents',
  note: 'notes',
  snippet: 'snippets',
  settings: 'settings',
  activity: 'activity',
};

/** The store a record id belongs to, or undefined for an id no store holds. */
export function storeForId(id: string): StoreName | undefined {
  return STORE_OF_PREFIX[prefixOf(id)];
}

// ---------------------------------------------------------------------------
// Migrations. MIGRATIONS[n - 1] takes a database from version n - 1 to n.
// A shipped step is frozen: it spells out its own names and key paths instead
// of reading shared constants, so that editing a constant later can never
// change what an old step creates. Changes go in a new step.
// ---------------------------------------------------------------------------

/**
 * Migration steps see the database untyped (idb's `IDBPDatabase<unknown>`):
 * HelpDeskDB describes the latest version only, and an old step must neither
 * be checked against nor change with it.
 */
export type UpgradeDatabase = IDBPDatabase<unknown>;
export type UpgradeTransaction = IDBPTransaction<unknown, string[], 'versionchange'>;
export type Migration = (db: UpgradeDatabase, tx: UpgradeTransaction) => void;

/** v1: the initial stores and the indexes the sidebar and the rules need. */
export function createInitialStores(db: UpgradeDatabase): void {
  const tickets = db.createObjectStore('tickets', { keyPath: 'id' });
  tickets.createIndex('byStatus', 'status');
  tickets.createIndex('byOwnerId', 'ownerId');
  tickets.createIndex('byCreatedAt', 'createdAt');
  tickets.createIndex('byContactId', 'contactId');

  const conversations = db.createObjectStore('conversations', { keyPath: 'id' });
  // R2 relies on finding "the" conversation of a thread: one record per (source, key).
  conversations.createIndex('bySourceKey', ['source', 'key'], { unique: true });
  conversations.createIndex('byTicketId', 'ticketId');
  conversations.createIndex('byContactId', 'contactId');

  const contacts = db.createObjectStore('contacts', { keyPath: 'id' });
  // Not unique: two offline devices may each create the contact for one address;
  // the team edition merges them, the index must not reject the replica.
  contacts.createIndex('byEmail', 'email');
  contacts.createIndex('byHandle', 'handle');

  db.createObjectStore('agents', { keyPath: 'id' });

  const notes = db.createObjectStore('notes', { keyPath: 'id' });
  notes.createIndex('byTicketId', 'ticketId');

  db.createObjectStore('snippets', { keyPath: 'id' });
  db.createObjectStore('settings', { keyPath: 'id' });

  const activity = db.createObjectStore('activity', { keyPath: 'id' });
  // History order is (clock, id): the index sorts by clock and then by primary key.
  activity.createIndex('byTicketClock', ['ticketId', 'clock']);

  db.createObjectStore('meta', { keyPath: 'id' });
  db.createObjectStore('prefs', { keyPath: 'id' });
}

/**
 * v2: indexes for the dashboard list, the trash and replayable cascades.
 * IndexedDB builds a new index over the records already stored, so a v1
 * database keeps every record and gains these lookups.
 */
export function addDashboardAndTrashIndexes(_db: UpgradeDatabase, tx: UpgradeTransaction): void {
  const tickets = tx.objectStore('tickets');
  // A null owner makes the key invalid, so unassigned tickets are simply absent
  // from `list.ownerId.*`; the list finds them by scanning `list.<sort>`.
  for (const sort of ['updatedAt', 'createdAt']) {
    tickets.createIndex(`list.${sort}`, [sort, 'id']);
    for (const filter of ['status', 'priority', 'ownerId']) {
      tickets.createIndex(`list.${filter}.${sort}`, [filter, sort, 'id']);
    }
  }

  // Live records have deletedAt null, which is not a valid key: only trashed
  // records enter these indexes, so the trash is listed without scanning.
  for (const name of ['tickets', 'conversations', 'notes', 'snippets', 'agents']) {
    tx.objectStore(name).createIndex('byDeletedAt', ['deletedAt', 'id']);
  }

  // Everything one cascade (R8 close, R11 trash) touched shares its causeId.
  for (const name of ['tickets', 'conversations', 'notes']) {
    tx.objectStore(name).createIndex('byCauseId', 'causeId');
  }
}

/**
 * v3: derived local stores kept up to date by every write (core/store/derived.ts):
 * `counts` (live tickets per status, priority, owner) so the dashboard never
 * counts an index, and `search` (the words of each live ticket, contact and
 * note) so a search looks words up instead of reading every ticket. Both are
 * filled here from the records already stored, inside the upgrade. The fill
 * is today's `rebuildDerived` (derived data, not a layout): a later change to
 * the words or counts rebuilds them in a step of its own.
 */
export function addCountsAndSearchIndex(db: UpgradeDatabase, tx: UpgradeTransaction): void {
  db.createObjectStore('counts', { keyPath: 'id' });
  const search = db.createObjectStore('search', { keyPath: 'id' });
  search.createIndex('byTicketToken', 'ticketTokens', { multiEntry: true });
  search.createIndex('byContactToken', 'contactTokens', { multiEntry: true });
  search.createIndex('byNoteToken', 'noteTokens', { multiEntry: true });
  // Requests keep the versionchange transaction alive; a failure aborts it (the old version stays).
  rebuildDerived(tx as unknown as RebuildTx).catch(() => {
    try {
      tx.abort();
    } catch {
      // Already finished.
    }
  });
}

/**
 * v4: contacts with several identities. Every contact gets `identities`
 * (from its email and handle), `mergedInto`, `merge`, `notSameAs` and the
 * derived `lookupKeys`, which the multiEntry `byLookupKey` index spreads into
 * one key per identity (and one for a name of two words or more), so a
 * lookup by any identity is one index get. A merged-away contact is in the
 * trash (`byDeletedAt`) and found from the one it went into (`byMergedInto`).
 * The key format is spelled out here, frozen, like the index names.
 */
export function addContactIdentities(_db: UpgradeDatabase, tx: UpgradeTransaction): void {
  const contacts = tx.objectStore('contacts');
  contacts.createIndex('byLookupKey', 'lookupKeys', { multiEntry: true });
  contacts.createIndex('byDeletedAt', ['deletedAt', 'id']);
  contacts.createIndex('byMergedInto', 'mergedInto');
  // Requests only (no other await): the versionchange transaction stays active; a failure aborts the upgrade.
  const fill = async () => {
    for (let cursor = await contacts.openCursor(); cursor; cursor = await cursor.continue()) {
      const c = cursor.value as Record<string, unknown>;
      if (Array.isArray(c.identities)) continue;
      const identities: { kind: string; value: string }[] = [];
      if (typeof c.email === 'string' && c.email) identities.push({ kind: 'email', value: c.email });
      if (typeof c.handle === 'string' && c.handle) identities.push({ kind: 'handle', value: c.handle });
      const keys = identities.map((i) => `${i.kind}:${i.value}`);
      const name = String(c.name ?? '')
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .trim();
      if (!name.includes('@') && name.split(' ').filter((w) => /\p{L}/u.test(w)).length >= 2) keys.push(`name:${name}`);
      await cursor.update({ ...c, identities, mergedInto: null, merge: null, notSameAs: [], lookupKeys: [...new Set(keys)] });
    }
  };
  void fill().catch(() => {
    try {
      tx.abort();
    } catch {
      // already finished: the open reports the failure
    }
  });
}

export const MIGRATIONS: readonly Migration[] = [createInitialStores, addDashboardAndTrashIndexes, addCountsAndSearchIndex, addContactIdentities];

/** Runs every step between the two versions, in order, inside the versionchange transaction. */
export function upgradeDatabase(db: UpgradeDatabase, tx: UpgradeTransaction, oldVersion: number, newVersion: number): void {
  for (let version = oldVersion + 1; version <= newVersion; version++) {
    const step = MIGRATIONS[version - 1];
    if (!step) throw new Error(`No migration to database version ${version}`);
    step(db, tx);
  }
}
