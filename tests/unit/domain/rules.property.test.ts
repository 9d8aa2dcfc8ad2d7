import fc from 'fast-check';
import type { Applied, Command, CommandContext } from '../../../core/domain/commands';
import type { MemoryState } from '../../../core/domain/memory';
import { fieldsOf, isMetaKey, isPlainObject, sameValue } from '../../../core/domain/records';
import { applyCommand } from '../../../core/domain/rules';
import type { Conversation, ConversationSnapshot, StoredRecord, Ticket } from '../../../core/domain/types';
import { BOB, ME, helpDesk, ok, snapshot } from './helpers';

/**
 * Random sequences of agent actions over three contacts and five
 * conversations (email and chat, contacts shared across them), checking the
 * rules' invariants after every single step.
 */

const SNAPSHOTS: ConversationSnapshot[] = [
  snapshot({ key: 'ana-mail', contact: { name: 'Ana', email: 'ana@example.com', handle: null } }),
  snapshot({ source: 'slack', key: 'ana-chat', channel: 'chat', contact: { name: 'Ana', email: 'ANA@example.com', handle: 'slack:U1' } }),
  snapshot({ key: 'ben-mail-1', contact: { name: 'Ben', email: 'ben@example.org', handle: null } }),
  snapshot({ key: 'ben-mail-2', contact: { name: 'Ben', email: 'ben@example.org', handle: null } }),
  snapshot({ source: 'whatsapp', key: 'cy-chat', channel: 'chat', contact: { name: 'Cy', email: null, handle: 'whatsapp:+34600' } }),
];
const STAGES = ['new', 'waiting-contact', 'waiting-us', 'closed', 'bogus'] as const;

type Step =
  | { k: 'observe'; snap: number }
  | { k: 'create'; snap: number; stage: (typeof STAGES)[number] }
  | { k: 'associate'; snap: number; ticket: number }
  | { k: 'update'; ticket: number; field: 'priority' | 'owner' | 'name' | 'custom.order'; pick: number }
  | { k: 'setStatus'; ticket: number; stage: (typeof STAGES)[number] }
  | { k: 'delete'; ticket: number }
  | { k: 'convOwner'; snap: number; owner: number }
  | { k: 'convStatus'; snap: number; open: boolean }
  | { k: 'trash'; snap: number }
  | { k: 'restore'; target: number }
  | { k: 'note'; ticket: number }
  | { k: 'block'; snap: number }
  | { k: 'purge' };

const snap = fc.nat(SNAPSHOTS.length - 1);
const ticket = fc.nat(6);
const stage = fc.constantFrom(...STAGES);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('observe' as const), snap }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('create' as const), snap, stage }), weight: 4 },
  { arbitrary: fc.record({ k: fc.constant('associate' as const), snap, ticket }), weight: 3 },
  {
    arbitrary: fc.record({
      k: fc.constant('update' as const),
      ticket,
      field: fc.constantFrom('priority' as const, 'owner' as const, 'name' as const, 'custom.order' as const),
      pick: fc.nat(3),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ k: fc.constant('setStatus' as const), ticket, stage }), weight: 5 },
  { arbitrary: fc.record({ k: fc.constant('delete' as const), ticket }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('convOwner' as const), snap, owner: fc.nat(2) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('convStatus' as const), snap, open: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('trash' as const), snap }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('restore' as const), target: fc.nat(12) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('note' as const), ticket }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('block' as const), snap }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('purge' as const) }), weight: 1 },
);

interface World {
  state: MemoryState;
  /** Ticket ids in creation order (purged ones included: commands on them must be refused cleanly). */
  tickets: string[];
}

const pick = <T,>(list: readonly T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);

async function conversationId(w: World, i: number): Promise<string> {
  const s = SNAPSHOTS[i] ?? SNAPSHOTS[0];
  return (s && (await w.state.conversationByKey(s.source, s.key))?.id) ?? 'conversation:NONE';
}

