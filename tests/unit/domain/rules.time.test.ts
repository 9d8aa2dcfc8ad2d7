import { runCommand } from '../../../core/domain/memory';
import { MAX_AHEAD_MS } from '../../../core/domain/rules/time';
import type { ConversationSnapshot } from '../../../core/domain/types';
import { ANA_EMAIL, helpDesk, kinds, newTicket, ok, refused, ticketOf } from './helpers';

const HOUR = 60 * 60 * 1000;
/** A fixed clock, far from the memory state's own start. */
const T0 = Date.UTC(2030, 2, 4, 9, 0);

const withLast = (base: ConversationSnapshot, id: string, count: number, fromContact: boolean): ConversationSnapshot => ({
  ...base,
  lastMessage: { id, count, fromContact },
});

async function openTicket() {
  const state = await helpDesk();
  const { ticket } = await newTicket(state, withLast(ANA_EMAIL, 'm1', 1, true));
  return { state, ticket };
}

describe('due date', () => {
  it('is set, changed and cleared inline, each a ticket.property entry with ms values', async () => {
    const { state, ticket } = await openTicket();
    const at = T0 + 24 * HOUR;
    await runCommand(state, { type: 'ticket.update', ticketId: ticket.id, field: 'due', value: at }, { now: T0 });
    expect(await ticketOf(state, ticket.id)).toMatchObject({ dueAt: at });
    await runCommand(state, { type: 'ticket.update', ticketId: ticket.id, field: 'due', value: null }, { now: T0 + 1 });
    expect((await ticketOf(state, ticket.id)).dueAt).toBeNull();
    const entries = state.activity().filter((a) => a.field === 'due');
    expect(entries.map((a) => [a.from, a.to])).toEqual([
      [null, at],
      [at, null],
    ]);
  });

  it.each([
    ['before 2000', Date.UTC(1999, 11, 31)],
    ['more than ten years ahead', T0 + MAX_AHEAD_MS + HOUR],
    ['not a number', '2030-03-05'],
  ])('a due date %s is refused and nothing is saved', async (_what, value) => {
    const { state, ticket } = await openTicket();
    const before = JSON.stringify(state.all());
    const outcome = await runCommand(state, { type: 'ticket.update', ticketId: ticket.id, field: 'due', value }, { now: T0 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid', key: 'timeDueInvalid' } });
    expect(JSON.stringify(state.all())).toBe(before);
  });
});

describe('snooze', () => {
  it('snoozes until a time, with a ticket.snoozed entry; the agent wakes it (ticket.woke agent)', async () => {
    const { state, ticket } = await openTicket();
    const until = T0 + HOUR;
    await runCommand(state, { type: 'ticket.snooze', ticketId: ticket.id, until, untilReply: false }, { now: T0 });
    expect((await ticketOf(state, ticket.id)).snooze).toEqual({ until, untilReply: false });
    await runCommand(state, { type: 'ticket.unsnooze', ticketId: ticket.id }, { now: T0 + 1 });
    expect((await ticketOf(state, ticket.id)).snooze).toBeNull();
    const mine = state.activity().filter((a) => a.kind.startsWith('ticket.snoozed') || a.kind === 'ticket.woke');
    expect(mine).toMatchObject([
      { kind: 'ticket.snoozed', to: until },
      { kind: 'ticket.woke', text: 'agent' },
    ]);
  });

  it('unsnoozing a ticket that is not snoozed writes nothing', async () => {
    const { state, ticket } = await openTicket();
    const { writes, activity } = await ok(state, { type: 'ticket.unsnooze', ticketId: ticket.id });
    expect(writes).toEqual([]);
    expect(activity).toEqual([]);
  });

  it('refuses a time in the past, neither a time nor "until the customer writes", and a closed ticket', async () => {
    const { state, ticket } = await openTicket();
    const past = await runCommand(state, { type: 'ticket.snooze', ticketId: ticket.id, until: T0 - 1, untilReply: true }, { now: T0 });
    expect(past).toMatchObject({ ok: false, error: { key: 'timeSnoozePast' } });
    expect(await refused(state, { type: 'ticket.snooze', ticketId: ticket.id, until: null, untilReply: false })).toMatchObject({ key: 'timeSnoozeEmpty' });
    await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    expect(await refused(state, { type: 'ticket.snooze', ticketId: ticket.id, until: null, untilReply: true })).toMatchObject({
      code: 'conflict',
      key: 'timeSnoozeClosed',
    });
    expect((await ticketOf(state, ticket.id)).snooze ?? null).toBeNull();
  });

  it('refuses a trashed ticket', async () => {
    const { state, ticket } = await openTicket();
    await ok(state, { type: 'ticket.delete', ticketId: ticket.id });
    expect(await refused(state, { type: 'ticket.snooze', ticketId: ticket.id, until: null, untilReply: true })).toMatchObject({ key: 'ticketTrashed' });
  });

  it('wakes when the customer writes again (ticket.woke message), not on the agent’s own reply', async () => {
    const { state, ticket } = await openTicket();
    await ok(state, { type: 'ticket.snooze', ticketId: ticket.id, until: null, untilReply: true });
    await ok(state, { type: 'conversation.observe', conversation: withLast(ANA_EMAIL, 'm2', 2, false) });
    expect((await ticketOf(state, ticket.id)).snooze).not.toBeNull();
    await ok(state, { type: 'conversation.observe', conversation: withLast(ANA_EMAIL, 'm3', 3, true) });
    expect((await ticketOf(state, ticket.id)).snooze).toBeNull();
    expect(state.activity().filter((a) => a.kind === 'ticket.woke')).toMatchObject([{ text: 'message' }]);
  });

  it('a snoozed ticket closed since still wakes when the customer writes (and R9 reopens it)', async () => {
    const { state, ticket } = await openTicket();
    await ok(state, { type: 'ticket.snooze', ticketId: ticket.id, until: null, untilReply: true });
    await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    await ok(state, { type: 'conversation.observe', conversation: withLast(ANA_EMAIL, 'm2', 2, true) });
    const t = await ticketOf(state, ticket.id);
    expect(t.snooze).toBeNull();
    expect(t.closedAt).toBeNull();
    expect(kinds(state.activity())).toContain('ticket.woke');
    expect(state.activity().find((a) => a.kind === 'ticket.woke')).toMatchObject({ text: 'message' });
  });
});
