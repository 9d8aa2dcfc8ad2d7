import './setup';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openHelpDesk } from '../../../core/store';
import { openDatabase } from '../../../core/store/db';
import { DB_VERSION, MIGRATIONS } from '../../../core/store/schema';
import { agent, contact, conversation, openTestDesk, rawGetAll, rawIndexCount, rawOpen, seed, ticket } from './fixtures';
import { createV1Database, V1_META, V1_RECORDS } from './v1-fixture';

interface IndexShape {
  keyPath: string | string[];
  unique: boolean;
  multiEntry?: true;
}

/** store → index → key path and uniqueness, as the database really has them. */
async function schemaOf(factory: IDBFactory, name = 'tickets-in-place') {
  const db = await rawOpen(factory, name);
  const stores: Record<string, Record<string, IndexShape>> = {};
  const tx = db.transaction([...db.objectStoreNames], 'readonly');
  for (const storeName of db.objectStoreNames) {
    const store = tx.objectStore(storeName);
    expect(store.keyPath).toBe('id');
    stores[storeName] = {};
    for (const indexName of store.indexNames) {
      const index = store.index(indexName);
      stores[storeName][indexName] = index.multiEntry
        ? { keyPath: index.keyPath, unique: index.unique, multiEntry: true }
        : { keyPath: index.keyPath, unique: index.unique };
    }
  }
  const version = db.version;
  db.close();
  return { version, stores };
}

