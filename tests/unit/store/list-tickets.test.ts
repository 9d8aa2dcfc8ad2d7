import './setup';
import type { Ticket } from '../../../core/domain/types';
import type { HelpDeskStore, TicketQuery } from '../../../core/store';
import { words } from '../../../core/store/derived';
import { SEARCH_CANDIDATES_MAX } from '../../../core/store/list-tickets';
import { openTestDesk, seed, ticket } from './fixtures';

/** Small deterministic PRNG (mulberry32) so the generated data is the same on every run. */
function prng(seedValue: number) {
  let a = seedValue;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T };
}

const STATUSES = ['new', 'waiting-contact', 'waiting-us', 'closed'] as const;
const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
const OWNERS = [null, 'agent:A', 'agent:B'] as const;
const WORDS = ['Refund', 'login', 'Invoice', 'shipping', 'bug', 'REFUND request'] as const;

/** 160 tickets with few distinct timestamps (many ties), a few trashed. */
function generateTickets(): Ticket[] {
  const r = prng(42);
  return Array.from({ length: 160 }, (_, i) =>
    ticket(i + 1, {
      status: r.pick(STATUSES),
      priority: r.pick(PRIORITIES),
      ownerId: r.pick(OWNERS),
      source: r.pick(['email', 'chat'] as const),
      createdAt: 1000 + Math.floor(r.next() * 20) * 10,
      updatedAt: 5000 + Math.floor(r.next() * 12) * 10,
      name: `${r.pick(WORDS)} ${i}`,
      description: r.next() < 0.3 ? `about ${r.pick(WORDS)}` : '',
      category: r.next() < 0.2 ? r.pick(WORDS) : '',
      deletedAt: r.next() < 0.08 ? 9000 + i : null,
    }),
  );
}

