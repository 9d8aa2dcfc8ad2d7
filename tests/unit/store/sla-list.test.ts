import './setup';
import type { Command, Outcome } from '../../../core/domain/commands';
import { applyCommand } from '../../../core/domain/rules';
import { ALWAYS_OPEN, defaultSla } from '../../../core/domain/sla';
import type { Ticket } from '../../../core/domain/types';
import type { HelpDeskStore } from '../../../core/store';
import { openTestDesk, seed, ticket } from './fixtures';

/** The dashboard's SLA filter and sort (core/store/sla-list.ts) and the breaches series of the charts. */

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const D0 = Date.UTC(2026, 0, 5); // a Monday

const run = (store: HelpDeskStore, cmd: Command): Promise<Outcome> => store.execute(cmd, (reader, ctx) => applyCommand(reader, cmd, ctx));

/** An open urgent ticket (1 h to first response, 4 h to resolve) created `at`, in status `status` since then. */
const urgent = (n: number, at: number, over: Partial<Ticket> = {}) =>
  ticket(n, {
    priority: 'urgent',
    createdAt: at,
    updatedAt: at,
    sla: { statusLog: [{ status: over.status ?? 'new', at }], firstResponseAt: null, firstResponseBy: null, marks: {} },
    ...over,
  });

async function desk(now: number) {
  const { store, clock } = await openTestDesk();
  clock.set(now - 1000);
  // Every minute counts, in UTC: the arithmetic is tested on its own (tests/unit/domain/sla.test.ts).
  const outcome = await run(store, { type: 'settings.update', sla: { ...defaultSla('UTC'), hours: ALWAYS_OPEN } });
  expect(outcome.ok).toBe(true);
  clock.set(now);
  return store;
}

describe('store.listTickets by SLA', () => {
  const now = D0 + 10 * 60 * MIN;
  const ok = urgent(1, now - 10 * MIN); // 10 of 60 minutes
  const soon = urgent(2, now - 50 * MIN); // past 75 %
  const breached = urgent(3, now - 90 * MIN);
  const paused = urgent(4, now - 20 * MIN, { status: 'waiting-contact' });
  const noPolicy = ticket(5, { priority: 'nonesuch', createdAt: now - DAY, updatedAt: now - DAY });
  const closed = urgent(6, now - 300 * MIN, { status: 'closed', closedAt: now - 200 * MIN });

  it('filters by the state slaOf gives at the store’s now', async () => {
    const store = await desk(now);
    await seed(store, [ok, soon, breached, paused, noPolicy, closed]);
    const ids = async (sla: 'ok' | 'soon' | 'breached' | 'paused') => (await store.listTickets({ sla })).items.map((t) => t.id);
    expect(await ids('ok')).toEqual([ok.id]);
    expect(await ids('soon')).toEqual([soon.id]);
    expect(await ids('breached')).toEqual([breached.id]);
    expect(await ids('paused')).toEqual([paused.id]);
    // Combined with the indexed filters, and with the trash left out.
    expect((await store.listTickets({ sla: 'ok', status: 'waiting-us' })).items).toEqual([]);
    store.close();
  });

  it('sorts by SLA due time, soonest first, tickets without one last, paging with cursors', async () => {
    const store = await desk(now);
    await seed(store, [ok, soon, breached, paused, noPolicy, closed]);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await store.listTickets({ sort: 'slaDue', direction: 'asc', limit: 2, cursor });
      seen.push(...page.items.map((t) => t.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.slice(0, 3)).toEqual([breached.id, soon.id, ok.id]);
    expect(seen.slice(3).sort()).toEqual([paused.id, noPolicy.id, closed.id].sort());
    store.close();
  });
});

describe('store.ticketStats breaches per day', () => {
  it('counts each target’s breach on the day it fell, live tickets only', async () => {
    const days = [D0, D0 + DAY, D0 + 2 * DAY];
    const store = await desk(D0 + 2 * DAY);
    const marks = (firstResponse?: number, resolution?: number): Ticket['sla'] => ({
      statusLog: [{ status: 'new', at: D0 - DAY }],
      firstResponseAt: null,
      firstResponseBy: null,
      marks: { ...(firstResponse ? { firstResponse: { breached: firstResponse } } : {}), ...(resolution ? { resolution: { breached: resolution } } : {}) },
    });
    await seed(store, [
      ticket(1, { createdAt: D0 - DAY, updatedAt: D0 + DAY + 10, sla: marks(D0 + 5, D0 + DAY + 5) }),
      ticket(2, { createdAt: D0 - DAY, updatedAt: D0 + 10, sla: marks(D0 - 5) }), // before the window
      ticket(3, { createdAt: D0 - DAY, updatedAt: D0 + 10, sla: marks(D0 + 6), deletedAt: D0 + 20 }), // trashed
    ]);
    const stats = await store.ticketStats(days);
    expect(stats.days.map((d) => d.breached)).toEqual([1, 1]);
    store.close();
  });
});
