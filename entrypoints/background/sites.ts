import { browser } from '#imports';
import { fail, type Reply } from '../../core/messages/protocol';
import type { SitesRequest } from '../../core/messages/schemas';
import { browserPattern, isBroadPattern, isEnabledSiteList, patternProblem, withSite, type EnabledSite, type SiteAdapterChoice } from '../../core/messages/sites';

/**
 * The runtime-registered content script for the agent's reader choice: the
 * sidebar with that reader, or for "automatic" the one that looks at
 * the page and has the background run the one that fits (site.content).
 */
const SCRIPTS: Record<SiteAdapterChoice, string> = {
  auto: 'content-scripts/site.js',
  roundcube: 'content-scripts/roundcube.js',
  generic: 'content-scripts/generic.js',
};
/** Per installation, never synced: permissions are per browser too. */
const STORAGE_KEY = 'enabledSites';

const scriptId = (pattern: string) => `site:${pattern}`;
/** The pattern as this browser matches it (Firefox: without a port, see browserPattern). */
const forBrowser = (pattern: string) => browserPattern(pattern, import.meta.env.BROWSER === 'firefox');

async function readSites(): Promise<EnabledSite[]> {
  const stored = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY];
  return isEnabledSiteList(stored) ? stored : [];
}

async function writeSites(sites: EnabledSite[]): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEY]: sites });
}

async function register({ pattern, adapter }: EnabledSite): Promise<void> {
  await browser.scripting.unregisterContentScripts({ ids: [scriptId(pattern)] }).catch(() => undefined);
  const script = { id: scriptId(pattern), matches: [forBrowser(pattern)], js: [SCRIPTS[adapter]], runAt: 'document_end' as const };
  try {
    await browser.scripting.registerContentScripts([{ ...script, persistAcrossSessions: true }]);
  } catch {
    // Browsers without persistent registrations: syncSiteRegistrations re-registers at every start.
    await browser.scripting.registerContentScripts([script]);
  }
}

/**
 * Makes the registered content scripts match the stored sites: registrations
 * persist across sessions in Chrome but not everywhere, and a site whose
 * permission the agent revoked in the browser must stop running.
 */
export async function syncSiteRegistrations(): Promise<void> {
  const sites = await readSites();
  // Each registration's script, by id: an update that changed which script a choice runs re-registers.
  const registered = new Map((await browser.scripting.getRegisteredContentScripts()).map((s) => [s.id, s.js?.map((f) => f.replace(/^\//, '')).join(' ')]));
  for (const site of sites) {
    const id = scriptId(site.pattern);
    const allowed = await browser.permissions.contains({ origins: [forBrowser(site.pattern)] });
    if (allowed && registered.get(id) !== SCRIPTS[site.adapter]) await register(site);
    if (!allowed && registered.has(id)) await browser.scripting.unregisterContentScripts({ ids: [id] });
  }
}

/** Answers `tip.sites` requests (the router has checked who may send which). */
export async function handleSites(request: SitesRequest): Promise<Reply> {
  switch (request.action) {
    case 'list':
      return { ok: true, data: await readSites() };
    case 'add': {
      const problem = patternProblem(request.pattern);
      if (problem) return fail('invalid', 'sitePatternInvalid', { detail: problem });
      // Every site or a whole domain ending: only when the options page says the agent confirmed it in its dialog.
      if (isBroadPattern(request.pattern) && request.broadConfirmed !== true) {
        return fail('forbidden', 'siteBroad', { pattern: request.pattern });
      }
      // The options page asked for the permission in the agent's click; without it nothing could run there.
      if (!(await browser.permissions.contains({ origins: [forBrowser(request.pattern)] }))) {
        return fail('forbidden', 'siteNotAllowed', { pattern: request.pattern });
      }
      const site = { pattern: request.pattern, adapter: request.adapter };
      await register(site);
      const sites = withSite(await readSites(), site);
      await writeSites(sites);
      return { ok: true, data: sites };
    }
    case 'remove': {
      await browser.scripting.unregisterContentScripts({ ids: [scriptId(request.pattern)] }).catch(() => undefined);
      const sites = (await readSites()).filter((s) => s.pattern !== request.pattern);
      await writeSites(sites);
      // Give the permission back unless the manifest grants it anyway (the e2e build's local hosts).
      await browser.permissions.remove({ origins: [forBrowser(request.pattern)] }).catch(() => false);
      return { ok: true, data: sites };
    }
  }
}