/** What listTickets must return, computed the slow obvious way. */
function expected(all: Ticket[], q: TicketQuery): string[] {
  // The index sorts only (the SLA and due-date sorts have their own tests: sla-list.test.ts, reminders.test.ts).
  const sort = (q.sort ?? 'updatedAt') as 'updatedAt' | 'createdAt';
  const sign = q.direction === 'asc' ? 1 : -1;
  // A search matches when each of its words starts a word of the name, description or category.
  const wanted = words(q.search ?? '');
  const own = (t: Ticket) => words(`${t.name} ${t.description} ${t.category}`);
  const inRange = (v: number, from?: number, to?: number) => (from === undefined || v >= from) && (to === undefined || v <= to);
  return all
    .filter(
      (t) =>
        t.deletedAt === null &&
        (q.status === undefined || t.status === q.status) &&
        (q.priority === undefined || t.priority === q.priority) &&
        (q.ownerId === undefined || t.ownerId === q.ownerId) &&
        (q.source === undefined || t.source === q.source) &&
        inRange(t.createdAt, q.createdFrom, q.createdTo) &&
        inRange(t.updatedAt, q.updatedFrom, q.updatedTo) &&
        wanted.every((w) => own(t).some((x) => x.startsWith(w))),
    )
    .sort((a, b) => sign * (a[sort] - b[sort] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    .map((t) => t.id);
}

/** Follows nextCursor to the end; fails on a page loop. */
async function allPages(store: HelpDeskStore, q: TicketQuery): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages < 500; pages++) {
    const page = await store.listTickets({ ...q, cursor });
    expect(page.items.length).toBeLessThanOrEqual(q.limit ?? 50);
    ids.push(...page.items.map((t) => t.id));
    if (page.nextCursor === null) return { ids, pages };
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

describe('store.listTickets', () => {
  const all = generateTickets();
  let store: HelpDeskStore;
  beforeAll(async () => {
    ({ store } = await openTestDesk());
    await seed(store, all);
  });
  afterAll(() => store.close());

  it('lists live tickets, most recently updated first, 50 per page by default', async () => {
    const first = await store.listTickets();
    expect(first.items).toHaveLength(50);
    expect(first.items.map((t) => t.id)).toEqual(expected(all, {}).slice(0, 50));
    expect(first.nextCursor).toEqual(expect.any(String));
  });

  it('pages through every live ticket exactly once, across timestamp ties', async () => {
    const { ids, pages } = await allPages(store, { limit: 7 });
    expect(ids).toEqual(expected(all, {}));
    expect(pages).toBe(Math.ceil(ids.length / 7));
  });

  it.each<[string, TicketQuery]>([
    ['created, oldest first', { sort: 'createdAt', direction: 'asc' }],
    ['created, newest first', { sort: 'createdAt', direction: 'desc' }],
    ['updated, oldest first', { sort: 'updatedAt', direction: 'asc' }],
    ['one status', { status: 'waiting-us' }],
    ['status + priority + owner combined', { status: 'new', priority: 'high', ownerId: 'agent:A' }],
    ['unassigned (null owner is not indexed)', { ownerId: null, sort: 'createdAt' }],
    ['unassigned + status', { ownerId: null, status: 'closed', direction: 'asc' }],
    ['source', { source: 'chat', priority: 'urgent' }],
    ['created range with updated sort', { createdFrom: 1050, createdTo: 1120 }],
    ['updated range on the sort index', { updatedFrom: 5030, updatedTo: 5080, direction: 'asc' }],
    ['both ranges + owner', { createdFrom: 1000, createdTo: 1100, updatedFrom: 5050, ownerId: 'agent:B', sort: 'createdAt' }],
    ['search over name, description, category (any case)', { search: 'refund' }],
    ['search + status', { search: 'INVOICE', status: 'new', sort: 'createdAt', direction: 'asc' }],
    ['search by word starts, every word', { search: 'ref req' }],
    ['nothing matches', { status: 'no-such-stage' }],
    ['empty range', { updatedFrom: 6000, updatedTo: 5000 }],
  ])('filters and sorts: %s', async (_label, q) => {
    const want = expected(all, q);
    const { ids } = await allPages(store, { ...q, limit: 4 });
    expect(ids).toEqual(want);
    const single = await store.listTickets({ ...q, limit: 500 });
    expect(single.items.map((t) => t.id)).toEqual(want);
    expect(single.nextCursor).toBeNull();
  });

  it('never lists trashed tickets', async () => {
    const { ids } = await allPages(store, { limit: 500 });
    const trashed = all.filter((t) => t.deletedAt !== null).map((t) => t.id);
    expect(trashed.length).toBeGreaterThan(0);
    expect(ids.filter((id) => trashed.includes(id))).toEqual([]);
  });

  it('clamps the page size to 1..500', async () => {
    expect((await store.listTickets({ limit: 0 })).items).toHaveLength(1);
    expect((await store.listTickets({ limit: 10_000 })).items).toHaveLength(expected(all, {}).length);
  });

  it('rejects a malformed cursor or one from another sort', async () => {
    const page = await store.listTickets({ limit: 3 });
    await expect(store.listTickets({ cursor: 'garbage' })).rejects.toThrow(/Invalid list cursor/);
    await expect(store.listTickets({ cursor: page.nextCursor ?? '', sort: 'createdAt' })).rejects.toThrow(/Invalid list cursor/);
  });
});

describe('store.listTickets at scale', () => {
  it('walks the filter’s index, not the whole store: a full page within a tiny scan budget', async () => {
    // 300 tickets, 10 of them in a rare stage. With scanBudget = limit + 1 only an
    // index over status can fill the page.
    const tickets = Array.from({ length: 300 }, (_, i) =>
      ticket(i + 1, { status: i % 30 === 0 ? 'rare' : 'new', updatedAt: 10_000 + i }),
    );
    const { store } = await openTestDesk({ scanBudget: 11 });
    await seed(store, tickets);
    const page = await store.listTickets({ status: 'rare', limit: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.nextCursor).toBeNull();
    store.close();
  });

  it('picks the most selective of several filters', async () => {
    // Status 'new' matches 197 tickets, priority 'urgent' only 8 (5 of them new): within a
    // budget of 9 records only a walk of the priority index finds all five.
    const tickets = Array.from({ length: 200 }, (_, i) =>
      ticket(i + 1, { status: i < 197 ? 'new' : 'closed', priority: i % 40 === 0 || i >= 197 ? 'urgent' : 'low', updatedAt: i }),
    );
    const { store } = await openTestDesk({ scanBudget: 9 });
    await seed(store, tickets);
    const page = await store.listTickets({ status: 'new', priority: 'urgent', limit: 50 });
    expect(page.items).toHaveLength(5);
    expect(page.items.map((t) => t.id)).toEqual(expected(tickets, { status: 'new', priority: 'urgent' }));
    expect(page.nextCursor).toBeNull();
    store.close();
  });

  it('answers a search for a rare word from the search index: one page, whatever the scan budget', async () => {
    const tickets = Array.from({ length: 120 }, (_, i) => ticket(i + 1, { name: i % 25 === 0 ? 'needle' : 'hay', updatedAt: i }));
    const { store } = await openTestDesk({ scanBudget: 10 });
    await seed(store, tickets);
    const first = await store.listTickets({ search: 'needle' });
    expect(first.items.map((t) => t.id)).toEqual(expected(tickets, { search: 'needle' }));
    expect(first.nextCursor).toBeNull();
    const { ids, pages } = await allPages(store, { search: 'needle', limit: 2 });
    expect(ids).toEqual(expected(tickets, { search: 'needle' }));
    expect(pages).toBe(3);
    store.close();
  });

  it('walks the list within the scan budget when every word of a search is too common for the index, and still finds everything', async () => {
    // Both words lead to more than SEARCH_CANDIDATES_MAX tickets each.
    const n = 2 * SEARCH_CANDIDATES_MAX + 100;
    const tickets = Array.from({ length: n }, (_, i) => ticket(i + 1, { name: i % 2 === 0 ? 'common also' : 'common', updatedAt: i }));
    const { store } = await openTestDesk({ scanBudget: 10 });
    await seed(store, tickets);
    const first = await store.listTickets({ search: 'comm als' });
    expect(first.items).toHaveLength(5);
    expect(first.nextCursor).not.toBeNull();
    const { ids } = await allPages(store, { search: 'comm als', limit: 500 });
    expect(ids).toEqual(expected(tickets, { search: 'comm als' }));
    store.close();
  }, 60_000);
});
