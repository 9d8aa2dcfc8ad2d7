/**
 * Mounts the sidebar's host element and its shadow root. Written by hand
 * rather than with WXT's createShadowRootUi because that one loads its CSS
 * with a fetch: ours is inlined, so the first paint is already styled.
 */

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

export interface MountOptions {
  mode: ShadowRootMode;
  css: string;
  reserveSpace: boolean;
  /**
   * Asked whenever the page's top-level children change: false once this
   * script's extension is gone (ctx.isValid, which then stops the script), so
   * an orphaned sidebar leaves instead of fighting a newer copy for the page.
   */
  stillOurs(): boolean;
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

/**
 * Events that carry what the agent types or copies (key, input, composition,
 * clipboard) are `composed`: without this they bubble out of the shadow root
 * to the page, whose scripts could log notes as they are typed, and whose own
 * key shortcuts (a `c` on document) would fire on keys typed in the sidebar.
 * Stopped on the shadow root in the bubble phase, after every handler of the
 * sidebar's own (all on its elements) has run. `change` is not composed and
 * `textInput` is Chrome's legacy twin of `beforeinput`: listed so that a
 * browser that differs still keeps them in. Focus events pass: they carry no
 * text (their targets are retargeted to the host, which `activeElement` shows
 * the page anyway) and pages close their own menus and popups on them.
 */
export const SEALED_EVENTS = [
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'textInput',
  'change',
  'compositionstart',
  'compositionupdate',
  'compositionend',
  'copy',
  'cut',
  'paste',
] as const;

/** Re-attachments allowed before a pause: a page that keeps removing the host wins, rather than both spinning. */
const REATTACH_BURST = 20;

/**
 * The host is a plain `div`, created here and kept by reference, never looked
 * up by tag: a page can pre-create or `customElements.define` a custom tag
 * name (its constructor then runs on our element, may take its shadow root
 * first, and the old lookup let a pre-created one stop or replace ours), but
 * it can't define or upgrade a built-in element.
 */
export function mountSidebar(doc: Document, opts: MountOptions): MountedSidebar {
  const host = doc.createElement('div');
  const shadow = host.attachShadow({ mode: opts.mode });
  const stop = new AbortController();
  const styleOf = (css: string) => {
    const style = doc.createElement('style');
    style.textContent = css;
    return style;
  };
  const container = doc.createElement('div');
  container.className = 'tip-root';
  shadow.append(styleOf(opts.css), container);
  const keepIn = (event: Event) => event.stopPropagation();
  for (const type of SEALED_EVENTS) shadow.addEventListener(type, keepIn, { signal: stop.signal });

  const setLayout = ({ collapsed, width: open }: { collapsed: boolean; width: number }) => {
    const width = collapsed ? COLLAPSED_WIDTH : open;
    host.setAttribute('style', hostStyle(width));
    // Pages that make room for the sidebar (the demo inbox) read this custom
    // property; on any other page it is an unused variable and changes nothing.
    if (opts.reserveSpace) doc.documentElement.style.setProperty('--tip-reserved-right', `${width}px`);
  };
  const home = () => doc.body ?? doc.documentElement;
  home().append(host);
  keepAttached(doc, host, home, opts.stillOurs, stop.signal);

  return {
    host,
    shadow,
    container,
    addStyle: (css) => container.before(styleOf(css)),
    setLayout,
    remove() {
      stop.abort();
      host.remove();
      if (opts.reserveSpace) doc.documentElement.style.removeProperty('--tip-reserved-right');
    },
  };
}

/**
 * Puts the host back when the page removes or moves it (a script clearing
 * `body`, or one that wants the sidebar gone). Watches only the children of
 * `<html>` and `<body>`, no subtree, so the page's own rendering costs nothing.
 */
function keepAttached(doc: Document, host: HTMLElement, home: () => HTMLElement, stillOurs: () => boolean, signal: AbortSignal): void {
  let burst = 0;
  let pause: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    if (!stillOurs()) return; // and our script is stopping: see MountOptions
    if (host.parentNode !== home() && burst < REATTACH_BURST) {
      burst++;
      pause ??= setTimeout(() => {
        burst = 0;
        pause = undefined;
      }, 1000);
      home().append(host);
    }
    if (doc.body !== watched) watch(); // `<body>` itself was replaced
  });
  let watched: HTMLElement | null = null;
  const watch = () => {
    observer.disconnect();
    observer.observe(doc.documentElement, { childList: true });
    watched = doc.body;
    if (watched) observer.observe(watched, { childList: true });
  };
  watch();
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(pause);
  });
}