/** Turns an abstract step into a concrete command against the current world. */
async function toCommand(w: World, step: Step): Promise<Command> {
  const ticketId = (i: number) => pick(w.tickets, i) ?? 'ticket:NONE';
  const snapOf = (i: number) => SNAPSHOTS[i] ?? snapshot();
  switch (step.k) {
    case 'observe':
      return { type: 'conversation.observe', conversation: snapOf(step.snap) };
    case 'create': {
      const status = step.stage === 'new' ? undefined : step.stage;
      return { type: 'ticket.create', conversation: snapOf(step.snap), fields: { name: `T${step.snap}`, status } };
    }
    case 'associate':
      return { type: 'ticket.associate', conversation: snapOf(step.snap), ticketId: ticketId(step.ticket) };
    case 'update': {
      const values = {
        priority: ['low', 'high', 'urgent', 'nope'],
        owner: [ME, BOB, null, 'agent:ghost'],
        name: ['A', 'B', ' ', 'C'],
        'custom.order': [1, 2, null, 'x'],
      }[step.field];
      return { type: 'ticket.update', ticketId: ticketId(step.ticket), field: step.field, value: values[step.pick % values.length] ?? null };
    }
    case 'setStatus':
      return { type: 'ticket.setStatus', ticketId: ticketId(step.ticket), status: step.stage };
    case 'delete':
      return { type: 'ticket.delete', ticketId: ticketId(step.ticket) };
    case 'convOwner':
      return { type: 'conversation.setOwner', conversationId: await conversationId(w, step.snap), ownerId: [ME, BOB, null][step.owner] ?? null };
    case 'convStatus':
      return { type: 'conversation.setStatus', conversationId: await conversationId(w, step.snap), status: step.open ? 'open' : 'closed' };
    case 'trash':
      return { type: 'conversation.trash', conversationId: await conversationId(w, step.snap) };
    case 'restore': {
      // Mostly something in the trash; sometimes anything (which must be refused if live).
      const candidates = w.state.all().filter((r) => /^(ticket|conversation):/.test(r.id));
      const trashed = candidates.filter((r) => r.deletedAt !== null);
      const ids = (step.target % 4 === 0 || trashed.length === 0 ? candidates : trashed).map((r) => r.id);
      return { type: 'trash.restore', id: pick(ids, step.target) ?? 'ticket:NONE' };
    }
    case 'note':
      return { type: 'note.add', ticketId: ticketId(step.ticket), text: 'noted' };
    case 'block': {
      const c = await w.state.conversation(await conversationId(w, step.snap));
      return { type: 'contact.block', contactId: c?.contactId ?? 'contact:NONE', blocked: true };
    }
    case 'purge':
      return { type: 'trash.purge', all: true };
  }
}

// ---- invariants ----

type Snapshot = Map<string, StoredRecord>;

const isTicket = (r: StoredRecord | undefined): r is Ticket => !!r && r.id.startsWith('ticket:');
const isConversation = (r: StoredRecord | undefined): r is Conversation => !!r && r.id.startsWith('conversation:');
const conversationsIn = (s: Snapshot) => [...s.values()].filter(isConversation);
const liveConversationsOf = (s: Snapshot, ticketId: string) =>
  conversationsIn(s).filter((c) => c.ticketId === ticketId && c.deletedAt === null);

/** R2: a conversation never loses or changes its ticket (the link survives the trash; purge removes both). */
function checkTicketLinks(prev: Snapshot, next: Snapshot): void {
  for (const before of conversationsIn(prev)) {
    const after = next.get(before.id);
    if (before.ticketId !== null && isConversation(after)) expect(after.ticketId).toBe(before.ticketId);
  }
  const keys = conversationsIn(next).map((c) => `${c.source}|${c.key}`);
  expect(new Set(keys).size).toBe(keys.length);
}

/** R11 both ways: a conversation is in the trash exactly when its ticket is. */
function checkTrashCascade(next: Snapshot): void {
  for (const c of conversationsIn(next)) {
    if (c.ticketId === null) continue;
    const t = next.get(c.ticketId);
    expect(isTicket(t)).toBe(true);
    expect(c.deletedAt === null).toBe(t?.deletedAt === null);
  }
}

/** R8: a ticket in the closed stage has all its live conversations closed; closedAt agrees with the stage. */
function checkClosedTickets(next: Snapshot): void {
  for (const t of [...next.values()].filter(isTicket)) {
    expect(t.closedAt !== null).toBe(t.status === 'closed');
    if (t.status !== 'closed' || t.deletedAt !== null) continue;
    for (const c of liveConversationsOf(next, t.id)) expect(c.status).toBe('closed');
  }
}

/** SLA: every ticket's status log ends with its status, in time order (pauses are measured from it). */
function checkStatusLog(next: Snapshot): void {
  for (const t of [...next.values()].filter(isTicket)) {
    const log = t.sla?.statusLog ?? [];
    expect(log[log.length - 1]?.status).toBe(t.status);
    for (let i = 1; i < log.length; i++) expect(log[i]!.at).toBeGreaterThanOrEqual(log[i - 1]!.at);
  }
}

/** R9: reopening reopens the conversation only when it is the only one; with several, none changes. */
function checkReopen(prev: Snapshot, next: Snapshot, cmd: Command): void {
  if (cmd.type !== 'ticket.setStatus' && !(cmd.type === 'ticket.update' && cmd.field === 'status')) return;
  const before = prev.get(cmd.ticketId);
  const after = next.get(cmd.ticketId);
  if (!isTicket(before) || !isTicket(after) || before.closedAt === null || after.closedAt !== null) return;
  const conversations = liveConversationsOf(prev, before.id);
  if (conversations.length === 1) {
    expect(next.get(conversations[0]?.id ?? '')).toMatchObject({ status: 'open' });
  } else {
    for (const c of conversations) expect(next.get(c.id)).toMatchObject({ status: c.status });
  }
}

