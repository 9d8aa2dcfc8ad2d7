import type { Connection } from './db';
import { getRecord, readTransaction, request, StorageError, transactionDone } from './idb';
import type { PrefValue } from './schema';

/**
 * UI preferences (collapsed state, columns…): local to this installation, in
 * a store of their own that replication never reads (sync-ready-data §8).
 */

export async function readPref(conn: Connection, key: string): Promise<PrefValue | undefined> {
  const record = await getRecord(readTransaction(conn.db, ['prefs']), 'prefs', key);
  return record?.value;
}

/** Prefs are local UI state: a plain put, no command, no clock, never synced. */
export async function writePref(conn: Connection, key: string, value: PrefValue): Promise<void> {
  let tx: IDBTransaction;
  try {
    tx = conn.db.transaction(['prefs'], 'readwrite');
  } catch (error) {
    throw new StorageError(`Could not save the preference '${key}'`, { cause: error });
  }
  // Resolve only once committed; Promise.all also observes the abort if the put fails.
  await Promise.all([request(() => tx.objectStore('prefs').put({ id: key, value })), transactionDone(tx)]);
}
