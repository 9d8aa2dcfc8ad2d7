import './setup';
import { applyCommand, type TickResult } from '../../../core/domain/rules';
import { defaultSla } from '../../../core/domain/sla';
import { openTestDesk, seed, ticket } from './fixtures';

const HOUR = 60 * 60 * 1000;

describe('snoozed tickets in the dashboard list', () => {
  it('are hidden from the lists by default; the Snoozed view lists only them', async () => {
    const { store } = await openTestDesk();
    await seed(store, [ticket(1), ticket(2, { snooze: { until: null, untilReply: true } }), ticket(3, { status: 'closed', closedAt: 1 })]);
    const ids = async (snoozed?: 'hide' | 'only' | 'any') => (await store.listTickets(snoozed ? { snoozed } : {})).items.map((t) => t.id).sort();
    expect(await ids()).toEqual([ticket(1).id, ticket(3).id].sort());
    expect(await ids('only')).toEqual([ticket(2).id]);
    expect(await ids('any')).toHaveLength(3);
  });
});

describe('the reminder tick over the store', () => {
  it('runs as one command over 5,000 open tickets, reading only open stages', async () => {
    const { store, clock } = await openTestDesk();
    const now = clock.now();
    // No SLA policies: what is counted here is the due dates (the SLA clock is the SLA tests' to check).
    const policies = { type: 'settings.update', sla: { ...defaultSla('UTC'), policies: {} } } as const;
    await store.execute(policies, (reader, ctx) => applyCommand(reader, policies, ctx));
    const many = Array.from({ length: 5000 }, (_, i) =>
      ticket(i + 1, {
        status: i % 2 === 0 ? 'new' : 'waiting-us',
        dueAt: i % 10 === 0 ? now - HOUR : now + (i + 1) * HOUR,
        snooze: i % 7 === 0 ? { until: now + 30 * 60 * 1000, untilReply: false } : null,
      }),
    );
    await seed(store, [...many, ticket(9999, { status: 'closed', closedAt: 1, dueAt: now - HOUR })]);
    const started = performance.now();
    const outcome = await store.execute({ type: 'reminders.tick' }, (reader, ctx) => applyCommand(reader, { type: 'reminders.tick' }, ctx));
    const took = performance.now() - started;
    if (!outcome.ok) throw new Error(outcome.error.message);
    const result = outcome.value.result as TickResult;
    // Due dates passed on 500 tickets, but a snoozed one is left off the badge; the closed one is not read.
    const passed = many.filter((t) => (t.dueAt ?? Infinity) <= now);
    expect(result.notices.filter((n) => n.kind === 'due')).toHaveLength(passed.length);
    expect(result.badge).toBe(passed.filter((t) => t.snooze === null).length);
    expect(result.nextAt).toBe(now + 30 * 60 * 1000);
    console.info(`reminder tick over 5,000 open tickets (fake-indexeddb): ${Math.round(took)} ms`);
  }, 60_000);
});

describe('the dashboard list by due date', () => {
  it('pages soonest due first, tickets without a due date last, with the filters applied', async () => {
    const { store } = await openTestDesk();
    await seed(store, [
      ticket(1, { dueAt: 3000 }),
      ticket(2),
      ticket(3, { dueAt: 1000 }),
      ticket(4, { dueAt: 2000, priority: 'high' }),
      ticket(5, { dueAt: 500, snooze: { until: null, untilReply: true } }),
    ]);
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listTickets({ sort: 'dueAt', direction: 'asc', limit: 2, ...(cursor ? { cursor } : {}) });
      pages.push(page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([
      [ticket(3).id, ticket(4).id],
      [ticket(1).id, ticket(2).id],
    ]);
    const high = await store.listTickets({ sort: 'dueAt', priority: 'high' });
    expect(high.items.map((t) => t.id)).toEqual([ticket(4).id]);
    // With the SLA filter too (the SLA list, ordered by the due date): the default policies breached every old fixture ticket.
    const breached = await store.listTickets({ sort: 'dueAt', sla: 'breached' });
    expect(breached.items.map((t) => t.id)).toEqual([ticket(3).id, ticket(4).id, ticket(1).id, ticket(2).id]);
  });
});
