import { createMemoryState, runCommand, type MemoryState } from '../../../core/domain/memory';
import type { Command } from '../../../core/domain/commands';
import { Session } from '../../../core/domain/rules/session';
import { slaTick } from '../../../core/domain/rules/sla';
import { ALWAYS_OPEN, defaultSla, slaOf, type SlaSettings } from '../../../core/domain/sla';
import type { ConversationSnapshot } from '../../../core/domain/types';
import { ANA_EMAIL, BOB, ME, kinds, ticketOf } from './helpers';

const MIN = 60_000;
const H = 60 * MIN;
// 2026-01-05 is a Monday; the memory help desk is in UTC.
const MON_0900 = Date.parse('2026-01-05T09:00Z');

async function desk(): Promise<MemoryState> {
  const state = createMemoryState({ startAt: MON_0900 - H });
  await at(state, MON_0900 - H, { type: 'agent.save', id: ME, name: 'Me', email: 'me@example.com' });
  await at(state, MON_0900 - H, { type: 'agent.save', id: BOB, name: 'Bob', email: '' });
  return state;
}

/** Runs a command at a fixed time; it must succeed. */
async function at(state: MemoryState, now: number, cmd: Command) {
  const outcome = await runCommand(state, cmd, { now });
  if (!outcome.ok) throw new Error(`${cmd.type} was refused: ${outcome.error.message}`);
  return outcome.value;
}

async function refusedAt(state: MemoryState, now: number, cmd: Command) {
  const before = JSON.stringify(state.all());
  const outcome = await runCommand(state, cmd, { now });
  if (outcome.ok) throw new Error(`${cmd.type} was applied but should have been refused`);
  expect(JSON.stringify(state.all())).toBe(before);
  return outcome.error;
}

const withLast = (id: string, count: number, fromContact: boolean): ConversationSnapshot => ({ ...ANA_EMAIL, lastMessage: { id, count, fromContact } });

async function urgentTicket(state: MemoryState) {
  const applied = await at(state, MON_0900, { type: 'ticket.create', conversation: withLast('m1', 1, true), fields: { name: 'Refund', priority: 'urgent' } });
  return applied.result as { ticket: { id: string }; conversation: { id: string } };
}

/** The service worker's tick for one ticket, at `now`, applied like a command. */
async function tick(state: MemoryState, ticketId: string, now: number) {
  const session = new Session(state, state.nextContext({ now }));
  const notices = await slaTick(session, (await ticketOf(state, ticketId)), now);
  const applied = session.finish(undefined);
  state.apply(applied);
  return { notices, applied };
}

