/**
 * Mounts the sidebar's host element and its shadow root. Written by hand
 * rather than with WXT's createShadowRootUi because that one loads its CSS
 * with a fetch: ours is inlined, so the first paint is already styled.
 */

export const HOST_TAG = 'tickets-in-place-sidebar';
export const COLLAPSED_WIDTH = 44;

export interface MountedSidebar {
  host: HTMLElement;
  shadow: ShadowRoot;
  container: HTMLElement;
  /** Adds a stylesheet after the sidebar's own (the extras', host/kit.ts). */
  addStyle(css: string): void;
  /** Docks the host at this width (the collapsed rail, or the agent's chosen width). */
  setLayout(layout: { collapsed: boolean; width: number }): void;
  remove(): void;
}

/**
 * The host element lives in the page's light DOM, where page CSS can reach it
 * (`* { all: unset !important }`). Inline `!important` declarations win over
 * any stylesheet rule, so they pin what the host needs:
 * `all: initial !important; display: block !important; …`.
 */
const HOST_STYLE =
  'all:initial;display:block;position:fixed;top:0;right:0;bottom:0;left:auto;width:W;height:100vh;max-width:100vw;margin:0;padding:0;border:0;z-index:2147483646;visibility:visible;opacity:1;transform:none;pointer-events:auto';

const hostStyle = (width: number): string =>
  HOST_STYLE.split(';')
    .map((d) => `${d.replace(':', ': ').replace('W', `${width}px`)} !important`)
    .join('; ');

export function mountSidebar(doc: Document, opts: { mode: ShadowRootMode; css: string; reserveSpace: boolean }): MountedSidebar {
  doc.querySelector(HOST_TAG)?.remove();
  const host = doc.createElement(HOST_TAG);
  const shadow = host.attachShadow({ mode: opts.mode });
  const styleOf = (css: string) => {
    const style = doc.createElement('style');
    style.textContent = css;
    return style;
  };
  const container = doc.createElement('div');
  container.className = 'tip-root';
  shadow.append(styleOf(opts.css), container);

  const setLayout = ({ collapsed, width: open }: { collapsed: boolean; width: number }) => {
    const width = collapsed ? COLLAPSED_WIDTH : open;
    host.setAttribute('style', hostStyle(width));
    // Pages that make room for the sidebar (the demo inbox) read this custom
    // property; on any other page it is an unused variable and changes nothing.
    if (opts.reserveSpace) doc.documentElement.style.setProperty('--tip-reserved-right', `${width}px`);
  };
  (doc.body ?? doc.documentElement).append(host);

  return {
    host,
    shadow,
    container,
    addStyle: (css) => container.before(styleOf(css)),
    setLayout,
    remove() {
      host.remove();
      if (opts.reserveSpace) doc.documentElement.style.removeProperty('--tip-reserved-right');
    },
  };
}
