import { isGone, matchesTerms, searchTerms, ticketSearchText } from '../domain/search';
import type { Contact, Ticket } from '../domain/types';
import type { Connection } from './db';
import type { StoreTx } from './schema';
import { readTransaction } from './transactions';

/**
 * R3's "add to any ticket": tickets matching what the agent typed (their
 * name, short id, contact), the conversation's contact's open tickets first,
 * then the rest, most recently updated first, closed ones included. Trashed
 * and merged-away tickets are never offered. Bounded twice: `limit` results
 * and a scan budget of tickets walked, so a rare word stays fast at any size.
 */

export interface TicketSearch {
  /** What the agent typed; empty lists the contact's open tickets, then the latest. */
  text: string;
  /** The open conversation's contact, whose open tickets come first. */
  contactId?: string | null;
  /** Default 8, at most 50. */
  limit?: number;
}

/**
 * What the sidebar shows of a found ticket: enough to choose, nothing more.
 * It goes to a content script beside an untrusted page, so no address,
 * description or date rides along (SECURITY.md).
 */
export interface TicketHit {
  id: string;
  name: string;
  status: string;
  closed: boolean;
  /** The name of the ticket's contact, if it has one (a search matches its address, but the answer doesn't carry it). */
  contactName: string | null;
  /** One of the conversation's contact's tickets. */
  ofContact: boolean;
}

export const FIND_DEFAULT_LIMIT = 8;
export const FIND_MAX_LIMIT = 50;
export const FIND_SCAN_BUDGET = 5000;

export async function findTickets(conn: Connection, search: TicketSearch, scanBudget = FIND_SCAN_BUDGET): Promise<TicketHit[]> {
  const limit = Math.min(FIND_MAX_LIMIT, Math.max(1, Math.floor(search.limit ?? FIND_DEFAULT_LIMIT)));
  const terms = searchTerms(search.text);
  const tx = readTransaction(conn.db, ['tickets', 'contacts']);
  const contacts = contactCache(tx);
  const hits: TicketHit[] = [];
  const taken = new Set<string>();
  let scanned = 0;

  const consider = async (ticket: Ticket, ofContact: boolean): Promise<void> => {
    scanned += 1;
    if (taken.has(ticket.id) || isGone(ticket)) return;
    const contact = await contacts(ticket.contactId);
    if (terms.length > 0 && !matchesTerms(ticketSearchText(ticket, contact), terms)) return;
    taken.add(ticket.id);
    hits.push(hitOf(ticket, contact, ofContact));
  };
  const full = () => hits.length >= limit || scanned >= scanBudget;

  const tickets = tx.objectStore('tickets');
  if (search.contactId) {
    const mine = await tickets.index('byContactId').getAll(search.contactId);
    const open = mine.filter((t) => t.closedAt === null).sort((a, b) => b.updatedAt - a.updatedAt);
    for (const ticket of open) {
      if (full()) break;
      await consider(ticket, true);
    }
  }
  for (let cursor = await tickets.index('list.updatedAt').openCursor(null, 'prev'); cursor && !full(); cursor = await cursor.continue()) {
    await consider(cursor.value, cursor.value.contactId !== null && cursor.value.contactId === search.contactId);
  }
  return hits;
}

/** Each contact read once per search. */
function contactCache(tx: StoreTx): (id: string | null) => Promise<Contact | undefined> {
  const seen = new Map<string, Promise<Contact | undefined>>();
  return (id) => {
    if (!id) return Promise.resolve(undefined);
    let found = seen.get(id);
    if (!found) seen.set(id, (found = tx.objectStore('contacts').get(id)));
    return found;
  };
}

function hitOf(ticket: Ticket, contact: Contact | undefined, ofContact: boolean): TicketHit {
  return {
    id: ticket.id,
    name: ticket.name,
    status: ticket.status,
    closed: ticket.closedAt !== null,
    contactName: contact?.name || null,
    ofContact,
  };
}
