import { wrap } from 'idb';
import { defaultSettings, SETTINGS_ID } from '../domain/defaults';
import { formatClock, nextClock } from '../domain/hlc';
import { makeId } from '../domain/ids';
import { SCHEMA_VERSION, type Agent } from '../domain/types';
import { asStorageError, describeError, isStorageFailure, StorageError } from './errors';
import {
  DB_VERSION,
  META_ID,
  upgradeDatabase,
  type HelpDeskDatabase,
  type MetaRecord,
  type StoreTx,
  type UpgradeTransaction,
} from './schema';
import { abortQuietly, openTransaction } from './transactions';

/** The static half of IDBKeyRange; it must come from the same IndexedDB implementation as the factory. */
export type KeyRangeFactory = Pick<typeof IDBKeyRange, 'bound' | 'lowerBound' | 'upperBound' | 'only'>;

/** An open database plus the key tools of its implementation. */
export interface Connection {
  db: HelpDeskDatabase;
  range: KeyRangeFactory;
  /** IndexedDB key order (the factory's `cmp`). */
  compare(a: IDBValidKey, b: IDBValidKey): number;
}

/**
 * Opens (creating or upgrading) the database at `version`. Tests pass 1 to
 * build a v1 fixture with the v1 step alone; the store always opens DB_VERSION.
 *
 * This is idb's `openDB` over the injected factory (openDB only knows the
 * global `indexedDB`): `factory.open`, the migrations on `upgradeneeded` with
 * wrapped objects, and `wrap` for the rest.
 */
export async function openDatabase(factory: IDBFactory, name: string, version: number = DB_VERSION): Promise<HelpDeskDatabase> {
  assertWrappable(factory);
  let request: IDBOpenDBRequest;
  try {
    request = factory.open(name, version);
  } catch (error) {
    throw openFailure(error);
  }
  let upgradeFailure: StorageError | undefined;
  request.addEventListener('upgradeneeded', (event) => {
    upgradeFailure = upgrade(request, event.oldVersion, event.newVersion ?? version);
  });
  let db: HelpDeskDatabase;
  try {
    // The one place the schema type is asserted: the database now has every store and index of HelpDeskDB.
    db = (await wrap(request)) as HelpDeskDatabase;
  } catch (error) {
    // An aborted upgrade fails the open with a bare AbortError: report why it aborted.
    throw upgradeFailure ?? openFailure(error);
  }
  // A newer extension version opening the database must not stay blocked
  // behind this connection: let go of it (the service worker restarts with
  // a fresh one anyway).
  db.addEventListener('versionchange', () => db.close());
  return db;
}

/**
 * idb recognises IndexedDB objects by `instanceof` against the global
 * classes and passes anything else through unwrapped, so a factory of another
 * implementation would fail later in confusing ways, after its open request
 * had already created an empty database. Refuse it before opening anything.
 */
function assertWrappable(factory: IDBFactory): void {
  if (typeof IDBFactory === 'undefined' || !(factory instanceof IDBFactory)) {
    throw openFailure(
      new TypeError("the factory is not the global IndexedDB implementation, which idb needs (tests: import 'fake-indexeddb/auto')"),
    );
  }
}

function openFailure(error: unknown): StorageError {
  return new StorageError(`Could not open the help desk database: ${describeError(error)}`, { cause: error });
}

/** Runs the migrations in the versionchange transaction; on failure aborts it (the old version stays intact) and says why. */
function upgrade(request: IDBOpenDBRequest, oldVersion: number, newVersion: number): StorageError | undefined {
  if (!request.transaction) return undefined;
  // wrap() types every transaction as read-only (openDB asserts the mode the
  // same way for its upgrade callback); this one is the versionchange transaction.
  const tx = wrap(request.transaction) as unknown as UpgradeTransaction;
  // wrap() gave it a `done` that rejects if the upgrade aborts; the open request reports that instead.
  tx.done.catch(() => undefined);
  try {
    upgradeDatabase(wrap(request.result), tx, oldVersion, newVersion);
    return undefined;
  } catch (error) {
    abortQuietly(tx);
    return new StorageError(`Could not upgrade the help desk database: ${describeError(error)}`, { cause: error });
  }
}

