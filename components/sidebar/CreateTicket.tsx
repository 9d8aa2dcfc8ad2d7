import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ConversationSnapshot } from '../../core/domain/types';
import type { SidebarView } from '../../core/messages/views';
import { options, valueOf } from '../shared/PropertyField';
import { t } from '../shared/i18n';
import { agentOptions, priorityLabel, stageLabel, stageOptions } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { Card, Field } from './ui';

type Props = { model: SidebarModelInstance; view: SidebarView; snapshot: ConversationSnapshot };

/**
 * No ticket yet: R1 create one, prefilled from the conversation and editable
 * before saving; or R3 add the conversation to one of the contact's open
 * tickets. A blocked or spam contact gets a flag and no suggestion (R12).
 */
export function CreateTicket({ model, view, snapshot }: Props) {
  // In the model, so the create-ticket shortcut can open it too.
  const open = model.createOpen.value;
  const setOpen = (value: boolean) => (model.createOpen.value = value);
  const contact = view.contact;
  const flagged = contact?.blocked ? 'blocked' : contact?.spam ? 'spam' : (view.conversation?.flag ?? null);
  if (flagged) {
    const blocked = flagged === 'blocked';
    return (
      <section class="tip-card tip-flag" data-testid="tip-flag" data-value={flagged} role="status">
        <strong>{t(blocked ? 'blocked' : 'spam')}</strong>
        <p>{t(blocked ? 'flaggedBlocked' : 'flaggedSpam')}</p>
      </section>
    );
  }
  return (
    <Card id="tip-no-ticket" title={t('noTicket')}>
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
    </Card>
  );
}

function CreateForm({ model, view, snapshot, onCancel }: Props & { onCancel: () => void }) {
  const settings = view.settings;
  const { priorities } = settings;
  const [name, setName] = useState(snapshot.subject);
  const [priority, setPriority] = useState((priorities.find((p) => p.id === 'medium') ?? priorities[0])?.id ?? '');
  const [status, setStatus] = useState(settings.stages.find((s) => !s.closed)?.id ?? '');
  // R1: owner = the conversation's owner.
  const [ownerId, setOwnerId] = useState(view.conversation?.ownerId ?? '');
  const [description, setDescription] = useState('');
  const to = (set: (value: string) => void) => (e: Event) => set(valueOf(e));
  // The button that opened the form is gone: focus goes to the first field, not to the page.
  const nameRef = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => nameRef.current?.focus(), []);

  return (
    <form
      class="tip-form"
      data-testid="tip-create-form"
      onSubmit={(e) => {
        e.preventDefault();
        void model.createTicket({ name, priority, status, ownerId: ownerId || null, description });
      }}
      aria-label={t('createTitle')}
    >
      <Field label={t('ticketName')}>
        <input ref={nameRef} class="tip-input" data-testid="tip-create-name" value={name} required maxLength={1000} onInput={to(setName)} />
      </Field>
      <div class="tip-field-row">
        <Field label={t('status')}>
          <select class="tip-input" data-testid="tip-create-status" value={status} onChange={to(setStatus)}>
            {options(stageOptions(settings))}
          </select>
        </Field>
        <Field label={t('priority')}>
          <select class="tip-input" data-testid="tip-create-priority" value={priority} onChange={to(setPriority)}>
            {options(priorities.map((p) => ({ value: p.id, label: priorityLabel(settings, p.id) })))}
          </select>
        </Field>
      </div>
      <Field label={t('owner')}>
        <select class="tip-input" data-testid="tip-create-owner" value={ownerId} onChange={to(setOwnerId)}>
          <option value="">{t('unassigned')}</option>
          {options(agentOptions(view.agents, view.meId))}
        </select>
      </Field>
      <Field label={t('description')}>
        <textarea class="tip-input" data-testid="tip-create-description" rows={3} value={description} onInput={to(setDescription)} />
      </Field>
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

function Associate({ model, view }: Omit<Props, 'snapshot'>) {
  const tickets = view.openTicketsOfContact;
  const [ticketId, setTicketId] = useState(tickets[0]?.id ?? '');
  return (
    <form
      class="tip-form tip-associate"
      onSubmit={(e) => {
        e.preventDefault();
        if (ticketId) void model.associate(ticketId);
      }}
    >
      <Field label={t('addToTicket')}>
        <select class="tip-input" data-testid="tip-associate-select" value={ticketId} onChange={(e) => setTicketId(valueOf(e))}>
          {options(tickets.map((ticket) => ({ value: ticket.id, label: `${ticket.name} · ${stageLabel(view.settings, ticket.status)}` })))}
        </select>
      </Field>
      <button type="submit" class="tip-button" data-testid="tip-associate-submit" disabled={!ticketId || model.busy.value}>
        {t('addToTicketButton')}
      </button>
    </form>
  );
}
