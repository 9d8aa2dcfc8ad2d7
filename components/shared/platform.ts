import { browser } from 'wxt/browser';
import { browserPattern } from '../../core/messages/sites';

/**
 * The browser APIs the options page and the popup use besides messages,
 * behind one interface: models take it as a parameter (tests pass fakes) and
 * components never call `browser.*` themselves.
 */
export interface Platform {
  /**
   * Asks the browser for host access. Must be called straight from a click
   * handler, before any await: the browser only shows its prompt during a
   * user gesture.
   */
  requestOrigins(origins: string[]): Promise<boolean>;
  /** The extension's keyboard shortcuts as the browser has them now. */
  shortcuts(): Promise<Shortcut[]>;
  /** Opens the browser's own shortcut settings, where an agent changes them. */
  openShortcutSettings(): Promise<void>;
  /** Chrome lets extensions open its shortcut page; Firefox only through about:addons by hand. */
  canOpenShortcutSettings: boolean;
  /** The web page the agent is looking at (the popup's "Enable on this site"), if any. */
  currentTab(): Promise<{ id: number; url: string } | undefined>;
  reloadTab(id: number): Promise<void>;
  /** Starts the sidebar on that tab once (the popup was opened by the agent's click: activeTab). */
  openSidebarOnce(tabId: number): Promise<void>;
  /** Saves a file through the browser's download (the export). */
  download(blob: Blob, fileName: string): void;
  /** Closes the popup (after it opened a page in a tab). */
  closeWindow(): void;
}

export interface Shortcut {
  name: string;
  description: string;
  /** As the browser shows it (`Alt+Shift+K`), or '' when none is set. */
  shortcut: string;
}


const FIREFOX = import.meta.env.BROWSER === 'firefox';

export function browserPlatform(): Platform {
  return {
    requestOrigins: (origins) => browser.permissions.request({ origins: origins.map((o) => browserPattern(o, FIREFOX)) }),
    shortcuts: async () =>
      (await browser.commands.getAll()).map((c) => ({ name: c.name ?? '', description: c.description ?? '', shortcut: c.shortcut ?? '' })),
    openShortcutSettings: async () => {
      await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
    },
    canOpenShortcutSettings: import.meta.env.BROWSER !== 'firefox',
    currentTab: async () => {
      const [active] = await browser.tabs.query({ active: true, currentWindow: true });
      // Opened as a tab (pinned, or from the keyboard) the popup is itself the active tab:
      // then the page meant is the one the agent was on just before.
      const self = browser.runtime.getURL('/');
      let tab = active;
      if (!tab?.url || tab.url.startsWith(self)) {
        const others = (await browser.tabs.query({ currentWindow: true })).filter((t) => t.url && !t.url.startsWith(self));
        tab = others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
      }
      return tab?.id !== undefined && tab.url ? { id: tab.id, url: tab.url } : undefined;
    },
    reloadTab: async (id) => {
      await browser.tabs.reload(id);
    },
    openSidebarOnce: async (tabId) => {
      // The "automatic" sidebar (entrypoints/site.content): Roundcube's reader when it recognises it, else the generic one.
      await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/site.js'] });
    },
    download: (blob, fileName) => {
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.rel = 'noopener';
      document.body.append(a);
      a.click();
      a.remove();
      // Long enough for the browser to have started reading it.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    closeWindow: () => window.close(),
  };
}

/** The optional `notifications` permission (wxt.config.ts), for Options → Reminders. */
export function notificationPermission(): { request(): Promise<boolean>; has(): Promise<boolean> } {
  return {
    request: () => browser.permissions.request({ permissions: ['notifications'] }),
    has: () => browser.permissions.contains({ permissions: ['notifications'] }),
  };
}
