import { browser } from '#imports';

/** Paths from the manifest itself: the typed public paths cannot know them at compile time. */
type ScriptFiles = Parameters<typeof browser.scripting.executeScript>[0] extends { files?: infer F } ? NonNullable<F> : never;

/** A content script as the manifest (or a runtime registration) declares it. */
export interface DeclaredScript {
  matches?: string[];
  js?: string[];
  /** The manifest's spelling; a runtime registration says `runAt`. */
  run_at?: string;
  runAt?: string;
}

export interface InstallDeps {
  /** The manifest's content scripts and the runtime-registered ones (sites the agent enabled). */
  scripts(): Promise<DeclaredScript[]>;
  /** Open tabs whose address matches one of the patterns. */
  tabs(matches: string[]): Promise<{ id?: number; status?: string }[]>;
  inject(tabId: number, files: string[]): Promise<unknown>;
  openWelcome(): Promise<unknown>;
}

/**
 * On install: the welcome page, and the sidebar in the tabs of supported
 * sites that were already open (the browser runs declared content scripts
 * only in pages loaded after the install). On an update too, since the
 * previous version's sidebars stopped with it. Only the sidebar's scripts: the
 * room reservation is for a page's first layout, long past (the sidebar makes
 * its room as it mounts), and a tab still loading gets the declared scripts
 * from the browser anyway (a sidebar already running there keeps its claim).
 * A tab that refuses (one the browser protects) is left as it was: its next
 * load gets the sidebar as usual. `welcome`: false in the test build, whose every
 * launch is an install (tests open the page themselves).
 */
export async function onInstalled(reason: string, deps: InstallDeps, welcome: boolean): Promise<{ injected: number }> {
  if (reason !== 'install' && reason !== 'update') return { injected: 0 };
  if (reason === 'install' && welcome) await deps.openWelcome().catch(() => undefined);
  let injected = 0;
  const scripts = await deps.scripts().catch(() => []);
  for (const script of scripts) {
    if (!script.matches?.length || !script.js?.length) continue;
    if ((script.run_at ?? script.runAt) === 'document_start') continue;
    const tabs = await deps.tabs(script.matches).catch(() => []);
    for (const tab of tabs) {
      if (tab.id === undefined || tab.status === 'loading') continue;
      // One tab at a time: a failure there says nothing about the others.
      const ok = await deps.inject(tab.id, script.js).then(
        () => true,
        () => false,
      );
      if (ok) injected++;
    }
  }
  return { injected };
}

/** Runs `onInstalled` with the browser's APIs (called from the background's one install listener). */
export function welcomeOnInstall(reason: string): void {
  void onInstalled(
    reason,
    {
      scripts: async () => [
        ...(browser.runtime.getManifest().content_scripts ?? []),
        ...(await browser.scripting.getRegisteredContentScripts()),
      ],
      tabs: (matches) => browser.tabs.query({ url: matches }),
      inject: (tabId, files) => browser.scripting.executeScript({ target: { tabId }, files: files.map((f) => (f.startsWith('/') ? f : `/${f}`)) as ScriptFiles }),
      openWelcome: () => browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') }),
    },
    import.meta.env.MODE !== 'e2e',
  );
}
