import { browser } from '#imports';
import { fail, type Reply } from '../../core/messages/protocol';
import type { SitesRequest } from '../../core/messages/schemas';
import { choiceFor, isEnabledSiteList, patternProblem, withSite, type EnabledSite } from '../../core/messages/sites';

/** The runtime-registered content script that reads agent-enabled sites (Roundcube or generic). */
const SITE_SCRIPT = 'content-scripts/site.js';
/** Per installation, never synced: permissions are per browser too. */
const STORAGE_KEY = 'enabledSites';

const scriptId = (pattern: string) => `site:${pattern}`;

async function readSites(): Promise<EnabledSite[]> {
  const stored = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY];
  return isEnabledSiteList(stored) ? stored : [];
}

async function writeSites(sites: EnabledSite[]): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEY]: sites });
}

async function register(pattern: string): Promise<void> {
  await browser.scripting.unregisterContentScripts({ ids: [scriptId(pattern)] }).catch(() => undefined);
  const script = { id: scriptId(pattern), matches: [pattern], js: [SITE_SCRIPT], runAt: 'document_end' as const };
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
  const registered = new Set((await browser.scripting.getRegisteredContentScripts()).map((s) => s.id));
  for (const site of sites) {
    const allowed = await browser.permissions.contains({ origins: [site.pattern] });
    if (allowed && !registered.has(scriptId(site.pattern))) await register(site.pattern);
    if (!allowed && registered.has(scriptId(site.pattern))) await browser.scripting.unregisterContentScripts({ ids: [scriptId(site.pattern)] });
  }
}

/** Answers `tip.sites` requests (the router has checked who may send which). */
export async function handleSites(request: SitesRequest): Promise<Reply> {
  switch (request.action) {
    case 'list':
      return { ok: true, data: await readSites() };
    case 'adapterFor':
      return { ok: true, data: choiceFor(await readSites(), request.url) };
    case 'add': {
      const problem = patternProblem(request.pattern);
      if (problem) return fail('invalid', problem);
      // The options page asked for the permission in the agent's click; without it nothing could run there.
      if (!(await browser.permissions.contains({ origins: [request.pattern] }))) {
        return fail('forbidden', `The browser has not allowed Tickets in place on ${request.pattern}. Add the site again and accept the prompt.`);
      }
      await register(request.pattern);
      const sites = withSite(await readSites(), { pattern: request.pattern, adapter: request.adapter });
      await writeSites(sites);
      return { ok: true, data: sites };
    }
    case 'remove': {
      await browser.scripting.unregisterContentScripts({ ids: [scriptId(request.pattern)] }).catch(() => undefined);
      const sites = (await readSites()).filter((s) => s.pattern !== request.pattern);
      await writeSites(sites);
      // Give the permission back unless the manifest grants it anyway (the e2e build's local hosts).
      await browser.permissions.remove({ origins: [request.pattern] }).catch(() => false);
      return { ok: true, data: sites };
    }
  }
}
