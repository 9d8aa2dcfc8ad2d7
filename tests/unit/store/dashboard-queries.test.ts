import './setup';
import type { Command, Outcome } from '../../../core/domain/commands';
import { applyCommand, type BulkResult } from '../../../core/domain/rules';
import type { HelpDeskStore } from '../../../core/store';
import { contact, note, openTestDesk, seed, ticket } from './fixtures';

/** The dashboard's reads: search beyond the ticket's own text, the page's contacts, and the charts. */

const DAY = 24 * 60 * 60 * 1000;
const D0 = Date.UTC(2025, 5, 1); // day boundaries: D0, D0 + 1 day, …

const run = (store: HelpDeskStore, cmd: Command): Promise<Outcome> => store.execute(cmd, (reader, ctx) => applyCommand(reader, cmd, ctx));

describe('store.listTickets search and contacts', () => {
  it('finds tickets by contact name, email or handle and by live note text; returns the page’s contacts', async () => {
    const ana = contact(1, { name: 'Ana Ruiz', email: 'ana@example.com' });
    const ben = contact(2, { name: 'Ben Ode', email: 'ben@example.org', handle: 'slack:U42' });
    const tickets = [
      ticket(1, { name: 'Refund', contactId: ana.id, updatedAt: 10 }),
      ticket(2, { name: 'Login', contactId: ben.id, updatedAt: 20 }),
      ticket(3, { name: 'Invoice', updatedAt: 30 }),
      ticket(4, { name: 'Damaged', updatedAt: 40 }),
    ];
    const { store } = await openTestDesk();
    await seed(store, [
      ana,
      ben,
      ...tickets,
      note(1, tickets[2]!.id, { text: 'Customer says the WAREHOUSE lost it' }),
      note(2, tickets[3]!.id, { text: 'warehouse note, trashed', deletedAt: 99 }),
    ]);
    const ids = async (search: string) => (await store.listTickets({ search })).items.map((t) => t.id);
    expect(await ids('ruiz')).toEqual([tickets[0]!.id]);
    expect(await ids('EXAMPLE.ORG')).toEqual([tickets[1]!.id]);
    expect(await ids('slack:u42')).toEqual([tickets[1]!.id]);
    expect(await ids('warehouse')).toEqual([tickets[2]!.id]); // the trashed note doesn't count
    expect(await ids('refund')).toEqual([tickets[0]!.id]); // the ticket's own text still does
    expect(await ids('nobody')).toEqual([]);

    const page = await store.listTickets();
    expect(Object.keys(page.contacts).sort()).toEqual([ana.id, ben.id].sort());
    expect(page.contacts[ana.id]?.name).toBe('Ana Ruiz');
    store.close();
  });
});

describe('store.ticketStats (dashboard charts)', () => {
  const days = Array.from({ length: 4 }, (_, i) => D0 + i * DAY); // 3 days

  it('counts live tickets per status, and created / closed per day, leaving out the trash and what is outside the window', async () => {
    const { store } = await openTestDesk();
    await seed(store, [
      ticket(1, { createdAt: D0 + 5, status: 'new' }),
      ticket(2, { createdAt: D0 + DAY - 1, status: 'waiting-us' }),
      ticket(3, { createdAt: D0 + DAY, status: 'closed', closedAt: D0 + 2 * DAY + 7, updatedAt: D0 + 2 * DAY + 7 }),
      ticket(4, { createdAt: D0 - 10, status: 'closed', closedAt: D0 + 3, updatedAt: D0 + 3 }), // created before the window
      ticket(5, { createdAt: D0 + DAY + 1, status: 'closed', closedAt: D0 - 1, updatedAt: D0 + DAY + 2 }), // closed before it
      ticket(6, { createdAt: D0 + 2 * DAY, status: 'new', deletedAt: D0 + 2 * DAY + 1 }), // trashed
      ticket(7, { createdAt: D0 + 3 * DAY, status: 'new' }), // the end bound is exclusive
    ]);
    const stats = await store.ticketStats(days);
    expect(stats.byStatus).toEqual({ new: 2, 'waiting-contact': 0, 'waiting-us': 1, closed: 3 });
    expect(stats.total).toBe(6);
    expect(stats.open).toBe(3);
    expect(stats.days).toEqual([
      { start: D0, created: 2, closed: 1, breached: 0 },
      { start: D0 + DAY, created: 2, closed: 0, breached: 0 },
      { start: D0 + 2 * DAY, created: 0, closed: 1, breached: 0 },
    ]);
    store.close();
  });

  it('follows the real rules: a ticket closed and reopened no longer counts as closed', async () => {
    const { store, clock } = await openTestDesk();
    clock.set(D0 + 1000);
    const snap = (key: string) => ({
      source: 'demo' as const,
      key,
      subject: key,
      channel: 'email' as const,
      hostUrl: `http://127.0.0.1:5174/c/${key}`,
      contact: { name: 'Ana', email: 'ana@example.com', handle: null },
    });
    const created: string[] = [];
    for (const key of ['a', 'b', 'c']) {
      const out = await run(store, { type: 'ticket.create', conversation: snap(key), fields: { name: key } });
      if (!out.ok) throw new Error(out.error.message);
      created.push((out.value.result as { ticket: { id: string } }).ticket.id);
    }
    clock.set(D0 + DAY + 1000);
    const closed = await run(store, { type: 'tickets.bulk', ticketIds: created, action: { type: 'status', status: 'closed' } });
    expect(closed.ok && (closed.value.result as BulkResult).changed).toEqual(created);
    clock.set(D0 + 2 * DAY + 1000);
    await run(store, { type: 'ticket.setStatus', ticketId: created[0]!, status: 'new' });
    const stats = await store.ticketStats(days);
    expect(stats.days.map((d) => [d.created, d.closed])).toEqual([
      [3, 0],
      [0, 2],
      [0, 0],
    ]);
    expect(stats.byStatus).toMatchObject({ new: 1, closed: 2 });
    store.close();
  });
});

describe('tickets.bulk through the store', () => {
  it('applies 500 tickets in one transaction, and a refusal writes none of them', async () => {
    const { store } = await openTestDesk();
    const tickets = Array.from({ length: 500 }, (_, i) => ticket(i + 1));
    await seed(store, tickets);
    const ids = tickets.map((t) => t.id);
    const ghost = ticket(9999).id;
    const refused = await run(store, { type: 'tickets.bulk', ticketIds: [...ids.slice(0, 499), ghost], action: { type: 'priority', priority: 'urgent' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await store.listTickets({ priority: 'urgent' })).items).toEqual([]);

    const applied = await run(store, { type: 'tickets.bulk', ticketIds: ids, action: { type: 'priority', priority: 'urgent' } });
    expect(applied.ok).toBe(true);
    expect((await store.listTickets({ priority: 'urgent', limit: 500 })).items).toHaveLength(500);
    const causes = new Set((await store.listTickets({ limit: 500 })).items.map((t) => t.causeId));
    expect(causes.size).toBe(1);
    store.close();
  });
});
