import type { SidebarView } from '../../core/messages/views';
import { PropertyRow } from '../shared/PropertyField';
import { describeProperty } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { extrasOf } from './ui';

/**
 * The properties `ids` of the ticket, each editable inline (R4); `scope` keeps
 * DOM ids unique. The editors come with the sidebar's extras (extras.ts): a
 * click before they arrived opens the editor as they do.
 */
export function TicketProperties({ model, view, ids, scope }: { model: SidebarModelInstance; view: SidebarView; ids: readonly string[]; scope?: string }) {
  return (
    <div class="tip-props">
      {ids.map((id) => (
        <PropertyRow
          key={id}
          view={describeProperty(id, view.ticket!, view.settings, view.agents, view.meId)}
          onSave={(value) => (id === 'status' ? model.setStatus(String(value)) : model.updateProperty(id, value))}
          disabled={model.busy.value}
          scope={scope}
          editor={(props) => {
            const extras = extrasOf(model);
            return extras && <extras.PropertyEditor {...props} />;
          }}
        />
      ))}
    </div>
  );
}
