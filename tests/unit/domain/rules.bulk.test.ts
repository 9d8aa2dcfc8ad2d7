import fc from 'fast-check';
import type { Command } from '../../../core/domain/commands';
import { runCommand, type MemoryState } from '../../../core/domain/memory';
import type { Conversation, Ticket } from '../../../core/domain/types';
import { ANA_CHAT, BOB, ME, conversationOf, helpDesk, kinds, newTicket, ok, refused, snapshot, ticketOf } from './helpers';

/** Three tickets: A with two conversations (email + chat), B and C with one each; a note on A. */
async function threeTickets() {
  const state = await helpDesk();
  const a = await newTicket(state, snapshot({ key: 'a-mail' }));
  const aChat = (await ok(state, { type: 'ticket.associate', conversation: { ...ANA_CHAT, key: 'a-chat' }, ticketId: a.ticket.id })).result.conversation;
  const b = await newTicket(state, snapshot({ key: 'b-mail', contact: { name: 'Ben', email: 'ben@example.org', handle: null } }));
  const c = await newTicket(state, snapshot({ key: 'c-mail', contact: { name: 'Cy', email: 'cy@example.net', handle: null } }));
  const note = (await ok(state, { type: 'note.add', ticketId: a.ticket.id, text: 'Refund approved' })).result;
  const ids = [a.ticket.id, b.ticket.id, c.ticket.id];
  const conversations = [a.conversation.id, aChat.id, b.conversation.id, c.conversation.id];
  return { state, ids, a, aChat, b, c, note, conversations };
}

type BulkCommand = Extract<Command, { type: 'tickets.bulk' }>;
const bulk = (ticketIds: string[], action: BulkCommand['action']): BulkCommand => ({
  type: 'tickets.bulk',
  ticketIds,
  action,
});

async function statuses(state: MemoryState, ids: string[]): Promise<string[]> {
  return Promise.all(ids.map(async (id) => (await conversationOf(state, id)).status));
}

