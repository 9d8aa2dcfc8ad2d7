import type { SidebarView } from '../../core/messages/views';
import { t, type MessageKey } from '../shared/i18n';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { addressOf } from './ui';

/** A locale message with `{name}`-style placeholders filled in (the values are text, never markup). */
const fill = (key: MessageKey, values: Record<string, string>) => t(key).replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

/** "Same person as Maria Lopez?": the agent confirms (merge into this contact) or says no (never asked again). */
function Suggestions({ model }: { model: SidebarModelInstance }) {
  const list = model.suggestions.value;
  if (list.length === 0) return null;
  return (
    <>
      {list.map(({ contact, reason }) => (
        <div key={contact.id} class="tip-suggestion" data-testid="tip-contact-suggestion" data-contact-id={contact.id} role="group" aria-label={fill('idn_samePerson', { name: contact.name })}>
          <div class="tip-suggestion-title">{fill('idn_samePerson', { name: contact.name })}</div>
          {addressOf(contact) && <div class="tip-identity-value">{addressOf(contact)}</div>}
          <div class="tip-muted">
            {reason.kind === 'mentioned' ? fill('idn_reasonMentioned', { value: reason.value, name: contact.name }) : t('idn_reasonName')}
          </div>
          <div class="tip-row tip-row-end">
            <button type="button" class="tip-button" data-testid="tip-contact-dismiss" disabled={model.busy.value} onClick={() => void model.dismissSuggestion(contact.id)}>
              {t('idn_dismiss')}
            </button>
            <button type="button" class="tip-button is-primary" data-testid="tip-contact-merge" disabled={model.busy.value} onClick={() => void model.mergeContact(contact.id)}>
              {t('idn_merge')}
            </button>
          </div>
        </div>
      ))}
    </>
  );
}

/** Contacts merged into this one, each with the split that undoes that merge. */
function Merged({ model, merged }: { model: SidebarModelInstance; merged: SidebarView['mergedContacts'] }) {
  if (merged.length === 0) return null;
  return (
    <ul class="tip-list">
      {merged.map((c) => (
        <li key={c.id} class="tip-row tip-row-between" data-merged-id={c.id}>
          <span>{fill('idn_mergedWith', { name: c.name })}</span>
          <button
            type="button"
            class="tip-link-button"
            data-testid="tip-contact-split"
            title={fill('idn_splitTitle', { name: c.name })}
            disabled={model.busy.value}
            onClick={() => void model.splitContact(c.id)}
          >
            {t('idn_split')}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The contact card's merge controls: contacts merged into this one (split), then "Same person as …?". */
export function ContactMerges({ model, view }: { model: SidebarModelInstance; view: SidebarView }) {
  return (
    <>
      <Merged model={model} merged={view.mergedContacts ?? []} />
      <Suggestions model={model} />
    </>
  );
}
