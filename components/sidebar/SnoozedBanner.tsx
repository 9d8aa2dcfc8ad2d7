import { snoozeOf, type Ticket } from '../../core/domain/types';
import { formatDateTime, t } from '../shared/i18n';
import type { SidebarModelInstance } from '../models/sidebar-model';

/** What a snoozed ticket's banner says ("Snoozed until Tue 9:00", "… until the customer writes"). */
export function snoozedText(ticket: Ticket): string | null {
  const snooze = snoozeOf(ticket);
  if (!snooze) return null;
  const time = snooze.until === null ? '' : formatDateTime(snooze.until);
  if (!time) return t('timeSnoozedReply');
  return t(snooze.untilReply ? 'timeSnoozedBoth' : 'timeSnoozedUntil').replace('{time}', time);
}

/** `tip-snoozed` on the card of a snoozed ticket, with Unsnooze. */
export function SnoozedBanner({ model, ticket }: { model: SidebarModelInstance; ticket: Ticket }) {
  const text = snoozedText(ticket);
  if (!text) return null;
  const until = snoozeOf(ticket)?.until ?? null;
  return (
    // data-until: the end as an ISO time, '' when only the customer's next message wakes it.
    <div class="tip-snoozed" data-testid="tip-snoozed" data-until={until === null ? '' : new Date(until).toISOString()} role="status">
      <span>{text}</span>
      <button type="button" class="tip-link-button" data-testid="tip-unsnooze" disabled={model.busy.value} onClick={() => void model.unsnooze()}>
        {t('timeUnsnooze')}
      </button>
    </div>
  );
}
