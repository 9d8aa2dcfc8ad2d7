import { signal } from '@preact/signals';
import { render } from 'preact';
import { defineContentScript } from '#imports';
import { adapterFor } from '../../core/adapters/registry';
import type { PageState } from '../../core/adapters/page';
import { SidebarApp } from '../../components/sidebar/SidebarApp';
import css from '../../components/sidebar/sidebar.css?inline';
import { mountSidebar } from './mount';
import { watchPage } from './observe';
import { CONTENT_MATCHES } from '../../core/adapters/matches';

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
    const page = signal<PageState>({ kind: 'none' });
    const collapsed = signal(false);
    const onToggle = () => {
      collapsed.value = !collapsed.value;
      mounted.setCollapsed(collapsed.value);
    };
    render(<SidebarApp page={page} collapsed={collapsed} onToggle={onToggle} />, mounted.container);

    watchPage(adapter, window, (state) => (page.value = state), ctx.signal);
    ctx.onInvalidated(() => {
      render(null, mounted.container);
      mounted.remove();
    });
  },
});
