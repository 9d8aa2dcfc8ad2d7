import { useState } from 'preact/hooks';
import { shortId } from '../../core/domain/ids';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { MergeDialog, type MergeChoice } from '../shared/MergeDialog';
import { options } from '../shared/PropertyField';
import { t } from '../shared/i18n';
import { agentOptions, priorityLabel, stageOptions, type Option } from '../shared/properties';
import { UNASSIGNED, type BulkAction, type DashboardModelInstance } from '../models/dashboard-model';
import { fill, plural } from './format';
import { BulkTags } from './BulkTags';

/**
 * Bulk actions on the selected rows: status (through R8/R9 for each
 * ticket), owner, priority, delete (R11, confirmed). Each is one command:
 * all the tickets change or, if any is refused, none does.
 */
export function BulkBar({ model }: { model: DashboardModelInstance }) {
  const [confirming, setConfirming] = useState(false);
  const [merging, setMerging] = useState<MergeChoice[] | null>(null);
  const setup = model.setup.value;
  const n = model.selected.value.size;
  const disabled = n === 0 || model.busy.value || !setup;
  const apply = (action: BulkAction) => void model.bulk(action, (count) => plural('dash_bulkDone', count));

  return (
    <div class={`dash-bulk${n > 0 ? ' has-selection' : ''}`} role="toolbar" aria-label={t('dash_bulkLabel')} data-testid="tip-bulk">
      <span class="dash-bulk-count" aria-live="polite" data-testid="tip-selected-count" data-value={n}>
        {n === 0 ? t('dash_noneSelected') : plural('dash_selected', n)}
      </span>
      {setup && (
        <>
          <BulkSelect
            testId="tip-bulk-status"
            label={t('dash_bulkStatus')}
            disabled={disabled}
            choices={stageOptions(setup.settings)}
            onPick={(status) => apply({ type: 'status', status })}
          />
          <BulkSelect
            testId="tip-bulk-owner"
            label={t('dash_bulkOwner')}
            disabled={disabled}
            choices={[{ value: UNASSIGNED, label: t('unassigned') }, ...agentOptions(setup.agents, setup.meId)]}
            onPick={(owner) => apply({ type: 'owner', ownerId: owner === UNASSIGNED ? null : owner })}
          />
          <BulkSelect
            testId="tip-bulk-priority"
            label={t('dash_bulkPriority')}
            disabled={disabled}
            choices={setup.settings.priorities.map((p) => ({ value: p.id, label: priorityLabel(setup.settings, p.id) }))}
            onPick={(priority) => apply({ type: 'priority', priority })}
          />
          <BulkTags settings={setup.settings} disabled={disabled} apply={(action, done) => void model.bulk(action, done)} />
          <button
            type="button"
            class="tip-button"
            data-testid="tip-bulk-merge"
            disabled={disabled || n < 2}
            onClick={() => setMerging(model.selectedTickets().map((c) => ({ id: c.id, name: c.name || shortId(c.id) })))}
          >
            {t('mrg_bulkMerge')}
          </button>
          <button type="button" class="tip-button is-danger-outline" data-testid="tip-bulk-delete" disabled={disabled} onClick={() => setConfirming(true)}>
            {t('dash_bulkDelete')}
          </button>
          {n > 0 && (
            <button type="button" class="tip-link-button" data-testid="tip-clear-selection" onClick={() => model.clearSelection()}>
              {t('dash_clearSelection')}
            </button>
          )}
        </>
      )}
      {merging && (
        <MergeDialog
          title={fill('mrg_bulkTitle', { n: merging.length })}
          intro={t('mrg_bulkIntro')}
          tickets={merging}
          busy={model.busy.value}
          onCancel={() => setMerging(null)}
          onConfirm={(keepId) => {
            setMerging(null);
            void model.merge(keepId, fill('mrg_bulkDone', { id: shortId(keepId) }));
          }}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={plural('dash_bulkDeleteTitle', n)}
          body={t('dash_bulkDeleteBody')}
          confirmLabel={fill('dash_bulkDeleteConfirm', { n })}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void model.bulk({ type: 'delete' }, (count) => plural('dash_bulkDeleted', count));
          }}
        />
      )}
    </div>
  );
}

/** A select that acts once per pick and goes back to its label (the action, not a value, is what it shows). */
function BulkSelect({ testId, label, disabled, choices, onPick }: { testId: string; label: string; disabled: boolean; choices: readonly Option[]; onPick: (value: string) => void }) {
  return (
    <select
      class="tip-input dash-bulk-select"
      data-testid={testId}
      aria-label={label}
      disabled={disabled}
      value=""
      onChange={(e) => {
        const value = e.currentTarget.value;
        e.currentTarget.value = '';
        if (value) onPick(value);
      }}
    >
      <option value="">{label}</option>
      {options(choices)}
    </select>
  );
}
