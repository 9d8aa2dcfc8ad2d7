import fc from 'fast-check';
import type { MemoryState } from '../../../core/domain/memory';
import { runCommand } from '../../../core/domain/memory';
import { mergedInto } from '../../../core/domain/merged-history';
import type { Activity, ConversationSnapshot, StoredRecord, Ticket } from '../../../core/domain/types';
import { ANA_CHAT, ANA_EMAIL, BEN_EMAIL, conversationOf, helpDesk, kinds, newTicket, ok, refused, snapshot, ticketOf } from './helpers';

/** Merging tickets and its undo (docs/rules.md "Merging tickets"). */

/** Stamps that describe a write, not the help desk: the only fields a merge + undo may leave changed (and lastActivityAt, which follows the history). */
const WRITE_STAMPS = new Set(['version', 'clock', 'updatedAt', 'updatedBy', 'deviceId', 'causeId', 'lastActivityAt', 'mergeMoved']);

function dump(state: MemoryState): Record<string, unknown>[] {
  return state
    .all()
    .map((r) => Object.fromEntries(Object.entries(r).filter(([k, v]) => !WRITE_STAMPS.has(k) && v !== undefined)))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

/** The history the kept ticket's record page shows: its own and that of the tickets merged into it. */
async function combinedHistory(state: MemoryState, ticketId: string): Promise<Activity[]> {
  const of = async (id: string) => state.activity().filter((a) => a.ticketId === id);
  const ids = [ticketId, ...(await mergedInto(ticketId, of))];
  return state.activity().filter((a) => ids.includes(a.ticketId));
}

async function threeTickets(state: MemoryState) {
  const a = await newTicket(state, ANA_EMAIL);
  const b = await newTicket(state, ANA_CHAT);
  const c = await newTicket(state, BEN_EMAIL);
  await ok(state, { type: 'note.add', ticketId: b.ticket.id, text: 'Called her back' });
  return { a, b, c };
}

describe('ticket.merge', () => {
  it('moves conversations and notes to the kept ticket, tombstones the other with mergedInto, and logs on both', async () => {
    const state = await helpDesk();
    const { a, b } = await threeTickets(state);
    const { result } = await ok(state, { type: 'ticket.merge', keepId: a.ticket.id, mergeIds: [b.ticket.id] });
    expect(result.merged).toEqual([b.ticket.id]);
    const gone = await ticketOf(state, b.ticket.id);
    expect(gone.mergedInto).toBe(a.ticket.id);
    expect(gone.deletedAt).not.toBeNull();
    expect(gone.mergeMoved?.conversations).toEqual([{ id: b.conversation.id, status: 'open' }]);
    expect((await conversationOf(state, b.conversation.id)).ticketId).toBe(a.ticket.id);
    const notes = state.all().filter((r) => r.id.startsWith('note:')) as { ticketId: string }[];
    expect(notes.map((n) => n.ticketId)).toEqual([a.ticket.id]);
    const merged = state.activity().filter((x) => x.kind === 'ticket.merged');
    expect(merged.map((x) => [x.ticketId, x.from, x.to])).toEqual(
      expect.arrayContaining([
        [b.ticket.id, b.ticket.id, a.ticket.id],
        [a.ticket.id, b.ticket.id, a.ticket.id],
      ]),
    );
    expect(merged).toHaveLength(2);
    // The kept ticket's history reads the merged one's too, each entry once.
    const history = await combinedHistory(state, a.ticket.id);
    const own = state.activity().filter((x) => x.ticketId === a.ticket.id || x.ticketId === b.ticket.id);
    expect(history.map((x) => x.id)).toEqual(own.map((x) => x.id));
  });

  it('merges several tickets at once into one', async () => {
    const state = await helpDesk();
    const { a, b, c } = await threeTickets(state);
    await ok(state, { type: 'ticket.merge', keepId: c.ticket.id, mergeIds: [a.ticket.id, b.ticket.id] });
    for (const conv of [a.conversation, b.conversation, c.conversation]) expect((await conversationOf(state, conv.id)).ticketId).toBe(c.ticket.id);
    expect((await ticketOf(state, a.ticket.id)).mergedInto).toBe(c.ticket.id);
    expect((await ticketOf(state, b.ticket.id)).mergedInto).toBe(c.ticket.id);
  });

  it('R8: merging open conversations into a closed ticket closes them, logged on the kept ticket', async () => {
    const state = await helpDesk();
    const { a, b } = await threeTickets(state);
    await ok(state, { type: 'ticket.setStatus', ticketId: a.ticket.id, status: 'closed' });
    const applied = await ok(state, { type: 'ticket.merge', keepId: a.ticket.id, mergeIds: [b.ticket.id] });
    expect((await conversationOf(state, b.conversation.id)).status).toBe('closed');
    expect(kinds(applied.activity.filter((x) => x.ticketId === a.ticket.id))).toEqual(['conversation.closed', 'ticket.merged']);
  });

  it('refuses merging into itself, into a trashed or merged-away ticket, and a trashed or merged-away ticket; nothing changes', async () => {
    const state = await helpDesk();
    const { a, b, c } = await threeTickets(state);
    expect((await refused(state, { type: 'ticket.merge', keepId: a.ticket.id, mergeIds: [a.ticket.id] })).message).toMatch(/into itself/);
    await ok(state, { type: 'ticket.merge', keepId: a.ticket.id, mergeIds: [b.ticket.id] });
    expect((await refused(state, { type: 'ticket.merge', keepId: b.ticket.id, mergeIds: [c.ticket.id] })).message).toMatch(/was merged into/);
    expect((await refused(state, { type: 'ticket.merge', keepId: c.ticket.id, mergeIds: [b.ticket.id] })).message).toMatch(/already merged/);
    await ok(state, { type: 'ticket.delete', ticketId: c.ticket.id });
    expect((await refused(state, { type: 'ticket.merge', keepId: c.ticket.id, mergeIds: [a.ticket.id] })).message).toMatch(/in the trash/);
    expect((await refused(state, { type: 'ticket.merge', keepId: a.ticket.id, mergeIds: [c.ticket.id] })).message).toMatch(/in the trash/);
    expect((await refused(state, { type: 'ticket.merge', keepId: a.ticket.id, mergeIds: ['ticket:01ARZ3NDEKTSV4RRFFQ69G5FAV'] })).code).toBe('not_found');
    // A merged-away ticket takes no edits, notes or conversations: the message says where it went.
    expect((await refused(state, { type: 'note.add', ticketId: b.ticket.id, text: 'late' })).message).toMatch(/was merged into/);
    expect((await refused(state, { type: 'ticket.associate', conversation: snapshot({ key: 'late' }), ticketId: b.ticket.id })).message).toMatch(/was merged into/);
  });
});

describe('ticket.unmerge', () => {
  it('merge then undo gives back the exact help desk, plus the two commands’ history entries', async () => {
    const state = await helpDesk();
    const { a, b } = await threeTickets(state);
    await ok(state, { type: 'ticket.setStatus', ticketId: a.ticket.id, status: 'closed' });
    const before = dump(state);
    const historyBefore = state.activity();
    const merge = await ok(state, { type: 'ticket.merge', keepId: a.ticket.id, mergeIds: [b.ticket.id] });
    const undo = await ok(state, { type: 'ticket.unmerge', id: b.ticket.id });
    expect(dump(state)).toEqual(before);
    expect((await ticketOf(state, b.ticket.id)).mergeMoved).toBeNull();
    const added = state.activity().filter((x) => !historyBefore.some((y) => y.id === x.id));
    expect(new Set(added.map((x) => x.causeId))).toEqual(new Set([merge.activity[0]!.causeId, undo.activity[0]!.causeId]));
    expect(kinds(added.filter((x) => x.kind.startsWith('ticket.'))).sort()).toEqual(['ticket.merged', 'ticket.merged', 'ticket.unmerged', 'ticket.unmerged']);
  });

  it('the trash’s restore of a merged-away ticket is the same undo', async () => {
    const state = await helpDesk();
    const { a, b } = await threeTickets(state);
    const before = dump(state);
    await ok(state, { type: 'ticket.merge', keepId: a.ticket.id, mergeIds: [b.ticket.id] });
    const { result } = await ok(state, { type: 'trash.restore', id: b.ticket.id });
    expect(result.restored).toContain(b.conversation.id);
    expect(dump(state)).toEqual(before);
  });

  it('refuses after the kept ticket was trashed with the moved conversation, and after the trash purged the tombstone', async () => {
    const state = await helpDesk();
    const { a, b } = await threeTickets(state);
    await ok(state, { type: 'ticket.merge', keepId: a.ticket.id, mergeIds: [b.ticket.id] });
    await ok(state, { type: 'ticket.delete', ticketId: a.ticket.id });
    expect((await refused(state, { type: 'ticket.unmerge', id: b.ticket.id })).message).toMatch(/in the trash: restore/);
    expect((await refused(state, { type: 'trash.restore', id: b.ticket.id })).message).toMatch(/in the trash: restore/);
    await ok(state, { type: 'trash.restore', id: a.ticket.id });
    await ok(state, { type: 'trash.purgeItem', id: b.ticket.id });
    expect((await refused(state, { type: 'ticket.unmerge', id: b.ticket.id })).message).toMatch(/can no longer be undone/);
    // The purged tombstone's history stays: it is part of the kept ticket's.
    expect((await combinedHistory(state, a.ticket.id)).some((x) => x.ticketId === b.ticket.id)).toBe(true);
  });

  it('refuses a ticket that is not merged, and one whose conversations moved on by a later merge', async () => {
    const state = await helpDesk();
    const { a, b, c } = await threeTickets(state);
    expect((await refused(state, { type: 'ticket.unmerge', id: a.ticket.id })).message).toMatch(/not merged/);
    await ok(state, { type: 'ticket.merge', keepId: a.ticket.id, mergeIds: [b.ticket.id] });
    await ok(state, { type: 'ticket.merge', keepId: c.ticket.id, mergeIds: [a.ticket.id] });
    expect((await refused(state, { type: 'ticket.unmerge', id: b.ticket.id })).message).toMatch(/undo that merge first/);
    await ok(state, { type: 'ticket.unmerge', id: a.ticket.id });
    await ok(state, { type: 'ticket.unmerge', id: b.ticket.id });
    expect((await conversationOf(state, b.conversation.id)).ticketId).toBe(b.ticket.id);
  });

  it('purging the kept ticket takes the histories merged into it', async () => {
    const state = await helpDesk();
    const { a, b } = await threeTickets(state);
    await ok(state, { type: 'ticket.merge', keepId: a.ticket.id, mergeIds: [b.ticket.id] });
    await ok(state, { type: 'ticket.delete', ticketId: a.ticket.id });
    await ok(state, { type: 'trash.purge', all: true });
    expect(state.activity().filter((x) => x.ticketId === a.ticket.id || x.ticketId === b.ticket.id)).toEqual([]);
    expect(state.get(b.ticket.id)).toBeUndefined();
  });
});

// ---- property: random help desks, random merges and undos ----

const SNAPS: ConversationSnapshot[] = Array.from({ length: 5 }, (_, i) =>
  snapshot({ key: `t-${i}`, subject: `Case ${i}`, contact: { name: `C${i % 2}`, email: `c${i % 2}@example.com`, handle: null } }),
);

type Step =
  | { k: 'merge'; keep: number; others: number[] }
  | { k: 'unmerge'; t: number }
  | { k: 'close'; t: number }
  | { k: 'note'; t: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ k: fc.constant('merge' as const), keep: fc.nat(4), others: fc.array(fc.nat(4), { minLength: 1, maxLength: 3 }) }),
  fc.record({ k: fc.constant('unmerge' as const), t: fc.nat(4) }),
  fc.record({ k: fc.constant('close' as const), t: fc.nat(4) }),
  fc.record({ k: fc.constant('note' as const), t: fc.nat(4) }),
);

