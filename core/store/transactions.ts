import type { HelpDeskDatabase, StoreName, StoreTx } from './schema';

/**
 * What idb leaves to its callers: observing `tx.done`, aborting safely, and
 * walking a cursor.
 *
 * Every await here is on an idb request promise, which resolves from the
 * request's success event (in a microtask), so the transaction stays active
 * across it: IndexedDB commits a transaction only once no request is pending
 * when control returns to the event loop.
 */

/**
 * `db.transaction` with its `done` already observed. idb rejects `tx.done`
 * when the transaction aborts; nobody awaits a read's completion, and a
 * command may abort before it reaches `await tx.done`, so an unobserved
 * rejection would be reported as unhandled. Awaiting `tx.done` later still
 * sees the rejection.
 */
export function openTransaction<Mode extends 'readonly' | 'readwrite'>(
  db: HelpDeskDatabase,
  stores: StoreName[],
  mode: Mode,
): StoreTx<Mode> {
  const tx = db.transaction(stores, mode);
  tx.done.catch(() => undefined);
  return tx;
}

/** A read-only transaction (throws InvalidStateError on a closed connection). */
export function readTransaction(db: HelpDeskDatabase, stores: StoreName[]): StoreTx<'readonly'> {
  return openTransaction(db, stores, 'readonly');
}

/** Aborts unless the transaction already finished (abort would throw InvalidStateError). */
export function abortQuietly(tx: Pick<IDBTransaction, 'abort'>): void {
  try {
    tx.abort();
  } catch {
    // Already committed or aborted: nothing left to undo.
  }
}

/** What a walk needs of idb's IDBPCursorWithValue, whatever its store and index. */
interface ValueCursor<V> {
  readonly value: V;
  continue<T>(this: T): Promise<T | null>;
}

/**
 * Walks a cursor (`index.openCursor(query, direction)`) one record at a time
 * until `visit` returns false or the range ends. Only the records `visit`
 * keeps stay in memory.
 */
export async function walk<V>(opened: Promise<ValueCursor<V> | null>, visit: (value: V) => boolean): Promise<void> {
  for (let cursor = await opened; cursor; cursor = await cursor.continue()) {
    if (!visit(cursor.value)) return;
  }
}

/** Up to `limit` records of a cursor walk that `accept` keeps. */
export async function collect<V>(
  opened: Promise<ValueCursor<V> | null>,
  limit: number,
  accept: (value: V) => boolean,
): Promise<V[]> {
  const found: V[] = [];
  await walk(opened, (value) => {
    if (found.length < limit && accept(value)) found.push(value);
    return found.length < limit;
  });
  return found;
}
