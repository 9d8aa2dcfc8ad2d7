import { makeId } from '../ids';
import type { Contact, Conversation, ConversationSnapshot, ConversationStatus, Ticket } from '../types';
import { flagFor } from './contacts';
import { checkOwner, liveConversation, ticketOf } from './lookups';
import { refuse, type Session } from './session';
import { messageMark } from './reopen';
import { closeConversation, reopenConversation } from './status';
import { identitiesOfSnapshot, identityKey, isLiveContact, lookupKeysOf, withIdentities } from '../contacts';

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
 * The contact behind a snapshot: the live contact that has ANY of the exact
 * identities the page shows (email, phone, handle, in that order), else a
 * new one. A found contact gains the page's other identities that no other
 * live contact holds (a WhatsApp chat that shows the number: the handle
 * `whatsapp:+34…` and the phone `+34…`). Nothing weaker (a name, an address
 * written in a message) ever links here: that is a suggestion the agent
 * confirms (contact.merge). A page that shows no identity has no contact.
 */
async function observeContact(s: Session, seen: ConversationSnapshot['contact']): Promise<Contact | undefined> {
  const identities = identitiesOfSnapshot(seen);
  if (identities.length === 0) return undefined;
  const holders = new Map<string, Contact[]>();
  for (const identity of identities) {
    holders.set(identityKey(identity), (await s.contactsByLookupKey(identityKey(identity))).filter(isLiveContact));
  }
  const found = identities.map((i) => holders.get(identityKey(i))?.[0]).find((c) => c !== undefined);
  if (found) {
    const free = identities.filter((i) => (holders.get(identityKey(i)) ?? []).length === 0);
    if (free.length === 0) return found;
    const next = withIdentities(found.identities, free);
    return s.change<Contact>(found, { identities: next, lookupKeys: lookupKeysOf({ identities: next, name: found.name }) }) ?? found;
  }
  const email = identities.find((i) => i.kind === 'email')?.value ?? null;
  const handle = identities.find((i) => i.kind === 'handle')?.value ?? null;
  const name = seen.name.trim() || email || handle || identities[0]?.value || '';
  return s.create<Contact>(makeId('contact', s.ctx.newUlid()), {
    name,
    email,
    handle,
    blocked: false,
    spam: false,
    identities,
    mergedInto: null,
    merge: null,
    notSameAs: [],
    lookupKeys: lookupKeysOf({ identities, name }),
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
  if (status !== 'open' && status !== 'closed') refuse('invalid', 'conversationStatus');
  const conversation = await liveConversation(s, conversationId);
  const ticket = await ticketOf(s, conversation);
  if (status === 'closed') {
    closeConversation(s, ticket, conversation);
  } else if (conversation.status !== 'open') {
    if (ticket && ticket.closedAt !== null) {
      refuse('conflict', 'reopenTicketFirst');
    }
    reopenConversation(s, ticket, conversation);
  }
  return s.current(conversation);
}
