import './setup';
import type { Command, Outcome } from '../../../core/domain/commands';
import { compareClock } from '../../../core/domain/hlc';
import { applyCommand, type TicketAndConversation } from '../../../core/domain/rules';
import type { Activity, Stage, Ticket } from '../../../core/domain/types';
import type { HelpDeskStore } from '../../../core/store';
import { openTestDesk, rawGetAll } from './fixtures';

/**
 * Lost updates become visible conflicts, on the real store (fake-indexeddb)
 * running the real rules, as the background wires them. "Tabs" are
 * commands in flight at once: IndexedDB serializes their transactions.
 */

function run(store: HelpDeskStore, cmd: Command): Promise<Outcome> {
  return store.execute(cmd, (reader, ctx) => applyCommand(reader, cmd, ctx));
}

async function newTicket(store: HelpDeskStore): Promise<Ticket> {
  const outcome = await run(store, {
    type: 'ticket.create',
    conversation: {
      source: 'demo',
      key: 'thread-1',
      subject: 'Refund',
      channel: 'email',
      hostUrl: 'http://127.0.0.1:5174/#thread-1',
      contact: { name: 'Ana', email: 'ana@example.com', handle: null },
    },
    fields: { name: 'Refund' },
  });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return (outcome.value.result as TicketAndConversation).ticket;
}

/** `ticket.property` entries for `field`, in history order (clock, then id: docs/data.md "History"). */
async function propertyActivity(factory: IDBFactory, ticketId: string, field: string): Promise<Activity[]> {
  const all = (await rawGetAll(factory, 'activity')) as Activity[];
  return all
    .filter((a) => a.ticketId === ticketId && a.kind === 'ticket.property' && a.field === field)
    .sort((a, b) => compareClock(a.clock, b.clock) || a.id.localeCompare(b.id));
}

/** `n` edits from each of two tabs, interleaved a1, b1, a2, b2… and all sent before any lands. */
function interleaved(n: number, a: (i: number) => Command, b: (i: number) => Command): Command[] {
  return Array.from({ length: n }, (_, i) => [a(i + 1), b(i + 1)]).flat();
}

const renamed = (stages: Stage[], id: string, name: string) => stages.map((st) => (st.id === id ? { ...st, name } : st));

describe('settings.update from a stale copy, on the store', () => {
  it('is refused as a conflict and leaves the store exactly as it was', async () => {
    const { store, factory } = await openTestDesk();
    const opened = await store.settings(); // both tabs loaded this copy
    const first = await run(store, { type: 'settings.update', stages: renamed(opened.stages, 'new', 'Inbox'), expected: { stages: opened.clock.stages } });
    expect(first.ok).toBe(true);
    const before = {
      settings: await rawGetAll(factory, 'settings'),
      tickets: await rawGetAll(factory, 'tickets'),
      activity: await rawGetAll(factory, 'activity'),
      meta: await rawGetAll(factory, 'meta'),
    };

    const stale = await run(store, {
      type: 'settings.update',
      stages: renamed(opened.stages, 'waiting-us', 'With us'),
      expected: { stages: opened.clock.stages },
    });
    expect(stale).toMatchObject({
      ok: false,
      error: { code: 'conflict', stale: 'stages', message: 'Someone changed the stages since you opened this page; reload to see their change.' },
    });
    expect({
      settings: await rawGetAll(factory, 'settings'),
      tickets: await rawGetAll(factory, 'tickets'),
      activity: await rawGetAll(factory, 'activity'),
      meta: await rawGetAll(factory, 'meta'),
    }).toEqual(before);
    expect((await store.settings()).stages.find((st) => st.id === 'new')?.name).toBe('Inbox');
    store.close();
  });

  it('two tabs saving the stages at once from the same copy: one lands, the other is refused, nothing is silently lost', async () => {
    const { store } = await openTestDesk();
    const opened = await store.settings();
    const [a, b] = await Promise.all([
      run(store, { type: 'settings.update', stages: renamed(opened.stages, 'new', 'Inbox'), expected: { stages: opened.clock.stages } }),
      run(store, { type: 'settings.update', stages: renamed(opened.stages, 'waiting-us', 'With us'), expected: { stages: opened.clock.stages } }),
    ]);
    expect(a.ok).toBe(true);
    expect(b).toMatchObject({ ok: false, error: { code: 'conflict', stale: 'stages' } });
    expect((await store.settings()).stages.map((st) => st.name)).toEqual(['Inbox', 'Waiting on contact', 'Waiting on us', 'Closed']);
    store.close();
  });
});

