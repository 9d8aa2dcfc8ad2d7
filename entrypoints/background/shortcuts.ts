import { browser } from '#imports';
import { isShortcut, type ShortcutEvent } from '../../core/messages/protocol';

interface ShortcutDeps {
  /** The tab the agent pressed the keys on (the commands API passes it; else the active tab). */
  activeTab(): Promise<{ id?: number; url?: string } | undefined>;
  /** Delivers the shortcut to that tab's sidebar; rejects when no sidebar listens there. */
  send(tabId: number, event: ShortcutEvent): Promise<unknown>;
  /** Starts the sidebar once on that tab (the shortcut grants activeTab, as the toolbar button does). */
  inject(tabId: number): Promise<unknown>;
}

/**
 * A keyboard shortcut of the manifest's `commands` goes to the sidebar of the
 * tab the agent is on. On a page without one, toggling the sidebar opens it
 * there once; the other shortcuts need a sidebar and do nothing else.
 */
export async function runShortcut(name: string, deps: ShortcutDeps): Promise<'sent' | 'injected' | 'ignored'> {
  if (!isShortcut(name)) return 'ignored';
  const tab = await deps.activeTab().catch(() => undefined);
  if (tab?.id === undefined || !/^https?:/.test(tab.url ?? '')) return 'ignored';
  try {
    await deps.send(tab.id, { kind: 'tip.shortcut', shortcut: name });
    return 'sent';
  } catch {
    if (name !== 'toggle-sidebar') return 'ignored';
    // An injection refused (a browser page, a store page) leaves the page as it was.
    return deps.inject(tab.id).then(
      () => 'injected' as const,
      () => 'ignored' as const,
    );
  }
}

export function listenForShortcuts(): void {
  const handle = (name: string, tab?: { id?: number; url?: string }) =>
    runShortcut(name, {
      activeTab: async () => tab ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0],
      send: (tabId, event) => browser.tabs.sendMessage(tabId, event),
      inject: (tabId) => browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/site.js'] /* "automatic": Roundcube's reader or the generic one */ }),
    });
  browser.commands.onCommand.addListener((name, tab) => void handle(name, tab));
  // The e2e build only (a compile-time constant: the release build has none of this).
  // Headless Chromium has no window for browser-level key bindings, so the tests
  // call the very handler the commands API calls, from the service worker.
  if (import.meta.env.MODE === 'e2e') Object.assign(globalThis, { tipShortcut: handle });
}
