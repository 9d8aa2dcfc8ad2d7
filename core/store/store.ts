import type { Command, Outcome } from '../domain/commands';
import { newUlid as defaultNewUlid } from '../domain/ids';
import type { Agent, ConversationSnapshot, LocalMeta, Settings, Snippet, StoredRecord } from '../domain/types';
import { bootstrapInstallation, openDatabase, type Connection, type KeyRangeFactory } from './db';
import { executeCommand, type ApplyCommand, type FaultInjector } from './execute';
import { DEFAULT_SCAN_BUDGET, listTickets, type TicketPage, type TicketQuery } from './list-tickets';
import { findTickets, type TicketHit, type TicketSearch } from './find-tickets';
import {
  agentList,
  countTickets,
  localMeta,
  settingsRecord,
  sidebarView,
  contactSuggestions,
  type ContactSuggestion,
  snippetList,
  ticketRecord,
  type SidebarView,
  type TicketCounts,
  type TicketRecordView,
} from './queries';
import { readPref, writePref } from './prefs';
import type { ExportData, ExportStore } from '../domain/export-format';
import { eraseHelpDesk, exportPage, exportSummary, exportTextPage, importData, type ExportPage, type ExportTextPage, type ExportSummary, type ImportProgress, type ImportSummary } from './backup';
import { transactionReader, type StoreReader } from './reader';
import { storageCall } from './errors';
import { CAUSE_STORES, DB_NAME, type PrefValue, type StoreName } from './schema';
import { readTransaction } from './transactions';
import { listTrash, type TrashPage, type TrashQuery } from './trash';
import { ticketStats, type TicketStats } from './stats';

export interface HelpDeskOptions {
  /** Database name; default `tickets-in-place`. */
  name?: string;
  /** Wall clock in ms; the only source of time. */
  now?: () => number;
  /** New ULIDs; default: time-ordered ULIDs stamped with `now()`. */
  newUlid?: () => string;
  /**
   * IDBKeyRange of the same implementation as the factory (tests: the one
   * from fake-indexeddb). Default: the page's or worker's own IDBKeyRange —
   * a stateless constructor, the only global the store falls back to for data.
   */
  keyRange?: KeyRangeFactory;
  /** Test hook: throw from it to fail a command at a given write. */
  faultInjector?: FaultInjector;
  /** Records one list page may walk at most (see TicketPage.nextCursor). */
  scanBudget?: number;
}

/**
 * The help desk's storage. It holds only the database connection: meta,
 * clocks and settings are read from IndexedDB on every call, so a service
 * worker restarted at any moment loses nothing.
 */
export interface HelpDeskStore {
  /** Runs one command atomically (see executeCommand); never throws. */
  execute(cmd: Command, apply: ApplyCommand): Promise<Outcome>;
  /** Runs reads in one read-only transaction with the rules' Reader (await only its methods inside). */
  read<T>(fn: (reader: StoreReader) => Promise<T>): Promise<T>;
  sidebarView(snapshot: ConversationSnapshot): Promise<SidebarView>;
  /** Contacts that are probably the conversation's contact too (never linked without the agent). */
  contactSuggestions(snapshot: ConversationSnapshot): Promise<ContactSuggestion[]>;
  ticketRecord(ticketId: string): Promise<TicketRecordView | null>;
  listTickets(query?: TicketQuery): Promise<TicketPage>;
  /** R3: tickets to add a conversation to, by what the agent typed (core/store/find-tickets.ts). */
  findTickets(search: TicketSearch): Promise<TicketHit[]>;
  countTickets(): Promise<TicketCounts>;
  /** Dashboard charts: live tickets per status, created and closed per day (`dayStarts`: ascending day boundaries). */
  ticketStats(dayStarts: number[]): Promise<TicketStats>;
  listTrash(query?: TrashQuery): Promise<TrashPage>;
  /** Tickets, conversations and notes last written by one command. */
  recordsOfCause(causeId: string): Promise<StoredRecord[]>;
  settings(): Promise<Settings>;
  /** Live agents. */
  agents(): Promise<Agent[]>;
  /** Live saved replies. */
  snippets(): Promise<Snippet[]>;
  meta(): Promise<LocalMeta>;
  getPref(key: string): Promise<PrefValue | undefined>;
  setPref(key: string, value: PrefValue): Promise<void>;
  /** Export: record counts per store, and one page of a store in id order (core/store/backup.ts). */
  exportSummary(): Promise<ExportSummary>;
  exportPage(store: ExportStore, after: string | undefined, limit: number): Promise<ExportPage>;
  exportTextPage(store: ExportStore, after: string | undefined, limit: number): Promise<ExportTextPage>;
  /** Import checked export data in one transaction (merging by id); throws ImportConflict or StorageError. */
  importData(data: ExportData, onProgress?: ImportProgress): Promise<ImportSummary>;
  /** Clears every synced store and sets the installation up again, in one transaction. */
  erase(): Promise<void>;
  close(): void;
}

