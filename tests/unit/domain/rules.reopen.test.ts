import { REOPENED_BY_MESSAGE } from '../../../core/domain/rules/reopen';
import type { ConversationSnapshot } from '../../../core/domain/types';
import { ANA_CHAT, ANA_EMAIL, conversationOf, helpDesk, kinds, newTicket, ok, snapshot, ticketOf } from './helpers';

const withLast = (base: ConversationSnapshot, id: string, count: number, fromContact: boolean): ConversationSnapshot => ({
  ...base,
  lastMessage: { id, count, fromContact },
});

/** A closed ticket for Ana's email thread, whose page last showed message m2 (2 messages). */
async function closedTicket(base: ConversationSnapshot = ANA_EMAIL) {
  const state = await helpDesk();
  const { ticket, conversation } = await newTicket(state, withLast(base, 'm2', 2, true));
  await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
  return { state, ticket, conversation, mark: state.activity().length };
}

describe('R9 a new customer message reopens a closed ticket', () => {
  it('R9 the create stores the newest message the page shows', async () => {
    const { state, conversation } = await closedTicket();
    expect((await conversationOf(state, conversation.id)).lastMessage).toEqual({ id: 'm2', count: 2 });
  });

  it('R9 a newer message from the customer reopens the ticket and the conversation, with the reason in the history', async () => {
    const { state, ticket, conversation, mark } = await closedTicket();
    await ok(state, { type: 'conversation.observe', conversation: withLast(ANA_EMAIL, 'm3', 3, true) });
    const t = await ticketOf(state, ticket.id);
    const c = await conversationOf(state, conversation.id);
    expect(t).toMatchObject({ status: 'new', closedAt: null });
    expect(c).toMatchObject({ status: 'open', lastMessage: { id: 'm3', count: 3 } });
    const added = state.activity().slice(mark);
    expect(kinds(added)).toEqual(['conversation.reopened', 'ticket.property', 'ticket.reopened']);
    expect(added[0]).toMatchObject({ conversationId: conversation.id, text: REOPENED_BY_MESSAGE });
    expect(added[1]).toMatchObject({ field: 'status', from: 'closed', to: 'new' });
  });

  it("R9 the agent's own reply only moves the stored mark (and, the first time, is the SLA first response)", async () => {
    const { state, ticket, conversation, mark } = await closedTicket();
    await ok(state, { type: 'conversation.observe', conversation: withLast(ANA_EMAIL, 'm3', 3, false) });
    expect(await ticketOf(state, ticket.id)).toMatchObject({ status: 'closed' });
    expect(await conversationOf(state, conversation.id)).toMatchObject({ status: 'closed', lastMessage: { id: 'm3', count: 3 } });
    expect(kinds(state.activity().slice(mark))).toEqual(['ticket.sla']);
  });

  it('R9 the same message seen again writes nothing', async () => {
    const { state } = await closedTicket();
    const { writes, activity } = await ok(state, { type: 'conversation.observe', conversation: withLast(ANA_EMAIL, 'm2', 2, true) });
    expect(writes).toEqual([]);
    expect(activity).toEqual([]);
  });

  it("R9 a page that can't tell (no lastMessage) keeps the stored mark and writes nothing", async () => {
    const { state, conversation } = await closedTicket();
    const { writes } = await ok(state, { type: 'conversation.observe', conversation: { ...ANA_EMAIL, lastMessage: null } });
    expect(writes).toEqual([]);
    expect((await conversationOf(state, conversation.id)).lastMessage).toEqual({ id: 'm2', count: 2 });
  });

  it('R9 a shorter thread (the page shows less of it) is not a new message', async () => {
    const { state, ticket } = await closedTicket();
    await ok(state, { type: 'conversation.observe', conversation: withLast(ANA_EMAIL, 'm1', 1, true) });
    expect(await ticketOf(state, ticket.id)).toMatchObject({ status: 'closed' });
  });

  it('R9 the option off: the mark moves, nothing reopens', async () => {
    const { state, ticket, conversation, mark } = await closedTicket();
    await ok(state, { type: 'settings.update', reopenOnMessage: false });
    await ok(state, { type: 'conversation.observe', conversation: withLast(ANA_EMAIL, 'm3', 3, true) });
    expect(await ticketOf(state, ticket.id)).toMatchObject({ status: 'closed' });
    expect(await conversationOf(state, conversation.id)).toMatchObject({ status: 'closed', lastMessage: { id: 'm3', count: 3 } });
    expect(state.activity().length).toBe(mark);
    expect((await state.settings()).reopenOnMessage).toBe(false);
  });

  it('R9 the first sighting of a conversation only stores the mark', async () => {
    const state = await helpDesk();
    const { result } = await ok(state, { type: 'conversation.observe', conversation: withLast(ANA_EMAIL, 'm9', 9, true) });
    expect(result.lastMessage).toEqual({ id: 'm9', count: 9 });
    expect(state.activity()).toEqual([]);
  });

  it('R9 an open ticket: a new message moves the mark and logs nothing', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state, withLast(ANA_EMAIL, 'm2', 2, true));
    const before = state.activity().length;
    await ok(state, { type: 'conversation.observe', conversation: withLast(ANA_EMAIL, 'm3', 3, true) });
    expect(await ticketOf(state, ticket.id)).toMatchObject({ status: 'new' });
    expect(state.activity().length).toBe(before);
  });

  it("R9 with several conversations only the one with the new message reopens, and the ticket (R9's rule)", async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state, withLast(ANA_EMAIL, 'm2', 2, true));
    const chat = withLast(ANA_CHAT, 'c1', 1, true);
    const { result } = await ok(state, { type: 'ticket.associate', conversation: chat, ticketId: ticket.id });
    await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    await ok(state, { type: 'conversation.observe', conversation: withLast(ANA_CHAT, 'c2', 2, true) });
    expect(await ticketOf(state, ticket.id)).toMatchObject({ status: 'new', closedAt: null });
    expect((await conversationOf(state, result.conversation.id)).status).toBe('open');
    expect((await conversationOf(state, conversation.id)).status).toBe('closed');
  });

  it('R9 a trashed ticket is not reopened', async () => {
    const { state, ticket, conversation } = await closedTicket();
    await ok(state, { type: 'ticket.delete', ticketId: ticket.id });
    const { writes } = await ok(state, { type: 'conversation.observe', conversation: withLast(ANA_EMAIL, 'm3', 3, true) });
    expect(writes).toEqual([]);
    expect((await ticketOf(state, ticket.id)).closedAt).not.toBeNull();
    expect((await conversationOf(state, conversation.id)).status).toBe('closed');
  });

  it('R9 old records without a mark: the first mark is stored, nothing reopens', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state, snapshot());
    await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    await ok(state, { type: 'conversation.observe', conversation: withLast(ANA_EMAIL, 'm3', 3, true) });
    expect(await ticketOf(state, ticket.id)).toMatchObject({ status: 'closed' });
  });
});
