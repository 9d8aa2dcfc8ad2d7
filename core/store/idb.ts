import type { StoreIndexes, StoreName, StoreRecords } from './schema';

/**
 * Small promise helpers over raw IndexedDB requests.
 *
 * Why not the `idb` wrapper: it recognises IndexedDB objects with `instanceof`
 * against the global IDBDatabase/IDBRequest/… classes, so it only works with
 * the ambient implementation. The store takes its IDBFactory as a parameter
 * (the background passes `indexedDB`, tests a fake-indexeddb factory) and so
 * must not depend on those globals.
 *
 * Each helper resolves from the request's own success callback, so awaiting
 * it keeps the transaction active (IndexedDB commits a transaction once no
 * request is pending when control returns to the event loop).
 */

/** An IndexedDB failure, with the DOMException's name kept in the message. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
}

/** `QuotaExceededError: The quota has been exceeded.` for a DOMException, the message otherwise. */
export function describeError(error: unknown): string {
  if (error instanceof StorageError) return error.message;
  if (error instanceof Error) {
    const own = error.message || 'no details';
    return error.name && error.name !== 'Error' && !own.startsWith(error.name) ? `${error.name}: ${own}` : own;
  }
  return String(error);
}

function asStorageError(error: unknown): StorageError {
  return error instanceof StorageError ? error : new StorageError(describeError(error), { cause: error });
}

/**
 * Issues a request and resolves with its result. `issue` runs inside a try so
 * that a synchronous throw (TransactionInactiveError, InvalidStateError on a
 * closed connection…) rejects like a failed request.
 */
export function request<T>(issue: () => IDBRequest): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let req: IDBRequest;
    try {
      req = issue();
    } catch (error) {
      reject(asStorageError(error));
      return;
    }
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(asStorageError(req.error ?? new Error('request failed')));
  });
}

/** Settles when the transaction commits (resolves) or aborts (rejects with the reason). */
export function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    tx.addEventListener('complete', () => resolve());
    tx.addEventListener('abort', () =>
      reject(new StorageError(tx.error ? describeError(tx.error) : 'the transaction was aborted')),
    );
  });
}

/** Aborts unless the transaction already finished (abort would throw InvalidStateError). */
export function abortQuietly(tx: IDBTransaction): void {
  try {
    tx.abort();
  } catch {
    // Already committed or aborted: nothing left to undo.
  }
}

/** A read-only transaction; a closed connection surfaces as a StorageError. */
export function readTransaction(db: IDBDatabase, stores: StoreName[]): IDBTransaction {
  try {
    return db.transaction(stores, 'readonly');
  } catch (error) {
    throw asStorageError(error);
  }
}

// --- Typed access: the casts from IndexedDB's `any` results live only here. ---

export type Query = IDBValidKey | IDBKeyRange;

function indexOf<N extends StoreName>(tx: IDBTransaction, store: N, index: StoreIndexes[N]): IDBIndex {
  return tx.objectStore(store).index(index);
}

export function getRecord<N extends StoreName>(tx: IDBTransaction, store: N, id: string): Promise<StoreRecords[N] | undefined> {
  return request(() => tx.objectStore(store).get(id));
}

export function getAllRecords<N extends StoreName>(tx: IDBTransaction, store: N): Promise<StoreRecords[N][]> {
  return request(() => tx.objectStore(store).getAll());
}

export function countRecords<N extends StoreName>(tx: IDBTransaction, store: N): Promise<number> {
  return request(() => tx.objectStore(store).count());
}

export function getByIndex<N extends StoreName>(
  tx: IDBTransaction,
  store: N,
  index: StoreIndexes[N],
  query: Query,
): Promise<StoreRecords[N] | undefined> {
  return request(() => indexOf(tx, store, index).get(query));
}

/** Every record under `query`: only for sets bounded by one parent (a ticket's conversations…). */
export function getAllByIndex<N extends StoreName>(
  tx: IDBTransaction,
  store: N,
  index: StoreIndexes[N],
  query: Query,
): Promise<StoreRecords[N][]> {
  return request(() => indexOf(tx, store, index).getAll(query));
}

export function countByIndex<N extends StoreName>(
  tx: IDBTransaction,
  store: N,
  index: StoreIndexes[N],
  query?: Query,
): Promise<number> {
  return request(() => indexOf(tx, store, index).count(query));
}

/**
 * Walks an index in key order, one record at a time, until `visit` returns
 * false or the range ends. Visiting is synchronous, inside the cursor's
 * success callback: no promise per record, and no record kept unless `visit`
 * keeps it.
 */
export function walkIndex<N extends StoreName>(
  tx: IDBTransaction,
  store: N,
  index: StoreIndexes[N],
  query: Query | null,
  direction: IDBCursorDirection,
  visit: (record: StoreRecords[N]) => boolean,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let req: IDBRequest<IDBCursorWithValue | null>;
    try {
      req = indexOf(tx, store, index).openCursor(query, direction);
    } catch (error) {
      reject(asStorageError(error));
      return;
    }
    req.onerror = () => reject(asStorageError(req.error ?? new Error('cursor failed')));
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return resolve();
      try {
        if (visit(cursor.value as StoreRecords[N])) cursor.continue();
        else resolve();
      } catch (error) {
        reject(error);
      }
    };
  });
}

/** Up to `limit` records of an index walk that `accept` keeps. */
export async function collectByIndex<N extends StoreName>(
  tx: IDBTransaction,
  store: N,
  index: StoreIndexes[N],
  query: Query | null,
  direction: IDBCursorDirection,
  limit: number,
  accept: (record: StoreRecords[N]) => boolean,
): Promise<StoreRecords[N][]> {
  const found: StoreRecords[N][] = [];
  if (limit <= 0) return found;
  await walkIndex(tx, store, index, query, direction, (record) => {
    if (accept(record)) found.push(record);
    return found.length < limit;
  });
  return found;
}
