import {
  EXPORT_STORES,
  RECORD_TYPES,
  type ExportCounts,
  type ExportData,
  type ExportStore,
  type RecordOf,
} from '../domain/export-format';
import { withContactDefaults } from '../domain/contacts';
import { SETTINGS_ID } from '../domain/defaults';
import { compareClock, receiveClock } from '../domain/hlc';
import { mergeRecords } from '../domain/merge';
import { maxClockOf, sameValue } from '../domain/records';
import type { Contact, StoredRecord } from '../domain/types';
import { completeInstallation, type BootstrapDeps, type Connection } from './db';
import { applyDerived, emptyCounts, type RecordChange } from './derived';
import { asStorageError, describeError, StorageError } from './errors';
import { checkMergedReferences, type Finals } from './import-references';
import { readMeta } from './reader';
import { COMMAND_STORES, type StoreTx } from './schema';
import { abortQuietly, openTransaction, readTransaction } from './transactions';

/**
 * Export, import and erase: the whole help desk at once (options → Data).
 *
 * Exports are read page by page (`getAll` over a key range, a chunk at a
 * time), so 100k tickets never sit in one array; each page reports the
 * installation's last clock as a consistency marker: every command moves it,
 * so pages that all carry the same marker were all read from one state.
 *
 * An import is one readwrite transaction over every synced store: all of it
 * lands or none does.
 */

export interface ExportSummary {
  counts: ExportCounts;
  /** meta.lastClock when counted; see ExportPage.marker. */
  marker: string;
}

export interface ExportPage {
  records: unknown[];
  /** The id to pass as `after` for the next page, or null after the last one. */
  next: string | null;
  /** meta.lastClock when this page was read: it differs from the summary's if anything changed in between. */
  marker: string;
}

export async function exportSummary(conn: Connection): Promise<ExportSummary> {
  const tx = readTransaction(conn.db, [...EXPORT_STORES, 'meta']);
  const [meta, counts] = await Promise.all([readMeta(tx), Promise.all(EXPORT_STORES.map((s) => tx.objectStore(s).count()))]);
  return { counts: Object.fromEntries(EXPORT_STORES.map((s, i) => [s, counts[i] ?? 0])) as ExportCounts, marker: meta.lastClock };
}

/** Up to `limit` records of one store in id order, after the id `after` (exclusive). */
export async function exportPage(conn: Connection, store: ExportStore, after: string | undefined, limit: number): Promise<ExportPage> {
  const tx = readTransaction(conn.db, [store, 'meta']);
  const range = after === undefined ? undefined : conn.range.lowerBound(after, true);
  const [meta, records] = await Promise.all([readMeta(tx), tx.objectStore(store).getAll(range, limit)]);
  const last = records[records.length - 1];
  return { records, next: records.length === limit && last ? last.id : null, marker: meta.lastClock };
}

/** An export page already serialised: the records as JSON, one per line, comma-separated (no brackets). */
export interface ExportTextPage {
  text: string;
  /** How many records `text` holds. */
  count: number;
  next: string | null;
  marker: string;
}

/**
 * Like exportPage, serialised here: a page travels to the options page as one
 * string instead of an object tree the message channel would serialise and
 * rebuild, and the page would serialise again. What the file holds is the
 * same JSON.stringify of each record.
 */
export async function exportTextPage(conn: Connection, store: ExportStore, after: string | undefined, limit: number): Promise<ExportTextPage> {
  const { records, next, marker } = await exportPage(conn, store, after, limit);
  return { text: records.map((r) => JSON.stringify(r)).join(',\n'), count: records.length, next, marker };
}

export interface ImportSummary {
  /** Records that were not here yet. */
  created: number;
  /** Records merged field by field with the copy already here (the newer clock of each field wins). */
  merged: number;
  /** Records already here exactly as in the file. */
  unchanged: number;
  /** Activity entries that were not here yet (history is a set union). */
  activityAdded: number;
}

/** Called while an import writes: records handled so far, out of all. */
export type ImportProgress = (done: number, total: number) => void;

/** A record the file and this help desk can't both have: the import is refused whole. */
export class ImportConflict extends Error {
  override readonly name = 'ImportConflict';
}

