import './setup';
import type { ConversationSnapshot } from '../../../core/domain/types';
import { HISTORY_SCAN_LIMIT, NOTES_LIMIT, OPEN_TICKETS_LIMIT, PAST_LIMIT } from '../../../core/store/queries';
import { contact, conversation, note, openTestDesk, seed, ticket } from './fixtures';

/**
 * `sidebar.view` runs on every page load, so what it reads must not grow
 * with the contact's history: counted in records read (gets, getAll results,
 * cursor steps), never timed.
 */
const BIG = 5_000;
const BEA = contact(1, { name: 'Bea', email: 'bea@example.com' });
const current = ticket(2, { contactId: BEA.id });
const here = conversation(3, { source: 'gmail', key: 'thread-here', ticketId: current.id, contactId: BEA.id });
const snapshot: ConversationSnapshot = {
  source: 'gmail',
  key: 'thread-here',
  subject: 'Where is my order?',
  channel: 'email',
  hostUrl: 'https://mail.example.com/#inbox',
  contact: { name: 'Bea', email: 'bea@example.com', handle: null },
};

/** Records handed out by IndexedDB while `work` runs; keys-only reads (getAllKeys) are counted apart. */
async function counted<T>(work: () => Promise<T>): Promise<[T, { records: number; keys: number }]> {
  const count = { records: 0, keys: 0 };
  const restore: (() => void)[] = [];
  const patch = (proto: object, name: string, add: (result: unknown) => void) => {
    const target = proto as Record<string, (...args: unknown[]) => IDBRequest>;
    const original = target[name]!;
    target[name] = function (this: unknown, ...args: unknown[]) {
      const request = original.apply(this, args);
      request.addEventListener('success', () => add(request.result));
      return request;
    };
    restore.push(() => (target[name] = original));
  };
  const one = (result: unknown) => (count.records += result ? 1 : 0);
  const many = (result: unknown) => (count.records += (result as unknown[]).length);
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
    patch(proto, 'get', one);
    patch(proto, 'getAll', many);
    // A cursor's one request succeeds again at every step, with the cursor on the next record.
    patch(proto, 'openCursor', one);
    patch(proto, 'getAllKeys', (result) => (count.keys += (result as unknown[]).length));
  }
  try {
    return [await work(), count];
  } finally {
    for (const undo of restore) undo();
  }
}

describe('sidebar.view reads a bounded number of records', () => {
  it(`a contact with ${BIG} live conversations and tickets: the newest ${PAST_LIMIT} of each and ${OPEN_TICKETS_LIMIT} open tickets, in about as many reads`, { timeout: 120_000 }, async () => {
    const { store } = await openTestDesk();
    await seed(store, [
      BEA,
      current,
      here,
      ...Array.from({ length: BIG }, (_, i) => conversation(10_000 + i, { key: `past-${i}`, contactId: BEA.id })),
      ...Array.from({ length: BIG }, (_, i) => ticket(20_000 + i, { contactId: BEA.id, status: i % 2 ? 'closed' : 'new' })),
      ...Array.from({ length: 200 }, (_, i) => note(30_000 + i, current.id)),
    ]);
    const [view, count] = await counted(() => store.sidebarView(snapshot));

    expect(view.conversation?.id).toBe(here.id);
    expect(view.pastConversations.map((c) => c.id)).toEqual(Array.from({ length: PAST_LIMIT }, (_, i) => conversation(10_000 + BIG - 1 - i).id));
    expect(view.pastTickets.map((t) => t.id)).toEqual(Array.from({ length: PAST_LIMIT }, (_, i) => ticket(20_000 + BIG - 1 - i).id));
    expect(view.openTicketsOfContact).toHaveLength(OPEN_TICKETS_LIMIT);
    expect(view.openTicketsOfContact.every((t) => t.status === 'new')).toBe(true);
    expect(view.openTicketsOfContact[0]?.id).toBe(ticket(20_000 + BIG - 2).id);
    expect(view.notes.map((n) => n.id)).toEqual(Array.from({ length: NOTES_LIMIT }, (_, i) => note(30_000 + 199 - i, '').id));

    // What it shows (20 + 50 + 50 + …) plus one batch of each read ahead, not thousands.
    expect(count.records).toBeLessThan(4 * (PAST_LIMIT + OPEN_TICKETS_LIMIT + NOTES_LIMIT));
    store.close();
  });

  it(`a contact whose ${BIG} conversations are trashed and ${BIG} tickets closed: at most ${HISTORY_SCAN_LIMIT} of each are read`, { timeout: 120_000 }, async () => {
    const { store } = await openTestDesk();
    await seed(store, [
      BEA,
      current,
      here,
      ...Array.from({ length: BIG }, (_, i) => conversation(10_000 + i, { key: `gone-${i}`, contactId: BEA.id, deletedAt: 5 })),
      ...Array.from({ length: BIG }, (_, i) => ticket(20_000 + i, { contactId: BEA.id, status: 'closed' })),
      conversation(9_000, { key: 'old-live', contactId: BEA.id }),
    ]);
    const [view, count] = await counted(() => store.sidebarView(snapshot));

    expect(view.pastConversations).toEqual([]);
    expect(view.openTicketsOfContact).toEqual([]);
    expect(view.pastTickets.map((t) => t.id)).toEqual(Array.from({ length: PAST_LIMIT }, (_, i) => ticket(20_000 + BIG - 1 - i).id));
    expect(count.records).toBeLessThanOrEqual(2 * HISTORY_SCAN_LIMIT + 20);
    store.close();
  });
});