describe('merge property', () => {
  it('never loses or doubles a conversation, note or history entry; a merge undone right away restores the exact state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 14 }), async (steps) => {
        const state = await helpDesk();
        const tickets: Ticket[] = [];
        for (const snap of SNAPS) tickets.push((await newTicket(state, snap)).ticket);
        const id = (n: number) => tickets[n]!.id;
        for (const step of steps) {
          if (step.k === 'merge') {
            const before = dump(state);
            const outcome = await runCommand(state, { type: 'ticket.merge', keepId: id(step.keep), mergeIds: step.others.map(id) });
            if (outcome.ok && outcome.value.writes.length > 0) {
              for (const other of new Set(step.others)) await ok(state, { type: 'ticket.unmerge', id: id(other) });
              expect(dump(state)).toEqual(before);
              await ok(state, { type: 'ticket.merge', keepId: id(step.keep), mergeIds: step.others.map(id) });
            }
          } else if (step.k === 'unmerge') await runCommand(state, { type: 'ticket.unmerge', id: id(step.t) });
          else if (step.k === 'close') await runCommand(state, { type: 'ticket.setStatus', ticketId: id(step.t), status: 'closed' });
          else await runCommand(state, { type: 'note.add', ticketId: id(step.t), text: `note ${state.activity().length}` });
          await checkInvariants(state);
        }
      }),
      { numRuns: 80 },
    );
  });
});

