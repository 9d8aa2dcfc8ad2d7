import type { SidebarView } from '../../core/messages/views';
import type { Identity } from '../../core/domain/types';
import { formatDate, t, type MessageKey } from '../shared/i18n';
import { initials } from '../shared/initials';
import { stageLabel } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { addressOf, channelLabel, statusLabel } from './ui';

type Conversation = SidebarView['pastConversations'][number];

/** A conversation in the host app, opened in a new tab, then what to know about it. */
const conversationItem = (c: Conversation, after: string, attrs?: { 'data-key': string }) => (
  <li key={c.id} {...attrs}>
    <a href={c.hostUrl} target="_blank" rel="noopener noreferrer">
      {c.subject || c.key}
    </a>
    <span class="tip-muted">{` · ${channelLabel(c.channel)} · ${after}`}</span>
  </li>
);

const warning = (label: string) => <span class="tip-pill is-warning">{label}</span>;

const KIND_LABEL: Record<Identity['kind'], MessageKey> = { email: 'idn_kindEmail', phone: 'idn_kindPhone', handle: 'idn_kindHandle' };

/** A locale message with `{name}`-style placeholders filled in (the values are text, never markup). */
const fill = (key: MessageKey, values: Record<string, string>) => t(key).replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

/** The contact's identities: one line each, its kind as a label (text only: these are what pages showed). */
function Identities({ identities }: { identities: readonly Identity[] }) {
  if (identities.length === 0) return null;
  return (
    <ul class="tip-identities" aria-label={t('idn_identities')}>
      {identities.map((i) => (
        <li key={`${i.kind}:${i.value}`} data-testid="tip-contact-identity" data-kind={i.kind} data-value={i.value}>
          <span class="tip-identity-kind">{t(KIND_LABEL[i.kind])}</span> <span class="tip-identity-value">{i.value}</span>
        </li>
      ))}
    </ul>
  );
}

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

/** R13: the contact and their other conversations and tickets, for context. */
export function ContactCard({ model, view }: { model: SidebarModelInstance; view: SidebarView }) {
  const contact = view.contact;
  if (!contact) return null;
  const address = addressOf(contact);
  const name = contact.name || address;
  const { ticketConversations: current, pastTickets } = view;
  const others = view.pastConversations.filter((c) => !current.some((x) => x.id === c.id));
  return (
    <section class="tip-card" data-testid="tip-contact" data-contact-id={contact.id} aria-labelledby="tip-contact-title">
      <div class="tip-row tip-row-between">
        <h3 id="tip-contact-title" class="tip-card-title">
          {t('contact')}
        </h3>
        <div class="tip-row">
          {contact.blocked && warning(t('blocked'))}
          {contact.spam && warning(t('spam'))}
        </div>
      </div>
      <div class="tip-contact">
        <span class="tip-avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <div>
          <div class="tip-contact-name">{name}</div>
          {address && <div class="tip-muted">{address}</div>}
        </div>
      </div>
      <Identities identities={contact.identities ?? []} />
      <Merged model={model} merged={view.mergedContacts ?? []} />
      <Suggestions model={model} />
      {current.length > 1 && (
        <>
          <h4 class="tip-subtitle">{t('conversationsOfTicket')}</h4>
          <ul class="tip-list">{current.map((c) => conversationItem(c, statusLabel(c.status)))}</ul>
        </>
      )}
      <h4 class="tip-subtitle">{t('pastConversations')}</h4>
      <ul class="tip-list" data-testid="tip-past-conversations">
        {pastTickets.map((ticket) => (
          <li key={ticket.id} data-ticket-id={ticket.id}>
            <a
              href="#"
              onClick={(e) => {
                e.preventDefault();
                void model.openTicket(ticket.id);
              }}
            >
              {ticket.name}
            </a>
            <span class="tip-muted">{` · ${t('ticket')} · ${stageLabel(view.settings, ticket.status)} · ${formatDate(ticket.createdAt)}`}</span>
          </li>
        ))}
        {others.map((c) => conversationItem(c, formatDate(c.createdAt), { 'data-key': c.key }))}
        {pastTickets.length === 0 && others.length === 0 && <li class="tip-muted">{t('noPast')}</li>}
      </ul>
    </section>
  );
}