/** R10: closing or reopening a conversation never changes its ticket's status. */
function checkConversationStatus(prev: Snapshot, next: Snapshot, cmd: Command): void {
  if (cmd.type !== 'conversation.setStatus') return;
  const c = prev.get(cmd.conversationId);
  if (!isConversation(c) || c.ticketId === null) return;
  const before = prev.get(c.ticketId);
  const after = next.get(c.ticketId);
  if (isTicket(before) && isTicket(after)) expect([after.status, after.closedAt]).toEqual([before.status, before.closedAt]);
}

/** Trash actions trash the family; restore brings it back. */
function checkTrashCommands(next: Snapshot, cmd: Command): void {
  const conversation = cmd.type === 'conversation.trash' ? next.get(cmd.conversationId) : undefined;
  if (isConversation(conversation)) expect(conversation.deletedAt).not.toBeNull();
  if (cmd.type === 'ticket.delete') expect(next.get(cmd.ticketId)?.deletedAt).not.toBeNull();
  if (cmd.type === 'trash.restore') {
    const restored = next.get(cmd.id);
    expect(restored?.deletedAt).toBeNull();
    if (isConversation(restored) && restored.ticketId) expect(next.get(restored.ticketId)?.deletedAt).toBeNull();
  }
}

/** Every record a command touches carries its causeId, clock and version + 1; every ticket change is logged. */
function checkStamps(prev: Snapshot, applied: Applied, ctx: CommandContext): void {
  for (const entry of applied.activity) expect(entry).toMatchObject({ causeId: ctx.causeId, clock: ctx.clock, at: ctx.now });
  if (applied.writes.length === 0) expect(applied.activity).toEqual([]);
  for (const w of applied.writes) {
    if (w.op === 'remove') continue;
    const before = prev.get(w.record.id);
    expect(w.record.version).toBe((before?.version ?? 0) + 1);
    expect(w.record).toMatchObject({ causeId: ctx.causeId, updatedAt: ctx.now, deviceId: ctx.deviceId });
    for (const key of changedFieldKeys(before, w.record)) expect(w.record.clock[key]).toBe(ctx.clock);
    if (isTicket(w.record)) expect(applied.activity.some((a) => a.ticketId === w.record.id)).toBe(true);
  }
}

/** Clock keys of the fields that differ between two versions of a record (custom values one by one). */
function changedFieldKeys(before: StoredRecord | undefined, after: StoredRecord): string[] {
  const b = fieldsOf(before ?? {});
  const a = fieldsOf(after);
  const keys: string[] = [];
  for (const key of Object.keys(a)) {
    if (isMetaKey(key) || sameValue(a[key], b[key])) continue;
    if (key !== 'custom') {
      keys.push(key);
      continue;
    }
    const [ca, cb] = [a.custom, b.custom].map((c) => (isPlainObject(c) ? c : {})) as [Record<string, unknown>, Record<string, unknown>];
    keys.push(...Object.keys(ca).filter((k) => !sameValue(ca[k], cb[k])));
  }
  return keys;
}

/** A help desk with two agents, one custom property and every conversation already seen once. */
async function newWorld(): Promise<World> {
  const state = await helpDesk();
  await ok(state, { type: 'settings.update', properties: [{ id: 'custom.order', name: 'Order', type: 'number' }] });
  for (const conversation of SNAPSHOTS) await ok(state, { type: 'conversation.observe', conversation });
  return { state, tickets: [] };
}

async function runStep(w: World, step: Step): Promise<void> {
  const cmd = await toCommand(w, step);
  const prev: Snapshot = new Map(w.state.all().map((r) => [r.id, r]));
  const ctx = w.state.nextContext();
  const outcome = await applyCommand(w.state, cmd, ctx);
  if (!outcome.ok) {
    expect(outcome.error.message.length).toBeGreaterThan(0);
    return;
  }
  w.state.apply(outcome.value);
  const next: Snapshot = new Map(w.state.all().map((r) => [r.id, r]));
  if (cmd.type === 'ticket.create') w.tickets.push((outcome.value.result as { ticket: Ticket }).ticket.id);
  checkTicketLinks(prev, next);
  checkTrashCascade(next);
  checkClosedTickets(next);
  checkStatusLog(next);
  checkReopen(prev, next, cmd);
  checkConversationStatus(prev, next, cmd);
  checkTrashCommands(next, cmd);
  checkStamps(prev, outcome.value, ctx);
}

describe('rules hold over random sequences of agent actions (R2, R8, R9, R10, R11)', () => {
  it('R2 R8 R9 R10 R11 invariants hold after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 40, size: 'max' }), async (steps) => {
        const world = await newWorld();
        for (const step of steps) await runStep(world, step);
      }),
      { numRuns: 200 },
    );
    // 200 runs take 3–4 s on a quiet machine; the default 5 s limit failed a loaded one.
  }, 30_000);
});
