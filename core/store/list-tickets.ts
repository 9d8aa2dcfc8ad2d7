import { dueAtOf, snoozeOf, tagsOf, type Channel, type Contact, type Ticket } from '../domain/types';
import { tagKey } from '../domain/tags';
import type { Connection } from './db';
import { pageSize } from './paging';
import type { ListFilter, ListSort, StoreTx, TicketListIndex } from './schema';
import { ticketTokens, words } from './derived';
import { readCounts } from './queries';
import { readTransaction, walk } from './transactions';
import { listBySla, type SlaFilter } from './sla-list';

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
  /** Tickets that have this tag (any case). Checked while walking, like `source`. */
  tag?: string;
  createdFrom?: number;
  createdTo?: number;
  updatedFrom?: number;
  updatedTo?: number;
  /**
   * Words that must all start words (any case, accents ignored) of one text:
   * the ticket's own (name, short id, category, description), its contact's
   * (name, email address, chat handle) or one of its live notes'. Looked up in
   * the search index (core/store/derived.ts), never by reading every ticket.
   */
  search?: string;
  /** Snoozed tickets: hidden from the lists (`hide`, the default), the only ones listed (`only`), or listed like any (`any`). */
  snoozed?: 'hide' | 'only' | 'any';
  /** SLA state (computed at query time: core/store/sla-list.ts). */
  sla?: SlaFilter;
  /** Default `updatedAt`; `slaDue`: by SLA due time; `dueAt`: soonest due first (`asc`), tickets without a due date last (both core/store/sla-list.ts). */
  sort?: ListSort | 'slaDue' | 'dueAt';
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

