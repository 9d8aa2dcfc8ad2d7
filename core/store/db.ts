import { defaultSettings, SETTINGS_ID } from '../domain/defaults';
import { nextClock } from '../domain/hlc';
import { makeId } from '../domain/ids';
import { SCHEMA_VERSION, type Agent } from '../domain/types';
import { abortQuietly, describeError, getRecord, request, StorageError, transactionDone } from './idb';
import { DB_VERSION, META_ID, upgradeDatabase, type MetaRecord } from './schema';

/** The static half of IDBKeyRange; it must come from the same IndexedDB implementation as the factory. */
export type KeyRangeFactory = Pick<typeof IDBKeyRange, 'bound' | 'lowerBound' | 'upperBound' | 'only'>;

/** An open database plus the key tools of its implementation. */
export interface Connection {
  db: IDBDatabase;
  range: KeyRangeFactory;
  /** IndexedDB key order (the factory's `cmp`). */
  compare(a: IDBValidKey, b: IDBValidKey): number;
}

/**
 * Opens (creating or upgrading) the database at `version`. Tests pass 1 to
 * build a v1 fixture with the v1 step alone; the store always opens DB_VERSION.
 */
export function openDatabase(factory: IDBFactory, name: string, version: number = DB_VERSION): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    let req: IDBOpenDBRequest;
    try {
      req = factory.open(name, version);
    } catch (error) {
      reject(new StorageError(`Could not open the help desk database: ${describeError(error)}`, { cause: error }));
      return;
    }
    req.onupgradeneeded = (event) => {
      const tx = req.transaction;
      if (!tx) return;
      try {
        upgradeDatabase(req.result, tx, event.oldVersion, event.newVersion ?? version);
      } catch (error) {
        // Aborting the versionchange transaction fails the open and keeps the old version intact.
        abortQuietly(tx);
        reject(new StorageError(`Could not upgrade the help desk database: ${describeError(error)}`, { cause: error }));
      }
    };
    req.onerror = () =>
      reject(new StorageError(`Could not open the help desk database: ${describeError(req.error)}`, { cause: req.error }));
    req.onsuccess = () => {
      const db = req.result;
      // A newer extension version opening the database must not stay blocked
      // behind this connection: let go of it (the service worker restarts with
      // a fresh one anyway).
      db.onversionchange = () => db.close();
      resolve(db);
    };
  });
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
export async function bootstrapInstallation(db: IDBDatabase, deps: BootstrapDeps): Promise<MetaRecord> {
  let tx: IDBTransaction;
  try {
    tx = db.transaction(['meta', 'agents', 'settings'], 'readwrite');
  } catch (error) {
    throw new StorageError(`Could not prepare the help desk: ${describeError(error)}`, { cause: error });
  }
  const done = transactionDone(tx);
  try {
    const meta = await ensureMeta(tx, deps);
    const missingAgent = !(await getRecord(tx, 'agents', meta.meId));
    const missingSettings = !(await getRecord(tx, 'settings', SETTINGS_ID));
    let saved = meta;
    if (missingAgent || missingSettings) {
      const now = deps.now();
      const at = {
        now,
        clock: nextClock(meta.lastClock, now, meta.deviceId),
        deviceId: meta.deviceId,
        agentId: meta.meId,
        causeId: makeId('cmd', deps.newUlid()),
      };
      if (missingAgent) await request(() => tx.objectStore('agents').add(localAgent(meta.meId, at)));
      if (missingSettings) await request(() => tx.objectStore('settings').add(defaultSettings(at)));
      saved = { ...meta, lastClock: at.clock };
      await request(() => tx.objectStore('meta').put(saved));
    }
    await done;
    return saved;
  } catch (error) {
    abortQuietly(tx);
    await done.catch(() => undefined);
    throw error instanceof StorageError
      ? error
      : new StorageError(`Could not prepare the help desk: ${describeError(error)}`, { cause: error });
  }
}

async function ensureMeta(tx: IDBTransaction, deps: BootstrapDeps): Promise<MetaRecord> {
  const stored = await getRecord(tx, 'meta', META_ID);
  if (stored) return stored;
  const deviceId = makeId('device', deps.newUlid());
  const meta: MetaRecord = {
    id: META_ID,
    deviceId,
    meId: makeId('agent', deps.newUlid()),
    lastClock: nextClock(null, deps.now(), deviceId),
  };
  await request(() => tx.objectStore('meta').add(meta));
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
