import type { Settings } from '../../core/domain/types';
import { t } from '../shared/i18n';
import { slaShown } from '../../core/domain/sla';
import { SlaBadge } from '../shared/SlaBadge';
import type { Row } from '../models/ticket-list';

/** The SLA column's header. */
export function SlaHeader() {
  return (
    <span role="columnheader" class="dash-cell dash-sla">
      {t('sla_title')}
    </span>
  );
}

/** The SLA column of one row: the card's badge, compact (the header says which column it is). */
export function SlaCell({ row, settings }: { row: Row; settings: Settings }) {
  return (
    <span role="cell" class="dash-cell dash-sla">
      <SlaBadge shown={slaShown(row, settings, Date.now())} compact />
    </span>
  );
}
