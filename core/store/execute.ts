import type { Applied, Command, CommandContext, Outcome, Refusal, Write } from '../domain/commands';
import { nextClock } from '../domain/hlc';
import { makeId, prefixOf } from '../domain/ids';
import type { StoredRecord } from '../domain/types';
import type { Connection } from './db';
import { applyDerived, type RecordChange } from './derived';
import { refusal, type RefusalKey } from '../domain/refusals';
import { describeError, isQuotaExceeded, isStorageFailure, StorageError } from './errors';
import { readMeta, transactionReader, type StoreReader } from './reader';
import { COMMAND_STORES, storeForId, type MetaRecord, type StoreName, type StoreTx } from './schema';
import { abortQuietly, openTransaction } from './transactions';

/**
 * Turns a command into writes; the background passes the rules' applyCommand.
 * The reader also answers `ticketsByStatus`, which the rules detect.
 */
export type ApplyCommand = (reader: StoreReader, ctx: CommandContext) => Promise<Outcome>;

/** Test hook: called before each write; throwing simulates an IndexedDB failure at that write. */
export type FaultInjector = (write: Write, index: number) => void;

export interface ExecuteDeps {
  now: () => number;
  newUlid: () => string;
  faultInjector?: FaultInjector;
}

/** A put whose stored version is not the one it was computed from. */
class VersionConflict extends Error {
  constructor(readonly recordId: string) {
    super(`${recordId} changed elsewhere`);
  }
}

/** A write for an id no store holds: a bug in the rules, not a storage failure. */
class UnroutableWrite extends Error {}

/**
 * Runs one command as one readwrite transaction over every store a command
 * may touch: read meta → stamp the clock → `apply` reads through the same
 * transaction → write everything or nothing.
 *
 * Between its first request and the commit this function awaits only idb
 * request promises (and `apply`, which must do the same): they resolve in a
 * microtask of the request's success event, while an await on anything else
 * lets the transaction auto-commit halfway.
 *
 * Never throws: failures come back as `{ ok: false }` outcomes.
 */
export async function executeCommand(
  conn: Connection,
  deps: ExecuteDeps,
  cmd: Command,
  apply: ApplyCommand,
): Promise<Outcome> {
  let tx: CommandTx;
  try {
    tx = openTransaction(conn.db, COMMAND_STORES, 'readwrite');
  } catch (error) {
    return storageFailure(cmd, error);
  }
  let phase: 'prepare' | 'apply' | 'write' = 'prepare';
  try {
    const meta = await readMeta(tx);
    const ctx = commandContext(meta, deps);
    phase = 'apply';
    const outcome = await apply(transactionReader(tx, conn.range), ctx);
    if (!outcome.ok) {
      // A refusal writes nothing, not even the clock it was given.
      abortQuietly(tx);
      await tx.done.catch(() => undefined);
      return outcome;
    }
    phase = 'write';
    await writeApplied(tx, outcome.value, deps.faultInjector);
    await tx.objectStore('meta').put({ ...meta, lastClock: ctx.clock });
    await tx.done;
    return outcome;
  } catch (error) {
    abortQuietly(tx);
    await tx.done.catch(() => undefined);
    return { ok: false, error: refusalFor(cmd, error, phase) };
  }
}

type CommandTx = StoreTx<'readwrite'>;

function commandContext(meta: MetaRecord, deps: ExecuteDeps): CommandContext {
  const now = deps.now();
  return {
    now,
    clock: nextClock(meta.lastClock, now, meta.deviceId),
    causeId: makeId('cmd', deps.newUlid()),
    agentId: meta.meId,
    deviceId: meta.deviceId,
    newUlid: deps.newUlid,
  };
}

/** Every write, then every activity entry, in order, then the derived stores; the first failure aborts the lot. */
async function writeApplied(tx: CommandTx, applied: Applied, faultInjector: FaultInjector | undefined): Promise<void> {
  const changes: RecordChange[] = [];
  for (const [index, write] of applied.writes.entries()) {
    if (faultInjector) {
      try {
        faultInjector(write, index);
      } catch (error) {
        throw new StorageError(describeError(error), { cause: error });
      }
    }
    if (write.op === 'put') changes.push({ before: await putIfUnchanged(tx, write.record), after: write.record });
    else changes.push({ before: await removeRecord(tx, write.id), after: undefined });
  }
  await applyDerived(tx, changes);
  for (const entry of applied.activity) {
    // `add`, not `put`: activity is append-only, an existing id is a bug to surface.
    await tx.objectStore('activity').add(entry);
  }
}

