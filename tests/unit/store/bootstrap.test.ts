import './setup';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DEFAULT_DISPLAYED, DEFAULT_STAGES, SETTINGS_ID } from '../../../core/domain/defaults';
import { parseClock } from '../../../core/domain/hlc';
import { openHelpDesk } from '../../../core/store';
import { openTestDesk, rawGetAll, testClock } from './fixtures';

describe('store bootstrap', () => {
  it('sets up a new installation: meta, the local agent and default settings', async () => {
    const { store, factory, clock } = await openTestDesk();
    const meta = await store.meta();
    expect(meta.deviceId).toMatch(/^device:\w{26}$/);
    expect(meta.meId).toMatch(/^agent:\w{26}$/);
    expect(parseClock(meta.lastClock).deviceId).toBe(meta.deviceId);

    const agents = await store.agents();
    expect(agents).toHaveLength(1);
    expect(agents[0]).toMatchObject({ id: meta.meId, name: 'Me', email: '', version: 1, deletedAt: null, updatedBy: meta.meId });
    expect(agents[0]?.createdAt).toBe(clock.now());

    const settings = await store.settings();
    expect(settings.id).toBe(SETTINGS_ID);
    expect(settings.stages).toEqual(DEFAULT_STAGES);
    expect(settings.displayedProperties).toEqual(DEFAULT_DISPLAYED);
    expect(settings.deviceId).toBe(meta.deviceId);

    // Meta is a local store of its own, never one of the synced records.
    expect(await rawGetAll(factory, 'meta')).toHaveLength(1);
    store.close();
  });

  it('is idempotent: opening twice keeps one meta, one local agent, one settings record', async () => {
    const factory = new IDBFactory();
    const clock = testClock();
    const opts = { keyRange: IDBKeyRange, now: clock.now, newUlid: clock.newUlid };
    const first = await openHelpDesk(factory, opts);
    const meta = await first.meta();
    first.close();

    clock.advance(5000);
    const second = await openHelpDesk(factory, opts);
    expect(await second.meta()).toEqual(meta);
    expect(await rawGetAll(factory, 'meta')).toHaveLength(1);
    expect(await rawGetAll(factory, 'agents')).toHaveLength(1);
    expect(await rawGetAll(factory, 'settings')).toHaveLength(1);
    second.close();
  });

  it('is safe to open concurrently (a restarting service worker racing a page)', async () => {
    const factory = new IDBFactory();
    const clock = testClock();
    const opts = { keyRange: IDBKeyRange, now: clock.now, newUlid: clock.newUlid };
    const stores = await Promise.all([openHelpDesk(factory, opts), openHelpDesk(factory, opts), openHelpDesk(factory, opts)]);
    const metas = await Promise.all(stores.map((s) => s.meta()));
    expect(new Set(metas.map((m) => m.meId)).size).toBe(1);
    expect(await rawGetAll(factory, 'meta')).toHaveLength(1);
    expect(await rawGetAll(factory, 'agents')).toHaveLength(1);
    expect(await rawGetAll(factory, 'settings')).toHaveLength(1);
    stores.forEach((s) => s.close());
  });

  it('restores a missing local agent or settings record without touching meta ids', async () => {
    const { store, factory } = await openTestDesk();
    const meta = await store.meta();
    store.close();
    // Simulate a half-written installation: drop the settings record.
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = factory.open('tickets-in-place');
      req.onsuccess = () => resolve(req.result);
    });
    await new Promise<void>((resolve) => {
      const tx = db.transaction(['settings'], 'readwrite');
      tx.objectStore('settings').delete(SETTINGS_ID);
      tx.oncomplete = () => resolve();
    });
    db.close();

    const again = await openHelpDesk(factory, { keyRange: IDBKeyRange });
    expect((await again.settings()).id).toBe(SETTINGS_ID);
    const metaAfter = await again.meta();
    expect(metaAfter.meId).toBe(meta.meId);
    expect(metaAfter.deviceId).toBe(meta.deviceId);
    again.close();
  });

  it('uses the database name it is given', async () => {
    const { store, factory } = await openTestDesk({ name: 'other-desk' });
    expect(await rawGetAll(factory, 'meta', 'other-desk')).toHaveLength(1);
    expect((await factory.databases()).map((d) => d.name)).toEqual(['other-desk']);
    store.close();
  });
});

describe('prefs (local UI state, not commands)', () => {
  it('stores and reads values per key, across reopening', async () => {
    const { store, factory } = await openTestDesk();
    const before = await store.meta();
    expect(await store.getPref('sidebar.collapsed')).toBeUndefined();
    await store.setPref('sidebar.collapsed', true);
    await store.setPref('dashboard.columns', ['status', 'owner']);
    await store.setPref('sidebar.collapsed', false);
    expect(await store.getPref('sidebar.collapsed')).toBe(false);
    store.close();

    const again = await openHelpDesk(factory, { keyRange: IDBKeyRange });
    expect(await again.getPref('dashboard.columns')).toEqual(['status', 'owner']);
    expect(await rawGetAll(factory, 'prefs')).toHaveLength(2);
    // Writing prefs is not a command: the clock did not move.
    expect((await again.meta()).lastClock).toBe(before.lastClock);
    again.close();
  });
});
