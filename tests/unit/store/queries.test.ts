import './setup';
import type { ConversationSnapshot } from '../../../core/domain/types';
import type { HelpDeskStore } from '../../../core/store';
import { activity, agent, bumped, contact, conversation, note, openTestDesk, seed, snippet, ticket, applyWrites, SEED_COMMAND } from './fixtures';

const ANA = contact(100, { name: 'Ana', email: 'ana@example.com', handle: 'slack:UANA' });

function snapshotOf(source: ConversationSnapshot['source'], key: string, who: Partial<ConversationSnapshot['contact']> = {}): ConversationSnapshot {
  return {
    source,
    key,
    subject: 'Where is my order?',
    channel: 'email',
    hostUrl: 'https://mail.example.com/#inbox',
    contact: { name: 'Ana', email: null, handle: null, ...who },
  };
}

describe('store.sidebarView', () => {
  const current = ticket(1, { contactId: ANA.id });
  const here = conversation(2, { source: 'gmail', key: 'thread-here', ticketId: current.id, contactId: ANA.id });
  let store: HelpDeskStore;

  beforeAll(async () => {
    ({ store } = await openTestDesk());
    await seed(store, [
      ANA,
      current,
      here,
      conversation(3, { source: 'slack', key: 'C-here', ticketId: current.id, contactId: ANA.id }),
      // 25 past conversations of Ana, two of them trashed; one of another contact.
      ...Array.from({ length: 25 }, (_, i) =>
        conversation(200 + i, { key: `past-${i}`, contactId: ANA.id, deletedAt: i === 24 || i === 10 ? 50 : null }),
      ),
      conversation(300, { key: 'other-contact', contactId: contact(101).id }),
      // Ana's other tickets: open, closed, trashed, plus 22 more closed ones.
      ticket(400, { contactId: ANA.id, status: 'waiting-us' }),
      ticket(401, { contactId: ANA.id, status: 'closed' }),
      ticket(402, { contactId: ANA.id, status: 'new', deletedAt: 60 }),
      ...Array.from({ length: 22 }, (_, i) => ticket(500 + i, { contactId: ANA.id, status: 'closed' })),
      ticket(403, { contactId: ANA.id, status: 'new' }),
      // 55 notes on the ticket (one trashed), one on another ticket.
      ...Array.from({ length: 55 }, (_, i) => note(600 + i, current.id, { deletedAt: i === 54 ? 70 : null })),
      note(700, ticket(400).id),
      agent(800),
      agent(801, { deletedAt: 10 }),
      snippet(900),
      snippet(901, { deletedAt: 10 }),
    ]);
  });
  afterAll(() => store.close());

  it('shows the stored conversation, its ticket and all the ticket’s conversations', async () => {
    const view = await store.sidebarView(snapshotOf('gmail', 'thread-here'));
    expect(view.conversation?.id).toBe(here.id);
    expect(view.ticket?.id).toBe(current.id);
    expect(view.ticketConversations.map((c) => c.id).sort()).toEqual([here.id, conversation(3).id].sort());
    expect(view.contact?.id).toBe(ANA.id);
  });

  it('lists the live notes newest first, at most 50', async () => {
    const view = await store.sidebarView(snapshotOf('gmail', 'thread-here'));
    expect(view.notes).toHaveLength(50);
    expect(view.notes[0]?.id).toBe(note(653, '').id);
    expect(view.notes.every((n) => n.ticketId === current.id && n.deletedAt === null)).toBe(true);
  });

  it('R13: shows the contact’s other live conversations and tickets, newest first, at most 20', async () => {
    const view = await store.sidebarView(snapshotOf('gmail', 'thread-here'));
    expect(view.pastConversations).toHaveLength(20);
    expect(view.pastConversations[0]?.id).toBe(conversation(223).id);
    const pastIds = view.pastConversations.map((c) => c.id);
    expect(pastIds).not.toContain(here.id);
    expect(pastIds).not.toContain(conversation(224).id);
    expect(pastIds).not.toContain(conversation(210).id);
    expect(pastIds).not.toContain(conversation(300).id);
    expect(pastIds).toEqual([...pastIds].sort().reverse());

    expect(view.pastTickets).toHaveLength(20);
    expect(view.pastTickets[0]?.id).toBe(ticket(521).id);
    expect(view.pastTickets.map((t) => t.id)).not.toContain(current.id);
    expect(view.pastTickets.map((t) => t.id)).not.toContain(ticket(402).id);
  });

  it('R3: offers the contact’s other open tickets to associate with', async () => {
    const view = await store.sidebarView(snapshotOf('gmail', 'thread-here'));
    expect(view.openTicketsOfContact.map((t) => t.id)).toEqual([ticket(403).id, ticket(400).id]);
  });

  it('includes settings, live agents and snippets, and who I am', async () => {
    const view = await store.sidebarView(snapshotOf('gmail', 'thread-here'));
    const meta = await store.meta();
    expect(view.meId).toBe(meta.meId);
    expect(view.settings).toEqual(await store.settings());
    expect(view.agents.map((a) => a.id).sort()).toEqual([agent(800).id, meta.meId].sort());
    expect(view.snippets.map((s) => s.id)).toEqual([snippet(900).id]);
  });

  it('finds the contact of a new conversation by email (any case), then by handle', async () => {
    const byEmail = await store.sidebarView(snapshotOf('gmail', 'brand-new', { email: 'ANA@example.com' }));
    expect(byEmail).toMatchObject({ conversation: null, ticket: null, ticketConversations: [], notes: [] });
    expect(byEmail.contact?.id).toBe(ANA.id);
    // Nothing stored is "this" conversation yet, so none is left out.
    expect(byEmail.pastConversations[0]?.id).toBe(conversation(223).id);
    expect(byEmail.pastTickets.map((t) => t.id)).toContain(ticket(521).id);
    expect(byEmail.openTicketsOfContact.map((t) => t.id)).toEqual([ticket(403).id, ticket(400).id, current.id]);

    const byHandle = await store.sidebarView(snapshotOf('slack', 'D-new', { email: 'unknown@example.com', handle: 'slack:UANA' }));
    expect(byHandle.contact?.id).toBe(ANA.id);

    const nobody = await store.sidebarView(snapshotOf('slack', 'D-new', { handle: 'slack:NOBODY' }));
    expect(nobody).toMatchObject({ contact: null, pastConversations: [], pastTickets: [], openTicketsOfContact: [] });
  });
});

