import type { Connection } from './db';
import { StorageError } from './errors';
import type { PrefValue, StoreTx } from './schema';
import { openTransaction, readTransaction } from './transactions';

/**
 * UI preferences (collapsed state, columns…): local to this installation, in
 * a store of their own that replication never reads (docs/data.md "What never syncs").
 */

export async function readPref(conn: Connection, key: string): Promise<PrefValue | undefined> {
  const record = await readTransaction(conn.db, ['prefs']).objectStore('prefs').get(key);
  return record?.value;
}

/** Prefs are local UI state: a plain put, no command, no clock, never synced. */
export async function writePref(conn: Connection, key: string, value: PrefValue): Promise<void> {
  let tx: StoreTx<'readwrite'>;
  try {
    tx = openTransaction(conn.db, ['prefs'], 'readwrite');
  } catch (error) {
    throw new StorageError(`Could not save the preference '${key}'`, { cause: error });
  }
  // Resolve only once committed; Promise.all also observes the abort if the put fails.
  await Promise.all([tx.objectStore('prefs').put({ id: key, value }), tx.done]);
}