describe('SLA rules', () => {
  it('a new ticket starts its status log; every status change appends to it', async () => {
    const state = await desk();
    const { ticket } = await urgentTicket(state);
    await at(state, MON_0900 + 10 * MIN, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'waiting-contact' });
    await at(state, MON_0900 + 20 * MIN, { type: 'tickets.bulk', ticketIds: [ticket.id], action: { type: 'status', status: 'closed' } });
    await at(state, MON_0900 + 30 * MIN, { type: 'conversation.observe', conversation: withLast('m2', 2, true) });
    const t = await ticketOf(state, ticket.id);
    expect(t.sla?.statusLog).toEqual([
      { status: 'new', at: MON_0900 },
      { status: 'waiting-contact', at: MON_0900 + 10 * MIN },
      { status: 'closed', at: MON_0900 + 20 * MIN },
      { status: 'new', at: MON_0900 + 30 * MIN },
    ]);
    // 10 min before the pause + 0 min paused/closed since: 50 min of the hour left at 10:00.
    expect(slaOf(t, await state.settings(), MON_0900 + H)).toMatchObject({ state: 'ok', dueAt: MON_0900 + 30 * MIN + 50 * MIN });
  });

  it("the page showing the agent's new reply records the first response, once", async () => {
    const state = await desk();
    const { ticket } = await urgentTicket(state);
    const applied = await at(state, MON_0900 + 15 * MIN, { type: 'conversation.observe', conversation: withLast('m2', 2, false) });
    expect(kinds(applied.activity)).toEqual(['ticket.sla']);
    expect(applied.activity[0]).toMatchObject({ field: 'firstResponse', text: 'responded', to: 'page' });
    const t = await ticketOf(state, ticket.id);
    expect(t.sla).toMatchObject({ firstResponseAt: MON_0900 + 15 * MIN, firstResponseBy: 'page' });
    expect(slaOf(t, await state.settings(), MON_0900 + 20 * MIN).target).toBe('resolution');
    const later = await at(state, MON_0900 + 30 * MIN, { type: 'conversation.observe', conversation: withLast('m3', 3, false) });
    expect(kinds(later.activity)).toEqual([]);
    expect((await ticketOf(state, ticket.id)).sla?.firstResponseAt).toBe(MON_0900 + 15 * MIN);
  });

  it('the message seen at creation is not a reply (nothing to compare with)', async () => {
    const state = await desk();
    const { ticket } = await at(state, MON_0900, { type: 'ticket.create', conversation: withLast('m1', 1, false), fields: { name: 'Refund' } }).then(
      (a) => a.result as { ticket: { id: string } },
    );
    expect((await ticketOf(state, ticket.id)).sla?.firstResponseAt).toBeNull();
  });

  it('ticket.markResponded records it by hand, in the history; a second time is refused', async () => {
    const state = await desk();
    const { ticket } = await urgentTicket(state);
    const applied = await at(state, MON_0900 + 5 * MIN, { type: 'ticket.markResponded', ticketId: ticket.id });
    expect(applied.activity).toEqual([expect.objectContaining({ kind: 'ticket.sla', field: 'firstResponse', text: 'responded', to: 'agent', agentId: ME })]);
    expect((await ticketOf(state, ticket.id)).sla).toMatchObject({ firstResponseAt: MON_0900 + 5 * MIN, firstResponseBy: 'agent' });
    const error = await refusedAt(state, MON_0900 + 6 * MIN, { type: 'ticket.markResponded', ticketId: ticket.id });
    expect(error.key).toBe('slaAlreadyResponded');
  });

  it('slaTick writes the 75 % mark and the breach once each and says what to notify', async () => {
    const state = await desk();
    const { ticket } = await urgentTicket(state);
    expect((await tick(state, ticket.id, MON_0900 + 30 * MIN)).notices).toEqual([]);
    const soon = await tick(state, ticket.id, MON_0900 + 46 * MIN);
    expect(soon.notices).toEqual([{ kind: 'sla.soon', ticketId: ticket.id, ticketName: 'Refund', target: 'firstResponse' }]);
    expect(soon.applied.activity).toEqual([]);
    expect((await tick(state, ticket.id, MON_0900 + 50 * MIN)).applied.writes).toEqual([]);
    const breach = await tick(state, ticket.id, MON_0900 + 61 * MIN);
    expect(breach.notices).toEqual([{ kind: 'sla.breached', ticketId: ticket.id, ticketName: 'Refund', target: 'firstResponse' }]);
    expect(breach.applied.activity).toEqual([expect.objectContaining({ kind: 'ticket.sla', field: 'firstResponse', text: 'breached', to: MON_0900 + H })]);
    expect((await ticketOf(state, ticket.id)).sla?.marks).toEqual({ firstResponse: { soon: MON_0900 + 45 * MIN, breached: MON_0900 + H } });
    const again = await tick(state, ticket.id, MON_0900 + 90 * MIN);
    expect(again.notices).toEqual([]);
    expect(again.applied.writes).toEqual([]);
  });

  it('slaTick after a long sleep notifies the breach only, and each target on its own', async () => {
    const state = await desk();
    const { ticket } = await urgentTicket(state);
    const { notices } = await tick(state, ticket.id, MON_0900 + 5 * H);
    expect(notices.map((n) => `${n.kind}:${n.target}`)).toEqual(['sla.breached:firstResponse', 'sla.breached:resolution']);
    expect((await ticketOf(state, ticket.id)).sla?.marks).toEqual({
      firstResponse: { soon: MON_0900 + 45 * MIN, breached: MON_0900 + H },
      resolution: { soon: MON_0900 + 3 * H, breached: MON_0900 + 4 * H },
    });
  });

  it('slaTick leaves a trashed ticket alone', async () => {
    const state = await desk();
    const { ticket } = await urgentTicket(state);
    await at(state, MON_0900 + MIN, { type: 'ticket.delete', ticketId: ticket.id });
    const { notices, applied } = await tick(state, ticket.id, MON_0900 + 5 * H);
    expect(notices).toEqual([]);
    expect(applied.writes).toEqual([]);
  });
});

describe('SLA settings', () => {
  const good = (): SlaSettings => defaultSla('Europe/Madrid');
  const update = (sla: SlaSettings): Command => ({ type: 'settings.update', sla });

  it('saves policies, hours, zone, holidays and pausing stages', async () => {
    const state = await desk();
    const sla = { ...good(), holidays: ['2026-12-25', '2026-01-06', '2026-01-06'], pauseStages: ['waiting-contact', 'closed', 'gone'] };
    await at(state, MON_0900, update(sla));
    expect((await state.settings()).sla).toEqual({ ...good(), holidays: ['2026-01-06', '2026-12-25'], pauseStages: ['waiting-contact'] });
  });

  it('24/7 hours are one range 00:00–24:00 each day', async () => {
    const state = await desk();
    await at(state, MON_0900, update({ ...good(), hours: ALWAYS_OPEN }));
    expect((await state.settings()).sla?.hours).toEqual(ALWAYS_OPEN);
  });

  it.each([
    ['hours that end before they start', { hours: [[], [{ start: '17:00', end: '09:00' }], [], [], [], [], []] }, 'slaHoursOrder'],
    ['hours that end when they start', { hours: [[], [{ start: '09:00', end: '09:00' }], [], [], [], [], []] }, 'slaHoursOrder'],
    [
      'overlapping hours',
      { hours: [[], [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '17:00' }], [], [], [], [], []] },
      'slaHoursOverlap',
    ],
    ['a time that is not one', { hours: [[], [{ start: '9am', end: '17:00' }], [], [], [], [], []] }, 'slaHoursInvalid'],
    ['a holiday that is not a real date', { holidays: ['2026-02-30'] }, 'slaHolidayInvalid'],
    ['a zero target', { policies: { urgent: { firstResponse: 0, resolution: 240 } } }, 'slaFirstResponseInvalid'],
    ['a negative target', { policies: { urgent: { firstResponse: 60, resolution: -5 } } }, 'slaResolutionInvalid'],
    ['a target in part minutes', { policies: { high: { firstResponse: 1.5, resolution: 240 } } }, 'slaFirstResponseInvalid'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'slaTimeZoneUnknown'],
  ] as const)('refuses %s, saving nothing', async (_what, over, key) => {
    const state = await desk();
    const error = await refusedAt(state, MON_0900, update({ ...good(), ...(over as Partial<SlaSettings>) }));
    expect(error.key).toBe(key);
    expect(error.code).toBe('invalid');
  });
});
