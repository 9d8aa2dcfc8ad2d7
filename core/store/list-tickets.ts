import { shortId } from '../domain/ids';
import type { Channel, Contact, Ticket } from '../domain/types';
import type { Connection } from './db';
import { pageSize } from './paging';
import type { ListFilter, ListSort, StoreTx, TicketListIndex } from './schema';
import { readTransaction, walk } from './transactions';

/**
 * The dashboard list (R7 / help desk page): live tickets, filtered, sorted
 * and paged straight off the `list.*` indexes, so a page costs the same at
 * 100 or 100,000 tickets.
 */

export interface TicketQuery {
  status?: string;
  priority?: string;
  /** An agent id, or null for unassigned tickets. */
  ownerId?: string | null;
  source?: Channel;
  createdFrom?: number;
  createdTo?: number;
  updatedFrom?: number;
  updatedTo?: number;
  /**
   * Case-insensitive substring of the ticket's name, description or category,
   * of its contact's name, email address or chat handle, or of one of its live
   * notes. Contacts and notes are matched by walking those two stores once per
   * page (never the tickets: the walk over tickets stays within the scan budget).
   */
  search?: string;
  /** Default `updatedAt`. */
  sort?: ListSort;
  /** Default `desc` (most recent first). */
  direction?: 'asc' | 'desc';
  /** Default 50, at most 500. */
  limit?: number;
  /** `nextCursor` of the previous page, with the same sort. */
  cursor?: string;
}

export interface TicketPage {
  items: Ticket[];
  /** The contacts of this page's tickets, by id (for the list's contact column). */
  contacts: Record<string, Contact>;
  /**
   * Resumes after this page; null only at the end. A page may hold fewer than
   * `limit` items (even none) and still have a cursor when the filters that no
   * index covers (search, source, unassigned…) matched little of the scanned
   * part: keep paging until nextCursor is null.
   */
  nextCursor: string | null;
}

/** At most this many records are walked per page, so a rare search stays responsive. */
export const DEFAULT_SCAN_BUDGET = 5000;

/** Where a walk stopped, in sort order: (sort value, id). */
interface Position {
  value: number;
  id: string;
}

interface ListPlan {
  sort: ListSort;
  direction: IDBCursorDirection;
  limit: number;
  from?: number;
  to?: number;
  after?: Position;
}

export async function listTickets(conn: Connection, query: TicketQuery, scanBudget = DEFAULT_SCAN_BUDGET): Promise<TicketPage> {
  const plan = planList(query);
  const tx = readTransaction(conn.db, ['tickets', 'contacts', 'notes']);
  const { index, prefix } = await chooseIndex(conn, tx, query, plan);
  const range = keyRange(conn, prefix, plan);
  if (!range) return { items: [], contacts: {}, nextCursor: null };

  const needle = normalizedSearch(query.search);
  const matches = ticketFilter(query, needle === '' ? NO_REFS : await searchRefs(tx, needle));
  const items: Ticket[] = [];
  // Mutated inside the cursor callback (an object, so the compiler does not narrow it away).
  const scan: { scanned: number; last: Position | null; more: boolean } = { scanned: 0, last: null, more: false };
  await walk(tx.objectStore('tickets').index(index).openCursor(range, plan.direction), (ticket) => {
    if (items.length === plan.limit) {
      // The page is full and the index has one more record in range: there is a next page.
      scan.more = true;
      return false;
    }
    scan.scanned += 1;
    scan.last = { value: ticket[plan.sort], id: ticket.id };
    if (matches(ticket)) items.push(ticket);
    if (items.length < plan.limit && scan.scanned >= scanBudget) {
      scan.more = true;
      return false;
    }
    return true;
  });
  return {
    items,
    contacts: await contactsOf(tx, items),
    nextCursor: scan.more && scan.last ? encodeCursor(plan.sort, scan.last) : null,
  };
}

/** Tickets that match a search through something other than their own text. */
interface SearchRefs {
  contactIds: ReadonlySet<string>;
  ticketIds: ReadonlySet<string>;
}

const NO_REFS: SearchRefs = { contactIds: new Set(), ticketIds: new Set() };

const normalizedSearch = (search: string | undefined) => search?.trim().toLowerCase() ?? '';

/**
 * Contacts whose name, address or handle contains the needle, and tickets
 * with a live note that does. Only ids are kept while walking.
 */
async function searchRefs(tx: StoreTx, needle: string): Promise<SearchRefs> {
  const contactIds = new Set<string>();
  const ticketIds = new Set<string>();
  await Promise.all([
    walk(tx.objectStore('contacts').openCursor(), (c) => {
      if ([c.name, c.email ?? '', c.handle ?? ''].some((f) => f.toLowerCase().includes(needle))) contactIds.add(c.id);
      return true;
    }),
    walk(tx.objectStore('notes').openCursor(), (n) => {
      if (n.deletedAt === null && n.text.toLowerCase().includes(needle)) ticketIds.add(n.ticketId);
      return true;
    }),
  ]);
  return { contactIds, ticketIds };
}

async function contactsOf(tx: StoreTx, items: Ticket[]): Promise<Record<string, Contact>> {
  const ids = [...new Set(items.flatMap((t) => (t.contactId ? [t.contactId] : [])))];
  const found = await Promise.all(ids.map((id) => tx.objectStore('contacts').get(id)));
  const out: Record<string, Contact> = {};
  for (const c of found) if (c) out[c.id] = c;
  return out;
}

