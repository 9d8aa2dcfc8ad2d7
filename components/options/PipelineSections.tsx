import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Stage } from '../../core/domain/types';
import { fill, plural } from '../dashboard/format';
import { t } from '../shared/i18n';
import { priorityLabel, stageLabel } from '../shared/properties';
import type { OptionsModelInstance } from '../models/options-model';
import { Field, InlineText, Messages, RowActions, SectionHead } from './controls';

/**
 * Pipeline stages: rename, reorder, add, choose the one closed stage, remove.
 * A stage tickets are in is removed only after choosing where they move
 * (`moveTickets`); anything the rules refuse shows as `tip-error`.
 */
export function StagesSection({ model }: { model: OptionsModelInstance }) {
  const settings = model.view.value?.settings;
  const counts = model.counts.value?.byStatus ?? {};
  const [removing, setRemoving] = useState<Stage | null>(null);
  if (!settings) return <SectionShell id="stages" model={model} />;
  const { stages } = settings;
  const closed = stages.find((s) => s.closed);
  const remove = (stage: Stage) => {
    if ((counts[stage.id] ?? 0) > 0) setRemoving(stage);
    else void model.removeStage(stage.id);
  };
  return (
    <SectionShell id="stages" model={model}>
      <ol class="panel opt-list" aria-label={t('opt_stages')}>
        {stages.map((stage, i) => {
          const name = stageLabel(settings, stage.id);
          const n = counts[stage.id] ?? 0;
          return (
            <li key={stage.id} class="opt-row" data-testid="tip-stage-row" data-stage-id={stage.id}>
              <span class="opt-position" aria-hidden="true">
                {i + 1}
              </span>
              <span class="opt-row-main">
                <InlineText value={name} label={fill('opt_stageName', { n: i + 1 })} testId="tip-stage-name" disabled={model.busy.value} onSave={(v) => model.renameStage(stage.id, v)} />
              </span>
              <span class="opt-row-meta opt-stage-meta">
                {stage.closed && <span class="tip-pill is-closed">{t('opt_closesTickets')}</span>}
                <span class="tip-muted tip-small" data-testid="tip-stage-count" data-value={n}>
                  {plural('opt_ticketCount', n)}
                </span>
              </span>
              <RowActions
                prefix="tip-stage"
                name={name}
                first={i === 0}
                last={i === stages.length - 1}
                disabled={model.busy.value}
                onMove={(by) => void model.moveStage(stage.id, by)}
                onRemove={() => remove(stage)}
                removeDisabled={stage.closed}
                removeTitle={stage.closed ? t('opt_closedStageKept') : undefined}
              />
            </li>
          );
        })}
      </ol>
      <p class="tip-small tip-muted opt-list-hint">{t('opt_inlineHint')}</p>
      <div class="panel opt-form">
        <Field id="opt-closed-stage" label={t('opt_closedStage')} hint={t('opt_closedStageHint')}>
          <select
            id="opt-closed-stage"
            class="tip-input opt-narrow"
            data-testid="tip-stage-closed"
            aria-describedby="opt-closed-stage-hint"
            value={closed?.id}
            disabled={model.busy.value}
            onChange={(e) => void model.setClosedStage(e.currentTarget.value)}
          >
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {stageLabel(settings, s.id)}
              </option>
            ))}
          </select>
        </Field>
        <label class="tip-check">
          <input
            type="checkbox"
            data-testid="tip-option-reopen-on-message"
            aria-describedby="opt-reopen-hint"
            checked={settings.reopenOnMessage !== false}
            disabled={model.busy.value}
            onChange={(e) => void model.setReopenOnMessage(e.currentTarget.checked)}
          />
          {t('selOptReopen')}
        </label>
        <span class="tip-small tip-muted" id="opt-reopen-hint">
          {t('selOptReopenHint')}
        </span>
      </div>
      <AddForm prefix="tip-stage" title={t('opt_addStage')} label={t('opt_stageNewName')} disabled={model.busy.value} onAdd={(name) => model.addStage(name)} />
      {removing && (
        <MoveTicketsDialog
          stage={removing}
          count={counts[removing.id] ?? 0}
          targets={stages.filter((s) => s.id !== removing.id).map((s) => ({ id: s.id, name: stageLabel(settings, s.id) }))}
          name={stageLabel(settings, removing.id)}
          onCancel={() => setRemoving(null)}
          onConfirm={(target) => {
            setRemoving(null);
            void model.removeStage(removing.id, target);
          }}
        />
      )}
    </SectionShell>
  );
}

