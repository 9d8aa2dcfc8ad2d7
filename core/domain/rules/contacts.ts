import type { Contact, Conversation, Ticket } from '../types';
import { isConversation, refuse, type Session } from './session';

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
  if (typeof on !== 'boolean') refuse('invalid', 'Say whether to turn the flag on or off.');
  const contact = await s.contact(contactId);
  if (!contact) refuse('not_found', 'That contact no longer exists.');
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
