import { formatDateTime, t } from '../shared/i18n';
import { formatShort } from './format';

/** The Due column's header. */
export const DueHeader = () => (
  <span role="columnheader" class="dash-cell dash-due">
    {t('timeColDue')}
  </span>
);

/** A ticket's due date in the list, "overdue" once it has passed (`data-overdue` for tests). */
export function DueCell({ dueAt, now }: { dueAt: number | null; now: number }) {
  if (dueAt === null) {
    return (
      <span role="cell" class="dash-cell dash-due tip-muted" data-testid="tip-row-due">
        —
      </span>
    );
  }
  const overdue = dueAt <= now;
  return (
    <span role="cell" class={`dash-cell dash-due${overdue ? ' is-overdue' : ''}`} data-testid="tip-row-due" data-overdue={overdue ? 'true' : 'false'}>
      {/* The column is narrow: "overdue" is the red, a tooltip and words for screen readers, not more text to cut. */}
      <time dateTime={new Date(dueAt).toISOString()} title={overdue ? `${formatDateTime(dueAt)} · ${t('timeOverdue')}` : formatDateTime(dueAt)}>
        {formatShort(dueAt)}
        {overdue && <span class="tip-visually-hidden"> · {t('timeOverdue')}</span>}
      </time>
    </span>
  );
}

/** The Snoozed filter (`tip-filter-snoozed`): the open lists leave snoozed tickets out; this shows them. */
export function SnoozedFilter({ value, onChange }: { value: '' | 'only'; onChange: (value: '' | 'only') => void }) {
  return (
    <select class="tip-input" data-testid="tip-filter-snoozed" aria-label={t('timeFilterSnooze')} value={value} onChange={(e) => onChange(e.currentTarget.value === 'only' ? 'only' : '')}>
      <option value="">{t('timeFilterAwake')}</option>
      <option value="only">{t('timeFilterSnoozedOnly')}</option>
    </select>
  );
}
