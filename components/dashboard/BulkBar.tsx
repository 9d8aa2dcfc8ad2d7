import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { t } from '../shared/i18n';
import { agentOptions, priorityLabel, stageOptions } from '../shared/properties';
import { UNASSIGNED, type BulkAction, type DashboardModelInstance } from '../models/dashboard-model';
import { fill, plural } from './format';

/**
 * Bulk actions on the selected rows: status (through R8/R9 for each
 * ticket), owner, priority, delete (R11, confirmed). Each is one command:
 * all the tickets change or, if any is refused, none does.
 */
export function BulkBar({ model }: { model: DashboardModelInstance }) {
  const [confirming, setConfirming] = useState(false);
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
          <select
            class="tip-input dash-bulk-select"
            data-testid="tip-bulk-status"
            aria-label={t('dash_bulkStatus')}
            disabled={disabled}
            value=""
            onChange={(e) => {
              const status = e.currentTarget.value;
              e.currentTarget.value = '';
              if (status) apply({ type: 'status', status });
            }}
          >
            <option value="">{t('dash_bulkStatus')}</option>
            {stageOptions(setup.settings).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <select
            class="tip-input dash-bulk-select"
            data-testid="tip-bulk-owner"
            aria-label={t('dash_bulkOwner')}
            disabled={disabled}
            value=""
            onChange={(e) => {
              const owner = e.currentTarget.value;
              e.currentTarget.value = '';
              if (owner) apply({ type: 'owner', ownerId: owner === UNASSIGNED ? null : owner });
            }}
          >
            <option value="">{t('dash_bulkOwner')}</option>
            <option value={UNASSIGNED}>{t('unassigned')}</option>
            {agentOptions(setup.agents, setup.meId).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <select
            class="tip-input dash-bulk-select"
            data-testid="tip-bulk-priority"
            aria-label={t('dash_bulkPriority')}
            disabled={disabled}
            value=""
            onChange={(e) => {
              const priority = e.currentTarget.value;
              e.currentTarget.value = '';
              if (priority) apply({ type: 'priority', priority });
            }}
          >
            <option value="">{t('dash_bulkPriority')}</option>
            {setup.settings.priorities.map((p) => (
              <option key={p.id} value={p.id}>
                {priorityLabel(setup.settings, p.id)}
              </option>
            ))}
          </select>
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
