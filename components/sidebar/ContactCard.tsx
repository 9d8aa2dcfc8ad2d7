import type { SidebarView } from '../../core/messages/views';
import { formatDate, t } from '../shared/i18n';
import { stageLabel } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';

/** R13: the contact and their other conversations and tickets, for context. */
export function ContactCard({ model, view }: { model: SidebarModelInstance; view: SidebarView }) {
  const contact = view.contact;
  if (!contact) return null;
  const address = contact.email ?? contact.handle?.replace(/^[a-z]+:/, '') ?? '';
  const ticketIds = new Set(view.ticketConversations.map((c) => c.id));
  const others = view.pastConversations.filter((c) => !ticketIds.has(c.id));
  return (
    <section class="tip-card" data-testid="tip-contact" data-contact-id={contact.id} aria-labelledby="tip-contact-title">
      <div class="tip-row tip-row-between">
        <h3 id="tip-contact-title" class="tip-card-title">
          {t('contact')}
        </h3>
        <div class="tip-row">
          {contact.blocked && <span class="tip-pill is-warning">{t('blocked')}</span>}
          {contact.spam && <span class="tip-pill is-warning">{t('spam')}</span>}
        </div>
      </div>
      <div class="tip-contact">
        <span class="tip-avatar" aria-hidden="true">
          {initials(contact.name || address)}
        </span>
        <div>
          <div class="tip-contact-name">{contact.name || address}</div>
          {address && <div class="tip-muted">{address}</div>}
        </div>
      </div>
      {view.ticketConversations.length > 1 && (
        <>
          <h4 class="tip-subtitle">{t('conversationsOfTicket')}</h4>
          <ul class="tip-list">
            {view.ticketConversations.map((c) => (
              <li key={c.id}>
                <a href={c.hostUrl} target="_blank" rel="noopener noreferrer">
                  {c.subject || c.key}
                </a>
                <span class="tip-muted">
                  {' '}
                  · {c.channel === 'email' ? t('channelEmail') : t('channelChat')} · {c.status === 'open' ? t('conversationOpen') : t('conversationClosed')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h4 class="tip-subtitle">{t('pastConversations')}</h4>
      <ul class="tip-list" data-testid="tip-past-conversations">
        {view.pastTickets.map((ticket) => (
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
            <span class="tip-muted">
              {' '}
              · {t('ticket')} · {stageLabel(view.settings, ticket.status)} · {formatDate(ticket.createdAt)}
            </span>
          </li>
        ))}
        {others.map((c) => (
          <li key={c.id} data-key={c.key}>
            <a href={c.hostUrl} target="_blank" rel="noopener noreferrer">
              {c.subject || c.key}
            </a>
            <span class="tip-muted">
              {' '}
              · {c.channel === 'email' ? t('channelEmail') : t('channelChat')} · {formatDate(c.createdAt)}
            </span>
          </li>
        ))}
        {view.pastTickets.length === 0 && others.length === 0 && <li class="tip-muted">{t('noPast')}</li>}
      </ul>
    </section>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts[1]?.[0] ?? '')).toUpperCase();
}
