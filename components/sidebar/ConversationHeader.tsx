import type { ConversationSnapshot } from '../../core/domain/types';
import type { SidebarView } from '../../core/messages/views';
import { t } from '../shared/i18n';
import { agentOptions } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { MoreMenu } from './MoreMenu';

/** The open conversation: channel, subject, contact, its own status and owner (R5, R10), the ⋯ menu. */
export function ConversationHeader({ model, snapshot }: { model: SidebarModelInstance; snapshot: ConversationSnapshot }) {
  const view: SidebarView | null = model.view.value;
  const conversation = view?.conversation ?? null;
  const address = snapshot.contact.email ?? snapshot.contact.handle?.replace(/^[a-z]+:/, '') ?? '';
  const status = conversation?.status ?? 'open';
  return (
    <section class="tip-conversation" data-testid="tip-conversation" data-source={snapshot.source} data-key={snapshot.key} aria-label={t('conversation')}>
      <div class="tip-row tip-row-between">
        <div class="tip-row">
          <span class={`tip-badge tip-badge-${snapshot.channel}`}>{snapshot.channel === 'email' ? t('channelEmail') : t('channelChat')}</span>
          <span class={`tip-pill is-${status}`} data-testid="tip-conversation-status" data-value={status}>
            {status === 'open' ? t('conversationOpen') : t('conversationClosed')}
          </span>
        </div>
        <MoreMenu model={model} />
      </div>
      <h2 class="tip-subject">{snapshot.subject || t('empty')}</h2>
      <p class="tip-contact-line">
        <span class="tip-contact-name">{snapshot.contact.name}</span>
        {address && <span class="tip-muted"> · {address}</span>}
      </p>
      {view && conversation && (
        <label class="tip-field tip-inline-field">
          <span class="tip-field-label">{t('conversationOwner')}</span>
          <select
            class="tip-input"
            data-testid="tip-conversation-owner"
            data-value={conversation.ownerId ?? ''}
            value={conversation.ownerId ?? ''}
            disabled={model.busy.value}
            onChange={(e) => {
              const value = (e.currentTarget as HTMLSelectElement).value;
              void model.setConversationOwner(value === '' ? null : value);
            }}
          >
            <option value="">{t('unassigned')}</option>
            {agentOptions(view.agents, view.meId).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      )}
    </section>
  );
}