export async function listTickets(conn: Connection, query: TicketQuery, scanBudget = DEFAULT_SCAN_BUDGET, now = Date.now()): Promise<TicketPage> {
  const byDue = query.sort === 'dueAt';
  // No index holds the SLA state or the due date: those lists read every matching ticket (core/store/sla-list.ts).
  const bySla = query.sla !== undefined || query.sort === 'slaDue' || byDue;
  const plan = planList({ ...query, sort: query.sort === 'slaDue' || query.sort === 'dueAt' ? 'updatedAt' : query.sort, cursor: bySla ? undefined : query.cursor });
  const tx = readTransaction(conn.db, ['tickets', 'contacts', 'counts', 'search', 'settings']);
  const searched = searchWords(query.search);
  // A search with no letter or digit in it can match nothing.
  if (searched === null) return { items: [], contacts: {}, nextCursor: null };
  const refs = searched.length > 0 ? await searchRefs(conn, tx, searched) : null;
  const matches = ticketFilter(query, refs);
  if (bySla) {
    const slaQuery = { sla: query.sla, sortBySla: query.sort === 'slaDue', direction: query.direction ?? (query.sort === 'slaDue' || byDue ? 'asc' : 'desc'), limit: plan.limit, cursor: query.cursor };
    const found = await listBySla(tx, slaQuery, matches, (t) => (byDue ? dueValue(t) : t[plan.sort]), now);
    return { ...found, contacts: await contactsOf(tx, found.items) };
  }
  if (refs) {
    const found = await searchByIndex(tx, plan, refs, matches);
    if (found) return { ...found, contacts: await contactsOf(tx, found.items) };
  }

  const { index, prefix } = await chooseIndex(tx, query, plan);
  const range = keyRange(conn, prefix, plan);
  if (!range) return { items: [], contacts: {}, nextCursor: null };
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

/**
 * What a search matches, from the search index (core/store/derived.ts): a
 * ticket matches when every word of the search starts a word of one and the
 * same text: the ticket's own (name, short id, category, description), its
 * contact's (name, address, handle) or one of its live notes. Only ids are read.
 */
interface SearchRefs {
  words: string[];
  /** Contacts that have every word. */
  contactIds: ReadonlySet<string>;
  /** Tickets with a live note that has every word. */
  noteTicketIds: ReadonlySet<string>;
  /**
   * Tickets whose own text may have every word (those of the rarest words
   * that the index could list), or null when every word is in more than
   * SEARCH_CANDIDATES_MAX tickets' own text.
   */
  ownCandidates: ReadonlySet<string> | null;
}

/**
 * A search whose rarest word leads to at most this many tickets reads just
 * those tickets, sorted and paged in memory; one with only more common words
 * walks the list's index (matches are dense then, so a page fills quickly).
 */
export const SEARCH_CANDIDATES_MAX = 1000;

/** The distinct words of a search; [] for no search, null for a search with no word in it. */
function searchWords(search: string | undefined): string[] | null {
  if (search === undefined || search.trim() === '') return [];
  const found = [...new Set(words(search))];
  return found.length > 0 ? found : null;
}

async function searchRefs(conn: Connection, tx: StoreTx, searched: string[]): Promise<SearchRefs> {
  const search = tx.objectStore('search');
  // A record with several words that start with one search word is listed once per word, hence the margin.
  const limit = SEARCH_CANDIDATES_MAX * 4;
  const perWord = await Promise.all(
    searched.map(async (word) => {
      // Every word that starts with `word`: up to `word` followed by the highest code unit.
      const range = conn.range.bound(word, `${word}\uffff`);
      const [contactIds, notes, ticketIds] = await Promise.all([
        search.index('byContactToken').getAllKeys(range),
        search.index('byNoteToken').getAll(range),
        search.index('byTicketToken').getAllKeys(range, limit),
      ]);
      const own = new Set(ticketIds);
      return {
        contactIds: new Set(contactIds),
        notes: new Map(notes.map((n) => [n.id, n.ticketId ?? ''])),
        own: own.size > SEARCH_CANDIDATES_MAX || ticketIds.length === limit ? null : own,
      };
    }),
  );
  const [first, ...rest] = perWord;
  if (!first) return { words: searched, contactIds: new Set(), noteTicketIds: new Set(), ownCandidates: null };
  const contactIds = new Set([...first.contactIds].filter((id) => rest.every((w) => w.contactIds.has(id))));
  const noteTicketIds = new Set([...first.notes].filter(([id]) => rest.every((w) => w.notes.has(id))).map(([, ticketId]) => ticketId));
  const listed = perWord.flatMap((w) => (w.own ? [w.own] : []));
  const [smallest, ...others] = listed.sort((x, y) => x.size - y.size);
  const ownCandidates = smallest ? new Set([...smallest].filter((id) => others.every((o) => o.has(id)))) : null;
  return { words: searched, contactIds, noteTicketIds, ownCandidates };
}

/** Every ticket a search may match, or null when that is more than SEARCH_CANDIDATES_MAX (or unknown). */
async function candidatesOf(tx: StoreTx, refs: SearchRefs): Promise<Set<string> | null> {
  if (refs.ownCandidates === null || refs.contactIds.size > SEARCH_CANDIDATES_MAX) return null;
  const out = new Set([...refs.ownCandidates, ...refs.noteTicketIds]);
  if (out.size > SEARCH_CANDIDATES_MAX) return null;
  const byContact = tx.objectStore('tickets').index('byContactId');
  for (const contactId of refs.contactIds) {
    for (const id of await byContact.getAllKeys(contactId, SEARCH_CANDIDATES_MAX + 1)) out.add(id);
    if (out.size > SEARCH_CANDIDATES_MAX) return null;
  }
  return out;
}

/**
 * The page of a search from its candidates: read them,
 * keep those that pass every filter, sort by (sort value, id) and resume after
 * the cursor: the order and cursors of the index walk. Null when there are
 * too many: the caller walks the index instead.
 */
async function searchByIndex(
  tx: StoreTx,
  plan: ListPlan,
  refs: SearchRefs,
  matches: (ticket: Ticket) => boolean,
): Promise<{ items: Ticket[]; nextCursor: string | null } | null> {
  const candidates = await candidatesOf(tx, refs);
  if (candidates === null) return null;
  const tickets = tx.objectStore('tickets');
  const loaded = await Promise.all([...candidates].map((id) => tickets.get(id)));
  const sign = plan.direction === 'next' ? 1 : -1;
  const order = (a: Position, b: Position) => sign * (a.value - b.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const at = (t: Ticket): Position => ({ value: t[plan.sort], id: t.id });
  const after = plan.after;
  const kept = loaded
    .filter((t): t is Ticket => t !== undefined && matches(t) && (after === undefined || order(at(t), after) > 0))
    .sort((a, b) => order(at(a), at(b)));
  const items = kept.slice(0, plan.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: kept.length > plan.limit && last ? encodeCursor(plan.sort, at(last)) : null };
}

/** A ticket's place in the due order: no due date sorts after every date. */
const dueValue = (t: Ticket): number => dueAtOf(t) ?? Number.MAX_SAFE_INTEGER;

async function contactsOf(tx: StoreTx, items: Ticket[]): Promise<Record<string, Contact>> {
  const ids = [...new Set(items.flatMap((t) => (t.contactId ? [t.contactId] : [])))];
  const found = await Promise.all(ids.map((id) => tx.objectStore('contacts').get(id)));
  const out: Record<string, Contact> = {};
  for (const c of found) if (c) out[c.id] = c;
  return out;
}

function planList(query: TicketQuery & { sort?: ListSort }): ListPlan {
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
 * With several equality filters, walk the index of the filter with the
 * fewest live tickets (the counts record says, without counting an index);
 * the other filters are checked while walking. Every candidate is ordered by
 * (sort, id), so the choice never changes the order, and a cursor stays
 * valid if the next page picks another index.
 */
async function chooseIndex(tx: StoreTx, query: TicketQuery, plan: ListPlan): Promise<{ index: TicketListIndex; prefix: IDBValidKey[] }> {
  const counts = await readCounts(tx);
  const candidates: { index: TicketListIndex; prefix: IDBValidKey[]; size: number }[] = [];
  const equality: [ListFilter, string | null | undefined, Record<string, number>][] = [
    ['status', query.status, counts.byStatus],
    ['priority', query.priority, counts.byPriority],
    // Null (unassigned) is not a valid key: those tickets are not in list.ownerId.*.
    ['ownerId', query.ownerId, counts.byOwner],
  ];
  for (const [field, value, sizes] of equality) {
    if (typeof value === 'string') candidates.push({ index: `list.${field}.${plan.sort}`, prefix: [value], size: sizes[value] ?? 0 });
  }
  let best: { index: TicketListIndex; prefix: IDBValidKey[] } = { index: `list.${plan.sort}`, prefix: [] };
  let smallest = Infinity;
  for (const c of candidates) {
    if (c.size < smallest) {
      smallest = c.size;
      best = { index: c.index, prefix: c.prefix };
    }
  }
  return best;
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
function ticketFilter(query: TicketQuery, refs: SearchRefs | null): (ticket: Ticket) => boolean {
  const tagKeyWanted = query.tag === undefined ? undefined : tagKey(query.tag);
  const within = (value: number, from: number | undefined, to: number | undefined) =>
    (from === undefined || value >= from) && (to === undefined || value <= to);
  const searched = (t: Ticket) => {
    if (!refs) return true;
    if ((t.contactId !== null && refs.contactIds.has(t.contactId)) || refs.noteTicketIds.has(t.id)) return true;
    if (refs.ownCandidates && !refs.ownCandidates.has(t.id)) return false;
    const own = ticketTokens(t);
    return refs.words.every((word) => own.some((w) => w.startsWith(word)));
  };
  return (t) =>
    t.deletedAt === null &&
    (query.status === undefined || t.status === query.status) &&
    (query.priority === undefined || t.priority === query.priority) &&
    (query.ownerId === undefined || t.ownerId === query.ownerId) &&
    (query.source === undefined || t.source === query.source) &&
    (tagKeyWanted === undefined || tagsOf(t).some((n) => tagKey(n) === tagKeyWanted)) &&
    within(t.createdAt, query.createdFrom, query.createdTo) &&
    within(t.updatedAt, query.updatedFrom, query.updatedTo) &&
    snoozeMatches(query.snoozed ?? 'hide', snoozeOf(t) !== null) &&
    searched(t);
}

const snoozeMatches = (want: NonNullable<TicketQuery['snoozed']>, snoozed: boolean) => want === 'any' || (want === 'only') === snoozed;

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
