import { lookupKeysOf, withIdentities, withoutIdentities } from '../contacts';
import type { Contact, ContactMerge, Conversation, Ticket } from '../types';
import { isConversation, isTicket, refuse, type Session } from './session';

/**
 * R12: "Block sender" and "Mark as spam" flag the contact. Setting a flag
 * touches only the contact: its *new* conversations are flagged (at observe
 * time), its existing ones and their tickets are left as they are, so no
 * ticket activity is written.
 *
 * Lifting a flag is a correction, so it reaches back: every live
 * conversation of the contact that was flagged gets the flag the contact has
 * now (none, or the other one: blocked wins, then spam), in the same command,
 * and becomes creatable again. Where such a conversation has a ticket, its
 * history says so. Trashed ones are left alone (their family's cause must stay
 * intact for a restore); a restore reads the contact again (rules/trash.ts).
 */
export async function flagContact(
  s: Session,
  contactId: string,
  flag: 'blocked' | 'spam',
  on: unknown,
): Promise<Contact> {
  if (typeof on !== 'boolean') refuse('invalid', 'contactFlagInvalid');
  const contact = await s.contact(contactId);
  if (!contact) refuse('not_found', 'contactGone');
  const changed = s.change<Contact>(contact, flag === 'blocked' ? { blocked: on } : { spam: on });
  if (changed && !on) await reflagConversations(s, changed);
  return s.current(contact);
}

/** R12: what a conversation of this contact is flagged with (blocked wins: it is the stronger call). */
export function flagFor(contact: Pick<Contact, 'blocked' | 'spam'> | undefined): Conversation['flag'] {
  if (contact?.blocked) return 'blocked';
  if (contact?.spam) return 'spam';
  return null;
}

async function reflagConversations(s: Session, contact: Contact): Promise<void> {
  const now = flagFor(contact);
  const records = await s.recordsOfContact(contact.id);
  for (const conversation of records.filter(isConversation)) {
    if (conversation.deletedAt !== null || conversation.flag === null || conversation.flag === now) continue;
    s.change<Conversation>(conversation, { flag: now });
    const ticket = conversation.ticketId ? await s.ticket(conversation.ticketId) : undefined;
    if (ticket && ticket.deletedAt === null) {
      s.log(ticket as Ticket, 'contact.unflagged', { conversationId: conversation.id, field: 'flag', from: conversation.flag, to: now });
    }
  }
}

/** A contact that can take part in a merge: it exists, is not in the trash and was not merged away. */
async function mergeableContact(s: Session, id: string): Promise<Contact> {
  const contact = await s.contact(id);
  if (!contact) refuse('not_found', 'contactGone');
  if (contact.mergedInto !== null) refuse('conflict', 'contactAlreadyMerged', { name: contact.name || 'That contact' });
  if (contact.deletedAt !== null) refuse('conflict', 'contactTrashed', { name: contact.name || 'That contact' });
  return contact;
}

export interface MergedContacts {
  kept: Contact;
  merged: Contact;
}

/**
 * One person: the merged contact's identities, live conversations and live
 * tickets move to the kept one, which is blocked or spam if either was
 * (R12: the stronger call wins). The merged contact becomes a tombstone in
 * the trash that points to the kept one and records what moved, so that
 * `contact.split` undoes exactly this. Each affected ticket's history says so.
 * Trashed conversations and tickets stay where they are: rewriting them
 * would break the cause that ties a trash family together (R11).
 */