describe('tickets.bulk (dashboard bulk actions)', () => {
  it('R8 a bulk close closes every selected ticket and all of their conversations, in one command with one causeId', async () => {
    const { state, ids, conversations } = await threeTickets();
    const { result, writes, activity } = await ok(state, bulk(ids, { type: 'status', status: 'closed' }));
    expect(result).toEqual({ ticketIds: ids, changed: ids });
    for (const id of ids) {
      const t = await ticketOf(state, id);
      expect(t.status).toBe('closed');
      expect(t.closedAt).not.toBeNull();
    }
    expect(await statuses(state, conversations)).toEqual(['closed', 'closed', 'closed', 'closed']);
    // One command: 3 tickets + 4 conversations written once each, all with the same causeId and clock.
    const records = writes.flatMap((w) => (w.op === 'put' ? [w.record] : []));
    expect(records).toHaveLength(7);
    expect(new Set(records.map((r) => r.causeId)).size).toBe(1);
    expect(new Set(activity.map((a) => a.causeId))).toEqual(new Set([records[0]?.causeId]));
    // An activity entry per change: per ticket the status change, its closed conversations, "closed".
    const perTicket = (id: string) => kinds(activity.filter((a) => a.ticketId === id));
    expect(perTicket(ids[0]!)).toEqual(['ticket.property', 'conversation.closed', 'conversation.closed', 'ticket.closed']);
    expect(perTicket(ids[1]!)).toEqual(['ticket.property', 'conversation.closed', 'ticket.closed']);
    expect(activity.filter((a) => a.kind === 'ticket.property').every((a) => a.from === 'new' && a.to === 'closed')).toBe(true);
  });

  it('R9 a bulk reopen reopens the conversation of a one-conversation ticket and none of a ticket with several', async () => {
    const { state, ids, a, aChat, b, c } = await threeTickets();
    await ok(state, bulk(ids, { type: 'status', status: 'closed' }));
    await ok(state, bulk(ids, { type: 'status', status: 'waiting-us' }));
    expect(await statuses(state, [a.conversation.id, aChat.id])).toEqual(['closed', 'closed']);
    expect(await statuses(state, [b.conversation.id, c.conversation.id])).toEqual(['open', 'open']);
    for (const id of ids) expect((await ticketOf(state, id)).closedAt).toBeNull();
  });

  it('R5 a bulk owner change sets the tickets’ owner and never the conversations’', async () => {
    const { state, ids, conversations } = await threeTickets();
    const { result, activity } = await ok(state, bulk(ids, { type: 'owner', ownerId: BOB }));
    expect(result.changed).toEqual(ids);
    for (const id of ids) expect((await ticketOf(state, id)).ownerId).toBe(BOB);
    for (const id of conversations) expect((await conversationOf(state, id)).ownerId).not.toBe(BOB);
    expect(activity.map((a) => [a.kind, a.field, a.to])).toEqual(ids.map(() => ['ticket.property', 'owner', BOB]));
    // Unassigning is an owner change too.
    await ok(state, bulk(ids, { type: 'owner', ownerId: null }));
    for (const id of ids) expect((await ticketOf(state, id)).ownerId).toBeNull();
  });

  it('changes the priority and reports only the tickets it changed', async () => {
    const { state, ids } = await threeTickets();
    await ok(state, { type: 'ticket.update', ticketId: ids[1]!, field: 'priority', value: 'urgent' });
    const { result, activity } = await ok(state, bulk(ids, { type: 'priority', priority: 'urgent' }));
    expect(result.changed).toEqual([ids[0], ids[2]]);
    expect(activity).toHaveLength(2);
    for (const id of ids) expect((await ticketOf(state, id)).priority).toBe('urgent');
  });

  it('R11 a bulk delete trashes every ticket with its conversations and notes; restoring one brings back only its own family', async () => {
    const { state, ids, a, aChat, b, note, conversations } = await threeTickets();
    const { result } = await ok(state, bulk(ids, { type: 'delete' }));
    expect(result.changed).toEqual(ids);
    for (const id of [...ids, ...conversations, note.id]) expect(state.get(id)?.deletedAt).not.toBeNull();
    const { result: restored } = await ok(state, { type: 'trash.restore', id: aChat.id });
    expect(restored.restored.sort()).toEqual([a.ticket.id, a.conversation.id, aChat.id, note.id].sort());
    expect((await ticketOf(state, b.ticket.id)).deletedAt).not.toBeNull();
  });

  it('is refused as a whole, changing nothing, when any selected ticket is missing or in the trash', async () => {
    const { state, ids } = await threeTickets();
    const ghost = 'ticket:01J00000000000000000000000';
    const missing = await refused(state, bulk([...ids, ghost], { type: 'status', status: 'closed' }));
    expect(missing.code).toBe('not_found');
    expect(missing.message).toMatch(/no longer in the help desk.*Nothing was changed/);
    await ok(state, { type: 'ticket.delete', ticketId: ids[2]! });
    const trashed = await refused(state, bulk(ids, { type: 'priority', priority: 'high' }));
    expect(trashed.message).toContain(`Ticket #${ids[2]!.slice(-6)}`);
  });

  it('is refused as a whole for a bad status, priority or owner', async () => {
    const { state, ids } = await threeTickets();
    expect((await refused(state, bulk(ids, { type: 'status', status: 'bogus' }))).message).toMatch(/is not a status/);
    expect((await refused(state, bulk(ids, { type: 'priority', priority: 'bogus' }))).message).toMatch(/is not a priority/);
    expect((await refused(state, bulk(ids, { type: 'owner', ownerId: 'agent:nobody' }))).message).toMatch(/not one of your teammates/);
    expect((await refused(state, bulk([], { type: 'delete' }))).message).toMatch(/at least one/);
  });

  it('applies a repeated id once', async () => {
    const { state, ids } = await threeTickets();
    const { result, activity } = await ok(state, bulk([ids[0]!, ids[0]!], { type: 'priority', priority: 'low' }));
    expect(result.ticketIds).toEqual([ids[0]]);
    expect(activity).toHaveLength(1);
  });

  it('refuses more than 500 tickets', async () => {
    const state = await helpDesk();
    const many = Array.from({ length: 501 }, (_, i) => `ticket:${String(i).padStart(26, '0')}`);
    expect((await refused(state, bulk(many, { type: 'delete' }))).message).toMatch(/At most 500/);
  });
});

/** R8's invariant over the whole help desk: a closed ticket has every live conversation closed. */
async function assertR8(state: MemoryState): Promise<void> {
  const settings = await state.settings();
  const closed = new Set(settings.stages.filter((s) => s.closed).map((s) => s.id));
  const records = state.all();
  const tickets = records.filter((r): r is Ticket => r.id.startsWith('ticket:'));
  const conversations = records.filter((r): r is Conversation => r.id.startsWith('conversation:'));
  for (const t of tickets) {
    if (t.deletedAt !== null) continue;
    expect(closed.has(t.status)).toBe(t.closedAt !== null);
    if (!closed.has(t.status)) continue;
    for (const c of conversations) if (c.ticketId === t.id && c.deletedAt === null) expect(c.status).toBe('closed');
  }
}

