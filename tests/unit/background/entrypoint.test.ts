/**
 * The real `entrypoints/background/index.ts` on WXT's fakeBrowser: its
 * listeners, its router/service/store composition, its broadcast to pages and
 * tabs and its `tip.open`. IndexedDB is fake-indexeddb's, installed as the
 * globals the background uses (`indexedDB`, `IDBKeyRange`); each test gets a
 * fresh, empty `indexedDB`.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing';
import { TRASH_RETENTION_MS } from '../../../core/domain/defaults';
import type { TicketAndConversation } from '../../../core/domain/rules';
import type { Ticket } from '../../../core/domain/types';
import type { ChangeEvent, Reply, TabChangeEvent } from '../../../core/messages/protocol';
import type { SidebarView } from '../../../core/messages/views';
import type { Sender } from '../../../core/messages/router';
import background from '../../../entrypoints/background/index';
import { PURGE_ALARM, PURGE_PERIOD_MINUTES } from '../../../entrypoints/background/purge-schedule';
import { command, dataOf, dumpDatabase, query, senders, snapshot } from './harness';

/** What the background computes as its origin; fakeBrowser's getURL('/') is `chrome-extension://<id>/`. */
const origin = () => fakeBrowser.runtime.getURL('/').replace(/\/$/, '');

/** Delivers a message to the background's onMessage listener as the browser would, and returns its one reply. */
async function deliver(message: unknown, sender: Sender): Promise<Reply> {
  const replies = (await fakeBrowser.runtime.onMessage.trigger(message, sender as never)) as unknown[];
  expect(replies).toHaveLength(1);
  return replies[0] as Reply;
}

/**
 * fakeBrowser gaps, filled with the least that makes the background run; each
 * stub is only that method. Also spies on what the background sends and opens.
 */
function stubBrowser() {
  // fakeBrowser delivers runtime.sendMessage to the sender's own onMessage
  // listeners (a real browser never does), so the broadcast would come back
  // to the background itself: record it instead.
  const toPages = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
  // Not implemented by fakeBrowser (throws "not implemented").
  const toTabs = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
  // Not implemented by fakeBrowser: main() listens for revoked site permissions.
  const onPermissionRemoved = vi.spyOn(fakeBrowser.permissions.onRemoved, 'addListener').mockImplementation(() => undefined);
  // Not implemented by fakeBrowser: reminders listen for the notifications permission and set the badge (entrypoints/background/reminders.ts).
  vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation(() => undefined);
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
  const badge = vi.spyOn(fakeBrowser.action, 'setBadgeText').mockResolvedValue(undefined);
  // Not implemented by fakeBrowser: startup re-syncs the enabled sites' content scripts.
  // Not implemented by fakeBrowser: the keyboard shortcuts (entrypoints/background/shortcuts.ts).
  const onCommand = vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
  // Not implemented by fakeBrowser: "Create ticket from selection" (entrypoints/background/context-menu.ts).
  const onMenuClicked = vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(() => undefined);
  const menuCreated = vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(() => 0);
  // Not implemented by fakeBrowser: the menu entry's title comes from the locale file (a test may answer in Spanish).
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string) => (key === 'selCreateFromSelection' ? 'Crear ticket con la selección' : '')) as never);
  const registeredScripts = vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockResolvedValue([]);
  const created = vi.spyOn(fakeBrowser.tabs, 'create');
  return { toPages, toTabs, badge, onPermissionRemoved, onCommand, onMenuClicked, menuCreated, registeredScripts, created };
}

let sender: ReturnType<typeof senders>;
let spy: ReturnType<typeof stubBrowser>;

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  globalThis.indexedDB = new IDBFactory();
  sender = senders(fakeBrowser.runtime.id, origin());
  spy = stubBrowser();
});