/**
 * Compare-and-set on `version`: the record must be new at version 1, or
 * stored at exactly `version - 1`. Another tab's command that landed first
 * (IndexedDB serializes them) makes this one's record stale.
 */
async function putIfUnchanged(tx: CommandTx, record: StoredRecord): Promise<StoredRecord | undefined> {
  const store = routeWrite(record.id);
  if (store === 'activity') throw new UnroutableWrite(`activity '${record.id}' is append-only: it goes in Applied.activity`);
  const stored = await tx.objectStore(store).get(record.id);
  const expected = stored === undefined ? record.version === 1 : stored.version === record.version - 1;
  if (!expected) throw new VersionConflict(record.id);
  await tx.objectStore(store).put(record);
  return stored;
}

/** Deletes a record; returns what was stored (activity entries are not records the derived stores follow). */
async function removeRecord(tx: CommandTx, id: string): Promise<StoredRecord | undefined> {
  const store = routeWrite(id);
  if (store === 'activity') {
    await tx.objectStore(store).delete(id);
    return undefined;
  }
  const stored = await tx.objectStore(store).get(id);
  await tx.objectStore(store).delete(id);
  return stored;
}

/** Records (and activity, which a purge may remove) are routed by id prefix; local stores never. */
function routeWrite(id: string): Exclude<StoreName, 'meta' | 'prefs' | 'counts' | 'search'> {
  const store = storeForId(id);
  if (!store || store === 'meta' || store === 'prefs' || store === 'counts' || store === 'search') throw new UnroutableWrite(`no store holds records with id '${id}'`);
  return store;
}

const KIND_OF_PREFIX: Readonly<Record<string, RefusalKey>> = {
  ticket: 'changedTicket',
  conversation: 'changedConversation',
  contact: 'changedContact',
  agent: 'changedAgent',
  note: 'changedNote',
  snippet: 'changedSnippet',
  settings: 'changedSettings',
};

function refusalFor(cmd: Command, error: unknown, phase: 'prepare' | 'apply' | 'write'): Refusal {
  if (error instanceof VersionConflict) {
    return refusal('conflict', KIND_OF_PREFIX[prefixOf(error.recordId)] ?? 'changedRecord');
  }
  if (error instanceof UnroutableWrite) {
    return refusal('internal', 'saveFailed', { type: cmd.type, detail: error.message });
  }
  // An exception out of `apply` that IndexedDB did not raise is a bug in the rules.
  if (phase === 'apply' && !isStorageFailure(error)) {
    return refusal('internal', 'applyFailed', { type: cmd.type, detail: describeError(error) });
  }
  return storageFailure(cmd, error).error;
}

/** Plain words for the IndexedDB failures people can act on; the raw name stays for diagnosis. */
const STORAGE_REASONS: Readonly<Record<string, string>> = {
  QuotaExceededError: "the browser's storage for the extension is full",
  ConstraintError: 'a record with the same unique key already exists',
  TransactionInactiveError: 'the transaction had already closed (the command awaited something other than IndexedDB)',
  InvalidStateError: 'the transaction had already finished or the database connection was closed',
  AbortError: 'the transaction was aborted',
};

function storageFailure(cmd: Command, error: unknown): { ok: false; error: Refusal } {
  const name = domErrorName(error);
  const reason = (name && STORAGE_REASONS[name]) ?? describeError(error).replace(/\.+$/, '');
  const tag = name && STORAGE_REASONS[name] ? ` [${name}]` : '';
  const refused = refusal('storage', 'saveFailed', { type: cmd.type, detail: `${reason}${tag}` });
  // Tagged so that the background can word it in the agent's language: they can free space and try again.
  return { ok: false, error: isQuotaExceeded(error) ? { ...refused, reason: 'quota' } : refused };
}

/** The DOMException's name, as idb passes it on or under our StorageError wrapper, if there is one. */
function domErrorName(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    if (!(e instanceof StorageError) && e.name !== 'Error') return e.name;
  }
  return undefined;
}