async function checkInvariants(state: MemoryState): Promise<void> {
  const all = state.all();
  const tickets = all.filter((r): r is Ticket => r.id.startsWith('ticket:'));
  const live = tickets.filter((t) => t.deletedAt === null);
  const liveIds = new Set(live.map((t) => t.id));
  const children = all.filter((r) => r.id.startsWith('conversation:') || r.id.startsWith('note:')) as (StoredRecord & { ticketId: string })[];
  // Every conversation and note is on exactly one live ticket (the merged-away ones hold none).
  expect(children.length).toBe(SNAPS.length + all.filter((r) => r.id.startsWith('note:')).length);
  for (const child of children) expect(liveIds.has(child.ticketId)).toBe(true);
  // Each history entry shows in exactly one live ticket's record page.
  const shown = new Map<string, number>();
  for (const t of live) for (const a of await combinedHistory(state, t.id)) shown.set(a.id, (shown.get(a.id) ?? 0) + 1);
  for (const a of state.activity()) expect(shown.get(a.id)).toBe(1);
  // R8 on every live ticket.
  for (const t of live) {
    if (t.closedAt === null) continue;
    for (const c of children) if (c.id.startsWith('conversation:') && c.ticketId === t.id) expect((c as unknown as { status: string }).status).toBe('closed');
  }
  // A merged-away ticket points at a ticket that exists.
  for (const t of tickets) if (t.mergedInto) expect(tickets.some((k) => k.id === t.mergedInto)).toBe(true);
}