describe('background entrypoint on fakeBrowser', () => {
  it('registers its message, startup, install, permission-removed, shortcut and context-menu listeners synchronously in main(), once each', () => {
    const added = [fakeBrowser.runtime.onMessage, fakeBrowser.runtime.onStartup, fakeBrowser.runtime.onInstalled].map((event) => vi.spyOn(event, 'addListener'));
    const result = background.main();
    // Checked right after main() returns: nothing awaited first (the worker may be woken just for an event).
    expect(result).toBeUndefined();
    for (const addListener of [...added, spy.onPermissionRemoved, spy.onCommand, spy.onMenuClicked]) expect(addListener).toHaveBeenCalledTimes(1);
  });

  it('keeps storage.local to trusted contexts at start where the browser has setAccessLevel, and starts all the same where it has none (Firefox)', async () => {
    const local = fakeBrowser.storage.local as typeof fakeBrowser.storage.local & { setAccessLevel?: unknown };
    expect(local.setAccessLevel).toBeUndefined(); // fakeBrowser: like Firefox, whose storage.local has none
    const onMessage = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    background.main();
    expect(onMessage).toHaveBeenCalledTimes(1);

    const setAccessLevel = vi.fn().mockRejectedValue(new Error('not supported here'));
    local.setAccessLevel = setAccessLevel;
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      background.main();
      expect(setAccessLevel).toHaveBeenCalledTimes(1);
      expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
      expect(onMessage).toHaveBeenCalledTimes(2); // a refusal does not stop the start
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
      delete local.setAccessLevel;
    }
  });

  it("says that the disk is full in the agent's language (its locale file), writes nothing, and saves the next try", async () => {
    const getMessage = vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string) => (key === 'secStorageFull' ? 'El disco está lleno.' : '')) as never);
    background.main();
    dataOf(await deliver(query({ type: 'sidebar.view', conversation: snapshot('a') }), sender.content)); // the help desk is set up
    // The first write of a ticket fails (not any write: the reminder tick of a worker start writes its clock whenever it runs).
    const realPut = IDBObjectStore.prototype.put;
    let full = true;
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (full && this.name === 'tickets') {
        full = false;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return realPut.apply(this, args);
    });
    const create = command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Refund' } });
    expect(await deliver(create, sender.content)).toMatchObject({ ok: false, error: { code: 'storage', reason: 'quota', message: 'El disco está lleno.' } });
    expect(getMessage).toHaveBeenCalledWith('secStorageFull');
    expect((await dumpDatabase(globalThis.indexedDB)).tickets).toEqual([]);
    put.mockRestore();
    expect(dataOf<TicketAndConversation>(await deliver(create, sender.content)).ticket.name).toBe('Refund');
  });

  it('sends a keyboard shortcut to the sidebar of the tab it was pressed on', async () => {
    background.main();
    const listener = spy.onCommand.mock.calls[0]![0] as (name: string, tab?: { id?: number; url?: string }) => void;
    listener('close-ticket', { id: 5, url: 'https://mail.google.com/mail/u/0/#inbox/abc' });
    await vi.waitFor(() => expect(spy.toTabs).toHaveBeenCalledWith(5, { kind: 'tip.shortcut', shortcut: 'close-ticket' }));
  });

  it('treats a sender with its runtime id and chrome-extension origin as an extension page', async () => {
    expect(origin()).toBe(`chrome-extension://${fakeBrowser.runtime.id}`);
    background.main();
    // tickets.list is for extension pages only: an ok answer proves the sender was recognised as one.
    expect(await deliver(query({ type: 'tickets.list' }), sender.page)).toMatchObject({ ok: true, data: { items: [] } });
    expect(await deliver(query({ type: 'tickets.list' }), sender.content)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const foreign of sender.foreign) {
      expect(await deliver(query({ type: 'sidebar.view', conversation: snapshot('a') }), foreign)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('answers a valid ticket.create ok, stores it in the global indexedDB and broadcasts tip.changed to extension pages and to every tab', async () => {
    const { toPages, toTabs } = spy;
    const mail = await fakeBrowser.tabs.create({ url: 'https://mail.example.com/inbox' });
    const chat = await fakeBrowser.tabs.create({ url: 'https://chat.example.com/' });
    background.main();

    const reply = await deliver(command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Refund' } }), sender.page);
    const { ticket, conversation } = dataOf<TicketAndConversation>(reply);
    expect(ticket).toMatchObject({ name: 'Refund', status: 'new' });

    const dump = await dumpDatabase(globalThis.indexedDB);
    expect(dump.tickets).toEqual([ticket]);
    expect(dump.conversations).toEqual([conversation]);

    // The broadcast is fire-and-forget: the reply does not wait for it.
    const event: ChangeEvent = { kind: 'tip.changed', causeId: ticket.causeId, commandType: 'ticket.create', ids: expect.arrayContaining([ticket.id, conversation.id]) };
    // Tabs run beside untrusted pages: they hear keyed hashes of what changed, never which records.
    // With the reply's echo, so the tab that sent the command skips the event its reload already covers.
    const hashed: TabChangeEvent = { kind: 'tip.changed', epoch: expect.stringMatching(/^[0-9a-f]{8}$/), tags: expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{32}$/)]), echo: (reply as { echo?: string }).echo };
    expect(hashed.echo).toMatch(/^[0-9a-f]{16}$/);
    await vi.waitFor(() => expect(toTabs).toHaveBeenCalledWith(chat.id, hashed));
    expect(toPages).toHaveBeenCalledTimes(1);
    expect(toPages).toHaveBeenCalledWith(event);
    // fakeBrowser starts with a tab of id 0; every tab gets the same event once.
    const tabIds = (await fakeBrowser.tabs.query({})).map((t) => t.id);
    expect(tabIds).toEqual(expect.arrayContaining([mail.id, chat.id]));
    expect(toTabs.mock.calls.map(([id]) => id).sort()).toEqual([...tabIds].sort());
    const [[, first]] = toTabs.mock.calls as [[number, TabChangeEvent]];
    for (const [, message] of toTabs.mock.calls) expect(message).toEqual(first);
    const wire = JSON.stringify(first);
    for (const id of [ticket.id, conversation.id, conversation.contactId, ticket.causeId]) expect(wire).not.toContain(id);
    expect(wire).not.toMatch(/[0-9A-HJKMNP-TV-Z]{26}/);
  });

  it("keys the tabs' hashes with a secret made once per browser session in storage.session, and a tab's view carries the hashes that match", async () => {
    const { toTabs } = spy;
    background.main();
    const view = dataOf<SidebarView>(await deliver(query({ type: 'sidebar.view', conversation: snapshot('a') }), sender.content));
    expect(view.watch?.tags.length).toBeGreaterThan(0);
    const stored = (await fakeBrowser.storage.session.get('changeTagSecret')).changeTagSecret;
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    // Recording this conversation (the sidebar's own first load) concerns that view.
    dataOf(await deliver(command({ type: 'conversation.observe', conversation: snapshot('a') }), sender.content));
    await vi.waitFor(() => expect(toTabs).toHaveBeenCalled());
    const [[, heard]] = toTabs.mock.calls as [[number, TabChangeEvent]];
    expect(heard.epoch).toBe(view.watch?.epoch);
    expect(heard.tags?.some((t) => view.watch?.tags.includes(t))).toBe(true);
    // Made once: the next view is keyed by the same secret.
    const again = dataOf<SidebarView>(await deliver(query({ type: 'sidebar.view', conversation: snapshot('a') }), sender.content));
    expect((await fakeBrowser.storage.session.get('changeTagSecret')).changeTagSecret).toBe(stored);
    expect(again.watch?.epoch).toBe(view.watch?.epoch);
  });

  it('still broadcasts to every tab when no extension page listens and a tab has no receiver', async () => {
    const { toPages, toTabs } = spy;
    toPages.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    const withoutSidebar = await fakeBrowser.tabs.create({ url: 'https://example.com/' });
    const withSidebar = await fakeBrowser.tabs.create({ url: 'https://mail.example.com/' });
    toTabs.mockImplementation(async (tabId) => {
      if (tabId !== withSidebar.id) throw new Error('Could not establish connection. Receiving end does not exist.');
      return undefined;
    });
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      background.main();
      dataOf(await deliver(command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Refund' } }), sender.content));
      await vi.waitFor(() => expect(toTabs).toHaveBeenCalledWith(withSidebar.id, expect.objectContaining({ kind: 'tip.changed' })));
      expect(toTabs).toHaveBeenCalledWith(withoutSidebar.id, expect.objectContaining({ kind: 'tip.changed' }));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('broadcasts nothing for a refused command (R2) or a query', async () => {
    const { toPages, toTabs } = spy;
    await fakeBrowser.tabs.create({ url: 'https://mail.example.com/' });
    background.main();
    dataOf(await deliver(command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'First' } }), sender.page));
    await vi.waitFor(() => expect(toTabs).toHaveBeenCalled());
    toPages.mockClear();
    toTabs.mockClear();

    const again = await deliver(command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Second' } }), sender.page);
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    dataOf(await deliver(query({ type: 'sidebar.view', conversation: snapshot('a') }), sender.content));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(toPages).not.toHaveBeenCalled();
    expect(toTabs).not.toHaveBeenCalled();
  });

  it('opens a tip.open ticket request in a new tab at the extension page /ticket.html?id=…', async () => {
    const { created } = spy;
    background.main();
    const { ticket } = dataOf<TicketAndConversation>(
      await deliver(command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Refund' } }), sender.content),
    );
    // From the sidebar: a web page can't navigate to an extension page itself (R7).
    expect(await deliver({ kind: 'tip.open', target: { page: 'ticket', ticketId: ticket.id } }, sender.content)).toEqual({ ok: true, data: null });
    const url = `chrome-extension://${fakeBrowser.runtime.id}/ticket.html?id=${encodeURIComponent(ticket.id)}`;
    expect(created).toHaveBeenCalledTimes(1);
    expect(created).toHaveBeenCalledWith({ url });
    expect((await fakeBrowser.tabs.query({ url })).map((t) => t.url)).toEqual([url]);

    expect(await deliver({ kind: 'tip.open', target: { page: 'dashboard' } }, sender.page)).toEqual({ ok: true, data: null });
    expect(created).toHaveBeenLastCalledWith({ url: `chrome-extension://${fakeBrowser.runtime.id}/dashboard.html` });
  });

  it('refuses a tip.open for a malformed ticket id and opens nothing', async () => {
    const { created } = spy;
    background.main();
    for (const ticketId of ['ticket:1', '../options.html', 'javascript:alert(1)', `ticket:01JABCDEFGHJKMNPQRSTVWXYZ0&x=1`]) {
      expect(await deliver({ kind: 'tip.open', target: { page: 'ticket', ticketId } }, sender.content)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    expect(created).not.toHaveBeenCalled();
  });

  it('answers tip.sites through its storage for an extension page, and refuses a content script', async () => {
    background.main();
    expect(await deliver({ kind: 'tip.sites', action: 'list' }, sender.page)).toEqual({ ok: true, data: [] });
    expect(await deliver({ kind: 'tip.sites', action: 'list' }, sender.content)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a pattern for every site or a whole domain ending unless the request says the agent confirmed it', async () => {
    background.main();
    // The browser has granted the origin (the forged message's best case): only the confirmation is missing.
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    const registered = vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockResolvedValue(undefined);
    const add = (pattern: string, extra: Record<string, unknown> = {}) => deliver({ kind: 'tip.sites', action: 'add', pattern, adapter: 'generic', ...extra }, sender.page);

    for (const pattern of ['https://*/*', '*://*/*', 'http://*:8080/*', 'https://*.com/*', '*://*.co.uk/*']) {
      expect(await add(pattern), pattern).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // Only `true` is a confirmation.
      expect(await add(pattern, { broadConfirmed: false }), pattern).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    expect(registered).not.toHaveBeenCalled();
    expect(await deliver({ kind: 'tip.sites', action: 'list' }, sender.page)).toEqual({ ok: true, data: [] });

    // One site needs no confirmation; every site does, and then it is enabled.
    expect(await add('https://mail.example.org/*')).toMatchObject({ ok: true });
    expect(await add('https://*/*', { broadConfirmed: true })).toEqual({
      ok: true,
      data: [
        { pattern: 'https://mail.example.org/*', adapter: 'generic' },
        { pattern: 'https://*/*', adapter: 'generic' },
      ],
    });
    expect(registered).toHaveBeenCalledTimes(2);
  });

  it('empties trash older than the retention period when the browser starts or the extension is installed', async () => {
    background.main();
    const { ticket } = dataOf<TicketAndConversation>(
      await deliver(command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Old' } }), sender.page),
    );
    dataOf(await deliver(command({ type: 'ticket.delete', ticketId: ticket.id }), sender.page));
    const before = await dumpDatabase(globalThis.indexedDB);
    const trashedAt = (before.tickets as Ticket[])[0]!.deletedAt!;
    // The purge runs in the background, unawaited: a command that succeeds moves meta's clock, which tells it ran.
    const clock = async () => ((await dumpDatabase(globalThis.indexedDB)).meta as { lastClock: string }[])[0]!.lastClock;
    const clockBefore = await clock();

    // Still within the retention period: a startup purges nothing.
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect(await clock()).not.toBe(clockBefore));
    expect(spy.registeredScripts).toHaveBeenCalled(); // …and re-synced the enabled sites
    const kept = await dumpDatabase(globalThis.indexedDB);
    expect({ ...kept, meta: [] }).toEqual({ ...before, meta: [] });

    vi.useFakeTimers({ toFake: ['Date'], now: trashedAt + TRASH_RETENTION_MS + 1 });
    try {
      await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', temporary: false } as never);
      await vi.waitFor(async () => expect((await dumpDatabase(globalThis.indexedDB)).tickets).toEqual([]));
      expect((await dumpDatabase(globalThis.indexedDB)).conversations).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
  it('makes the "Create ticket from selection" menu entry on install or update, for selections, in the agent\'s language', async () => {
    background.main();
    expect(spy.menuCreated).not.toHaveBeenCalled();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false } as never);
    expect(spy.menuCreated).toHaveBeenCalledTimes(1);
    expect(spy.menuCreated.mock.calls[0]![0]).toEqual({ id: 'tip-create-from-selection', title: 'Crear ticket con la selección', contexts: ['selection'] });
  });

  it('creates the purge alarm at worker start, once: a restarted worker keeps the schedule it found', async () => {
    const onAlarm = vi.spyOn(fakeBrowser.alarms.onAlarm, 'addListener');
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    const get = vi.spyOn(fakeBrowser.alarms, 'get');
    background.main();
    // The listeners (the purge's, the reminders') are there before main() returns: an alarm may be what woke the worker.
    expect(onAlarm).toHaveBeenCalledTimes(2);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(PURGE_ALARM)).toBeDefined());
    const alarm = await fakeBrowser.alarms.get(PURGE_ALARM);
    expect(alarm).toMatchObject({ name: PURGE_ALARM, periodInMinutes: PURGE_PERIOD_MINUTES });

    // The browser stops and wakes the worker often; main() runs again each time.
    get.mockClear();
    background.main();
    background.main();
    // Both restarts looked for the alarm (the test's own get above is cleared), and neither re-created it.
    await vi.waitFor(() => expect(get).toHaveBeenCalledTimes(2));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(create).toHaveBeenCalledTimes(1);
    expect(await fakeBrowser.alarms.getAll()).toEqual([alarm]);
  });

  it('empties trash older than the retention period when the purge alarm fires, without a browser restart', async () => {
    background.main();
    const { ticket } = dataOf<TicketAndConversation>(
      await deliver(command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Old' } }), sender.page),
    );
    dataOf(await deliver(command({ type: 'ticket.delete', ticketId: ticket.id }), sender.page));
    const trashedAt = ((await dumpDatabase(globalThis.indexedDB)).tickets as Ticket[])[0]!.deletedAt!;
    const clock = async () => ((await dumpDatabase(globalThis.indexedDB)).meta as { lastClock: string }[])[0]!.lastClock;

    vi.useFakeTimers({ toFake: ['Date'], now: trashedAt + TRASH_RETENTION_MS + 1 });
    try {
      // Another alarm's name is not the purge's.
      const clockBefore = await clock();
      await fakeBrowser.alarms.onAlarm.trigger({ name: 'something-else', scheduledTime: Date.now() });
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await clock()).toBe(clockBefore);
      expect((await dumpDatabase(globalThis.indexedDB)).tickets).toHaveLength(1);

      await fakeBrowser.alarms.onAlarm.trigger({ name: PURGE_ALARM, scheduledTime: Date.now(), periodInMinutes: PURGE_PERIOD_MINUTES });
      await vi.waitFor(async () => expect((await dumpDatabase(globalThis.indexedDB)).tickets).toEqual([]));
      const after = await dumpDatabase(globalThis.indexedDB);
      expect(after.conversations).toEqual([]);
      expect(after.activity).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