/** Records read and written per round trip: IndexedDB queues them, we await the batch. */
const BATCH = 500;
/** How often progress is reported, in records. */
export const PROGRESS_EVERY = 1000;

/**
 * Writes checked export data (core/domain/export-format.ts) in ONE readwrite
 * transaction: a record not here is added as it is, one already here is
 * merged with `mergeRecords`, activity entries are added unless present.
 * Before the commit, the merged result is checked across stores
 * (import-references.ts): a reference to nothing refuses the whole file. The
 * installation's clock then moves past every clock in the file, so the next
 * local edit is newer than anything imported.
 */
export async function importData(conn: Connection, deps: BootstrapDeps, data: ExportData, onProgress?: ImportProgress): Promise<ImportSummary> {
  const total = EXPORT_STORES.reduce((n, s) => n + data[s].length, 0);
  const summary: ImportSummary = { created: 0, merged: 0, unchanged: 0, activityAdded: 0 };
  let done = 0;
  let reported = 0;
  let newest = '';
  const progress = (count: number) => {
    done += count;
    if (done - reported >= PROGRESS_EVERY || done === total) {
      reported = done;
      onProgress?.(done, total);
    }
  };
  const tx = writeTransaction(conn);
  const finals = Object.fromEntries(RECORD_TYPES.map((s) => [s, []])) as unknown as Finals;
  try {
    const settingsBefore = await tx.objectStore('settings').get(SETTINGS_ID);
    for (const store of RECORD_TYPES) {
      const list: StoredRecord[] = data[store];
      for (let i = 0; i < list.length; i += BATCH) {
        const batch = list.slice(i, i + BATCH);
        for (const record of batch) newest = newer(newest, maxClockOf(record));
        await mergeBatch(tx, store, batch, summary, finals[store]);
        progress(batch.length);
      }
    }
    for (let i = 0; i < data.activity.length; i += BATCH) {
      const batch = data.activity.slice(i, i + BATCH);
      const activity = tx.objectStore('activity');
      const present = await Promise.all(batch.map((a) => activity.getKey(a.id)));
      const added = batch.filter((_, j) => present[j] === undefined);
      for (const a of batch) newest = newer(newest, a.clock);
      await Promise.all(added.map((a) => activity.add(a)));
      summary.activityAdded += added.length;
      progress(batch.length);
    }
    // Before the commit, over what the database now holds: a file can't leave a record pointing nowhere.
    await checkMergedReferences(tx, conn.range, finals, data.activity, settingsBefore, (m) => new ImportConflict(`${m} Nothing was changed.`));
    const meta = await readMeta(tx);
    if (newest !== '') await tx.objectStore('meta').put({ ...meta, lastClock: receiveClock(meta.lastClock, newest, deps.now(), meta.deviceId) });
    await tx.done;
    if (total === 0) onProgress?.(0, 0);
    return summary;
  } catch (error) {
    abortQuietly(tx);
    await tx.done.catch(() => undefined);
    if (error instanceof ImportConflict) throw error;
    throw new StorageError(`Could not import: ${describeError(asStorageError(error))}. Nothing was changed.`, { cause: error });
  }
}

async function mergeBatch(
  tx: StoreTx<'readwrite'>,
  store: (typeof RECORD_TYPES)[number],
  batch: StoredRecord[],
  summary: ImportSummary,
  finals: StoredRecord[],
): Promise<void> {
  // One store type per batch; idb's typing can't follow a store name that is a union.
  const os = tx.objectStore(store) as unknown as {
    get(id: string): Promise<StoredRecord | undefined>;
    put(record: StoredRecord): Promise<unknown>;
    index(name: 'bySourceKey'): { getKey(key: [string, string]): Promise<string | undefined> };
  };
  if (store === 'conversations') await replaceObservedCopies(tx, batch as RecordOf<'conversations'>[]);
  const stored = await Promise.all(batch.map((r) => os.get(r.id)));
  const writes: Promise<unknown>[] = [];
  const changes: RecordChange[] = [];
  batch.forEach((incoming, j) => {
    const here = stored[j];
    if (!here) {
      summary.created++;
      finals.push(incoming);
      writes.push(os.put(incoming));
      changes.push({ before: undefined, after: incoming });
      return;
    }
    // A contact's lookupKeys follow its identities and name, whichever copy each came from.
    const merged = store === 'contacts' ? withContactDefaults(mergeRecords(withContactDefaults(here as Contact), incoming as Contact)) : mergeRecords(here, incoming);
    finals.push(merged);
    if (sameValue(merged, here)) {
      summary.unchanged++;
    } else {
      summary.merged++;
      writes.push(os.put(merged));
      changes.push({ before: here, after: merged });
    }
  });
  await Promise.all([...writes, applyDerived(tx, changes)]);
}

