import { browser } from 'wxt/browser';
import type { ContentScriptContext as WxtContext } from 'wxt/utils/content-script-context';

/**
 * The content scripts' `ctx`: wxt.config.ts aliases `wxt/utils/content-script-context`
 * to this file in the content-script bundles only. It is WXT 0.21's class less
 * its location watcher (the `wxt:locationchange` event; the sidebar follows the
 * page with its own watcher, host/observe.ts) and logger: 0.7 KB gzip of the
 * 20 KB budget (issue 5). Everything else behaves as WXT's does, with the same
 * event name and payload, so a newer copy of a script (the extension reloaded
 * or updated) still stops an older one, whichever copy of the class each runs.
 */
type Api = Pick<WxtContext, keyof WxtContext>;

const STARTED = `${browser?.runtime?.id}:${import.meta.env.ENTRYPOINT}:wxt:content-script-started`;

export class ContentScriptContext implements Api {
  private readonly id = Math.random().toString(36).slice(2);
  private readonly controller = new AbortController();

  constructor(
    private readonly contentScriptName: string,
    readonly options?: WxtContext['options'],
  ) {
    this.stopOldScripts();
    this.listenForNewerScripts();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(reason?: unknown): void {
    this.controller.abort(reason);
  }

  get isInvalid(): boolean {
    if (browser.runtime?.id == null) this.notifyInvalidated();
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
    this.abort('Content script context invalidated');
  }

  stopOldScripts(): void {
    const detail = { contentScriptName: this.contentScriptName, messageId: this.id };
    document.dispatchEvent(new CustomEvent(STARTED, { detail }));
    window.postMessage({ type: STARTED, ...detail }, '*');
  }

  verifyScriptStartedEvent(event: CustomEvent): boolean {
    return event.detail?.contentScriptName === this.contentScriptName && event.detail?.messageId !== this.id;
  }

  listenForNewerScripts(): void {
    const cb = (event: Event) => {
      if (event instanceof CustomEvent && this.verifyScriptStartedEvent(event)) this.notifyInvalidated();
    };
    document.addEventListener(STARTED, cb);
    this.onInvalidated(() => document.removeEventListener(STARTED, cb));
  }
}