/**
 * Opens the database (creating or migrating it), then makes sure this
 * installation has its meta, local agent and settings. Safe to call any number
 * of times, concurrently too.
 *
 * `factory` must be of the IndexedDB implementation whose classes are the
 * globals (idb recognises its objects with `instanceof`): `indexedDB` in the
 * extension; in tests any `new IDBFactory()` from fake-indexeddb once
 * 'fake-indexeddb/auto' is loaded. Another one is refused with a StorageError.
 */
export async function openHelpDesk(factory: IDBFactory, opts: HelpDeskOptions = {}): Promise<HelpDeskStore> {
  const now = opts.now ?? (() => Date.now());
  const newUlid = opts.newUlid ?? (() => defaultNewUlid(now()));
  const range = opts.keyRange ?? ambientKeyRange();
  const db = await openDatabase(factory, opts.name ?? DB_NAME);
  try {
    await bootstrapInstallation(db, { now, newUlid });
  } catch (error) {
    db.close();
    throw error;
  }
  const conn: Connection = { db, range, compare: (a, b) => factory.cmp(a, b) };
  const scanBudget = opts.scanBudget ?? DEFAULT_SCAN_BUDGET;
  const deps = { now, newUlid, faultInjector: opts.faultInjector };

  // Every read goes through storageCall: an IndexedDB failure (a DOMException,
  // thrown or rejected, as idb passes it on) rejects as a StorageError, while
  // other errors (a bad list cursor's RangeError) pass through as they are.
  return {
    execute: (cmd, apply) => executeCommand(conn, deps, cmd, apply),
    read: (fn) => storageCall(() => fn(transactionReader(readTransaction(db, READER_STORES), range))),
    sidebarView: (snapshot) => storageCall(() => sidebarView(conn, snapshot, now())),
    contactSuggestions: (snapshot) => storageCall(() => contactSuggestions(conn, snapshot)),
    ticketRecord: (ticketId) => storageCall(() => ticketRecord(conn, ticketId)),
    listTickets: (query = {}) => storageCall(() => listTickets(conn, query, scanBudget, now())),
    findTickets: (search) => storageCall(() => findTickets(conn, search, scanBudget)),
    countTickets: () => storageCall(() => countTickets(conn)),
    ticketStats: (dayStarts) => storageCall(() => ticketStats(conn, dayStarts)),
    listTrash: (query) => storageCall(() => listTrash(conn, query)),
    recordsOfCause: (causeId) =>
      storageCall(() => transactionReader(readTransaction(db, [...CAUSE_STORES]), range).recordsOfCause(causeId)),
    settings: () => storageCall(() => settingsRecord(conn)),
    agents: () => storageCall(() => agentList(conn)),
    snippets: () => storageCall(() => snippetList(conn)),
    meta: () => storageCall(() => localMeta(conn)),
    getPref: (key) => storageCall(() => readPref(conn, key)),
    setPref: (key, value) => storageCall(() => writePref(conn, key, value)),
    exportSummary: () => storageCall(() => exportSummary(conn)),
    exportPage: (store, after, limit) => storageCall(() => exportPage(conn, store, after, limit)),
    exportTextPage: (store, after, limit) => storageCall(() => exportTextPage(conn, store, after, limit)),
    importData: (data, onProgress) => importData(conn, deps, data, onProgress),
    erase: () => eraseHelpDesk(conn, deps),
    close: () => db.close(),
  };
}

/** Every store the Reader reads. */
const READER_STORES: StoreName[] = ['tickets', 'conversations', 'contacts', 'agents', 'notes', 'snippets', 'settings', 'activity'];

function ambientKeyRange(): KeyRangeFactory {
  const ambient: KeyRangeFactory | undefined = (globalThis as { IDBKeyRange?: KeyRangeFactory }).IDBKeyRange;
  if (!ambient) throw new Error('openHelpDesk: no IDBKeyRange here; pass opts.keyRange from the same IndexedDB implementation.');
  return ambient;
}
