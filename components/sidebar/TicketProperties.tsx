import type { SidebarView } from '../../core/messages/views';
import { PropertyField } from '../shared/PropertyField';
import { describeProperty } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';

/** The properties `ids` of the ticket, each editable inline (R4); `scope` keeps DOM ids unique. */
export function TicketProperties({ model, view, ids, scope }: { model: SidebarModelInstance; view: SidebarView; ids: readonly string[]; scope?: string }) {
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
