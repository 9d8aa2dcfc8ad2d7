import { SLA_FILTERS, type SlaFilter as SlaState } from '../../core/domain/sla';
import { t, type MessageKey } from '../shared/i18n';
import type { DashboardModelInstance } from '../models/dashboard-model';

const WORDS: Record<SlaState, MessageKey> = { ok: 'sla_stateOk', soon: 'sla_stateSoon', breached: 'sla_stateBreached', paused: 'sla_statePaused' };

/** The list's SLA filter (`tip-filter-sla`): any, on time, due soon, breached, paused. */
export function SlaFilter({ model }: { model: DashboardModelInstance }) {
  return (
    <select
      class="tip-input"
      data-testid="tip-filter-sla"
      aria-label={t('sla_title')}
      value={model.filters.value.sla}
      onChange={(e) => model.setFilter('sla', e.currentTarget.value as '' | SlaState)}
    >
      <option value="">{t('sla_anySla')}</option>
      {SLA_FILTERS.map((s) => (
        <option key={s} value={s}>
          {t(WORDS[s])}
        </option>
      ))}
    </select>
  );
}
