import { SETTINGS_ID } from '../../../core/domain/defaults';
import type { MemoryState } from '../../../core/domain/memory';
import type { Settings, Stage, Ticket } from '../../../core/domain/types';
import { ANA_EMAIL, helpDesk, newTicket, ok, refused, ticketOf } from './helpers';

/** Lost updates become visible conflicts: whole settings lists carry the clock the editor saw. */

const settingsOf = (state: MemoryState) => state.get(SETTINGS_ID) as Settings;
const renamed = (stages: Stage[], id: string, name: string) => stages.map((st) => (st.id === id ? { ...st, name } : st));

describe('settings.update from a stale copy', () => {
  it('a stages list computed from a copy another tab has since changed is refused and writes nothing', async () => {
    const state = await helpDesk();
    const opened = settingsOf(state); // both tabs loaded this copy
    await ok(state, { type: 'settings.update', stages: renamed(opened.stages, 'new', 'Inbox'), expected: { stages: opened.clock.stages } });

    // The second tab renames another stage from its old copy: it would put "New" back.
    const error = await refused(state, {
      type: 'settings.update',
      stages: renamed(opened.stages, 'waiting-us', 'With us'),
      expected: { stages: opened.clock.stages },
    });
    expect(error).toMatchObject({
      code: 'conflict',
      stale: 'stages',
      message: 'Someone changed the stages since you opened this page; reload to see their change.',
    });
    expect(settingsOf(state).stages.map((st) => st.name)).toEqual(['Inbox', 'Waiting on contact', 'Waiting on us', 'Closed']);
  });

  it('the same edit from the fresh copy lands, and each list is versioned on its own', async () => {
    const state = await helpDesk();
    const opened = settingsOf(state);
    await ok(state, { type: 'settings.update', priorities: [{ id: 'p1', name: 'P1' }], expected: { priorities: opened.clock.priorities } });
    // Priorities changed; the stages this tab saw did not, so its stages edit is not stale.
    await ok(state, { type: 'settings.update', stages: renamed(opened.stages, 'new', 'Inbox'), expected: { stages: opened.clock.stages } });
    const fresh = settingsOf(state);
    expect((await refused(state, { type: 'settings.update', priorities: [{ id: 'p2', name: 'P2' }], expected: { priorities: opened.clock.priorities } })).stale).toBe('priorities');
    const { result } = await ok(state, {
      type: 'settings.update',
      stages: renamed(fresh.stages, 'waiting-us', 'With us'),
      expected: { stages: fresh.clock.stages },
    });
    expect(result.stages.map((st) => st.name)).toEqual(['Inbox', 'Waiting on contact', 'With us', 'Closed']);
    expect(result.priorities).toEqual([{ id: 'p1', name: 'P1' }]);
  });

  it('properties are checked too, and a stale clock for a list not sent refuses nothing', async () => {
    const state = await helpDesk();
    const opened = settingsOf(state);
    await ok(state, { type: 'settings.update', properties: [{ id: 'custom.plan', name: 'Plan', type: 'text' }], expected: { properties: opened.clock.properties } });
    const error = await refused(state, {
      type: 'settings.update',
      properties: [{ id: 'custom.seats', name: 'Seats', type: 'number' }],
      expected: { properties: opened.clock.properties },
    });
    expect(error).toMatchObject({ code: 'conflict', stale: 'properties' });
    expect(settingsOf(state).properties.map((p) => p.id)).toEqual(['custom.plan']);
    // Only the lists written are compared: this writes priorities, whatever it says about properties.
    await ok(state, { type: 'settings.update', priorities: [{ id: 'p1', name: 'P1' }], expected: { properties: opened.clock.properties } });
  });

  it('the same save sent twice is not a conflict with itself: a list equal to the stored one writes nothing', async () => {
    const state = await helpDesk();
    const opened = settingsOf(state);
    const save = { type: 'settings.update', stages: renamed(opened.stages, 'new', 'Inbox'), expected: { stages: opened.clock.stages } } as const;
    await ok(state, save);
    const again = await ok(state, save);
    expect(again.writes).toEqual([]);
    expect(settingsOf(state).stages.find((st) => st.id === 'new')?.name).toBe('Inbox');
  });

  it("the sidebar's displayed properties carry no clock and still save after any other change", async () => {
    const state = await helpDesk();
    await ok(state, { type: 'settings.update', properties: [{ id: 'custom.plan', name: 'Plan', type: 'text' }] });
    const { result } = await ok(state, { type: 'settings.update', displayedProperties: ['status', 'custom.plan'] });
    expect(result.displayedProperties).toEqual(['status', 'custom.plan']);
  });
});

/** The ticket without the command's stamps, `lastActivityAt` and the edited field (a built-in key or a custom id). */
function untouched(t: Ticket, field: string): Record<string, unknown> {
  const { version: _v, updatedAt: _u, causeId: _c, clock: _k, lastActivityAt: _l, ...rest } = t;
  const custom = { ...t.custom };
  delete custom[field];
  const out: Record<string, unknown> = { ...rest, custom };
  delete out[field];
  return out;
}

describe('ticket.update writes only the field it edits', () => {
  it.each<[string, string | number, (t: Ticket) => unknown]>([
    ['priority', 'urgent', (t) => t.priority],
    ['name', 'Refund, second try', (t) => t.name],
    ['custom.seats', 12, (t) => t.custom['custom.seats']],
  ])('editing %s leaves every other field as stored and clocks only it', async (field, value, read) => {
    const state = await helpDesk();
    await ok(state, {
      type: 'settings.update',
      properties: [
        { id: 'custom.plan', name: 'Plan', type: 'text' },
        { id: 'custom.seats', name: 'Seats', type: 'number' },
      ],
    });
    const { ticket } = await newTicket(state, ANA_EMAIL);
    await ok(state, { type: 'ticket.update', ticketId: ticket.id, field: 'category', value: 'billing' });
    await ok(state, { type: 'ticket.update', ticketId: ticket.id, field: 'custom.plan', value: 'Pro' });
    const prior = await ticketOf(state, ticket.id);

    const { writes, activity } = await ok(state, { type: 'ticket.update', ticketId: ticket.id, field, value });
    const after = await ticketOf(state, ticket.id);
    expect(writes).toHaveLength(1);
    expect(read(after)).toBe(value);
    expect(untouched(after, field)).toEqual(untouched(prior, field));
    const clocked = Object.keys(after.clock).filter((k) => after.clock[k] !== prior.clock[k]);
    expect(clocked.sort()).toEqual([field, 'lastActivityAt'].sort());
    expect(activity).toMatchObject([{ kind: 'ticket.property', field, from: read(prior) ?? null, to: value }]);
  });
});
