import { useState } from 'preact/hooks';
import type { SidebarView } from '../../core/messages/views';
import { t } from '../shared/i18n';
import { allProperties, propertyLabel } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { TicketProperties } from './TicketProperties';

/** "View more" (R6): the properties the agent chose to display, and the editor of that choice (it persists). */
export function DetailsPanel({ model, view }: { model: SidebarModelInstance; view: SidebarView }) {
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
      <TicketProperties model={model} view={view} ids={displayed} scope="details" />
    </div>
  );
}
