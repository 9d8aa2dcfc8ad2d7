import './setup';
import type { Command, Outcome } from '../../../core/domain/commands';
import { DEFAULT_STAGES, TRASH_RETENTION_MS } from '../../../core/domain/defaults';
import { applyCommand, type TicketAndConversation } from '../../../core/domain/rules';
import type { ConversationSnapshot } from '../../../core/domain/types';
import type { HelpDeskStore } from '../../../core/store';
import { openTestDesk, rawGetAll } from './fixtures';

/** The store running the real rules, as the background wires them. */
function run(store: HelpDeskStore, cmd: Command): Promise<Outcome> {
  return store.execute(cmd, (reader, ctx) => applyCommand(reader, cmd, ctx));
}

function snapshot(key: string, channel: 'email' | 'chat' = 'email'): ConversationSnapshot {
  return {
    source: 'demo',
    key,
    subject: `Order ${key}`,
    channel,
    hostUrl: `http://127.0.0.1:5174/#${key}`,
    contact: { name: 'Ana', email: 'Ana@Example.com', handle: null },
  };
}

async function createTicket(store: HelpDeskStore, key: string): Promise<TicketAndConversation> {
  const outcome = await run(store, { type: 'ticket.create', conversation: snapshot(key), fields: { name: `Ticket ${key}` } });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value.result as TicketAndConversation;
}