describe('ticket.update from two tabs at once', () => {
  it('100 edits each of two different fields, interleaved: both end at their last value, all 200 logged', async () => {
    const { store, factory } = await openTestDesk();
    const ticket = await newTicket(store);
    const edits = interleaved(
      100,
      (i) => ({ type: 'ticket.update', ticketId: ticket.id, field: 'category', value: `cat-${i}` }),
      (i) => ({ type: 'ticket.update', ticketId: ticket.id, field: 'description', value: `desc-${i}` }),
    );
    const outcomes = await Promise.all(edits.map((cmd) => run(store, cmd)));

    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    const stored = await store.read((r) => r.ticket(ticket.id));
    expect(stored).toMatchObject({ category: 'cat-100', description: 'desc-100', version: ticket.version + 200 });
    const categories = await propertyActivity(factory, ticket.id, 'category');
    const descriptions = await propertyActivity(factory, ticket.id, 'description');
    expect(categories.map((a) => a.to)).toEqual(Array.from({ length: 100 }, (_, i) => `cat-${i + 1}`));
    expect(descriptions.map((a) => a.to)).toEqual(Array.from({ length: 100 }, (_, i) => `desc-${i + 1}`));
    store.close();
  });

  it('100 status changes (the R8/R9 path) interleaved with 100 priority edits: neither reverts the other', async () => {
    const { store, factory } = await openTestDesk();
    const ticket = await newTicket(store);
    const stage = (i: number) => (i % 2 === 0 ? 'waiting-us' : 'waiting-contact');
    const priority = (i: number) => ['low', 'high', 'urgent', 'medium'][i % 4]!;
    const edits = interleaved(
      100,
      (i) => ({ type: 'ticket.setStatus', ticketId: ticket.id, status: stage(i) }),
      (i) => ({ type: 'ticket.update', ticketId: ticket.id, field: 'priority', value: priority(i) }),
    );
    const outcomes = await Promise.all(edits.map((cmd) => run(store, cmd)));

    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(await store.read((r) => r.ticket(ticket.id))).toMatchObject({ status: stage(100), priority: priority(100) });
    expect(await propertyActivity(factory, ticket.id, 'status')).toHaveLength(100);
    expect(await propertyActivity(factory, ticket.id, 'priority')).toHaveLength(100);
    store.close();
  });

  it('100 edits each of the same field, interleaved: the last committed wins and all 200 show as old → new', async () => {
    const { store, factory } = await openTestDesk();
    const ticket = await newTicket(store);
    const edits = interleaved(
      100,
      (i) => ({ type: 'ticket.update', ticketId: ticket.id, field: 'category', value: `tab-a-${i}` }),
      (i) => ({ type: 'ticket.update', ticketId: ticket.id, field: 'category', value: `tab-b-${i}` }),
    );
    const outcomes = await Promise.all(edits.map((cmd) => run(store, cmd)));

    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    const results = outcomes.map((o) => (o.ok ? (o.value.result as Ticket) : undefined));
    const lastCommitted = results.reduce((a, b) => ((b?.version ?? 0) > (a?.version ?? 0) ? b : a));
    const stored = await store.read((r) => r.ticket(ticket.id));
    expect(stored?.category).toBe(lastCommitted?.category);
    expect(stored?.version).toBe(ticket.version + 200);

    const history = await propertyActivity(factory, ticket.id, 'category');
    expect(history).toHaveLength(200);
    expect(history.filter((a) => String(a.to).startsWith('tab-a-'))).toHaveLength(100);
    expect(history.filter((a) => String(a.to).startsWith('tab-b-'))).toHaveLength(100);
    // A chain with no gap: each write's "old" is the value the one before it wrote.
    expect(history.map((a) => a.from)).toEqual([ticket.category, ...history.slice(0, -1).map((a) => a.to)]);
    expect(history.at(-1)?.to).toBe(stored?.category);
    store.close();
  });
});
