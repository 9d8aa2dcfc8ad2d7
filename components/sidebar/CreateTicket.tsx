import { useState } from 'preact/hooks';
import type { ConversationSnapshot } from '../../core/domain/types';
import type { SidebarView } from '../../core/messages/views';
import { t } from '../shared/i18n';
import { agentOptions, priorityLabel, stageLabel } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';

/**
 * No ticket yet: R1 create one, prefilled from the conversation and editable
 * before saving; or R3 add the conversation to one of the contact's open
 * tickets. A blocked or spam contact gets a flag and no suggestion (R12).
 */
export function CreateTicket({ model, view, snapshot }: { model: SidebarModelInstance; view: SidebarView; snapshot: ConversationSnapshot }) {
  const [open, setOpen] = useState(false);
  const contact = view.contact;
  const flagged = contact?.blocked ? 'blocked' : contact?.spam ? 'spam' : (view.conversation?.flag ?? null);
  if (flagged) {
    return (
      <section class="tip-card tip-flag" data-testid="tip-flag" data-value={flagged} role="status">
        <strong>{flagged === 'blocked' ? t('blocked') : t('spam')}</strong>
        <p>{flagged === 'blocked' ? t('flaggedBlocked') : t('flaggedSpam')}</p>
      </section>
    );
  }
  return (
    <section class="tip-card" aria-labelledby="tip-no-ticket-title">
      <h3 id="tip-no-ticket-title" class="tip-card-title">
        {t('noTicket')}
      </h3>
      {!open ? (
        <>
          <p class="tip-muted">{t('noTicketHint')}</p>
          <button type="button" class="tip-button is-primary" data-testid="tip-create-ticket" onClick={() => setOpen(true)}>
            {t('createTicket')}
          </button>
        </>
      ) : (
        <CreateForm model={model} view={view} snapshot={snapshot} onCancel={() => setOpen(false)} />
      )}
      {view.openTicketsOfContact.length > 0 && <Associate model={model} view={view} />}
    </section>
  );
}

function CreateForm({ model, view, snapshot, onCancel }: { model: SidebarModelInstance; view: SidebarView; snapshot: ConversationSnapshot; onCancel: () => void }) {
  const settings = view.settings;
  const firstOpen = settings.stages.find((s) => !s.closed)?.id ?? '';
  const [name, setName] = useState(snapshot.subject);
  const [priority, setPriority] = useState(settings.priorities.find((p) => p.id === 'medium')?.id ?? settings.priorities[0]?.id ?? '');
  const [status, setStatus] = useState(firstOpen);
  // R1: owner = the conversation's owner.
  const [ownerId, setOwnerId] = useState(view.conversation?.ownerId ?? '');
  const [description, setDescription] = useState('');

  const submit = (e: Event) => {
    e.preventDefault();
    void model.createTicket({ name, priority, status, ownerId: ownerId || null, description });
  };
  return (
    <form class="tip-form" data-testid="tip-create-form" onSubmit={submit} aria-label={t('createTitle')}>
      <label class="tip-field">
        <span class="tip-field-label">{t('ticketName')}</span>
        <input class="tip-input" data-testid="tip-create-name" value={name} required maxLength={1000} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <div class="tip-field-row">
        <label class="tip-field">
          <span class="tip-field-label">{t('status')}</span>
          <select class="tip-input" data-testid="tip-create-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            {settings.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {stageLabel(settings, s.id)}
              </option>
            ))}
          </select>
        </label>
        <label class="tip-field">
          <span class="tip-field-label">{t('priority')}</span>
          <select class="tip-input" data-testid="tip-create-priority" value={priority} onChange={(e) => setPriority(e.currentTarget.value)}>
            {settings.priorities.map((p) => (
              <option key={p.id} value={p.id}>
                {priorityLabel(settings, p.id)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label class="tip-field">
        <span class="tip-field-label">{t('owner')}</span>
        <select class="tip-input" data-testid="tip-create-owner" value={ownerId} onChange={(e) => setOwnerId(e.currentTarget.value)}>
          <option value="">{t('unassigned')}</option>
          {agentOptions(view.agents, view.meId).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label class="tip-field">
        <span class="tip-field-label">{t('description')}</span>
        <textarea class="tip-input" data-testid="tip-create-description" rows={3} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </label>
      <div class="tip-row tip-row-end">
        <button type="button" class="tip-button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" class="tip-button is-primary" data-testid="tip-create-submit" disabled={model.busy.value}>
          {t('save')}
        </button>
      </div>
    </form>
  );
}

function Associate({ model, view }: { model: SidebarModelInstance; view: SidebarView }) {
  const [ticketId, setTicketId] = useState(view.openTicketsOfContact[0]?.id ?? '');
  return (
    <form
      class="tip-form tip-associate"
      onSubmit={(e) => {
        e.preventDefault();
        if (ticketId) void model.associate(ticketId);
      }}
    >
      <label class="tip-field">
        <span class="tip-field-label">{t('addToTicket')}</span>
        <select class="tip-input" data-testid="tip-associate-select" value={ticketId} onChange={(e) => setTicketId(e.currentTarget.value)}>
          {view.openTicketsOfContact.map((ticket) => (
            <option key={ticket.id} value={ticket.id}>
              {ticket.name} · {stageLabel(view.settings, ticket.status)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="tip-button" data-testid="tip-associate-submit" disabled={!ticketId || model.busy.value}>
        {t('addToTicketButton')}
      </button>
    </form>
  );
}
