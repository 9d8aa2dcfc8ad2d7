import { shortId } from './ids';
import { mergedIntoOf, tagsOf, type Contact, type Ticket } from './types';

/**
 * Finding a ticket by what an agent remembers of it: its name, its short id
 * as the UI shows it (`#4Q7Z2M`), its tags, its contact's name, address or handle. One
 * helper, so every search (the sidebar's "add to a ticket", and any later one)
 * matches the same things, and a contact's further identities are added here.
 */

/** The contact fields a search reads: the primary ones and every identity (a phone, a second address). */
export type SearchableContact = Pick<Contact, 'name' | 'email' | 'handle'> & Partial<Pick<Contact, 'identities'>>;

/** Everything a ticket is found by, lower-cased, one field per line. */
export function ticketSearchText(ticket: Pick<Ticket, 'id' | 'name'> & Partial<Pick<Ticket, 'tags'>>, contact: SearchableContact | null | undefined): string {
  const fields = [ticket.name, shortId(ticket.id), ...tagsOf(ticket)];
  if (contact) fields.push(contact.name, contact.email ?? '', contact.handle ?? '', ...(contact.identities ?? []).map((i) => i.value));
  return fields.join('\n').toLowerCase();
}

/** The words of a search, lower-cased; empty when there is nothing to look for. */
export function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter((w) => w !== '');
}

/** Whether every word of the search is somewhere in the ticket's text (so "ana refund" finds "Refund" of Ana). */
export function matchesTerms(text: string, terms: readonly string[]): boolean {
  return terms.every((term) => text.includes(term));
}

/** A ticket that is no longer offered anywhere: in the trash or merged away. */
export const isGone = (ticket: Ticket): boolean => ticket.deletedAt !== null || mergedIntoOf(ticket) !== null;
