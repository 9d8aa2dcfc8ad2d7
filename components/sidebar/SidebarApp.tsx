import type { Signal } from '@preact/signals';
import type { PageState } from '../../core/adapters/page';
import { t } from '../shared/i18n';

export interface SidebarProps {
  page: Signal<PageState>;
  collapsed: Signal<boolean>;
  onToggle: () => void;
}

export function SidebarApp({ page, collapsed, onToggle }: SidebarProps) {
  const isCollapsed = collapsed.value;
  return (
    <aside class={`tip-sidebar${isCollapsed ? ' is-collapsed' : ''}`} data-testid="tip-sidebar" aria-label={t('appName')}>
      <header class="tip-bar">
        <button
          type="button"
          class="tip-icon-button"
          data-testid="tip-toggle"
          aria-expanded={!isCollapsed}
          aria-label={isCollapsed ? t('expand') : t('collapse')}
          title={isCollapsed ? t('expand') : t('collapse')}
          onClick={onToggle}
        >
          <span aria-hidden="true">{isCollapsed ? '‹' : '›'}</span>
        </button>
        {!isCollapsed && <span class="tip-brand">{t('appName')}</span>}
      </header>
      {!isCollapsed && (
        <div class="tip-body">
          <PageView state={page.value} />
        </div>
      )}
    </aside>
  );
}

function PageView({ state }: { state: PageState }) {
  if (state.kind === 'none') {
    return (
      <section class="tip-empty" data-testid="tip-no-conversation">
        <h2>{t('noConversation')}</h2>
        <p>{t('noConversationHint')}</p>
      </section>
    );
  }
  if (state.kind === 'unreadable') {
    return (
      <section class="tip-empty" data-testid="tip-no-conversation" data-reason="unreadable">
        <h2>{t('unreadable')}</h2>
        <p>{t('unreadableHint')}</p>
        <p class="tip-muted">{state.reason}</p>
      </section>
    );
  }
  const s = state.snapshot;
  const address = s.contact.email ?? s.contact.handle?.replace(/^[a-z]+:/, '') ?? '';
  return (
    <section class="tip-conversation" data-testid="tip-conversation" data-source={s.source} data-key={s.key}>
      <div class="tip-conversation-meta">
        <span class={`tip-badge tip-badge-${s.channel}`}>{s.channel === 'email' ? t('channelEmail') : t('channelChat')}</span>
      </div>
      <h2 class="tip-subject">{s.subject || '—'}</h2>
      <p class="tip-contact-line">
        <span class="tip-contact-name">{s.contact.name}</span>
        {address && <span class="tip-muted"> · {address}</span>}
      </p>
    </section>
  );
}
