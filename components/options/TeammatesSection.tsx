import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Agent } from '../../core/domain/types';
import { fill } from '../dashboard/format';
import { t } from '../shared/i18n';
import { initials } from '../shared/initials';
import { agentLabel } from '../shared/properties';
import type { OptionsModelInstance } from '../models/options-model';
import { Field, Messages, SectionHead } from './controls';

/** Teammates are the owners a ticket or conversation can have; removing one moves them to the trash. */
export function TeammatesSection({ model }: { model: OptionsModelInstance }) {
  const view = model.view.value;
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  return (
    <section class="opt-section" aria-labelledby="opt-h-teammates" data-testid="tip-section-teammates">
      <SectionHead id="teammates" title={t('opt_teammates')} intro={t('opt_teammatesIntro')} />
      <Messages error={model.error} notice={model.notice} onDismiss={() => model.dismissError()} onUndo={(id) => void model.undo(id)} />
      {view && (
        <ul class="panel opt-list" aria-label={t('opt_teammates')}>
          {view.agents.map((agent) =>
            editing === agent.id ? (
              <TeammateEditor key={agent.id} agent={agent} model={model} onDone={() => setEditing(null)} />
            ) : (
              <li key={agent.id} class="opt-row" data-testid="tip-teammate-row" data-agent-id={agent.id}>
                <span class="tip-avatar" aria-hidden="true">
                  {initials(agentLabel(view.agents, agent.id, view.meId))}
                </span>
                <span class="opt-row-main">
                  <span class="opt-row-title">{agentLabel(view.agents, agent.id, view.meId)}</span>
                  <span class="tip-muted tip-small">{agent.email || t('opt_noEmail')}</span>
                </span>
                <span class="opt-row-actions">
                  <button
                    type="button"
                    class="tip-button"
                    data-testid="tip-teammate-edit"
                    aria-label={fill('opt_editNamed', { name: agent.name })}
                    onClick={() => setEditing(agent.id)}
                  >
                    {t('edit')}
                  </button>
                  {agent.id !== view.meId && (
                    <button
                      type="button"
                      class="tip-button is-danger-outline"
                      data-testid="tip-teammate-remove"
                      aria-label={fill('opt_removeNamed', { name: agent.name })}
                      disabled={model.busy.value}
                      onClick={() => void model.removeTeammate(agent.id, agent.name)}
                    >
                      {t('opt_remove')}
                    </button>
                  )}
                </span>
              </li>
            ),
          )}
        </ul>
      )}
      <form
        class="panel opt-form"
        aria-labelledby="opt-teammate-add-title"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await model.addTeammate(name, email)) {
            setName('');
            setEmail('');
          }
        }}
      >
        <h2 id="opt-teammate-add-title">{t('opt_addTeammate')}</h2>
        <div class="tip-field-row">
          <Field id="opt-teammate-name" label={t('opt_name')}>
            <input id="opt-teammate-name" class="tip-input" data-testid="tip-teammate-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
          <Field id="opt-teammate-email" label={t('opt_email')} hint={t('opt_optional')}>
            <input
              id="opt-teammate-email"
              type="email"
              class="tip-input"
              data-testid="tip-teammate-email"
              maxLength={320}
              aria-describedby="opt-teammate-email-hint"
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </Field>
        </div>
        <div class="tip-row tip-row-end">
          <button type="submit" class="tip-button is-primary" data-testid="tip-teammate-add" disabled={model.busy.value}>
            {t('opt_add')}
          </button>
        </div>
      </form>
    </section>
  );
}

function TeammateEditor({ agent, model, onDone }: { agent: Agent; model: OptionsModelInstance; onDone: () => void }) {
  const [name, setName] = useState(agent.name);
  const [email, setEmail] = useState(agent.email);
  const nameId = `opt-edit-name-${agent.id}`;
  const emailId = `opt-edit-email-${agent.id}`;
  // Focus lands on the name when the editor opens. Not `autoFocus`: the browser honours that
  // once per document at most, so a second edit (or one after any focus) kept focus on the page.
  const nameRef = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => nameRef.current?.focus(), []);
  return (
    <li class="opt-row is-editing" data-testid="tip-teammate-row" data-agent-id={agent.id}>
      <form
        class="opt-inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await model.saveTeammate(agent.id, name, email)) onDone();
        }}
        onKeyDown={(e) => e.key === 'Escape' && onDone()}
      >
        <Field id={nameId} label={t('opt_name')}>
          <input ref={nameRef} id={nameId} class="tip-input" data-testid="tip-teammate-edit-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id={emailId} label={t('opt_email')}>
          <input id={emailId} type="email" class="tip-input" data-testid="tip-teammate-edit-email" maxLength={320} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </Field>
        <div class="opt-row-actions">
          <button type="button" class="tip-button" onClick={onDone}>
            {t('cancel')}
          </button>
          <button type="submit" class="tip-button is-primary" data-testid="tip-teammate-save" disabled={model.busy.value}>
            {t('opt_save')}
          </button>
        </div>
      </form>
    </li>
  );
}
