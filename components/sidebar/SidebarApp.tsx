import { useEffect, useState } from 'preact/hooks';
import { ErrorBanner } from '../shared/ErrorBanner';
import { t } from '../shared/i18n';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { ContactCard } from './ContactCard';
import { ConversationHeader } from './ConversationHeader';
import { CreateTicket } from './CreateTicket';
import { Notes } from './Notes';
import { Snippets } from './Snippets';
import { SiteHealthBanner } from './SiteHealth';
import { ResizeHandle } from './ResizeHandle';
import { TicketCard } from './TicketCard';
import { Loading } from './ui';

export function SidebarApp({ model }: { model: SidebarModelInstance }) {
  const collapsed = model.collapsed.value;
  const toggle = t(collapsed ? 'expand' : 'collapse');
  return (
    <aside
      class={`tip-sidebar${collapsed ? ' is-collapsed' : ''}`}
      data-testid="tip-sidebar"
      aria-label={t('appName')}
      // The agent is about to use the sidebar: fetch the controls a click opens (extras.ts) now, so that click finds them.
      onPointerEnter={() => model.wantExtras()}
      onFocusIn={() => model.wantExtras()}
    >
      {!collapsed && <ResizeHandle model={model} />}
      <header class="tip-bar">
        <button
          type="button"
          class="tip-icon-button"
          data-testid="tip-toggle"
          aria-expanded={!collapsed}
          aria-label={toggle}
          title={toggle}
          onClick={() => model.toggle()}
        >
          <span aria-hidden="true">{collapsed ? '‹' : '›'}</span>
        </button>
        {!collapsed && <span class="tip-brand">{t('appName')}</span>}
      </header>
      {!collapsed && (
        <div class="tip-body">
          <ErrorBanner error={model.error} onDismiss={() => model.dismissError()} />
          {model.page.value.health?.ok === false && <SiteHealthBanner model={model} site={model.page.value.health.site} />}
          <PageView model={model} />
        </div>
      )}
    </aside>
  );
}

function PageView({ model }: { model: SidebarModelInstance }) {
  const state = model.page.value;
  if (state.kind !== 'conversation') {
    // No conversation open, or one the adapter could not read (the host's markup changed).
    const unreadable = state.kind === 'unreadable';
    return (
      <section class="tip-empty" data-testid="tip-no-conversation" data-reason={unreadable ? state.kind : undefined}>
        <h2>{t(unreadable ? 'unreadable' : 'noConversation')}</h2>
        <p>{t(unreadable ? 'unreadableHint' : 'noConversationHint')}</p>
        {unreadable && <p class="tip-muted">{state.reason}</p>}
      </section>
    );
  }
  const view = model.view.value;
  const rest = useIdleAfter(view !== null);
  // One chat message the agent turned to (a ticket from a selection), else the page's conversation.
  const snapshot = model.snapshot.value ?? state.snapshot;
  const props = { model, view: view!, snapshot };
  return (
    <>
      <ConversationHeader model={model} snapshot={snapshot} />
      {model.selection.value && (
        <button
          type="button"
          class="tip-button tip-selection-action"
          data-testid="tip-create-from-selection"
          title={t('selCreateFromSelectionHint')}
          // Keeps the page's selection: a click would clear it before the model reads it.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => void model.createFromSelection()}
        >
          {t('selCreateFromSelection')}
        </button>
      )}
      {!view ? (
        <Loading />
      ) : view.conversation?.deletedAt ? (
        <section class="tip-card" role="status">
          <p>{t('trashedConversation')}</p>
          <button type="button" class="tip-button is-primary" data-testid="tip-restore" onClick={() => void model.restoreConversation()}>
            {t('restore')}
          </button>
        </section>
      ) : (
        <>
          {view.ticket && !view.ticket.deletedAt ? <TicketCard {...props} /> : <CreateTicket {...props} />}
          {rest && (
            <>
              {view.ticket && <Notes {...props} />}
              <Snippets {...props} />
              <ContactCard {...props} />
            </>
          )}
        </>
      )}
    </>
  );
}

/**
 * False until the browser is idle after `ready` first turned true, then true
 * for good: the ticket card (or the create button) renders in the task that
 * brings the view, and the notes, saved replies and contact in the next idle
 * moment, so the page's load waits for the card only.
 */
function useIdleAfter(ready: boolean): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (!ready || idle) return;
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(() => setIdle(true), 0);
      return () => clearTimeout(timer);
    }
    // At most a frame or so late on a busy page.
    const id = requestIdleCallback(() => setIdle(true), { timeout: 50 });
    return () => cancelIdleCallback(id);
  }, [ready, idle]);
  return idle;
}
