import type { SidebarView } from '../../core/messages/views';
import { t } from '../shared/i18n';
import { canMarkResponded } from '../../core/domain/sla-shown';
import { SlaBadge } from '../shared/SlaBadge';
import type { SidebarModelInstance } from '../models/sidebar-model';

/** The card's SLA line: the badge, and "Mark first response sent" where no first response is recorded. */
export function SlaLine({ model, view }: { model: SidebarModelInstance; view: SidebarView }) {
  const shown = view.sla;
  if (!view.ticket || !shown) return null;
  const offer = canMarkResponded(shown);
  return (
    <div class="tip-sla-line">
      <SlaBadge shown={shown} />
      {offer && (
        <button type="button" class="tip-link-button" data-testid="tip-sla-responded" disabled={model.busy.value} onClick={() => void model.markResponded()}>
          {t('sla_markResponded')}
        </button>
      )}
    </div>
  );
}
