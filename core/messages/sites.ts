import { InvalidMatchPattern, MatchPattern } from 'wxt/utils/match-patterns';

/**
 * Sites the agent enabled in the options (ui-contract `tip-site-*`): a match
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

/** Why a pattern can't be enabled, or null when it can. */
export function patternProblem(pattern: string): string | null {
  if (!/^https?:\/\//.test(pattern)) return `"${pattern}" must start with http:// or https://, e.g. https://mail.example.org/*`;
  try {
    new MatchPattern(pattern);
    return null;
  } catch (error) {
    return error instanceof InvalidMatchPattern ? `"${pattern}" is not a match pattern: ${error.message}` : `"${pattern}" is not a match pattern.`;
  }
}

/** The agent's adapter choice for a page, or null when no enabled site covers it. */
export function choiceFor(sites: readonly EnabledSite[], url: string): SiteAdapterChoice | null {
  for (const site of sites) {
    try {
      if (new MatchPattern(site.pattern).includes(url)) return site.adapter;
    } catch {
      // A stored pattern that no longer parses matches nothing.
    }
  }
  return null;
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
