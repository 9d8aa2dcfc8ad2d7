import { useState } from 'preact/hooks';
import { CARD_PROPERTIES } from '../../core/domain/defaults';
import { shortId } from '../../core/domain/ids';
import type { SidebarView } from '../../core/messages/views';
import { PropertyField, options } from '../shared/PropertyField';
import { t } from '../shared/i18n';
import { allProperties, describeProperty, propertyLabel, stageOptions } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';

type Props = { model: SidebarModelInstance; view: SidebarView };

/** The properties `ids` of the ticket, each editable inline (R4); `scope` keeps DOM ids unique. */
function Properties({ model, view, ids, scope }: Props & { ids: readonly string[]; scope?: string }) {
  return (
    <div class="tip-props">
      {ids.map((id) => (
        <PropertyField
          key={id}
          view={describeProperty(id, view.ticket!, view.settings, view.agents, view.meId)}
          onSave={(value) => (id === 'status' ? model.setStatus(String(value)) : model.updateProperty(id, value))}
          disabled={model.busy.value}
          scope={scope}
        />
      ))}
    </div>
  );
}

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
      <Properties model={model} view={view} ids={CARD_PROPERTIES} />
      <button type="button" class="tip-link-button" data-testid="tip-view-more" aria-expanded={more} aria-controls="tip-details" onClick={() => setMore(!more)}>
        {t(more ? 'viewLess' : 'viewMore')}
      </button>
      {more && <DetailsPanel model={model} view={view} />}
    </section>
  );
}

function DetailsPanel({ model, view }: Props) {
  const [editing, setEditing] = useState(false);
  const displayed = view.settings.displayedProperties;
  const all = allProperties(view.settings);
  return (
    <div class="tip-details" id="tip-details" data-testid="tip-details" role="region" aria-label={t('details')}>
      <div class="tip-row tip-row-between">
        <h3 class="tip-card-title">{t('details')}</h3>
        <button type="button" class="tip-link-button" data-testid="tip-edit-displayed" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {t(editing ? 'doneEditing' : 'editDisplayed')}
        </button>
      </div>
      {editing && (
        <fieldset class="tip-displayed">
          <legend class="tip-muted">{t('displayedHint')}</legend>
          {all
            .filter((p) => p.id !== 'name')
            .map(({ id }) => (
              <label key={id} class="tip-check">
                <input
                  type="checkbox"
                  data-testid={`tip-displayed-${id}`}
                  checked={displayed.includes(id)}
                  onChange={(e) =>
                    // Keep the panel's order stable: the order properties are defined in.
                    void model.setDisplayed(all.map((p) => p.id).filter((p) => (p === id ? e.currentTarget.checked : displayed.includes(p))))
                  }
                />
                {propertyLabel(view.settings, id)}
              </label>
            ))}
        </fieldset>
      )}
      <Properties model={model} view={view} ids={displayed} scope="details" />
    </div>
  );
}
