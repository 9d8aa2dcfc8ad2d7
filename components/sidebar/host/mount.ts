/**
 * Mounts the sidebar's host element and its shadow root. Written by hand
 * rather than with WXT's createShadowRootUi because that one loads its CSS
 * with a fetch: ours is inlined, so the first paint is already styled.
 */

import { roomRules, type Room } from './room';

export const COLLAPSED_WIDTH = 44;

export interface MountedSidebar {
  host: HTMLElement;
  shadow: ShadowRoot;
  container: HTMLElement;
  /** Adds a stylesheet after the sidebar's own (the extras', ../extras.ts). */
  addStyle(css: string): void;
  /** Docks the host at this width (the collapsed rail, or the agent's chosen width). */
  setLayout(layout: { collapsed: boolean; width: number }): void;
  remove(): void;
}

export interface MountOptions {
  mode: ShadowRootMode;
  css: string;
  /** How the page is given room beside the sidebar: see roomRules and SiteAdapter.room. */
  room: Room;
  /** The room sheet reserved at `document_start` (room.ts), to keep rather than add a new one. */
  reserved?: HTMLStyleElement | null;
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
 * Room for the page (room.ts roomRules): one stylesheet of ours, a light-DOM
 * child of the host, so it comes and goes with the host (keepAttached puts
 * both back). `'auto'` (any page the agent enabled): 'flow', then 'shell' if
 * the first layout shows an app (a fixed-layout SPA: the document is exactly
 * the viewport's height, or nothing in the body is in flow). Read once from a
 * ResizeObserver, which reports after the browser's own layout, so nothing is
 * forced; deciding once keeps the body's new min-height from flipping the answer.
 */
export { roomRules, type Room };

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

  // The reserved sheet moves into the host with its text unchanged: the page's styles stay the same.
  const room = opts.reserved ?? styleOf('');
  host.append(room);
  let strategy: Exclude<Room, 'auto'> = opts.room === 'auto' ? 'flow' : opts.room;
  let width = 0;
  /** Rewrites the sheet only when its rules change: an equal rewrite still costs the page a style pass. */
  const writeRoom = () => {
    const rules = roomRules(strategy, width);
    if (room.textContent !== rules) room.textContent = rules;
  };
  const setLayout = ({ collapsed, width: open }: { collapsed: boolean; width: number }) => {
    // The collapsed rail takes its 44 px too, so it lies over no host control.
    width = collapsed ? COLLAPSED_WIDTH : open;
    host.setAttribute('style', hostStyle(width));
    writeRoom();
  };
  if (opts.room === 'auto' && typeof ResizeObserver === 'function') {
    const first = new ResizeObserver(([entry]) => {
      first.disconnect();
      // Laid out already, so these reads force nothing. An app does not scroll, and is either
      // exactly the viewport's height (`html, body { height: 100% }`) or has nothing in flow (all
      // fixed or absolute); a short article is neither, and keeps its flow (no body min-height).
      const html = doc.documentElement;
      const height = entry?.borderBoxSize[0]?.blockSize ?? -1;
      const scrolls = html.scrollHeight > html.clientHeight;
      const fills = Math.abs(height - html.clientHeight) < 1;
      const nothingInFlow = doc.body?.getBoundingClientRect().height === 0;
      if (stop.signal.aborted || scrolls || !(fills || nothingInFlow)) return;
      strategy = 'shell';
      if (width) writeRoom();
    });
    first.observe(doc.documentElement);
    stop.signal.addEventListener('abort', () => first.disconnect());
  }
  // In <html>, after <body>: out of the body's containment ('shell' above).
  const home = () => doc.documentElement;
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
      host.remove(); // and the room sheet with it: the page gets its whole width back
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
