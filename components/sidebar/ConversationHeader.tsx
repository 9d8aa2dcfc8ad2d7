import type { ConversationSnapshot } from '../../core/domain/types';
import { options, valueOf } from '../shared/PropertyField';
import { t } from '../shared/i18n';
import { agentOptions } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { MoreMenu } from './MoreMenu';
import { Field, addressOf, channelLabel, statusLabel } from './ui';

/** The open conversation: channel, subject, contact, its own status and owner (R5, R10), the ⋯ menu. */
export function ConversationHeader({ model, snapshot }: { model: SidebarModelInstance; snapshot: ConversationSnapshot }) {
  const view = model.view.value;
  const conversation = view?.conversation;
  const address = addressOf(snapshot.contact);
  const status = conversation?.status ?? 'open';
  const owner = conversation?.ownerId ?? '';
  return (
    <section class="tip-conversation" data-testid="tip-conversation" data-source={snapshot.source} data-key={snapshot.key} aria-label={t('conversation')}>
      <div class="tip-row tip-row-between">
        <div class="tip-row">
          <span class={`tip-badge tip-badge-${snapshot.channel}`}>{channelLabel(snapshot.channel)}</span>
          <span class={`tip-pill is-${status}`} data-testid="tip-conversation-status" data-value={status}>
            {statusLabel(status)}
          </span>
        </div>
        <MoreMenu model={model} />
      </div>
      {model.focus.value && (
        <p class="tip-row tip-row-between tip-small tip-muted">
          <span>{t('selMessageOf')}</span>
          <button type="button" class="tip-link-button" data-testid="tip-selection-back" onClick={() => model.unfocus()}>
            {t('selBack')}
          </button>
        </p>
      )}
      <h2 class="tip-subject">{snapshot.subject || t('empty')}</h2>
      <p class="tip-contact-line">
        <span class="tip-contact-name">{snapshot.contact.name}</span>
        {address && <span class="tip-muted"> · {address}</span>}
      </p>
      {view && conversation && (
        <Field class=" tip-inline-field" label={t('conversationOwner')}>
          <select
            class="tip-input"
            data-testid="tip-conversation-owner"
            data-value={owner}
            value={owner}
            disabled={model.busy.value}
            onChange={(e) => void model.setConversationOwner(valueOf(e) || null)}
          >
            <option value="">{t('unassigned')}</option>
            {options(agentOptions(view.agents, view.meId))}
          </select>
        </Field>
      )}
    </section>
  );
}