export interface BootstrapDeps {
  now: () => number;
  newUlid: () => string;
}

/**
 * Creates what a fresh installation needs — meta (device id, local agent id,
 * clock), the local agent and the settings record — each only if missing, in
 * one readwrite transaction. Concurrent calls serialize on that transaction
 * (same scope), so the second one finds everything in place.
 */
export async function bootstrapInstallation(db: HelpDeskDatabase, deps: BootstrapDeps): Promise<MetaRecord> {
  let tx: BootstrapTx;
  try {
    tx = openTransaction(db, ['meta', 'agents', 'settings'], 'readwrite');
  } catch (error) {
    throw new StorageError(`Could not prepare the help desk: ${describeError(error)}`, { cause: error });
  }
  try {
    const saved = await completeInstallation(tx, deps);
    await tx.done;
    return saved;
  } catch (error) {
    abortQuietly(tx);
    await tx.done.catch(() => undefined);
    throw isStorageFailure(error)
      ? asStorageError(error)
      : new StorageError(`Could not prepare the help desk: ${describeError(error)}`, { cause: error });
  }
}

type BootstrapTx = StoreTx<'readwrite'>;

/**
 * Adds whatever of meta, the local agent and settings is missing; returns
 * meta as saved. Erasing the help desk calls it again inside its own
 * transaction (core/store/backup.ts).
 */
export async function completeInstallation(tx: BootstrapTx, deps: BootstrapDeps): Promise<MetaRecord> {
  const meta = await ensureMeta(tx, deps);
  const missingAgent = !(await tx.objectStore('agents').get(meta.meId));
  const missingSettings = !(await tx.objectStore('settings').get(SETTINGS_ID));
  if (!missingAgent && !missingSettings) return meta;
  const now = deps.now();
  const at = {
    now,
    clock: nextClock(meta.lastClock, now, meta.deviceId),
    deviceId: meta.deviceId,
    agentId: meta.meId,
    causeId: makeId('cmd', deps.newUlid()),
  };
  // Defaults are clocked at time zero: "nobody chose yet" is older than any
  // edit on any device, so importing an export (or, later, syncing) into a
  // fresh or erased help desk keeps the agent's settings and name instead of
  // losing them to defaults that merely were written later.
  const defaults = { ...at, clock: formatClock({ ms: 0, counter: 0, deviceId: meta.deviceId }) };
  if (missingAgent) await tx.objectStore('agents').add(localAgent(meta.meId, defaults));
  if (missingSettings) await tx.objectStore('settings').add(defaultSettings(defaults));
  const saved = { ...meta, lastClock: at.clock };
  await tx.objectStore('meta').put(saved);
  return saved;
}

async function ensureMeta(tx: BootstrapTx, deps: BootstrapDeps): Promise<MetaRecord> {
  const stored = await tx.objectStore('meta').get(META_ID);
  if (stored) return stored;
  const deviceId = makeId('device', deps.newUlid());
  const meta: MetaRecord = {
    id: META_ID,
    deviceId,
    meId: makeId('agent', deps.newUlid()),
    lastClock: nextClock(null, deps.now(), deviceId),
  };
  await tx.objectStore('meta').add(meta);
  return meta;
}

function localAgent(id: string, at: { now: number; clock: string; deviceId: string; causeId: string }): Agent {
  return {
    id,
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    createdAt: at.now,
    updatedAt: at.now,
    updatedBy: id,
    deviceId: at.deviceId,
    clock: { name: at.clock, email: at.clock },
    causeId: at.causeId,
    deletedAt: null,
    name: 'Me',
    email: '',
  };
}
