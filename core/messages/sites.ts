/**
 * Sites the agent enabled in the options (docs/ui-contract.md `tip-site-*`): a match
 * pattern and which adapter reads it. `auto` picks Roundcube when the page is
 * one, else the generic reader. Kept per installation (browser permissions
 * are per browser), never synced.
 */
export const SITE_ADAPTERS = ['auto', 'roundcube', 'generic'] as const;
export type SiteAdapterChoice = (typeof SITE_ADAPTERS)[number];

export interface EnabledSite {
  pattern: string;
  adapter: SiteAdapterChoice;
}

/**
 * The browser's match-pattern grammar for web pages, ports included
 * (`http://127.0.0.1:8080/*`, self-hosted webmail on `:8443`): Chrome and
 * Firefox accept a port in the host part, which the common JS parsers refuse.
 */
const MATCH_PATTERN = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*:]+)(?::(\d{1,5}))?(\/.*)$/;

interface ParsedPattern {
  scheme: string;
  host: string;
  port: string | undefined;
  path: RegExp;
}

function parse(pattern: string): ParsedPattern | null {
  const m = MATCH_PATTERN.exec(pattern);
  if (!m) return null;
  const [, scheme, host, port, path] = m as unknown as [string, string, string, string | undefined, string];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  const glob = path.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return { scheme, host: host.toLowerCase(), port, path: new RegExp(`^${glob}$`) };
}

/** Why a pattern can't be enabled, or null when it can. */
export function patternProblem(pattern: string): string | null {
  // The browser's own "every URL" also covers local files, and the manifest can't grant it: say what to write instead.
  if (pattern === ALL_URLS) return `"${pattern}" also covers the files on this computer. To run on every site, write https://*/* (and http://*/*).`;
  if (!/^(https?|\*):\/\//.test(pattern)) return `"${pattern}" must start with http:// or https://, e.g. https://mail.example.org/*`;
  return parse(pattern) ? null : `"${pattern}" is not a match pattern. Write it like https://mail.example.org/* or http://127.0.0.1:8080/*`;
}

const ALL_URLS = '<all_urls>';

/**
 * Second-level labels under which registries sell names (`example.co.uk`,
 * `example.com.au`, `example.gob.es`): `*.co.uk` is a whole registry, not a site.
 * Without the public-suffix list (too large for the bundles) this covers
 * the country registries' common ones.
 */
const REGISTRY_LABELS = new Set(['ac', 'co', 'com', 'edu', 'gob', 'go', 'gov', 'govt', 'ltd', 'me', 'mil', 'ne', 'net', 'nhs', 'nic', 'nom', 'or', 'org', 'plc', 'sch']);

/**
 * How far a pattern reaches: `invalid`; `site`, one site (or its subdomains);
 * `every-host`, every site (the host is `*`, whatever the scheme or port, or
 * `<all_urls>`); `whole-suffix`, every site under a top-level domain or a
 * registry (`*.com`, `*.org`, `*.co.uk`). The last two let the sidebar read
 * every page the agent opens there, so they are enabled only when the agent
 * has confirmed that in words (and the background refuses them otherwise).
 */
export type PatternReach = 'invalid' | 'site' | 'every-host' | 'whole-suffix';

export function patternReach(pattern: string): PatternReach {
  if (pattern === ALL_URLS) return 'every-host';
  const p = parse(pattern);
  if (!p) return 'invalid';
  if (p.host === '*') return 'every-host';
  if (!p.host.startsWith('*.')) return 'site';
  // A trailing dot names the same domain (`*.com.`); empty labels say nothing narrower.
  const labels = p.host.slice(2).split('.').filter(Boolean);
  if (labels.length <= 1) return 'whole-suffix';
  if (labels.length === 2 && labels[1]!.length === 2 && REGISTRY_LABELS.has(labels[0]!)) return 'whole-suffix';
  return 'site';
}

/** Whether enabling a pattern needs the agent's explicit confirmation (every site, or a whole domain ending). */
export function isBroadPattern(pattern: string): boolean {
  const reach = patternReach(pattern);
  return reach === 'every-host' || reach === 'whole-suffix';
}

/** Whether a page URL falls under a match pattern (as the browser decides for content scripts). */
export function patternIncludes(pattern: string, url: string): boolean {
  const p = parse(pattern);
  if (!p) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const scheme = u.protocol.slice(0, -1);
  if (p.scheme === '*' ? scheme !== 'http' && scheme !== 'https' : scheme !== p.scheme) return false;
  const host = u.hostname.toLowerCase();
  if (p.host !== '*') {
    if (p.host.startsWith('*.')) {
      const base = p.host.slice(2);
      if (host !== base && !host.endsWith(`.${base}`)) return false;
    } else if (host !== p.host) return false;
  }
  // No port in the pattern matches every port, as in the browsers.
  if (p.port !== undefined && (u.port || (scheme === 'https' ? '443' : '80')) !== p.port) return false;
  return p.path.test(`${u.pathname}${u.search}`);
}

/**
 * The pattern to hand the browser for an enabled site. Firefox accepts a match pattern with a
 * port (`http://mail.local:8080/*`) but then matches no page with it, neither for content
 * scripts nor for permissions (seen in Firefox ESR 153): there the port is dropped, so the site
 * runs on every port of that host. Chrome honours ports and gets the pattern as written.
 */
export function browserPattern(pattern: string, firefox: boolean): string {
  if (!firefox) return pattern;
  const p = MATCH_PATTERN.exec(pattern);
  if (!p || p[3] === undefined) return pattern;
  return pattern.replace(`:${p[3]}`, '');
}

/** The agent's adapter choice for a page, or null when no enabled site covers it. */
export function choiceFor(sites: readonly EnabledSite[], url: string): SiteAdapterChoice | null {
  return sites.find((site) => patternIncludes(site.pattern, url))?.adapter ?? null;
}

/** Adds or replaces one site (by pattern), keeping the list's order. */
export function withSite(sites: readonly EnabledSite[], site: EnabledSite): EnabledSite[] {
  const i = sites.findIndex((s) => s.pattern === site.pattern);
  return i < 0 ? [...sites, site] : sites.map((s, j) => (j === i ? site : s));
}

export function isEnabledSiteList(value: unknown): value is EnabledSite[] {
  return (
    Array.isArray(value) &&
    value.every((s) => typeof s === 'object' && s !== null && typeof (s as EnabledSite).pattern === 'string' && SITE_ADAPTERS.includes((s as EnabledSite).adapter))
  );
}
