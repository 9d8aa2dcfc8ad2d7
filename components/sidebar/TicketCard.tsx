import { useState } from 'preact/hooks';
import { CARD_PROPERTIES } from '../../core/domain/defaults';
import { shortId } from '../../core/domain/ids';
import type { SidebarView } from '../../core/messages/views';
import { PropertyField } from '../shared/PropertyField';
import { t } from '../shared/i18n';
import { allProperties, describeProperty, propertyLabel, stageOptions } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';

/**
 * The ticket card: the name opens the record in a new tab (R7), the status
 * dropdown sits top right (R8/R9), the fixed card properties edit inline
 * (R4), and "View more" opens the details panel (R6).
 */
export function TicketCard({ model, view }: { model: SidebarModelInstance; view: SidebarView }) {
  const ticket = view.ticket!;
  const [more, setMore] = useState(false);
  const closedStage = view.settings.stages.find((s) => s.closed)?.id;
  const save = (field: string) => (value: string | number | null) =>
    field === 'status' ? model.setStatus(String(value)) : model.updateProperty(field, value);

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
            {stageOptions(view.settings).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="tip-props">
        {CARD_PROPERTIES.map((id) => (
          <PropertyField key={id} view={describeProperty(id, ticket, view.settings, view.agents, view.meId)} onSave={save(id)} disabled={model.busy.value} />
        ))}
      </div>
      <button type="button" class="tip-link-button" data-testid="tip-view-more" aria-expanded={more} aria-controls="tip-details" onClick={() => setMore(!more)}>
        {more ? t('viewLess') : t('viewMore')}
      </button>
      {more && <DetailsPanel model={model} view={view} save={save} />}
    </section>
  );
}

function DetailsPanel({
  model,
  view,
  save,
}: {
  model: SidebarModelInstance;
  view: SidebarView;
  save: (field: string) => (value: string | number | null) => unknown;
}) {
  const ticket = view.ticket!;
  const [editing, setEditing] = useState(false);
  const displayed = view.settings.displayedProperties;
  const toggle = (id: string, on: boolean) => {
    const all = allProperties(view.settings).map((p) => p.id);
    // Keep the panel's order stable: the order properties are defined in.
    const next = all.filter((p) => (p === id ? on : displayed.includes(p)));
    void model.setDisplayed(next);
  };
  return (
    <div class="tip-details" id="tip-details" data-testid="tip-details" role="region" aria-label={t('details')}>
      <div class="tip-row tip-row-between">
        <h3 class="tip-card-title">{t('details')}</h3>
        <button type="button" class="tip-link-button" data-testid="tip-edit-displayed" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {editing ? t('doneEditing') : t('editDisplayed')}
        </button>
      </div>
      {editing && (
        <fieldset class="tip-displayed">
          <legend class="tip-muted">{t('displayedHint')}</legend>
          {allProperties(view.settings)
            .filter((p) => p.id !== 'name')
            .map((p) => (
              <label key={p.id} class="tip-check">
                <input
                  type="checkbox"
                  data-testid={`tip-displayed-${p.id}`}
                  checked={displayed.includes(p.id)}
                  onChange={(e) => toggle(p.id, e.currentTarget.checked)}
                />
                {propertyLabel(view.settings, p.id)}
              </label>
            ))}
        </fieldset>
      )}
      <div class="tip-props">
        {displayed.map((id) => (
          <PropertyField key={id} view={describeProperty(id, ticket, view.settings, view.agents, view.meId)} onSave={save(id)} disabled={model.busy.value} scope="details" />
        ))}
      </div>
    </div>
  );
}
