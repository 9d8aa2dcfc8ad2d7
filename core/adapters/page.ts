import type { HealthSite } from '../domain/health';
import type { ConversationSnapshot } from '../domain/types';
import { NotReadYet, SelectorError, type SiteAdapter } from './types';

/**
 * A site's health as the content script reports it (docs/rules.md "Site
 * health"): landmark names and the page's origin, never anything the page shows.
 */
export interface PageHealth {
  site: HealthSite;
  ok: boolean;
  /** The landmarks missing, by name (SiteAdapter.landmarks). */
  failed: string[];
  /** The adapter's version: the date its selectors were last checked. */
  checked: string;
  /** Scheme, host and port only: no path, no query, no hash. */
  origin: string;
}

/** What the sidebar knows about the host page right now. */
export type PageState = (
  | { kind: 'conversation'; snapshot: ConversationSnapshot }
  | { kind: 'none' }
  /** Not even generic mode could read the page (not a web page). */
  | { kind: 'unreadable'; reason: string }
) & {
  /**
   * The site adapter's check of this page (site adapters only). Not ok: the
   * site changed, and the rest of the state is generic mode's reading (limited mode).
   */
  health?: PageHealth;
};

/** A read that found the page mid-change: the caller keeps its previous state. */
export type PageRead = PageState | { kind: 'pending' };

/**
 * Reads the page through its adapter; a reader's failure becomes a state,
 * never a crash. With a `fallback` (generic mode), a site adapter whose
 * landmarks are missing hands the page to it: keyed by the address, so the
 * agent can still make a ticket, and never a wrong conversation.
 */
export function readPage(adapter: SiteAdapter, root: ParentNode, href: string, fallback?: SiteAdapter): PageRead {
  const url = new URL(href);
  let failed: string[] = [];
  let state: PageRead;
  try {
    failed = adapter.check?.(root, url) ?? [];
    if (failed.length) throw new SelectorError(adapter.id, failed.join(', '));
    const snapshot = adapter.read(root, url);
    state = snapshot ? { kind: 'conversation', snapshot } : { kind: 'none' };
  } catch (error) {
    if (error instanceof NotReadYet) return { kind: 'pending' };
    if (error instanceof SelectorError && !failed.length) failed = [error.what];
    state = { kind: 'unreadable', reason: error instanceof SelectorError ? error.message : `${adapter.label}: ${String(error)}` };
  }
  if (!adapter.landmarks) return state;
  const health: PageHealth = { site: adapter.id as HealthSite, ok: !failed.length, failed, checked: adapter.checked ?? '', origin: url.origin };
  if (!health.ok && fallback) state = readPage(fallback, root, href);
  return state.kind === 'pending' ? state : { ...state, health };
}

/** The adapter's health on this page (tests, diagnostics): what `readPage` reports. */
export function healthOf(adapter: SiteAdapter, root: ParentNode, href: string): PageHealth | undefined {
  const state = readPage(adapter, root, href);
  return state.kind === 'pending' ? undefined : state.health;
}
