import { browser, defineBackground } from '#imports';
import { makeId, newUlid } from '../../core/domain/ids';
import { applyCommand } from '../../core/domain/rules';
import { handleRequest, type RouterDeps } from '../../core/messages/router';
import { createDataService } from '../../core/messages/data-service';
import { createService } from '../../core/messages/service';
import { toTabs, type ChangeEvent } from '../../core/messages/protocol';
import { createTagger, hex, type Tag } from '../../core/messages/tags';
import type { OpenTarget } from '../../core/messages/schemas';
import { openHelpDesk } from '../../core/store';
import { schedulePurge } from './purge-schedule';
import { createSelectionMenu, listenForSelectionMenu } from './context-menu';
import { listenForShortcuts } from './shortcuts';
import { welcomeOnInstall } from './welcome';
import { handleSites, syncSiteRegistrations } from './sites';
import { startReminders } from './reminders';
import { changedIds } from '../../core/messages/router';

/**
 * The only writer of the help desk. Composition only: every listener is
 * registered synchronously at start (the browser may stop the worker at any
 * moment and wake it for an event), and no state lives here that IndexedDB
 * does not hold.
 */
export default defineBackground(() => {
  keepStorageFromContentScripts();
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  const tag = createTagger(crypto.subtle, sessionSecret);
  const service = createService(() => openHelpDesk(indexedDB), applyCommand, {
    storageFullMessage: () => browser.i18n.getMessage('secStorageFull'),
    environment: () => ({ version: browser.runtime.getManifest().version, userAgent: navigator.userAgent }),
  });
  const reminders = startReminders({
    execute: service.execute,
    pref: async (key) => {
      const reply = await service.query({ type: 'prefs.get', key });
      return reply.ok ? reply.data : null;
    },
    // The tick's writes (a wake, a mark) reach the pages and sidebars like any change.
    changed: (cmd, outcome) => {
      if (!outcome.ok) return;
      const { writes, activity } = outcome.value;
      const causeId = writes.find((w) => w.op === 'put')?.record.causeId ?? activity[0]?.causeId ?? '';
      void broadcast(tag, { kind: 'tip.changed', causeId, commandType: cmd.type, ids: changedIds(cmd, outcome.value) });
    },
    openTicket: async (ticketId) => void (await browser.tabs.create({ url: `${extensionOrigin}${pageUrl({ page: 'ticket', ticketId })}` })),
  });
  const deps: RouterDeps = {
    extensionId: browser.runtime.id,
    extensionOrigin,
    query: service.query,
    // After each change: a moment may have moved (a due date, a snooze, a status), so the reminders look again.
    execute: async (cmd) => {
      const outcome = await service.execute(cmd);
      reminders.after(cmd, outcome);
      return outcome;
    },
    broadcast: (event, topics, echo) => void broadcast(tag, event, topics, echo),
    tag,
    open: async (target) => void (await browser.tabs.create({ url: `${extensionOrigin}${pageUrl(target)}` })),
    sites: (request) => handleSites(request),
    data: createDataService({
      openStore: () => openHelpDesk(indexedDB),
      broadcast: (event) => {
        void broadcast(tag, event);
        // An import or an erase changes every moment.
        void reminders.tick();
      },
      // Progress goes to extension pages only (the options page shows it), never to tabs.
      progress: (event) => void browser.runtime.sendMessage(event).catch(() => undefined),
      newId: () => makeId('cmd', newUlid()),
      now: () => Date.now(),
      storageFullMessage: () => browser.i18n.getMessage('secStorageFull'),
    }),
  };

  browser.runtime.onMessage.addListener((message, sender) => {
    // Change events we broadcast come back to other extension pages, not here;
    // anything else is a request, answered with a result (never a throw).
    return handleRequest(deps, message, sender);
  });

  const startUp = () => {
    void deps.execute({ type: 'trash.purge' });
    void syncSiteRegistrations();
    void reminders.tick();
  };
  browser.runtime.onStartup.addListener(startUp);
  browser.runtime.onInstalled.addListener(({ reason }) => {
    startUp();
    createSelectionMenu();
    welcomeOnInstall(reason);
  });
  // A browser open for weeks never starts up again: the purge also runs on an alarm.
  schedulePurge(() => void deps.execute({ type: 'trash.purge' }));
  listenForShortcuts();
  listenForSelectionMenu();
  // Every wake of the worker (an alarm, a message, a start): what passed while it slept is caught up on.
  void reminders.tick();
  // The agent may revoke a site's permission in the browser's own settings.
  browser.permissions.onRemoved.addListener(() => void syncSiteRegistrations());
});

/**
 * storage.local holds the enabled sites, which decide where our scripts run.
 * Chrome lets content scripts (beside a hostile page) read and write it unless
 * told otherwise; this keeps it to the worker and our pages. Firefox has
 * setAccessLevel for storage.session only, and rejects it here.
 */
function keepStorageFromContentScripts(): void {
  const local = browser.storage.local as Partial<Pick<typeof browser.storage.local, 'setAccessLevel'>>;
  if (typeof local.setAccessLevel !== 'function') return;
  void local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
}

function pageUrl(target: OpenTarget): string {
  switch (target.page) {
    case 'ticket':
      return `/ticket.html?id=${encodeURIComponent(target.ticketId)}`;
    case 'dashboard':
      return '/dashboard.html';
    case 'options':
      return '/options.html';
  }
}

/**
 * Tells every extension page which records changed, and every tab's sidebar
 * only the keyed hashes of what changed (`toTabs`, core/messages/tags.ts): a
 * tab runs beside an untrusted page. `topics` absent: the bare event, every
 * sidebar reloads.
 */
async function broadcast(tag: Tag, event: ChangeEvent, topics?: string[], echo?: string): Promise<void> {
  // No receiver (no page open) is normal: those rejections mean nothing.
  await browser.runtime.sendMessage(event).catch(() => undefined);
  const tabs = await browser.tabs.query({}).catch(() => []);
  if (tabs.length === 0) return;
  const forTabs = await toTabs(topics, tag, echo);
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, forTabs).catch(() => undefined))));
}

const SECRET_KEY = 'changeTagSecret';

/**
 * The hashes' secret, one per browser session: storage.session outlives the
 * worker's restarts, is emptied when the browser closes, and is read only by
 * the extension's own contexts (the browsers' default for it; content scripts
 * never get it). Made when missing; `createTagger` loads it once per worker
 * life, so two first broadcasts can't each make one.
 */
async function sessionSecret(): Promise<Uint8Array<ArrayBuffer>> {
  const stored: unknown = (await browser.storage.session.get(SECRET_KEY))[SECRET_KEY];
  if (typeof stored === 'string' && /^[0-9a-f]{64}$/.test(stored)) return Uint8Array.from(stored.match(/../g) ?? [], (b) => parseInt(b, 16));
  const secret = crypto.getRandomValues(new Uint8Array(32));
  await browser.storage.session.set({ [SECRET_KEY]: hex(secret) });
  return secret;
}

