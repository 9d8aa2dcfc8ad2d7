import './setup';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { withContactDefaults, type ContactV1 } from '../../../core/domain/contacts';
import { openHelpDesk } from '../../../core/store';
import { DB_NAME, DB_VERSION } from '../../../core/store/schema';
import { dumpDatabase } from '../background/harness';
import { openTestDesk, rawOpen } from './fixtures';

/**
 * Every database version the extension has shipped, as that version left it
 * on an agent's disk, opens with today's code and keeps every record. The
 * fixtures (fixtures/db-v<N>.json) are frozen descriptions: the stores and
 * indexes of that version and records of every kind, written here with the
 * raw IndexedDB API, never with today's migration code. A future migration
 * that drops or rewrites a record fails here; so does a new database version
 * released without a fixture of its own.
 */

interface IndexDescription {
  name: string;
  keyPath: string | string[];
  unique: boolean;
  multiEntry?: boolean;
}
interface Fixture {
  version: number;
  stores: Record<string, { keyPath: string; indexes: IndexDescription[] }>;
  records: Record<string, { id: string }[]>;
}

const DIR = join(__dirname, 'fixtures');
const FIXTURES: Fixture[] = readdirSync(DIR)
  .filter((f) => /^db-v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Fixture)
  .sort((a, b) => a.version - b.version);

/** The fixture's database, made the way that version made it: stores and indexes first, then every record. */
function writeFixture(factory: IDBFactory, fixture: Fixture): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, fixture.version);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const [name, store] of Object.entries(fixture.stores)) {
        const os = db.createObjectStore(name, { keyPath: store.keyPath });
        for (const index of store.indexes) os.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry ?? false });
      }
    };
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const names = Object.keys(fixture.records);
      const tx = db.transaction(names, 'readwrite');
      for (const name of names) for (const record of fixture.records[name]!) tx.objectStore(name).put(record);
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** Store → sorted index names, as the database really has them. */
async function indexesOf(factory: IDBFactory): Promise<Record<string, string[]>> {
  const db = await rawOpen(factory);
  const tx = db.transaction([...db.objectStoreNames], 'readonly');
  const out = Object.fromEntries([...db.objectStoreNames].map((n) => [n, [...tx.objectStore(n).indexNames].sort()]));
  db.close();
  return out;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('every released database version opens with every record kept', () => {
  it('has a fixture for each version from 1 to the current one', () => {
    expect(FIXTURES.map((f) => f.version)).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
  });

  describe.each(FIXTURES.map((f) => [f.version, f] as const))('version %i', (_version, fixture) => {
    let factory: IDBFactory;
    beforeEach(async () => {
      factory = new IDBFactory();
      await writeFixture(factory, fixture);
    });

    it('keeps every record of every store, unchanged, and the same count per store', async () => {
      const store = await openHelpDesk(factory, { keyRange: IDBKeyRange, now: () => 9_000_000_000_000 });
      store.close();
      const after = (await dumpDatabase(factory)) as Record<string, { id: string }[]>;
      const counts = (records: Record<string, unknown[]>) => Object.fromEntries(Object.entries(records).map(([k, v]) => [k, v.length]));
      // Stores a later version added (derived ones, filled from these records) are not the fixture's to count.
      const fixtureStores = Object.fromEntries(Object.keys(fixture.records).map((k) => [k, after[k] ?? []]));
      expect(counts(fixtureStores)).toEqual(counts(fixture.records));
      for (const [name, records] of Object.entries(fixture.records)) {
        // Contacts from before v4 gain identities and the merge fields (the v4 step); nothing else changes.
        const expected = name === 'contacts' ? records.map((r) => withContactDefaults(r as unknown as ContactV1)) : records;
        expect([...(after[name] ?? [])].sort(byId), name).toEqual([...expected].sort(byId));
      }
    });

    it('ends at the current version with the indexes a new installation has', async () => {
      (await openHelpDesk(factory, { keyRange: IDBKeyRange })).close();
      const fresh = await openTestDesk();
      fresh.store.close();
      const db = await rawOpen(factory);
      expect(db.version).toBe(DB_VERSION);
      db.close();
      expect(await indexesOf(factory)).toEqual(await indexesOf(fresh.factory));
    });

    it('reads its records through today’s store: tickets, their record page, settings, identity and preferences', async () => {
      const store = await openHelpDesk(factory, { keyRange: IDBKeyRange });
      const tickets = fixture.records.tickets as unknown as { id: string; name: string; deletedAt: number | null }[];
      const live = tickets.filter((t) => t.deletedAt === null);
      expect((await store.listTickets()).items.map((t) => t.id).sort()).toEqual(live.map((t) => t.id).sort());
      const first = live[0]!;
      const view = await store.ticketRecord(first.id);
      expect(view?.ticket).toEqual(tickets.find((t) => t.id === first.id));
      const activity = fixture.records.activity as unknown as { ticketId: string }[];
      expect(view?.activity).toHaveLength(activity.filter((a) => a.ticketId === first.id).length);
      expect(await store.settings()).toEqual(fixture.records.settings![0]);
      const meta = fixture.records.meta![0] as unknown as { deviceId: string; meId: string; lastClock: string };
      expect(await store.meta()).toEqual({ deviceId: meta.deviceId, meId: meta.meId, lastClock: meta.lastClock });
      for (const pref of fixture.records.prefs as unknown as { id: string; value: unknown }[]) expect(await store.getPref(pref.id)).toEqual(pref.value);
      expect((await store.listTrash()).items.map((i) => i.record.id).sort()).toEqual(
        Object.values(fixture.records)
          .flat()
          .filter((r) => (r as { deletedAt?: number | null }).deletedAt != null)
          .map((r) => r.id)
          .sort(),
      );
      store.close();
    });
  });
});