export async function mergeContacts(s: Session, keepId: string, mergeId: string): Promise<MergedContacts> {
  if (keepId === mergeId) refuse('conflict', 'contactMergeSelf');
  const kept = await mergeableContact(s, keepId);
  const merged = await mergeableContact(s, mergeId);
  const moving = (await s.recordsOfContact(merged.id)).filter((r) => r.deletedAt === null);
  const conversations = moving.filter(isConversation);
  const tickets = moving.filter(isTicket);

  const added = withoutIdentities(merged.identities, kept.identities);
  const identities = withIdentities(kept.identities, merged.identities);
  s.change<Contact>(kept, {
    identities,
    lookupKeys: lookupKeysOf({ identities, name: kept.name }),
    email: kept.email ?? merged.email,
    handle: kept.handle ?? merged.handle,
    blocked: kept.blocked || merged.blocked,
    spam: kept.spam || merged.spam,
  });
  const merge: ContactMerge = {
    identities: added,
    conversationIds: conversations.map((c) => c.id),
    ticketIds: tickets.map((t) => t.id),
    kept: { email: kept.email, handle: kept.handle, blocked: kept.blocked, spam: kept.spam },
  };
  s.change<Contact>(merged, { mergedInto: kept.id, merge, deletedAt: s.ctx.now });
  for (const r of moving) s.change<Ticket | Conversation>(r, { contactId: kept.id });

  const text = `${merged.name} into ${kept.name}`;
  for (const ticket of await affectedTickets(s, tickets, conversations)) s.log(ticket, 'contact.merged', { text });
  return { kept: s.current(kept), merged: s.current(merged) };
}

/**
 * Undoes `contact.merge`: the merged contact comes back live with its own
 * identities, and the conversations and tickets that moved (and still point
 * to the kept contact, and are live) go back to it; the kept contact loses
 * the identities it gained and gets back its own primary email, handle and
 * flags. What was recorded after the merge stays with the kept contact.
 */
export async function splitContact(s: Session, mergedId: string): Promise<MergedContacts> {
  const merged = await s.contact(mergedId);
  if (!merged) refuse('not_found', 'contactSplitPurged');
  if (merged.mergedInto === null || merged.merge === null) refuse('conflict', 'contactNotMerged', { name: merged.name || 'That contact' });
  const kept = await s.contact(merged.mergedInto);
  if (!kept) refuse('not_found', 'contactKeptGone');
  if (kept.mergedInto !== null) refuse('conflict', 'contactKeptMerged', { name: kept.name });
  const { merge } = merged;

  const identities = withoutIdentities(kept.identities, merge.identities);
  s.change<Contact>(kept, { identities, lookupKeys: lookupKeysOf({ identities, name: kept.name }), ...merge.kept });
  s.change<Contact>(merged, { mergedInto: null, merge: null, deletedAt: null });

  const back = (r: Ticket | Conversation | undefined): r is Ticket | Conversation => r !== undefined && r.deletedAt === null && r.contactId === kept.id;
  const conversations = (await Promise.all(merge.conversationIds.map((id) => s.conversation(id)))).filter(back) as Conversation[];
  const tickets = (await Promise.all(merge.ticketIds.map((id) => s.ticket(id)))).filter(back) as Ticket[];
  for (const r of [...conversations, ...tickets]) s.change<Ticket | Conversation>(r, { contactId: merged.id });

  const text = `${merged.name} from ${kept.name}`;
  for (const ticket of await affectedTickets(s, tickets, conversations)) s.log(ticket, 'contact.split', { text });
  return { kept: s.current(kept), merged: s.current(merged) };
}

/** The tickets that moved, and the live tickets of the conversations that moved, once each. */
async function affectedTickets(s: Session, tickets: Ticket[], conversations: Conversation[]): Promise<Ticket[]> {
  const out = new Map(tickets.map((t) => [t.id, t]));
  for (const c of conversations) {
    if (!c.ticketId || out.has(c.ticketId)) continue;
    const ticket = await s.ticket(c.ticketId);
    if (ticket && ticket.deletedAt === null) out.set(ticket.id, ticket);
  }
  return [...out.values()];
}

/** "Not the same person": remembered on both contacts, so neither is offered as the other again. */
export async function dismissSuggestion(s: Session, contactId: string, otherId: string): Promise<Contact> {
  if (contactId === otherId) refuse('conflict', 'contactApartSelf');
  const contact = await s.contact(contactId);
  const other = await s.contact(otherId);
  if (!contact || !other) refuse('not_found', 'contactGone');
  if (!contact.notSameAs.includes(otherId)) s.change<Contact>(contact, { notSameAs: [...contact.notSameAs, otherId] });
  if (!other.notSameAs.includes(contactId)) s.change<Contact>(other, { notSameAs: [...other.notSameAs, contactId] });
  return s.current(contact);
}
