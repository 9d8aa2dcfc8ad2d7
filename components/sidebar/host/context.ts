import { browser } from 'wxt/browser';
import type { ContentScriptContext as WxtContext } from 'wxt/utils/content-script-context';

/**
 * The content scripts' `ctx`: wxt.config.ts aliases `wxt/utils/content-script-context`
 * to this file in the content-script bundles only. It is WXT 0.21's class less
 * its location watcher (the `wxt:locationchange` event; the sidebar follows the
 * page with its own watcher, host/observe.ts) and logger: 0.7 KB gzip of the
 * content scripts' size (docs/ui-contract.md "Content-script size").
 *
 * Also less WXT's "script started" announcement. WXT dispatches an event named
 * after `browser.runtime.id` on `document` and posts it with `window.postMessage`,
 * so an older copy of the script (the extension reloaded or updated) stops
 * itself. The host page sees both: it learns the extension's id, and replaying
 * the event stops the sidebar. Here an older copy stops when it finds its own
 * context invalid instead (`browser.runtime.id` gone, which no page can fake):
 * `isInvalid` checks that, and the sidebar asks it whenever the page's children
 * change around its host (host/mount.ts), which a newer copy's mount does.
 */
type Api = Omit<Pick<WxtContext, keyof WxtContext>, 'stopOldScripts' | 'verifyScriptStartedEvent' | 'listenForNewerScripts'>;

export class ContentScriptContext implements Api {
  private readonly controller = new AbortController();

  constructor(
    private readonly contentScriptName: string,
    readonly options?: WxtContext['options'],
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(reason?: unknown): void {
    this.controller.abort(reason);
  }

  get isInvalid(): boolean {
    if (!this.signal.aborted && !extensionAlive()) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  block<T>(): Promise<T> {
    return new Promise(() => {});
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => this.isValid && handler(), timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = setTimeout(() => this.isValid && handler(), timeout) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = requestAnimationFrame((time) => this.isValid && callback(time));
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = requestIdleCallback((deadline) => this.signal.aborted || callback(deadline), options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }

  /** Listens until invalidated. WXT's own `wxt:*` events are not supported here (see above). */
  addEventListener(target: EventTarget, type: string, handler: (event: never) => void, options?: AddEventListenerOptions): void {
    target.addEventListener?.(type, handler as EventListener, { ...options, signal: this.signal });
  }

  notifyInvalidated(): void {
    this.abort(`Content script "${this.contentScriptName}" context invalidated`);
  }
}

/** False once the extension that ran this script is reloaded, updated or removed. */
function extensionAlive(): boolean {
  try {
    return browser.runtime?.id != null;
  } catch {
    // Firefox: the API object of an unloaded extension throws ("dead object").
    return false;
  }
}