describe('tickets.bulk keeps the R8/R9 cascade (property)', () => {
  const STAGES = ['new', 'waiting-contact', 'waiting-us', 'closed'] as const;
  const ticketArb = fc.record({
    conversations: fc.integer({ min: 1, max: 3 }),
    start: fc.constantFrom(...STAGES),
    closeOneConversation: fc.boolean(),
  });

  it('after any bulk status change every ticket obeys R8, and R9 holds for the reopened ones', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ticketArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom(...STAGES), { minLength: 1, maxLength: 3 }),
        fc.func(fc.boolean()),
        async (specs, targets, pick) => {
          const state = await helpDesk();
          const ids: string[] = [];
          const convs = new Map<string, string[]>();
          for (const [i, spec] of specs.entries()) {
            const first = await newTicket(state, snapshot({ key: `t${i}-0`, contact: { name: `C${i}`, email: `c${i}@example.com`, handle: null } }), {
              status: spec.start,
            });
            const list = [first.conversation.id];
            for (let j = 1; j < spec.conversations; j++) {
              const added = await ok(state, {
                type: 'ticket.associate',
                conversation: snapshot({ key: `t${i}-${j}`, channel: 'chat', source: 'slack' }),
                ticketId: first.ticket.id,
              });
              list.push(added.result.conversation.id);
            }
            // R10: one conversation of an open ticket closed by hand, so the conversations are not all alike.
            if (spec.closeOneConversation && spec.start !== 'closed' && list[0]) {
              await ok(state, { type: 'conversation.setStatus', conversationId: list[0], status: 'closed' });
            }
            ids.push(first.ticket.id);
            convs.set(first.ticket.id, list);
          }
          await assertR8(state);
          for (const target of targets) {
            const selection = ids.filter((_, i) => pick(i));
            if (selection.length === 0) continue;
            const before = new Map(await Promise.all(selection.map(async (id) => [id, await ticketOf(state, id)] as const)));
            const beforeConv = new Map(state.all().filter((r): r is Conversation => r.id.startsWith('conversation:')).map((c) => [c.id, c.status]));
            const others = await Promise.all(ids.filter((id) => !selection.includes(id)).map((id) => ticketOf(state, id)));
            const outcome = await runCommand(state, bulk(selection, { type: 'status', status: target }));
            expect(outcome.ok).toBe(true);
            await assertR8(state);
            // Tickets outside the selection are not touched.
            for (const t of others) expect((await ticketOf(state, t.id)).version).toBe(t.version);
            for (const id of selection) {
              const t = await ticketOf(state, id);
              expect(t.status).toBe(target);
              const was = before.get(id)!;
              const list = convs.get(id)!;
              if (was.closedAt !== null && target !== 'closed') {
                // R9: exactly one conversation → reopened; several → none reopened.
                if (list.length === 1) expect((await conversationOf(state, list[0]!)).status).toBe('open');
                else for (const c of list) expect((await conversationOf(state, c)).status).toBe(beforeConv.get(c));
              }
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('trash.purgeItem ("delete forever")', () => {
  it('removes a trashed ticket with the conversations and notes trashed with it, and nothing else', async () => {
    const { state, ids, a, aChat, b, note } = await threeTickets();
    await ok(state, bulk([ids[0]!, ids[1]!], { type: 'delete' }));
    const { result } = await ok(state, { type: 'trash.purgeItem', id: aChat.id });
    expect(result.purged.sort()).toEqual([a.ticket.id, a.conversation.id, aChat.id, note.id].sort());
    for (const id of result.purged) expect(state.get(id)).toBeUndefined();
    expect(state.get(b.ticket.id)?.deletedAt).not.toBeNull();
    expect(state.get(ids[2]!)?.deletedAt).toBeNull();
  });

  it('removes a snippet or a teammate alone, and refuses live or unknown items', async () => {
    const state = await helpDesk();
    const { result: snippet } = await ok(state, { type: 'snippet.save', name: 'Hi', body: 'Hello' });
    expect((await refused(state, { type: 'trash.purgeItem', id: snippet.id })).code).toBe('conflict');
    await ok(state, { type: 'snippet.delete', id: snippet.id });
    expect((await ok(state, { type: 'trash.purgeItem', id: snippet.id })).result.purged).toEqual([snippet.id]);
    expect((await refused(state, { type: 'trash.purgeItem', id: snippet.id })).code).toBe('not_found');
    await ok(state, { type: 'agent.delete', id: BOB });
    expect((await ok(state, { type: 'trash.purgeItem', id: BOB })).result.purged).toEqual([BOB]);
    expect(state.get(ME)).toBeDefined();
  });
});
