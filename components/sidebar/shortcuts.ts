import type { Shortcut } from '../../core/messages/protocol';
import { t } from '../shared/i18n';
import type { SidebarModelInstance } from '../models/sidebar-model';

/**
 * The manifest's keyboard shortcuts that act on the open conversation, sent
 * by the background to this tab (the model toggles the sidebar itself):
 * R1 opens the create form, R8 closes the ticket. Each expands a collapsed
 * sidebar first, and says why when it can't.
 */
export function runShortcut(model: SidebarModelInstance, name: Exclude<Shortcut, 'toggle-sidebar'>): Promise<unknown> | void {
  if (model.collapsed.value) model.toggle();
  const current = model.view.peek();
  if (name === 'create-ticket') {
    if (!model.snapshot.peek()) model.error.value = t('errOpenFirst');
    else if (current?.ticket && !current.ticket.deletedAt) model.error.value = t('errHasTicket');
    else model.createOpen.value = true;
    return;
  }
  return model.setStatus(current?.settings.stages.find((s) => s.closed)?.id ?? '');
}