/** Priorities: rename, reorder, add, remove. */
export function PrioritiesSection({ model }: { model: OptionsModelInstance }) {
  const settings = model.view.value?.settings;
  if (!settings) return <SectionShell id="priorities" model={model} />;
  const { priorities } = settings;
  return (
    <SectionShell id="priorities" model={model}>
      <ol class="panel opt-list" aria-label={t('opt_priorities')}>
        {priorities.map((p, i) => {
          const name = priorityLabel(settings, p.id);
          return (
            <li key={p.id} class="opt-row" data-testid="tip-priority-row" data-priority-id={p.id}>
              <span class="opt-position" aria-hidden="true">
                {i + 1}
              </span>
              <span class="opt-row-main">
                <InlineText value={name} label={fill('opt_priorityName', { n: i + 1 })} testId="tip-priority-name" disabled={model.busy.value} onSave={(v) => model.renamePriority(p.id, v)} />
              </span>
              <RowActions
                prefix="tip-priority"
                name={name}
                first={i === 0}
                last={i === priorities.length - 1}
                disabled={model.busy.value}
                onMove={(by) => void model.movePriority(p.id, by)}
                onRemove={() => void model.removePriority(p.id)}
                removeDisabled={priorities.length === 1}
              />
            </li>
          );
        })}
      </ol>
      <p class="tip-small tip-muted opt-list-hint">{t('opt_inlineHint')}</p>
      <AddForm prefix="tip-priority" title={t('opt_addPriority')} label={t('opt_priorityNewName')} disabled={model.busy.value} onAdd={(name) => model.addPriority(name)} />
    </SectionShell>
  );
}

function SectionShell({ id, model, children }: { id: 'stages' | 'priorities'; model: OptionsModelInstance; children?: preact.ComponentChildren }) {
  return (
    <section class="opt-section" aria-labelledby={`opt-h-${id}`} data-testid={`tip-section-${id}`}>
      <SectionHead id={id} title={t(id === 'stages' ? 'opt_stages' : 'opt_priorities')} intro={t(id === 'stages' ? 'opt_stagesIntro' : 'opt_prioritiesIntro')} />
      <Messages error={model.error} notice={model.notice} onDismiss={() => model.dismissError()} />
      {children}
    </section>
  );
}

function AddForm({ prefix, title, label, disabled, onAdd }: { prefix: string; title: string; label: string; disabled: boolean; onAdd: (name: string) => Promise<boolean> }) {
  const [name, setName] = useState('');
  const id = `${prefix}-new`;
  return (
    <form
      class="panel opt-form opt-add-row"
      aria-labelledby={`${id}-title`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (name.trim() && (await onAdd(name))) setName('');
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div class="opt-inline-form">
        <Field id={id} label={label}>
          <input id={id} class="tip-input" data-testid={`${prefix}-new-name`} required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="tip-button is-primary" data-testid={`${prefix}-add`} disabled={disabled}>
          {t('opt_add')}
        </button>
      </div>
    </form>
  );
}

/** Removing a stage tickets are in: where do they go? (R8/R9 apply to each moved ticket.) */
function MoveTicketsDialog({
  stage,
  name,
  count,
  targets,
  onCancel,
  onConfirm,
}: {
  stage: Stage;
  name: string;
  count: number;
  targets: { id: string; name: string }[];
  onCancel: () => void;
  onConfirm: (target: string) => void;
}) {
  const [target, setTarget] = useState(targets.find((s) => s.id !== stage.id)?.id ?? '');
  const selectRef = useRef<HTMLSelectElement>(null);
  useLayoutEffect(() => selectRef.current?.focus(), []);
  return (
    <div class="tip-dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        class="tip-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="opt-move-title"
        aria-describedby="opt-move-body"
        data-testid="tip-stage-move-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        <h2 id="opt-move-title">{fill('opt_moveTitle', { name })}</h2>
        <p id="opt-move-body">{plural('opt_moveBody', count, { name })}</p>
        <div class="tip-field">
          <label class="tip-field-label" for="opt-move-to">
            {t('opt_moveTo')}
          </label>
          <select id="opt-move-to" ref={selectRef} class="tip-input" data-testid="tip-stage-move-to" value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
            {targets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="tip-dialog-actions">
          <button type="button" class="tip-button" onClick={onCancel}>
            {t('cancel')}
          </button>
          <button type="button" class="tip-button is-danger" data-testid="tip-confirm" disabled={!target} onClick={() => onConfirm(target)}>
            {t('opt_moveAndRemove')}
          </button>
        </div>
      </div>
    </div>
  );
}
