import type { SidebarView } from '../../core/messages/views';
import type { Identity } from '../../core/domain/types';
import { formatDate, t, type MessageKey } from '../shared/i18n';
import { initials } from '../shared/initials';
import { stageLabel } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { addressOf, channelLabel, extrasOf, statusLabel } from './ui';

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

/** The contact's identities: one line each, its kind as a label (text only: these are what pages showed). */
function Identities({ identities }: { identities: readonly Identity[] }) {
  if (identities.length === 0) return null;
  return (
    <ul class="tip-list tip-identities" aria-label={t('idn_identities')}>
      {identities.map((i) => (
        <li key={`${i.kind}:${i.value}`} data-testid="tip-contact-identity" data-kind={i.kind} data-value={i.value}>
          <span class="tip-muted">{t(KIND_LABEL[i.kind])}</span> <span class="tip-identity-value">{i.value}</span>
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
  // "Same person?" and the split are rare: their controls load with the extras, only when there is one to show.
  const more = extrasOf(model, model.suggestions.value.length > 0 || (view.mergedContacts ?? []).length > 0);
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
      {more && <more.ContactMerges model={model} view={view} />}
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