describe('store with the real rules', () => {
  it('R1/R2/R3/R8/R13: create, associate, close; the sidebar view follows', async () => {
    const { store } = await openTestDesk();
    const { ticket } = await createTicket(store, 'a');

    const second = await run(store, { type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Again' } });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect((await run(store, { type: 'ticket.associate', conversation: snapshot('b', 'chat'), ticketId: ticket.id })).ok).toBe(true);
    expect((await run(store, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' })).ok).toBe(true);

    const view = await store.sidebarView(snapshot('b', 'chat'));
    expect(view.ticket).toMatchObject({ id: ticket.id, status: 'closed' });
    expect(view.ticketConversations.map((c) => c.status)).toEqual(['closed', 'closed']);
    expect(view.contact?.email).toBe('ana@example.com');

    const fresh = await store.sidebarView(snapshot('c'));
    expect(fresh.conversation).toBeNull();
    expect(fresh.pastTickets.map((t) => t.id)).toEqual([ticket.id]);
    expect(fresh.openTicketsOfContact).toEqual([]);

    const record = await store.ticketRecord(ticket.id);
    expect(record?.activity.map((a) => a.kind)).toEqual([
      'ticket.created',
      'conversation.added',
      'conversation.added',
      'ticket.property',
      'conversation.closed',
      'conversation.closed',
      'ticket.closed',
    ]);
    expect(await store.countTickets()).toMatchObject({ byStatus: { closed: 1 }, total: 1 });
    store.close();
  });

  it('R11: trash, list the trash, restore, and purge after the retention period', async () => {
    const { store, factory, clock } = await openTestDesk();
    const { ticket, conversation } = await createTicket(store, 'a');
    await run(store, { type: 'ticket.associate', conversation: snapshot('b'), ticketId: ticket.id });
    await run(store, { type: 'note.add', ticketId: ticket.id, text: 'Called her back' });

    clock.advance(1000);
    expect((await run(store, { type: 'conversation.trash', conversationId: conversation.id })).ok).toBe(true);
    expect((await store.listTrash()).items.map((i) => i.kind).sort()).toEqual(['conversation', 'conversation', 'ticket']);
    expect((await store.listTickets()).items).toEqual([]);
    const family = await store.recordsOfCause((await store.read((r) => r.ticket(ticket.id)))?.causeId ?? '');
    expect(family).toHaveLength(4);

    clock.advance(1000);
    expect((await run(store, { type: 'trash.restore', id: conversation.id })).ok).toBe(true);
    expect((await store.listTrash()).items).toEqual([]);
    expect((await store.listTickets()).items.map((t) => t.id)).toEqual([ticket.id]);
    expect((await store.sidebarView(snapshot('a'))).notes).toHaveLength(1);

    await run(store, { type: 'ticket.delete', ticketId: ticket.id });
    clock.advance(TRASH_RETENTION_MS + 1);
    const purged = await run(store, { type: 'trash.purge' });
    expect(purged.ok).toBe(true);
    expect(await rawGetAll(factory, 'tickets')).toEqual([]);
    expect(await rawGetAll(factory, 'conversations')).toEqual([]);
    expect(await rawGetAll(factory, 'notes')).toEqual([]);
    store.close();
  });

  it('removes a stage and moves its tickets (the reader answers ticketsByStatus)', async () => {
    const { store } = await openTestDesk();
    const { ticket } = await createTicket(store, 'a');
    await run(store, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'waiting-us' });
    const outcome = await run(store, {
      type: 'settings.update',
      stages: DEFAULT_STAGES.filter((s) => s.id !== 'waiting-us'),
      moveTickets: { 'waiting-us': 'new' },
    });
    expect(outcome.ok).toBe(true);
    expect(await store.read((r) => r.ticket(ticket.id))).toMatchObject({ status: 'new' });
    expect(Object.keys((await store.countTickets()).byStatus)).not.toContain('waiting-us');
    store.close();
  });

  it('rolls back a whole cascade that fails halfway (ticket.delete over 5 records)', async () => {
    let failAt: number | undefined;
    const { store, factory } = await openTestDesk({
      faultInjector: (_write, index) => {
        if (index === failAt) throw new Error('simulated IndexedDB failure');
      },
    });
    const { ticket } = await createTicket(store, 'a');
    await run(store, { type: 'ticket.associate', conversation: snapshot('b'), ticketId: ticket.id });
    await run(store, { type: 'ticket.associate', conversation: snapshot('c'), ticketId: ticket.id });
    await run(store, { type: 'note.add', ticketId: ticket.id, text: 'hello' });
    const before = {
      tickets: await rawGetAll(factory, 'tickets'),
      conversations: await rawGetAll(factory, 'conversations'),
      notes: await rawGetAll(factory, 'notes'),
      activity: await rawGetAll(factory, 'activity'),
    };

    failAt = 2;
    const outcome = await run(store, { type: 'ticket.delete', ticketId: ticket.id });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'storage' } });
    expect({
      tickets: await rawGetAll(factory, 'tickets'),
      conversations: await rawGetAll(factory, 'conversations'),
      notes: await rawGetAll(factory, 'notes'),
      activity: await rawGetAll(factory, 'activity'),
    }).toEqual(before);
    store.close();
  });

  it('serializes concurrent edits from several tabs: every one lands, versions stay consistent', async () => {
    const { store } = await openTestDesk();
    const { ticket } = await createTicket(store, 'a');
    // Each edit really changes something (a no-op edit writes nothing), so each bumps the version once.
    const edits: Command[] = [
      { type: 'ticket.update', ticketId: ticket.id, field: 'category', value: 'billing' },
      { type: 'ticket.update', ticketId: ticket.id, field: 'priority', value: 'high' },
      { type: 'ticket.update', ticketId: ticket.id, field: 'category', value: 'shipping' },
      { type: 'ticket.update', ticketId: ticket.id, field: 'priority', value: 'urgent' },
      { type: 'ticket.update', ticketId: ticket.id, field: 'description', value: 'Parcel lost' },
      { type: 'ticket.update', ticketId: ticket.id, field: 'priority', value: 'low' },
    ];
    const outcomes = await Promise.all(edits.map((cmd) => run(store, cmd)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const stored = await store.read((r) => r.ticket(ticket.id));
    expect(stored?.version).toBe(ticket.version + edits.length);
    // IndexedDB ran them in call order: the last edit of each field wins.
    expect(stored).toMatchObject({ priority: 'low', category: 'shipping', description: 'Parcel lost' });
    store.close();
  });
});
