import { useState } from 'preact/hooks';
import { CARD_PROPERTIES } from '../../core/domain/defaults';
import { shortId } from '../../core/domain/ids';
import type { SidebarView } from '../../core/messages/views';
import { options } from '../shared/PropertyField';
import { t } from '../shared/i18n';
import { stageOptions } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { SlaLine } from './SlaLine';
import { SnoozedBanner } from './SnoozedBanner';
import { TicketProperties } from './TicketProperties';
import { TicketTags } from './TicketTags';
import { Loading, extrasOf } from './ui';

type Props = { model: SidebarModelInstance; view: SidebarView };

/**
 * The ticket card: the name opens the record in a new tab (R7), the status
 * dropdown sits top right (R8/R9), the fixed card properties edit inline
 * (R4), and "View more" opens the details panel (R6).
 */
export function TicketCard({ model, view }: Props) {
  const ticket = view.ticket!;
  const [more, setMore] = useState(false);
  const closedStage = view.settings.stages.find((s) => s.closed)?.id;

  return (
    <section class={`tip-card tip-ticket${ticket.status === closedStage ? ' is-closed' : ''}`} data-testid="tip-ticket-card" data-ticket-id={ticket.id} aria-label={t('ticket')}>
      <div class="tip-ticket-head">
        <div class="tip-ticket-title">
          <a
            href="#"
            class="tip-ticket-name"
            data-testid="tip-ticket-name"
            title={t('openRecord')}
            onClick={(e) => {
              e.preventDefault();
              void model.openRecord();
            }}
          >
            {ticket.name}
          </a>
          <span class="tip-muted tip-short-id">{shortId(ticket.id)}</span>
        </div>
        <label class="tip-status">
          <span class="tip-visually-hidden">{t('ticketStatus')}</span>
          <select
            class="tip-input tip-status-select"
            data-testid="tip-status"
            data-value={ticket.status}
            value={ticket.status}
            disabled={model.busy.value}
            onChange={(e) => void model.setStatus(e.currentTarget.value)}
          >
            {options(stageOptions(view.settings))}
          </select>
        </label>
      </div>
      <SlaLine model={model} view={view} />
      <SnoozedBanner model={model} ticket={ticket} />
      {model.snoozeOpen.value && <Snooze model={model} />}
      <TicketProperties model={model} view={view} ids={CARD_PROPERTIES} />
      <TicketTags model={model} view={view} />
      <button type="button" class="tip-link-button" data-testid="tip-view-more" aria-expanded={more} aria-controls="tip-details" onClick={() => setMore(!more)}>
        {t(more ? 'viewLess' : 'viewMore')}
      </button>
      {more && <Details model={model} view={view} />}
    </section>
  );
}

/** The snooze form comes with the extras (the ⋯ menu that opens it brought them). */
function Snooze({ model }: { model: SidebarModelInstance }) {
  const extras = extrasOf(model);
  return extras ? <extras.SnoozeForm model={model} /> : <Loading />;
}

/** The details panel (R6) comes with the sidebar's extras (extras.ts): asked for on the first "View more". */
function Details({ model, view }: Props) {
  const extras = extrasOf(model);
  return extras ? <extras.DetailsPanel model={model} view={view} /> : <Loading />;
}