function planList(query: TicketQuery): ListPlan {
  const sort = query.sort ?? 'updatedAt';
  const plan: ListPlan = {
    sort,
    direction: query.direction === 'asc' ? 'next' : 'prev',
    limit: pageSize(query.limit),
    from: sort === 'updatedAt' ? query.updatedFrom : query.createdFrom,
    to: sort === 'updatedAt' ? query.updatedTo : query.createdTo,
  };
  if (query.cursor !== undefined) plan.after = decodeCursor(sort, query.cursor);
  return plan;
}

/**
 * With several equality filters, walk the index whose range is smallest
 * (IndexedDB counts a key range without loading it); the other filters are
 * checked while walking. Every candidate is ordered by (sort, id), so the
 * choice never changes the order, and a cursor stays valid if the next page
 * picks another index.
 */
async function chooseIndex(
  conn: Connection,
  tx: StoreTx,
  query: TicketQuery,
  plan: ListPlan,
): Promise<{ index: TicketListIndex; prefix: IDBValidKey[] }> {
  const candidates: { index: TicketListIndex; prefix: IDBValidKey[] }[] = [];
  const equality: [ListFilter, string | null | undefined][] = [
    ['status', query.status],
    ['priority', query.priority],
    // Null (unassigned) is not a valid key: those tickets are not in list.ownerId.*.
    ['ownerId', query.ownerId],
  ];
  for (const [field, value] of equality) {
    if (typeof value === 'string') candidates.push({ index: `list.${field}.${plan.sort}`, prefix: [value] });
  }
  const [first] = candidates;
  if (!first) return { index: `list.${plan.sort}`, prefix: [] };
  if (candidates.length === 1) return first;

  const sizes = await Promise.all(
    candidates.map((c) => {
      const range = keyRange(conn, c.prefix, { ...plan, after: undefined });
      return range ? tx.objectStore('tickets').index(c.index).count(range) : Promise.resolve(0);
    }),
  );
  let best = 0;
  sizes.forEach((size, i) => {
    if (size < (sizes[best] ?? Infinity)) best = i;
  });
  return candidates[best] ?? first;
}

/**
 * Keys are `[...prefix, sortValue, id]`. Bounds: `[...prefix, from]` sorts
 * before every key with that sort value, `[...prefix, to, []]` after every one
 * (an array is greater than any string id). Resuming replaces one bound with
 * the exclusive key of the last position walked.
 */
function keyRange(conn: Connection, prefix: IDBValidKey[], plan: ListPlan): IDBKeyRange | null {
  let lower: IDBValidKey[] = plan.from === undefined ? [...prefix] : [...prefix, plan.from];
  let upper: IDBValidKey[] = plan.to === undefined ? [...prefix, []] : [...prefix, plan.to, []];
  let lowerOpen = false;
  let upperOpen = false;
  if (plan.after) {
    const at: IDBValidKey[] = [...prefix, plan.after.value, plan.after.id];
    if (plan.direction === 'next' && conn.compare(at, lower) >= 0) {
      lower = at;
      lowerOpen = true;
    } else if (plan.direction === 'prev' && conn.compare(at, upper) <= 0) {
      upper = at;
      upperOpen = true;
    }
  }
  const order = conn.compare(lower, upper);
  if (order > 0 || (order === 0 && (lowerOpen || upperOpen))) return null;
  return conn.range.bound(lower, upper, lowerOpen, upperOpen);
}

/** Every filter of the query, indexed or not: cheap, and right whichever index was walked. */
function ticketFilter(query: TicketQuery, refs: SearchRefs): (ticket: Ticket) => boolean {
  const needle = normalizedSearch(query.search);
  const within = (value: number, from: number | undefined, to: number | undefined) =>
    (from === undefined || value >= from) && (to === undefined || value <= to);
  return (t) =>
    t.deletedAt === null &&
    (query.status === undefined || t.status === query.status) &&
    (query.priority === undefined || t.priority === query.priority) &&
    (query.ownerId === undefined || t.ownerId === query.ownerId) &&
    (query.source === undefined || t.source === query.source) &&
    within(t.createdAt, query.createdFrom, query.createdTo) &&
    within(t.updatedAt, query.updatedFrom, query.updatedTo) &&
    (needle === '' ||
      t.name.toLowerCase().includes(needle) ||
      t.description.toLowerCase().includes(needle) ||
      t.category.toLowerCase().includes(needle) ||
      // The short id people quote (`#4Q7Z2M`), with or without its `#`.
      shortId(t.id).toLowerCase().includes(needle) ||
      (t.contactId !== null && refs.contactIds.has(t.contactId)) ||
      refs.ticketIds.has(t.id));
}

// A cursor is `<sort tag>.<sort value>.<id>`: opaque to callers, checked on the way back in.
const SORT_TAG: Record<ListSort, string> = { updatedAt: 'u', createdAt: 'c' };
const CURSOR_PATTERN = /^([a-z])\.(-?\d+(?:\.\d+)?)\.(.+)$/;

function encodeCursor(sort: ListSort, at: Position): string {
  return `${SORT_TAG[sort]}.${at.value}.${at.id}`;
}

function decodeCursor(sort: ListSort, cursor: string): Position {
  const match = CURSOR_PATTERN.exec(cursor);
  if (!match || match[1] !== SORT_TAG[sort] || match[3] === undefined) {
    throw new RangeError(`Invalid list cursor for sort '${sort}': start again without a cursor.`);
  }
  return { value: Number(match[2]), id: match[3] };
}
