import { TRASH_RETENTION_MS } from '../../../core/domain/defaults';
import { createMemoryState, runCommand } from '../../../core/domain/memory';
import { ANA_CHAT, ANA_EMAIL, BEN_EMAIL, conversationOf, helpDesk, kinds, newTicket, ok, refused, ticketOf } from './helpers';

async function ticketWithTwoConversationsAndANote() {
  const state = await helpDesk();
  const { ticket, conversation } = await newTicket(state);
  const { result } = await ok(state, { type: 'ticket.associate', conversation: ANA_CHAT, ticketId: ticket.id });
  const { result: note } = await ok(state, { type: 'note.add', ticketId: ticket.id, text: 'Refund approved' });
  return { state, ticket, email: conversation, chat: result.conversation, note };
}

describe('R11 trash', () => {
  it("R11 trashing a conversation also trashes its ticket, all of the ticket's other conversations and its notes", async () => {
    const { state, ticket, email, chat, note } = await ticketWithTwoConversationsAndANote();
    const { result, activity, writes } = await ok(state, { type: 'conversation.trash', conversationId: email.id });
    expect(result.trashed.sort()).toEqual([ticket.id, email.id, chat.id, note.id].sort());
    const records = writes.flatMap((w) => (w.op === 'put' ? [w.record] : []));
    expect(records).toHaveLength(4);
    const [first] = records;
    for (const r of records) {
      expect(r.deletedAt).toBe(first?.deletedAt);
      expect(r.causeId).toBe(first?.causeId);
      expect(r.clock.deletedAt).toBe(activity[0]?.clock);
    }
    expect(kinds(activity)).toEqual(['conversation.trashed', 'conversation.trashed', 'ticket.trashed']);
  });

  it('R11 deleting a ticket deletes its conversations', async () => {
    const { state, ticket, email, chat } = await ticketWithTwoConversationsAndANote();
    await ok(state, { type: 'ticket.delete', ticketId: ticket.id });
    expect((await ticketOf(state, ticket.id)).deletedAt).not.toBeNull();
    expect((await conversationOf(state, email.id)).deletedAt).not.toBeNull();
    expect((await conversationOf(state, chat.id)).deletedAt).not.toBeNull();
  });

  it('R11 restoring any trashed record brings back everything the same action trashed, ticket links intact (R2)', async () => {
    const { state, ticket, email, chat, note } = await ticketWithTwoConversationsAndANote();
    await ok(state, { type: 'conversation.trash', conversationId: chat.id });
    const { result, activity } = await ok(state, { type: 'trash.restore', id: email.id });
    expect(result.restored.sort()).toEqual([ticket.id, email.id, chat.id, note.id].sort());
    for (const r of state.all()) expect(r.deletedAt).toBeNull();
    expect((await conversationOf(state, email.id)).ticketId).toBe(ticket.id);
    expect((await conversationOf(state, chat.id)).ticketId).toBe(ticket.id);
    expect(kinds(activity)).toEqual(['ticket.restored', 'conversation.restored', 'conversation.restored']);
  });

  it('R11 a conversation without ticket goes to the trash alone', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    const { result: ben } = await ok(state, { type: 'conversation.observe', conversation: BEN_EMAIL });
    const { result } = await ok(state, { type: 'conversation.trash', conversationId: ben.id });
    expect(result.trashed).toEqual([ben.id]);
    expect((await ticketOf(state, ticket.id)).deletedAt).toBeNull();
  });

  it('R11 restoring something not in the trash, or unknown, is refused; trashing twice is a no-op', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state);
    expect(await refused(state, { type: 'trash.restore', id: ticket.id })).toEqual({ code: 'conflict', key: 'restoreNotTrashed', message: 'That item is not in the trash.' });
    expect((await refused(state, { type: 'trash.restore', id: 'ticket:NOPE' })).code).toBe('not_found');
    await ok(state, { type: 'ticket.delete', ticketId: ticket.id });
    expect((await ok(state, { type: 'conversation.trash', conversationId: conversation.id })).writes).toEqual([]);
  });

  it('R11 a trashed conversation seen again stays in the trash and gets no new ticket until restored', async () => {
    const state = await helpDesk();
    const { conversation } = await newTicket(state, BEN_EMAIL);
    await ok(state, { type: 'conversation.trash', conversationId: conversation.id });
    const { result, writes } = await ok(state, { type: 'conversation.observe', conversation: BEN_EMAIL });
    expect(result.id).toBe(conversation.id);
    expect(result.deletedAt).not.toBeNull();
    expect(writes).toEqual([]);
    expect((await refused(state, { type: 'ticket.create', conversation: BEN_EMAIL, fields: { name: 'x' } })).message).toMatch(/in the trash/);
  });

  it('R11 trashed tickets refuse edits and notes', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    await ok(state, { type: 'ticket.delete', ticketId: ticket.id });
    expect((await refused(state, { type: 'ticket.update', ticketId: ticket.id, field: 'name', value: 'x' })).message).toMatch(/is in the trash/);
    expect((await refused(state, { type: 'note.add', ticketId: ticket.id, text: 'x' })).code).toBe('conflict');
  });

  it('R11 purge hard-deletes only what has been in the trash longer than the retention, or everything with all', async () => {
    const state = await helpDesk();
    const old = await newTicket(state, ANA_EMAIL);
    const recent = await newTicket(state, BEN_EMAIL);
    await ok(state, { type: 'ticket.delete', ticketId: old.ticket.id });
    const later = state.nextContext().now + TRASH_RETENTION_MS;
    await runCommand(state, { type: 'ticket.delete', ticketId: recent.ticket.id }, { now: later });
    const purge = await runCommand(state, { type: 'trash.purge' }, { now: later + 1 });
    if (!purge.ok) throw new Error(purge.error.message);
    expect(purge.value.result).toEqual({ purged: expect.arrayContaining([old.ticket.id, old.conversation.id]), tickets: [] });
    // Only removals: the two records, the old ticket's whole history and its customer, whom nothing else uses.
    const removed = purge.value.writes.map((w) => (w.op === 'remove' ? w.id : `put ${w.record.id}`));
    expect(removed.filter((id) => !id.startsWith('activity:')).sort()).toEqual([old.ticket.id, old.conversation.id, old.conversation.contactId].sort());
    expect(state.activity().some((a) => a.ticketId === old.ticket.id)).toBe(false);
    expect(state.activity().some((a) => a.ticketId === recent.ticket.id)).toBe(true);
    expect(await state.ticket(old.ticket.id)).toBeUndefined();
    expect(await state.conversation(old.conversation.id)).toBeUndefined();
    expect(await state.ticket(recent.ticket.id)).toBeDefined();
    await ok(state, { type: 'trash.purge', all: true });
    expect(await state.ticket(recent.ticket.id)).toBeUndefined();
    expect(state.all().every((r) => r.deletedAt === null)).toBe(true);
  });

  it("R11 purging a conversation or note left in the trash beside its live ticket takes their entries out of that ticket's history", async () => {
    const { state: before, ticket, email, chat, note } = await ticketWithTwoConversationsAndANote();
    await ok(before, { type: 'ticket.delete', ticketId: ticket.id });
    // As after a merge with another device: the chat and the note carry another action's causeId,
    // so restoring the ticket leaves them in the trash while the ticket is live again.
    const other = (r: ReturnType<typeof before.all>[number]) => (r.id === chat.id || r.id === note.id ? { ...r, causeId: 'cmd:elsewhere' } : r);
    const state = createMemoryState({ records: before.all().map(other), activity: before.activity(), startAt: before.nextContext().now + 1 });
    await ok(state, { type: 'trash.restore', id: ticket.id });
    expect((await conversationOf(state, chat.id)).deletedAt).not.toBeNull();
    const chatEntries = state.activity().filter((a) => a.conversationId === chat.id);
    expect(kinds(chatEntries)).toEqual(['conversation.added', 'conversation.trashed']);

    const { result } = await ok(state, { type: 'trash.purge', all: true });
    expect(result.purged.sort()).toEqual([chat.id, note.id].sort());
    const left = state.activity().filter((a) => a.ticketId === ticket.id);
    expect(left.some((a) => a.conversationId === chat.id || a.kind === 'note.added')).toBe(false);
    expect(JSON.stringify(left)).not.toContain('Refund approved');
    // The rest of the live ticket's history and its customer stay.
    expect(left.filter((a) => a.conversationId === email.id).length).toBeGreaterThan(0);
    expect(kinds(left)).toContain('ticket.created');
    expect(state.get(email.contactId!)).toBeDefined();
  });

  it('R11 a restored ticket whose status was removed meanwhile lands in a status that exists', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state, ANA_EMAIL, { status: 'waiting-us' });
    await ok(state, { type: 'ticket.delete', ticketId: ticket.id });
    const stages = (await state.settings()).stages.filter((st) => st.id !== 'waiting-us');
    await ok(state, { type: 'settings.update', stages });
    await ok(state, { type: 'trash.restore', id: ticket.id });
    expect((await ticketOf(state, ticket.id)).status).toBe('new');
  });
});
