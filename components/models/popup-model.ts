import { refusalText } from '../shared/i18n';
import { computed, createModel, signal } from '@preact/signals';
import { builtinMatches } from '../../core/adapters/matches';
import type { Client } from '../../core/messages/client';
import { choiceFor, patternIncludes, patternProblem } from '../../core/messages/sites';
import type { SettingsView, TicketCounts } from '../../core/messages/views';
import type { Platform } from '../shared/platform';
import { HEALTH_SITES, type HealthSite, type SiteHealthRecord } from '../../core/domain/health';
import { diagnosticsText } from '../../core/domain/health';
import { toClipboard } from '../shared/diagnostics';
import { browser } from 'wxt/browser';

/** One site in the popup's health list: its last report's verdict, or not seen yet. */
export interface SiteHealthRow {
  site: HealthSite;
  state: 'ok' | 'changed' | 'unseen';
  /** When the background got its last report (epoch ms). */
  at: number | null;
}

/** The named sites always; the demo inbox only once it reported (it ships in the demo build only). */
export function healthRows(records: readonly SiteHealthRecord[]): SiteHealthRow[] {
  const bySite = new Map(records.map((r) => [r.site, r]));
  return HEALTH_SITES.filter((site) => site !== 'demo' || bySite.has(site)).map((site) => {
    const r = bySite.get(site);
    return { site, state: r ? (r.ok ? 'ok' : 'changed') : 'unseen', at: r?.at ?? null };
  });
}

/**
 * What the popup can say about the tab the agent is on:
 * - `unsupported`: not a web page (a browser page, a file, the new tab page);
 * - `builtin`: a site the extension knows out of the box (Gmail, Outlook…);
 * - `enabled`: a site the agent enabled;
 * - `available`: a web page the agent could enable.
 */
export type SiteState = 'unsupported' | 'builtin' | 'enabled' | 'available';

export interface CurrentSite {
  tabId: number;
  host: string;
  /** The match pattern "Enable on this site" asks for: the tab's scheme, host and port, any path. */
  pattern: string;
  state: SiteState;
}

/** The pattern covering a page's whole site, or null for anything but an http(s) page. */
export function sitePattern(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const pattern = `${u.protocol}//${u.host}/*`;
  return patternProblem(pattern) ? null : pattern;
}

/**
 * Where the content script runs out of the box, as in wxt.config.ts (the demo build adds the demo inbox, the test build any local port).
 * Matched with the browsers' own grammar: the demo inbox's pattern has a port, which wxt's
 * MatchPattern refuses with an exception (the site card then never showed).
 */
const builtinHere = () => builtinMatches(import.meta.env.TIP_DEMO === true ? 'demo' : import.meta.env.MODE);

export const PopupModel = createModel((client: Client, platform: Platform) => {
  const counts = signal<TicketCounts | null>(null);
  const view = signal<SettingsView | null>(null);
  const site = signal<CurrentSite | null>(null);
  const error = signal<string | null>(null);
  const busy = signal(false);
  const justEnabled = signal(false);
  const health = signal<SiteHealthRecord[]>([]);
  const healthList = computed(() => healthRows(health.value));
  /** The diagnostics text when the clipboard refused it, for the agent to copy by hand. */
  const diagnostics = signal<string | null>(null);
  const copied = signal(false);

  /** Open tickets: every live ticket not in the closed stage. */
  const openCount = computed(() => {
    const c = counts.value;
    const settings = view.value?.settings;
    if (!c || !settings) return null;
    const closed = settings.stages.filter((s) => s.closed).reduce((n, s) => n + (c.byStatus[s.id] ?? 0), 0);
    return c.total - closed;
  });

  async function refresh(): Promise<void> {
    const [c, v] = await Promise.all([client.views.count<TicketCounts>(), client.settings.get<SettingsView>()]);
    if (c.ok) counts.value = c.data;
    else error.value = refusalText(c.error);
    if (v.ok) view.value = v.data;
  }

  async function loadSite(): Promise<void> {
    const tab = await platform.currentTab().catch(() => undefined);
    const pattern = tab ? sitePattern(tab.url) : null;
    if (!tab || !pattern) {
      site.value = tab ? { tabId: tab.id, host: '', pattern: '', state: 'unsupported' } : null;
      return;
    }
    const host = new URL(tab.url).host;
    const builtin = builtinHere().some((m) => patternIncludes(m, tab.url));
    let state: SiteState = builtin ? 'builtin' : 'available';
    if (!builtin) {
      const sites = await client.sites.list();
      if (sites.ok && choiceFor(sites.data, tab.url)) state = 'enabled';
    }
    site.value = { tabId: tab.id, host, pattern, state };
  }

  async function loadHealth(): Promise<void> {
    const reply = await client.health.list<SiteHealthRecord[]>();
    if (reply.ok) health.value = reply.data;
  }

  return {
    counts,
    health,
    healthList,
    diagnostics,
    copied,
    loadHealth,
    // Action: "Copy diagnostics": every site's last report (landmark names, origins, times; never page text).
    async copyDiagnostics() {
      let version = '';
      try {
        version = browser.runtime.getManifest().version;
      } catch {
        // Outside an extension (unit tests): 'unknown' in the text.
      }
      const text = diagnosticsText(health.value, { version, userAgent: navigator.userAgent, now: Date.now() });
      copied.value = await toClipboard(text);
      diagnostics.value = copied.value ? null : text;
    },
    view,
    openCount,
    site,
    error,
    busy,
    justEnabled,
    refresh,
    loadSite,
    dismissError() {
      error.value = null;
    },
    // Action: open the dashboard or the options in a tab, then get out of the way.
    async openPage(page: 'dashboard' | 'options') {
      const reply = await client.open({ page });
      if (reply.ok) platform.closeWindow();
      else error.value = refusalText(reply.error);
    },
    /**
     * Action: "Enable on this site". The permission request comes first and
     * synchronously, inside the agent's click (the browser requires it).
     */
    enableSite(): Promise<void> {
      const current = site.value;
      if (!current || current.state !== 'available') return Promise.resolve();
      const asked = platform.requestOrigins([current.pattern]);
      return (async () => {
        busy.value = true;
        error.value = null;
        try {
          if (!(await asked)) return;
          const reply = await client.sites.add(current.pattern, 'auto');
          if (!reply.ok) {
            error.value = refusalText(reply.error);
            return;
          }
          site.value = { ...current, state: 'enabled' };
          justEnabled.value = true;
        } catch (e) {
          error.value = e instanceof Error ? e.message : String(e);
        } finally {
          busy.value = false;
        }
      })();
    },
    // Action: the sidebar on this page only, without enabling the site (activeTab).
    async openHere() {
      const current = site.value;
      if (!current || current.state !== 'available') return;
      try {
        await platform.openSidebarOnce(current.tabId);
        platform.closeWindow();
      } catch (e) {
        error.value = `The sidebar could not start on ${current.host}: ${e instanceof Error ? e.message : String(e)}`;
      }
    },
    // Action: reload the tab so the sidebar starts there.
    async reloadSite() {
      const current = site.value;
      if (!current) return;
      await platform.reloadTab(current.tabId).catch(() => undefined);
      platform.closeWindow();
    },
  };
});

export type PopupModelInstance = InstanceType<typeof PopupModel>;
