/**
 * Site health (docs/rules.md "Site health"): what a site adapter found
 * missing on its site, and the diagnostics the agent copies to report it.
 * Landmark names, a site id, an origin and versions: never anything the page
 * shows (SECURITY.md "Diagnostics").
 */

/** The sites that report health: every source but generic mode, which relies on nothing. */
export const HEALTH_SITES = ['gmail', 'outlook', 'roundcube', 'slack', 'whatsapp', 'demo'] as const;
export type HealthSite = (typeof HEALTH_SITES)[number];

/** A landmark's name as adapters write them ('thread subject'): lower-case words, short. */
export const LANDMARK = /^[a-z][a-z ]{0,39}$/;
export const MAX_FAILED = 20;
/** An adapter's version: the date its selectors were last checked. */
export const CHECKED = /^(?:\d{4}-\d{2}-\d{2})?$/;

/** The last report of a site, as the background keeps it (local prefs `health.<site>`, never synced). */
export interface SiteHealthRecord {
  site: HealthSite;
  ok: boolean;
  failed: string[];
  checked: string;
  /** Scheme, host and port of the page that reported. */
  origin: string;
  /** When the background got the report (epoch ms). */
  at: number;
}

/** The pref key a site's report is kept under. */
export const healthPref = (site: HealthSite) => `health.${site}`;

/** `https://host:port` of an address, or '' when it is none: a path, query or hash never gets through. */
export function originOf(value: string): string {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : '';
  } catch {
    return '';
  }
}

/** The browser's name and major version from its user-agent string ('Chrome 131', 'Firefox 133'), or 'unknown'. */
export function browserOf(userAgent: string): string {
  // Most specific first: Edge and Opera also say Chrome.
  for (const [token, name] of [['Firefox', 'Firefox'], ['Edg', 'Edge'], ['OPR', 'Opera'], ['Chrome', 'Chrome']] as const) {
    const major = new RegExp(`${token}/(\\d+)`).exec(userAgent)?.[1];
    if (major) return `${name} ${major}`;
  }
  return 'unknown';
}

export interface DiagnosticsEnv {
  /** The extension's version (`runtime.getManifest().version`). */
  version: string;
  userAgent: string;
  now: number;
}

/**
 * The text "Copy diagnostics" puts on the clipboard: one JSON block per site.
 * Rebuilt field by field from the report (never the report spread), with
 * every value bounded to its shape, so nothing else it might carry gets in.
 */
/** A report as the sidebar holds it (no `at` yet) or as the background kept it. */
export type DiagnosticsInput = Omit<SiteHealthRecord, 'site' | 'at'> & { site: string; at?: number };

export function diagnosticsText(reports: readonly DiagnosticsInput[], env: DiagnosticsEnv): string {
  const sites = reports.map((r) => ({
    site: (HEALTH_SITES as readonly string[]).includes(r.site) ? r.site : 'unknown',
    state: r.ok ? 'ok' : 'changed',
    failed: r.failed.filter((name) => LANDMARK.test(name)).slice(0, MAX_FAILED),
    adapter: CHECKED.test(r.checked) ? r.checked : '',
    origin: originOf(r.origin),
    seen: r.at === undefined ? null : new Date(r.at).toISOString(),
  }));
  const block = {
    extension: 'Tickets in place',
    version: /^[\d.]{1,20}$/.test(env.version) ? env.version : 'unknown',
    browser: browserOf(env.userAgent),
    time: new Date(env.now).toISOString(),
    sites,
  };
  return JSON.stringify(block, null, 2);
}
