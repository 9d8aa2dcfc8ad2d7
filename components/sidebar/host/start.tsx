import { effect } from '@preact/signals';
import { render } from 'preact';
import { browser, type ContentScriptContext } from '#imports';
import type { SiteAdapter } from '../../../core/adapters/types';
import { createTransport } from '../../../core/messages/client';
import { MAX_SELECTION, SidebarModel, type PageSelection } from '../../models/sidebar-model';
import { SidebarApp } from '../SidebarApp';
import { extras } from '../extras';
import { mountSidebar } from './mount';
import { watchPage } from './observe';
import { takeReservedRoom } from './room';
import { claimSidebar, takePendingSelection } from './running';
// Last: the stylesheet's text then sits after the code in the bundle, which gzips it smaller.
import css from '../sidebar.css?inline';

/**
 * Everything a content script does once it knows its site: mount the
 * sidebar in a shadow root, follow the page's conversations, talk to the
 * background. Each site's entrypoint is one call to this with its adapter,
 * so a page loads only its own site's DOM knowledge. `fallback` reads a
 * page whose site changed (limited mode, docs/rules.md "Site health").
 */
export function startSidebar(ctx: ContentScriptContext, adapter: SiteAdapter, fallback?: SiteAdapter): void {
  // Another of our scripts (say the demo's and an agent-enabled site's) got here first.
  // Asked of our own isolated world, not the page's DOM, which the page controls.
  // The room reserved at document_start (room.ts): this sidebar's, or nobody's.
  const reserved = takeReservedRoom();
  if (!claimSidebar(ctx)) return void reserved?.remove();

  // The test build opens the shadow root so tests can pierce it; the
  // release build keeps it closed so page scripts can't read ticket data.
  const mounted = mountSidebar(document, {
    mode: import.meta.env.MODE === 'e2e' ? 'open' : 'closed',
    css,
    room: adapter.room ?? 'flow',
    reserved,
    stillOurs: () => ctx.isValid,
  });
  // In content-script bundles `browser` is the browser's own promise-based
  // API, not the polyfill (wxt.config.ts, 'vite:build:extendConfig').
  let extrasStyled = false;
  const client = createTransport(
    (message) => browser.runtime.sendMessage(message),
    (listener) => {
      const wrapped = (message: unknown) => void listener(message);
      browser.runtime.onMessage.addListener(wrapped);
      return () => browser.runtime.onMessage.removeListener(wrapped);
    },
  );
  const model = new SidebarModel({
    client,
    // Bundled: loading them on first use through the background saved under 0.2 ms of a page load (README "Benchmark").
    // Their styles join the shadow root when first wanted.
    loadExtras: async () => {
      if (!extrasStyled) mounted.addStyle(extras.css);
      extrasStyled = true;
      return extras;
    },
    insertIntoComposer: (text, { insertAtCursor }) => {
      const composer = adapter.composer(document);
      return composer ? insertAtCursor(composer, text) : false;
    },
    messageAt: adapter.messageAt && ((node) => adapter.messageAt!(node, document, new URL(location.href))),
  });
  const stopSizing = effect(() => mounted.setLayout({ collapsed: model.collapsed.value, width: model.width.value }));
  const stopListening = client.onChange((event) => model.changed(event));
  // The manifest's keyboard shortcuts: toggling here, the others with the extras (../shortcuts.ts).
  const stopShortcuts = client.onShortcut(async (name) => {
    if (name === 'toggle-sidebar') return model.toggle();
    const extras = await model.wantExtras();
    if (extras) return void (await extras.runShortcut(model, name));
    // Expanded, so the error that says why shows.
    if (model.collapsed.value) model.toggle();
  });
  // The page's selection, as text, read here (never handed over by the page): the sidebar offers a ticket from it.
  const readSelection = (): PageSelection | null => {
    const picked = window.getSelection();
    // A selection inside the sidebar shows as one on its host.
    if (!picked || picked.isCollapsed || picked.rangeCount === 0 || mounted.host.contains(picked.anchorNode)) return null;
    const text = picked.toString().trim().slice(0, MAX_SELECTION);
    return text ? { text, node: picked.getRangeAt(0).startContainer } : null;
  };
  let selectionTimer: ReturnType<typeof setTimeout> | undefined;
  document.addEventListener(
    'selectionchange',
    () => {
      clearTimeout(selectionTimer);
      selectionTimer = setTimeout(() => (model.selection.value = readSelection()), 50);
    },
    { signal: ctx.signal },
  );
  const stopSelectionRequests = client.onSelectionRequest(() => model.createFromSelection(readSelection()));
  render(<SidebarApp model={model} />, mounted.container);

  void model.restorePrefs();
  watchPage(adapter, window, (state) => model.setPage(state), ctx.signal, fallback);
  // Started by the context menu's "Create ticket from selection" on a page without a sidebar.
  if (takePendingSelection()) void model.createFromSelection(readSelection());
  ctx.onInvalidated(() => {
    stopListening();
    stopShortcuts();
    stopSelectionRequests();
    clearTimeout(selectionTimer);
    stopSizing();
    render(null, mounted.container);
    model[Symbol.dispose]();
    mounted.remove();
  });
}
