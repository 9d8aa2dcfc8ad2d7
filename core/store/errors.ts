/**
 * Storage failures as the store reports them.
 *
 * IndexedDB raises every failure as a DOMException (a failed request's
 * `error`, a synchronous TransactionInactiveError, an aborted transaction…)
 * and idb passes them on unchanged. The store turns them into StorageError at
 * its edges so that callers get one error type whose message keeps the
 * DOMException's name (`QuotaExceededError: …`), which the raw message lacks.
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

/** Raised by IndexedDB (or already wrapped): not a bug in the store's or the rules' own code. */
export function isStorageFailure(error: unknown): error is Error {
  return error instanceof StorageError || error instanceof DOMException;
}

/** A StorageError for an IndexedDB failure; any other error (a bug, a bad cursor) unchanged. */
export function asStorageError(error: unknown): unknown {
  return isStorageFailure(error) && !(error instanceof StorageError)
    ? new StorageError(describeError(error), { cause: error })
    : error;
}

/** Runs `op`; an IndexedDB failure, thrown or rejected, rejects as a StorageError. */
export async function storageCall<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (error) {
    throw asStorageError(error);
  }
}

/** Said when the browser's storage for the extension is full, where no localized words are given. */
export const QUOTA_MESSAGE = "The browser's storage for the extension is full. Nothing was changed. Free up disk space, then try again.";

/**
 * The browser's storage for the extension is full: IndexedDB's
 * QuotaExceededError (a request's error or the aborted transaction's), as it
 * comes or under our StorageError wrapper.
 */
export function isQuotaExceeded(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (e.name === 'QuotaExceededError') return true;
  }
  return false;
}
