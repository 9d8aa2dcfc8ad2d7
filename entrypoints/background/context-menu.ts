import { browser } from '#imports';
import type { SelectionEvent } from '../../core/messages/protocol';

export const SELECTION_MENU_ID = 'tip-create-from-selection';

interface SelectionMenuDeps {
  /** Delivers the request to the tab's sidebar (top frame); rejects when no sidebar listens there. */
  send(tabId: number, event: SelectionEvent): Promise<unknown>;
  /** Starts the sidebar once in that tab with the request pending (the menu click grants activeTab). */
  inject(tabId: number): Promise<unknown>;
}

/**
 * "Create ticket from selection" in the page's context menu. The menu hands
 * the background the selected text, but the text the ticket gets is read by
 * the sidebar in the page (bounded, as text, with where it starts, so a chat
 * message can be told apart); the background only says "now". On a page
 * without a sidebar, it starts one there once, as the popup's "Open the
 * sidebar here once" does, with the request pending.
 */
export async function runSelectionMenu(tab: { id?: number; url?: string } | undefined, deps: SelectionMenuDeps): Promise<'sent' | 'injected' | 'ignored'> {
  if (tab?.id === undefined || !/^https?:/.test(tab.url ?? '')) return 'ignored';
  try {
    await deps.send(tab.id, { kind: 'tip.selection' });
    return 'sent';
  } catch {
    // An injection refused (a browser page, a store page) leaves the page as it was.
    return deps.inject(tab.id).then(
      () => 'injected' as const,
      () => 'ignored' as const,
    );
  }
}

/** The menu entry. Menu items outlive the worker: made once per install or update (runtime.onInstalled). */
export function createSelectionMenu(): void {
  browser.contextMenus.create(
    { id: SELECTION_MENU_ID, title: browser.i18n.getMessage('selCreateFromSelection'), contexts: ['selection'] },
    // An update finds it made already: nothing to do.
    () => void browser.runtime.lastError,
  );
}

export function listenForSelectionMenu(): void {
  const handle = async (tab?: { id?: number; url?: string }) =>
    runSelectionMenu(tab ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0], {
      send: (tabId, event) => browser.tabs.sendMessage(tabId, event, { frameId: 0 }),
      inject: async (tabId) => {
        await browser.scripting.executeScript({
          target: { tabId },
          func: () => {
            (globalThis as { __tipPendingSelection?: boolean }).__tipPendingSelection = true;
          },
        });
        // The sites' dispatcher: Roundcube's reader or the generic one (see shortcuts.ts).
        await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/site.js'] });
      },
    });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === SELECTION_MENU_ID) void handle(tab);
  });
  // The e2e build only: headless tests can't open a native context menu, so they call this handler from the worker.
  if (import.meta.env.MODE === 'e2e') Object.assign(globalThis, { tipSelectionMenu: handle });
}
