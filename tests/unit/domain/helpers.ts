import type { Applied, Command, Refusal } from '../../../core/domain/commands';
import { createMemoryState, runCommand, type MemoryState } from '../../../core/domain/memory';
import type { CommandResults } from '../../../core/domain/rules';
import type { Activity, Conversation, ConversationSnapshot, StoredRecord, Ticket } from '../../../core/domain/types';

/** Fixtures and shorthands for the domain rule tests. */

export const ME = 'agent:me';
export const BOB = 'agent:bob';

export function snapshot(over: Partial<ConversationSnapshot> = {}): ConversationSnapshot {
  return {
    source: 'demo',
    key: 'thread-1',
    subject: 'Refund for order 1042',
    channel: 'email',
    hostUrl: 'http://127.0.0.1:5174/#thread-1',
    contact: { name: 'Ana Ruiz', email: 'Ana.Ruiz@Example.com', handle: null },
    ...over,
  };
}

export const ANA_EMAIL = snapshot();
export const ANA_CHAT = snapshot({
  source: 'slack',
  key: 'C042/1700000000.0001',
  subject: 'About my refund',
  channel: 'chat',
  hostUrl: 'https://app.slack.com/client/T1/C042',
  contact: { name: 'Ana Ruiz', email: 'ana.ruiz@example.com', handle: 'slack:U42' },
});
export const BEN_EMAIL = snapshot({
  key: 'thread-2',
  subject: 'Cannot log in',
  hostUrl: 'http://127.0.0.1:5174/#thread-2',
  contact: { name: 'Ben Ode', email: 'ben@example.org', handle: null },
});

/** A help desk with the local agent (`agent:me`) and one teammate (`agent:bob`). */
export async function helpDesk(): Promise<MemoryState> {
  const state = createMemoryState();
  await ok(state, { type: 'agent.save', id: ME, name: 'Me', email: 'me@example.com' });
  await ok(state, { type: 'agent.save', id: BOB, name: 'Bob', email: '' });
  return state;
}

type ResultOf<C extends Command> = CommandResults[C['type']];

/** Runs a command that must succeed; returns what it applied and its typed result. */
export async function ok<C extends Command>(state: MemoryState, cmd: C): Promise<Applied & { result: ResultOf<C> }> {
  const outcome = await runCommand(state, cmd);
  if (!outcome.ok) throw new Error(`${cmd.type} was refused: ${outcome.error.message}`);
  return outcome.value as Applied & { result: ResultOf<C> };
}

/** Runs a command that must be refused; returns the refusal. Nothing is applied. */
export async function refused(state: MemoryState, cmd: Command): Promise<Refusal> {
  const before = JSON.stringify(state.all());
  const outcome = await runCommand(state, cmd);
  if (outcome.ok) throw new Error(`${cmd.type} was applied but should have been refused`);
  expect(JSON.stringify(state.all())).toBe(before);
  return outcome.error;
}

export async function newTicket(
  state: MemoryState,
  conversation: ConversationSnapshot = ANA_EMAIL,
  fields: Partial<Extract<Command, { type: 'ticket.create' }>['fields']> = {},
): Promise<{ ticket: Ticket; conversation: Conversation }> {
  const { result } = await ok(state, { type: 'ticket.create', conversation, fields: { name: conversation.subject, ...fields } });
  return result;
}

export async function ticketOf(state: MemoryState, id: string): Promise<Ticket> {
  const t = await state.ticket(id);
  if (!t) throw new Error(`no ticket ${id}`);
  return t;
}

export async function conversationOf(state: MemoryState, id: string): Promise<Conversation> {
  const c = await state.conversation(id);
  if (!c) throw new Error(`no conversation ${id}`);
  return c;
}

export function kinds(activity: Activity[]): string[] {
  return activity.map((a) => a.kind);
}

/** Every record without what a write stamps (version, clock, updated*, causeId) and a ticket's lastActivityAt; history left out. */
export function dump(state: MemoryState): Record<string, unknown> {
  const strip = (r: StoredRecord) => {
    const { version: _v, clock: _c, updatedAt: _u, updatedBy: _b, causeId: _k, deviceId: _d, schemaVersion: _s, ...rest } = r;
    if ('lastActivityAt' in rest) delete (rest as { lastActivityAt?: number }).lastActivityAt;
    return rest;
  };
  return Object.fromEntries(state.all().map((r) => [r.id, strip(r)]));
}
