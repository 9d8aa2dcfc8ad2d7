import { effect } from '@preact/signals';
import { render } from 'preact';
// In this bundle `browser` is the browser's own promise-based API, not the
// polyfill (wxt.config.ts, 'vite:build:extendConfig'): 3 KB gzip less on every host page.
import { browser, defineContentScript } from '#imports';
import { SidebarApp } from '../../components/sidebar/SidebarApp';
import css from '../../components/sidebar/sidebar.css?inline';
import { SidebarModel } from '../../components/models/sidebar-model';
import { CONTENT_MATCHES } from '../../core/adapters/matches';
import { adapterFor } from '../../core/adapters/registry';
import { createTransport } from '../../core/messages/client';
import { insertAtCursor } from './composer';
import { mountSidebar } from './mount';
import { watchPage } from './observe';

export default defineContentScript({
  matches: [...CONTENT_MATCHES],
  runAt: 'document_end',
  main(ctx) {
    const adapter = adapterFor(new URL(location.href), document);
    if (!adapter) return;

    // The test build opens the shadow root so tests can pierce it; the
    // release build keeps it closed so page scripts can't read ticket data.
    const mounted = mountSidebar(document, {
      mode: import.meta.env.MODE === 'e2e' ? 'open' : 'closed',
      css,
      reserveSpace: adapter.reservesSpace === true,
    });
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
      insertIntoComposer: (text) => {
        const composer = adapter.composer(document);
        return composer ? insertAtCursor(composer, text) : false;
      },
    });
    const stopSizing = effect(() => mounted.setLayout({ collapsed: model.collapsed.value, width: model.width.value }));
    const stopListening = client.onChange(() => void model.refresh());
    render(<SidebarApp model={model} />, mounted.container);

    void model.restorePrefs();
    watchPage(adapter, window, (state) => model.setPage(state), ctx.signal);
    ctx.onInvalidated(() => {
      stopListening();
      stopSizing();
      render(null, mounted.container);
      model[Symbol.dispose]();
      mounted.remove();
    });
  },
});