describe('store.ticketRecord', () => {
  it('R7: returns the ticket with conversations, contact, live notes and history in (clock, id) order', async () => {
    const { store } = await openTestDesk();
    const t = ticket(1, { contactId: ANA.id });
    const clockAt = (ms: number, counter = 0, device = 'device:a') =>
      `${String(ms).padStart(13, '0')}-${String(counter).padStart(4, '0')}-${device}`;
    await seed(
      store,
      [t, ANA, conversation(2, { ticketId: t.id }), note(3, t.id), note(4, t.id, { deletedAt: 5 }), note(5, t.id)],
      [
        activity(13, t.id, { clock: clockAt(2000) }),
        activity(11, t.id, { clock: clockAt(1000, 1) }),
        activity(14, t.id, { clock: clockAt(1000, 1) }),
        activity(12, t.id, { clock: clockAt(1000, 0, 'device:z') }),
        activity(15, ticket(9).id, { clock: clockAt(1500) }),
      ],
    );
    const record = await store.ticketRecord(t.id);
    expect(record?.ticket.id).toBe(t.id);
    expect(record?.conversations.map((c) => c.id)).toEqual([conversation(2).id]);
    expect(record?.contact?.id).toBe(ANA.id);
    expect(record?.notes.map((n) => n.id)).toEqual([note(5, '').id, note(3, '').id]);
    expect(record?.activity.map((a) => a.id)).toEqual([
      activity(12, t.id).id,
      activity(11, t.id).id,
      activity(14, t.id).id,
      activity(13, t.id).id,
    ]);
    expect(record?.meId).toBe((await store.meta()).meId);
    expect(record?.settings.stages.length).toBe(4);
    expect(await store.ticketRecord('ticket:missing')).toBeNull();
    store.close();
  });
});

describe('store.countTickets', () => {
  it('counts live tickets per stage and in total', async () => {
    const { store } = await openTestDesk();
    expect(await store.countTickets()).toEqual({ byStatus: { new: 0, 'waiting-contact': 0, 'waiting-us': 0, closed: 0 }, total: 0 });
    await seed(store, [
      ticket(1, { status: 'new' }),
      ticket(2, { status: 'new' }),
      ticket(3, { status: 'new', deletedAt: 10 }),
      ticket(4, { status: 'closed' }),
      ticket(5, { status: 'closed', deletedAt: 10 }),
      ticket(6, { status: 'waiting-us' }),
    ]);
    expect(await store.countTickets()).toEqual({ byStatus: { new: 2, 'waiting-contact': 0, 'waiting-us': 1, closed: 1 }, total: 4 });

    // Restoring a ticket from the trash counts it again.
    const restored = bumped(ticket(3, { status: 'new', deletedAt: 10 }), { deletedAt: null });
    await store.execute(SEED_COMMAND, applyWrites([{ op: 'put', record: restored }]));
    expect((await store.countTickets()).byStatus.new).toBe(3);
    store.close();
  });
});

describe('store.listTrash', () => {
  it('R11: lists trashed tickets, conversations, snippets and agents, newest deletion first, in pages', async () => {
    const { store } = await openTestDesk();
    await seed(store, [
      ticket(1, { deletedAt: 300 }),
      ticket(2),
      conversation(3, { deletedAt: 300 }),
      conversation(4, { deletedAt: 100 }),
      snippet(5, { deletedAt: 200 }),
      agent(6, { deletedAt: 400 }),
      note(7, ticket(1).id, { deletedAt: 300 }),
      ticket(8, { deletedAt: 300 }),
      snippet(9),
    ]);
    const order = [agent(6).id, ticket(8).id, ticket(1).id, conversation(3).id, snippet(5).id, conversation(4).id];
    // Ties on deletedAt break by id, descending ('ticket:' > 'conversation:').
    const full = await store.listTrash();
    expect(full.items.map((i) => i.record.id)).toEqual(order);
    expect(full.items.map((i) => i.kind)).toEqual(['agent', 'ticket', 'ticket', 'conversation', 'snippet', 'conversation']);
    expect(full.nextCursor).toBeNull();

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listTrash({ limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.record.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(order);
    await expect(store.listTrash({ cursor: 'nope' })).rejects.toThrow(/Invalid trash cursor/);
    store.close();
  });
});
