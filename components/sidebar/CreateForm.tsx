import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { options, valueOf } from '../shared/PropertyField';
import { t } from '../shared/i18n';
import { agentOptions, priorityLabel, stageOptions } from '../shared/properties';
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
