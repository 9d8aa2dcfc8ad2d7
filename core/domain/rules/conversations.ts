import { makeId } from '../ids';
import type { Contact, Conversation, ConversationSnapshot, ConversationStatus, Ticket } from '../types';
import { flagFor } from './contacts';
import { checkOwner, liveConversation, ticketOf } from './lookups';
import { refuse, type Session } from './session';
import { messageMark } from './reopen';
import { closeConversation, reopenConversation } from './status';
import { normalizeEmail, normalizeHandle } from './validate';

/**
 * `conversation.observe`: the contact and conversation records for what the
 * sidebar sees, made once and kept in step with the page's subject. A trashed
 * conversation is returned as it is (the sidebar offers to restore it) and
 * never edited here: (source, key) stays unique and the trash stays intact.
 *
 * The stored URL is the first one seen, moved only by the agent's own action
 * there (`moveUrl`: creating or attaching a ticket): one conversation is often
 * open at several URLs (a Gmail thread under #inbox/ID and #label/x/ID), and
 * following each load would rewrite it, and reload every other tab, forever.
 */
export async function observeConversation(s: Session, snapshot: ConversationSnapshot, moveUrl = false): Promise<Conversation> {
  const existing = await s.conversationByKey(snapshot.source, snapshot.key);
  if (existing) {
    if (existing.deletedAt !== null) return existing;
    const fields: Partial<Conversation> = moveUrl ? { subject: snapshot.subject.trim(), hostUrl: snapshot.hostUrl } : { subject: snapshot.subject.trim() };
    return s.change<Conversation>(existing, fields) ?? existing;
  }
  const contact = await observeContact(s, snapshot.contact);
  return s.create<Conversation>(makeId('conversation', s.ctx.newUlid()), {
    source: snapshot.source,
    key: snapshot.key,
    subject: snapshot.subject.trim(),
    contactId: contact?.id ?? null,
    channel: snapshot.channel,
    status: 'open',
    ownerId: null,
    hostUrl: snapshot.hostUrl,
    ticketId: null,
    flag: flagFor(contact),
    lastMessage: messageMark(snapshot),
  });
}


/**
 * The contact behind a snapshot: found by email, else by chat handle, else
 * created. A page that shows neither (generic mode) has no contact.
 */
async function observeContact(s: Session, seen: ConversationSnapshot['contact']): Promise<Contact | undefined> {
  const email = normalizeEmail(seen.email);
  const handle = normalizeHandle(seen.handle);
  const found = (email ? await s.contactByEmail(email) : undefined) ?? (handle ? await s.contactByHandle(handle) : undefined);
  if (found) return found;
  if (!email && !handle) return undefined;
  return s.create<Contact>(makeId('contact', s.ctx.newUlid()), {
    name: seen.name.trim() || email || handle || '',
    email,
    handle,
    blocked: false,
    spam: false,
  });
}

/** R5: the conversation's owner, and its ticket's owner with it (one way: see ticket.update for the other). */
export async function setConversationOwner(s: Session, conversationId: string, ownerId: unknown): Promise<Conversation> {
  const conversation = await liveConversation(s, conversationId);
  const owner = await checkOwner(s, ownerId);
  const ticket = await ticketOf(s, conversation);
  const changed = s.change<Conversation>(conversation, { ownerId: owner });
  if (ticket && changed) {
    s.log(ticket, 'conversation.owner', { conversationId, from: conversation.ownerId, to: owner });
  }
  // The ticket follows even if the conversation already had this owner: the agent asked for this owner.
  if (ticket && s.change<Ticket>(ticket, { ownerId: owner })) {
    s.log(ticket, 'ticket.property', { field: 'owner', from: ticket.ownerId, to: owner });
  }
  return s.current(conversation);
}

/**
 * R10: closes or reopens only this conversation; the ticket keeps its status.
 * Reopening a conversation of a ticket in the closed stage is refused: R8
 * says a closed ticket has all its conversations closed, so the ticket is
 * reopened first (R9 then reopens a lone conversation by itself).
 */
export async function setConversationStatus(
  s: Session,
  conversationId: string,
  status: ConversationStatus,
): Promise<Conversation> {
  if (status !== 'open' && status !== 'closed') refuse('invalid', 'A conversation is either open or closed.');
  const conversation = await liveConversation(s, conversationId);
  const ticket = await ticketOf(s, conversation);
  if (status === 'closed') {
    closeConversation(s, ticket, conversation);
  } else if (conversation.status !== 'open') {
    if (ticket && ticket.closedAt !== null) {
      refuse('conflict', 'Reopen the ticket first: a closed ticket keeps all its conversations closed.');
    }
    reopenConversation(s, ticket, conversation);
  }
  return s.current(conversation);
}
