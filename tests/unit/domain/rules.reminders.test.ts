import { runCommand, type MemoryState } from '../../../core/domain/memory';
import type { TickResult } from '../../../core/domain/rules';
import { ALWAYS_OPEN, defaultSla } from '../../../core/domain/sla';
import { ANA_EMAIL, BEN_EMAIL, helpDesk as anyHelpDesk, newTicket, ok, ticketOf } from './helpers';

const HOUR = 60 * 60 * 1000;
const T0 = Date.UTC(2030, 2, 4, 9, 0);

/** A help desk without SLA policies: the due dates and snoozes alone decide. */
async function helpDesk(): Promise<MemoryState> {
  const state = await anyHelpDesk();
  await ok(state, { type: 'settings.update', sla: { ...defaultSla('UTC'), policies: {} } });
  return state;
}

async function tick(state: MemoryState, now: number): Promise<TickResult> {
  const outcome = await runCommand(state, { type: 'reminders.tick' }, { now });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value.result as TickResult;
}

async function at(state: MemoryState, now: number, cmd: Parameters<typeof runCommand>[1]) {
  const outcome = await runCommand(state, cmd, { now });
  if (!outcome.ok) throw new Error(outcome.error.message);
}

describe('the reminder tick (fixed clock)', () => {
  it('wakes a snooze once when its time has passed, and says so', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    await at(state, T0, { type: 'ticket.snooze', ticketId: ticket.id, until: T0 + HOUR, untilReply: true });

    expect(await tick(state, T0 + 1)).toEqual({ notices: [], nextAt: T0 + HOUR, badge: 0 });
    const woke = await tick(state, T0 + HOUR);
    expect(woke.notices).toEqual([{ kind: 'snooze.ended', ticketId: ticket.id, ticketName: ticket.name }]);
    expect((await ticketOf(state, ticket.id)).snooze).toBeNull();
    expect(state.activity().filter((a) => a.kind === 'ticket.woke')).toMatchObject([{ text: 'time', at: T0 + HOUR }]);
    // A relaunch runs the tick again: nothing more to say.
    expect((await tick(state, T0 + HOUR + 5)).notices).toEqual([]);
  });

  it('notes a passed due date once (a mark on the ticket), counts it on the badge, and a relaunch repeats nothing', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    await at(state, T0, { type: 'ticket.update', ticketId: ticket.id, field: 'due', value: T0 + 2 * HOUR });

    expect(await tick(state, T0 + HOUR)).toEqual({ notices: [], nextAt: T0 + 2 * HOUR, badge: 0 });
    const due = await tick(state, T0 + 2 * HOUR);
    expect(due).toEqual({ notices: [{ kind: 'due', ticketId: ticket.id, ticketName: ticket.name }], nextAt: null, badge: 1 });
    expect((await ticketOf(state, ticket.id)).dueNotified).toBe(T0 + 2 * HOUR);
    const again = await runCommand(state, { type: 'reminders.tick' }, { now: T0 + 3 * HOUR });
    expect(again).toMatchObject({ ok: true, value: { writes: [], activity: [], result: { notices: [], badge: 1 } } });

    // A new due date is a new moment: noted again when it passes.
    await at(state, T0 + 3 * HOUR, { type: 'ticket.update', ticketId: ticket.id, field: 'due', value: T0 + 4 * HOUR });
    expect((await tick(state, T0 + 3 * HOUR + 1)).badge).toBe(0);
    expect((await tick(state, T0 + 4 * HOUR)).notices).toHaveLength(1);
  });

  it('the next alarm is the earliest moment over all open tickets; closed ones are not read', async () => {
    const state = await helpDesk();
    const { ticket: a } = await newTicket(state, ANA_EMAIL);
    const { ticket: b } = await newTicket(state, BEN_EMAIL);
    await at(state, T0, { type: 'ticket.update', ticketId: a.id, field: 'due', value: T0 + 5 * HOUR });
    await at(state, T0, { type: 'ticket.snooze', ticketId: b.id, until: T0 + 3 * HOUR, untilReply: false });
    expect((await tick(state, T0 + 1)).nextAt).toBe(T0 + 3 * HOUR);
    await at(state, T0 + 2, { type: 'ticket.setStatus', ticketId: b.id, status: 'closed' });
    expect((await tick(state, T0 + 3)).nextAt).toBe(T0 + 5 * HOUR);
    await at(state, T0 + 4, { type: 'ticket.setStatus', ticketId: a.id, status: 'closed' });
    expect(await tick(state, T0 + 6 * HOUR)).toEqual({ notices: [], nextAt: null, badge: 0 });
  });

  it('a snoozed ticket past its due date is not on the badge until it wakes', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    await at(state, T0, { type: 'ticket.update', ticketId: ticket.id, field: 'due', value: T0 + HOUR });
    await at(state, T0, { type: 'ticket.snooze', ticketId: ticket.id, until: T0 + 3 * HOUR, untilReply: false });
    expect((await tick(state, T0 + 2 * HOUR)).badge).toBe(0);
    expect((await tick(state, T0 + 3 * HOUR)).badge).toBe(1);
  });

  it('calls the SLA clock: a 1-minute target warns at 75 % and breaches at 100 %, once each; both set the next alarm and the badge', async () => {
    const state = await anyHelpDesk();
    await ok(state, { type: 'settings.update', sla: { ...defaultSla('UTC'), hours: ALWAYS_OPEN, policies: { medium: { firstResponse: 1, resolution: 10 } } } });
    const outcome = await runCommand(state, { type: 'ticket.create', conversation: ANA_EMAIL, fields: { name: 'Refund' } }, { now: T0 });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { ticket } = outcome.value.result as { ticket: { id: string } };
    expect(await tick(state, T0 + 1000)).toEqual({ notices: [], nextAt: T0 + 45_000, badge: 0 });
    const soon = await tick(state, T0 + 45_000);
    expect(soon).toEqual({ notices: [{ kind: 'sla.soon', ticketId: ticket.id, ticketName: 'Refund', target: 'firstResponse' }], nextAt: T0 + 60_000, badge: 1 });
    expect((await tick(state, T0 + 50_000)).notices).toEqual([]);
    const breached = await tick(state, T0 + 60_000);
    expect(breached.notices).toEqual([{ kind: 'sla.breached', ticketId: ticket.id, ticketName: 'Refund', target: 'firstResponse' }]);
    expect(breached.badge).toBe(1);
    expect((await tick(state, T0 + 61_000)).notices).toEqual([]);
  });
});
