import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { options, valueOf } from '../shared/PropertyField';
import { formatDateTime, t } from '../shared/i18n';
import { agentOptions, priorityLabel, stageLabel, stageOptions } from '../shared/properties';
import { shortId } from '../../core/domain/ids';
import { isGone } from '../../core/domain/search';
import type { Ticket } from '../../core/domain/types';
import { fill } from './fill';
import type { Props } from './CreateTicket';
import { Field } from './ui';

/** R1: a new ticket prefilled from the conversation (name = subject, owner = the conversation's), editable before saving. */
export function CreateForm({ model, view, snapshot, onCancel }: Props & { onCancel: () => void }) {
  const settings = view.settings;
  const { priorities } = settings;
  const [name, setName] = useState(snapshot.subject);
  const [priority, setPriority] = useState((priorities.find((p) => p.id === 'medium') ?? priorities[0])?.id ?? '');
  const [status, setStatus] = useState(settings.stages.find((s) => !s.closed)?.id ?? '');
  // R1: owner = the conversation's owner.
  const [ownerId, setOwnerId] = useState(view.conversation?.ownerId ?? '');
  // A ticket from a selection starts with the selected text.
  const [description, setDescription] = useState(model.createDescription.peek());
  const to = (set: (value: string) => void) => (e: Event) => set(valueOf(e));
  // The button that opened the form is gone: focus goes to the first field, not to the page.
  const nameRef = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => nameRef.current?.focus(), []);

  const duplicate = recentOpenTicket(view.openTicketsOfContact, Date.now());

  return (
    <>
      {duplicate && (
        <div class="tip-duplicate" data-testid="tip-duplicate-offer" data-ticket-id={duplicate.id} role="group" aria-labelledby="tip-duplicate-title">
          <p id="tip-duplicate-title" class="tip-duplicate-title">
            {t('atcDuplicateTitle')}
          </p>
          <p class="tip-duplicate-name">
            {duplicate.name} <span class="tip-muted">{shortId(duplicate.id)}</span>
          </p>
          <p class="tip-muted tip-small">
            {fill(t('atcDuplicateMeta'), { status: stageLabel(settings, duplicate.status), age: formatDateTime(duplicate.lastActivityAt) })}
          </p>
          <div class="tip-row">
            <button
              type="button"
              class="tip-button is-primary"
              data-testid="tip-duplicate-attach"
              disabled={model.busy.value}
              onClick={() => void model.associate(duplicate.id)}
            >
              {t('atcDuplicateAttach')}
            </button>
          </div>
          <p class="tip-muted tip-small">{t('atcDuplicateHint')}</p>
        </div>
      )}
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
    </>
  );
}

/** How recent an open ticket of the contact must be for the create form to offer it first. */
export const DUPLICATE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The duplicate guard: the contact's open ticket with the latest activity in
 * the last 7 days, if any. Read off the sidebar view the form already has
 * (`openTicketsOfContact`: live, not closed), so no extra round trip.
 */
export function recentOpenTicket(tickets: readonly Ticket[], now: number): Ticket | undefined {
  let best: Ticket | undefined;
  for (const ticket of tickets) {
    if (isGone(ticket) || ticket.closedAt !== null || now - ticket.lastActivityAt > DUPLICATE_WINDOW_MS) continue;
    if (!best || ticket.lastActivityAt > best.lastActivityAt) best = ticket;
  }
  return best;
}
