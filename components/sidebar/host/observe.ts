import { readPage, type PageState } from '../../../core/adapters/page';
import type { SiteAdapter } from '../../../core/adapters/types';

/** How long DOM changes settle before the page is read again (well under the 100 ms budget). */
const SETTLE_MS = 25;
/**
 * How long a site must look changed before the sidebar says so: an app shows
 * a thread's address a moment before its markup, which is no redesign.
 */
export const CONFIRM_CHANGED_MS = 1500;

/**
 * Calls `onChange` with the page's state now and whenever it changes: single
 * page apps switch conversations without loads, so this listens to history
 * events and to a MutationObserver scoped to the adapter's observe root. No
 * polling. While the page is hidden nothing is observed; on return it reads
 * again. Everything stops when `signal` aborts.
 */
export function watchPage(
  adapter: SiteAdapter,
  win: Window,
  onChange: (state: PageState) => void,
  signal: AbortSignal,
  /** Generic mode, for a site whose landmarks are missing (core/adapters/page.ts). */
  fallback?: SiteAdapter,
): void {
  const doc = win.document;
  let last = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let observer: MutationObserver | undefined;
  let observed: Element | null = null;
  let changedSince: number | undefined;
  // In limited mode the site's markup is not what its adapter knows: watch where generic mode would.
  let limited = false;
  const rootOf = () => (limited && fallback ? fallback : adapter).observeRoot(doc);
  let confirm: ReturnType<typeof setTimeout> | undefined;

  const check = () => {
    timer = undefined;
    // Some apps swap their whole main region on navigation: follow the new one.
    if (!doc.hidden && rootOf() !== observed) observe();
    const state = readPage(adapter, doc, win.location.href, fallback);
    if (state.kind === 'pending') return; // mid-load: keep what is shown; `load` reads again
    if (state.health?.ok === false) {
      changedSince ??= Date.now();
      const wait = changedSince + CONFIRM_CHANGED_MS - Date.now();
      if (wait > 0) {
        clearTimeout(confirm);
        confirm = setTimeout(schedule, wait);
        return;
      }
    } else changedSince = undefined;
    limited = state.health?.ok === false;
    if (!doc.hidden && rootOf() !== observed) observe();
    const fingerprint = JSON.stringify(state);
    if (fingerprint === last) return;
    last = fingerprint;
    onChange(state);
  };
  const schedule = () => {
    if (timer === undefined && !signal.aborted) timer = setTimeout(check, SETTLE_MS);
  };
  const observe = () => {
    observer?.disconnect();
    const root = rootOf();
    observed = root;
    if (!root) return;
    observer = new MutationObserver(schedule);
    const attributeFilter = adapter.observeAttributes ? [...adapter.observeAttributes] : undefined;
    observer.observe(root, { childList: true, subtree: true, characterData: true, ...(attributeFilter ? { attributes: true, attributeFilter } : {}) });
    // The root itself may be replaced (an app re-mounting its shell): watch its parent's
    // children too, without the subtree, so that costs next to nothing.
    if (root.parentNode && root !== doc.body) observer.observe(root.parentNode, { childList: true });
  };

  const listen = { signal } as const;
  win.addEventListener('popstate', schedule, listen);
  win.addEventListener('hashchange', schedule, listen);
  // A same-origin frame that loads another message (Roundcube's preview pane) fires `load`
  // on its iframe element; load does not bubble, so listen in the capture phase.
  doc.addEventListener('load', (e) => e.target instanceof HTMLIFrameElement && schedule(), { capture: true, signal });
  // Same-document navigations made by the page's own pushState (Navigation API, where present).
  const nav = (win as Window & { navigation?: EventTarget }).navigation;
  nav?.addEventListener('currententrychange', schedule, listen);
  doc.addEventListener(
    'visibilitychange',
    () => {
      if (doc.hidden) {
        observer?.disconnect();
        observer = undefined;
        observed = null;
      } else {
        observe();
        schedule();
      }
    },
    listen,
  );
  signal.addEventListener('abort', () => {
    observer?.disconnect();
    if (timer !== undefined) clearTimeout(timer);
    clearTimeout(confirm);
  });

  if (!doc.hidden) observe();
  check();
}