describe('store schema and migrations', () => {
  it('is at version 4, one migration step per version', () => {
    expect(DB_VERSION).toBe(4);
    expect(MIGRATIONS).toHaveLength(DB_VERSION);
  });

  it('v1 alone creates the initial stores and indexes', async () => {
    const factory = new IDBFactory();
    (await openDatabase(factory, 'tickets-in-place', 1)).close();
    const { version, stores } = await schemaOf(factory);
    expect(version).toBe(1);
    expect(Object.keys(stores).sort()).toEqual(
      ['activity', 'agents', 'contacts', 'conversations', 'meta', 'notes', 'prefs', 'settings', 'snippets', 'tickets'],
    );
    expect(Object.keys(stores.tickets ?? {}).sort()).toEqual(['byContactId', 'byCreatedAt', 'byOwnerId', 'byStatus']);
    expect(stores.conversations?.bySourceKey).toEqual({ keyPath: ['source', 'key'], unique: true });
    expect(stores.activity?.byTicketClock).toEqual({ keyPath: ['ticketId', 'clock'], unique: false });
    expect(stores.agents).toEqual({});
  });

  it('v4 adds the contacts\' identity, trash and merge indexes', async () => {
    const { store, factory } = await openTestDesk();
    store.close();
    const { version, stores } = await schemaOf(factory);
    expect(version).toBe(4);
    expect(stores.contacts?.byDeletedAt).toEqual({ keyPath: ['deletedAt', 'id'], unique: false });
    expect(stores.contacts?.byMergedInto).toEqual({ keyPath: 'mergedInto', unique: false });
    const db = await rawOpen(factory);
    expect(db.transaction('contacts').objectStore('contacts').index('byLookupKey').multiEntry).toBe(true);
    db.close();
  });

  it('v2 adds the dashboard, trash and cause indexes', async () => {
    const { store, factory } = await openTestDesk();
    store.close();
    const { stores } = await schemaOf(factory);
    expect(stores.tickets?.['list.status.updatedAt']).toEqual({ keyPath: ['status', 'updatedAt', 'id'], unique: false });
    expect(stores.tickets?.['list.createdAt']).toEqual({ keyPath: ['createdAt', 'id'], unique: false });
    expect(Object.keys(stores.tickets ?? {}).filter((n) => n.startsWith('list.'))).toHaveLength(8);
    for (const name of ['tickets', 'conversations', 'notes', 'snippets', 'agents']) {
      expect(stores[name]?.byDeletedAt).toEqual({ keyPath: ['deletedAt', 'id'], unique: false });
    }
    for (const name of ['tickets', 'conversations', 'notes']) expect(stores[name]?.byCauseId?.keyPath).toBe('causeId');
  });

  it('v3 adds the derived counts and search stores, filled from the records a v2 database holds', async () => {
    const factory = new IDBFactory();
    const v2 = await openDatabase(factory, 'tickets-in-place', 2);
    const [live, trashed] = [ticket(1, { name: 'Refund for Ana', status: 'waiting-us', priority: 'high' }), ticket(2, { deletedAt: 5 })];
    const ana = contact(1, { name: 'Ana Ruiz', email: 'ana@example.com' });
    await Promise.all([v2.put('tickets', live), v2.put('tickets', trashed), v2.put('contacts', ana)]);
    v2.close();
    const store = await openHelpDesk(factory, { keyRange: IDBKeyRange });
    store.close();
    const { version, stores } = await schemaOf(factory);
    expect(version).toBe(4);
    expect(stores.counts).toEqual({});
    expect(stores.search?.byTicketToken).toEqual({ keyPath: 'ticketTokens', unique: false, multiEntry: true });
    expect(await rawGetAll(factory, 'counts')).toEqual([
      { id: 'tickets', total: 1, byStatus: { 'waiting-us': 1 }, byPriority: { high: 1 }, byOwner: {}, unassigned: 1 },
    ]);
    const search = (await rawGetAll(factory, 'search')) as { id: string }[];
    expect(search.map((r) => r.id).sort()).toEqual([ana.id, live.id].sort());
    const reopened = await openHelpDesk(factory, { keyRange: IDBKeyRange });
    expect((await reopened.listTickets({ search: 'ruiz' })).items.map((t) => t.id)).toEqual([]);
    expect((await reopened.listTickets({ search: 'refund ana' })).items.map((t) => t.id)).toEqual([live.id]);
    reopened.close();
  });

  it('fails an upgrade with no migration step, saying why, and keeps the old version', async () => {
    const { store, factory } = await openTestDesk();
    store.close();
    await expect(openDatabase(factory, 'tickets-in-place', DB_VERSION + 1)).rejects.toThrow(
      `Could not upgrade the help desk database: No migration to database version ${DB_VERSION + 1}`,
    );
    expect((await schemaOf(factory)).version).toBe(DB_VERSION);
  });

  it('migrates a v1 database to the same schema a new installation gets', async () => {
    const migrated = new IDBFactory();
    await createV1Database(migrated);
    (await openHelpDesk(migrated, { keyRange: IDBKeyRange })).close();
    const fresh = await openTestDesk();
    fresh.store.close();
    expect(await schemaOf(migrated)).toEqual(await schemaOf(fresh.factory));
  });

  describe('from a v1 fixture database', () => {
    let factory: IDBFactory;
    beforeEach(async () => {
      factory = new IDBFactory();
      await createV1Database(factory);
    });

    it('keeps every record of every store, and this installation’s identity', async () => {
      const store = await openHelpDesk(factory, { keyRange: IDBKeyRange, now: () => 9_000_000 });
      for (const [name, records] of Object.entries(V1_RECORDS)) {
        const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
        expect(await rawGetAll(factory, name), name).toEqual([...records].sort(byId));
      }
      // The bootstrap found meta, the local agent and settings: nothing new was made.
      expect(await store.meta()).toEqual({ deviceId: V1_META.deviceId, meId: V1_META.meId, lastClock: V1_META.lastClock });
      expect(await store.getPref('sidebar.collapsed')).toBe(true);
      store.close();
    });

    it('answers v2 queries over the migrated records', async () => {
      const store = await openHelpDesk(factory, { keyRange: IDBKeyRange });
      const [open, unassigned, trashed] = V1_RECORDS.tickets;

      expect((await store.listTickets()).items.map((t) => t.id)).toEqual([unassigned.id, open.id]);
      expect((await store.listTickets({ priority: 'high' })).items.map((t) => t.id)).toEqual([open.id]);
      expect((await store.listTickets({ ownerId: null })).items.map((t) => t.id)).toEqual([unassigned.id]);
      expect(await store.countTickets()).toEqual({ byStatus: { new: 2, 'waiting-contact': 0, 'waiting-us': 0, closed: 0 }, total: 2 });

      const trash = await store.listTrash();
      expect(trash.items.map((i) => i.record.id)).toEqual([
        trashed.id,
        V1_RECORDS.conversations[2].id,
        V1_RECORDS.snippets[1].id,
        V1_RECORDS.agents[2].id,
      ]);
      expect((await store.recordsOfCause('cmd:V1TRASH')).map((r) => r.id).sort()).toEqual(
        [trashed.id, V1_RECORDS.conversations[2].id, V1_RECORDS.notes[1].id].sort(),
      );
      expect((await store.read((r) => r.trashedBefore(4900))).map((r) => r.id).sort()).toEqual(
        [V1_RECORDS.agents[2].id, V1_RECORDS.snippets[1].id].sort(),
      );

      const view = await store.ticketRecord(open.id);
      expect(view?.activity.map((a) => a.kind)).toEqual(['ticket.created']);
      store.close();
    });

    it('keeps working for commands after the migration', async () => {
      const store = await openHelpDesk(factory, { keyRange: IDBKeyRange });
      await seed(store, [ticket(70, { priority: 'urgent' })]);
      expect((await store.listTickets({ priority: 'urgent' })).items).toHaveLength(1);
      expect((await store.meta()).lastClock > V1_META.lastClock).toBe(true);
      store.close();
    });
  });
});

describe('IndexedDB skips null keys (verified with fake-indexeddb)', () => {
  it('indexes only trashed records by deletedAt, only assigned tickets by owner, only addresses by email', async () => {
    const { store, factory } = await openTestDesk();
    await seed(store, [
      ticket(1),
      ticket(2, { deletedAt: 100 }),
      ticket(3, { ownerId: agent(9).id }),
      conversation(4),
      conversation(5, { deletedAt: 200 }),
      contact(6, { email: null, handle: 'slack:U6' }),
      contact(7, { email: 'x@example.com' }),
    ]);
    expect(await rawIndexCount(factory, 'tickets', 'byDeletedAt')).toBe(1);
    expect(await rawIndexCount(factory, 'conversations', 'byDeletedAt')).toBe(1);
    expect(await rawIndexCount(factory, 'tickets', 'list.ownerId.updatedAt')).toBe(1);
    expect(await rawIndexCount(factory, 'tickets', 'list.updatedAt')).toBe(3);
    expect(await rawIndexCount(factory, 'contacts', 'byEmail')).toBe(1);
    expect(await rawIndexCount(factory, 'contacts', 'byHandle')).toBe(1);
    store.close();
  });
});
