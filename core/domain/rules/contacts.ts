import type { Contact } from '../types';
import { refuse, type Session } from './session';

/**
 * R12: "Block sender" and "Mark as spam" flag the contact. Only the
 * contact's *new* conversations are flagged (at observe time); its existing
 * ones and their tickets are left as they are, which is also why no ticket
 * activity is written here.
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
  s.change<Contact>(contact, flag === 'blocked' ? { blocked: on } : { spam: on });
  return s.current(contact);
}