/**
 * One conversation per thread (R2 rests on it): a thread this help desk
 * already recorded under another id can't take the file's copy too — unless
 * that copy is only what a sidebar saw (no ticket, open, no owner, no flag,
 * not trashed). An inbox tab left open records its conversation again right
 * after an erase; the file's copy then replaces that observation, and the
 * contact made for it goes too if nothing else refers to it. Anything the
 * agent did with the thread refuses the whole file.
 */
async function replaceObservedCopies(tx: StoreTx<'readwrite'>, batch: RecordOf<'conversations'>[]): Promise<void> {
  const conversations = tx.objectStore('conversations');
  const ids = await Promise.all(batch.map((c) => conversations.index('bySourceKey').getKey([c.source, c.key])));
  for (const [j, c] of batch.entries()) {
    const hereId = ids[j];
    if (hereId === undefined || hereId === c.id) continue;
    const here = await conversations.get(hereId);
    if (!here || !onlyObserved(here)) {
      throw new ImportConflict(
        `This help desk already has the ${c.source} conversation "${c.subject || c.key}" under another id (${hereId}), so the file's copy (${c.id}) can't be added. Erase this help desk first to restore the file as it is.`,
      );
    }
    await conversations.delete(here.id);
    if (here.contactId) await removeUnusedContact(tx, here.contactId);
  }
}

function onlyObserved(c: RecordOf<'conversations'>): boolean {
  return c.ticketId === null && c.deletedAt === null && c.status === 'open' && c.ownerId === null && c.flag === null;
}

/** A contact no ticket or conversation refers to and that was never blocked or marked as spam. */
async function removeUnusedContact(tx: StoreTx<'readwrite'>, contactId: string): Promise<void> {
  const contact = await tx.objectStore('contacts').get(contactId);
  if (!contact || contact.blocked || contact.spam) return;
  const [conversation, ticket, absorbed] = await Promise.all([
    tx.objectStore('conversations').index('byContactId').getKey(contactId),
    tx.objectStore('tickets').index('byContactId').getKey(contactId),
    tx.objectStore('contacts').index('byMergedInto').getKey(contactId),
  ]);
  if (conversation === undefined && ticket === undefined && absorbed === undefined) {
    await tx.objectStore('contacts').delete(contactId);
    await applyDerived(tx, [{ before: contact, after: undefined }]);
  }
}

function newer(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return compareClock(b, a) > 0 ? b : a;
}

/** Every synced store: what erase clears. `meta` (device and agent ids) and `prefs` stay. */
const DOMAIN_STORES = EXPORT_STORES;

/**
 * Erase all data: clears every synced store and sets the installation up
 * again (default settings, the local agent under the same id), in one
 * transaction.
 */
export async function eraseHelpDesk(conn: Connection, deps: BootstrapDeps): Promise<void> {
  const tx = writeTransaction(conn);
  try {
    await Promise.all([...DOMAIN_STORES, 'search' as const].map((s) => tx.objectStore(s).clear()));
    // Nothing left to count or search: the installation's agent and settings are neither.
    await tx.objectStore('counts').put(emptyCounts());
    await completeInstallation(tx, deps);
    await tx.done;
  } catch (error) {
    abortQuietly(tx);
    await tx.done.catch(() => undefined);
    throw new StorageError(`Could not erase the help desk: ${describeError(asStorageError(error))}. Nothing was changed.`, { cause: error });
  }
}

function writeTransaction(conn: Connection): StoreTx<'readwrite'> {
  try {
    return openTransaction(conn.db, COMMAND_STORES, 'readwrite');
  } catch (error) {
    throw new StorageError(`Could not open the help desk for writing: ${describeError(error)}`, { cause: error });
  }
}
