import { shortId } from '../ids';
import { mergedIntoOf, type Conversation, type Stage, type Ticket } from '../types';
import { refuse, type Session } from './session';

/** Reads that refuse with a clear message when the record is missing or in the trash. */

export async function liveTicket(s: Session, id: string): Promise<Ticket> {
  const ticket = await s.ticket(id);
  if (!ticket) refuse('not_found', 'ticketGone');
  const keptId = mergedIntoOf(ticket);
  if (keptId) refuse('conflict', 'ticketMergedAway', { id: shortId(id), target: shortId(keptId) });
  if (ticket.deletedAt !== null) refuse('conflict', 'ticketTrashed', { id: shortId(id) });
  return ticket;
}

export async function liveConversation(s: Session, id: string): Promise<Conversation> {
  const conversation = await s.conversation(id);
  if (!conversation) refuse('not_found', 'conversationGone');
  assertLiveConversation(conversation);
  return conversation;
}

export function assertLiveConversation(conversation: Conversation): void {
  if (conversation.deletedAt !== null) {
    refuse('conflict', 'conversationTrashed');
  }
}

/** The ticket's conversations that are not in the trash. */
export async function liveConversationsOf(s: Session, ticketId: string): Promise<Conversation[]> {
  return (await s.conversationsOfTicket(ticketId)).filter((c) => c.deletedAt === null);
}

/** The conversation's ticket when it has a live one (a live conversation's ticket is live, R11). */
export async function ticketOf(s: Session, conversation: Conversation): Promise<Ticket | undefined> {
  if (!conversation.ticketId) return undefined;
  const ticket = await s.ticket(conversation.ticketId);
  return ticket && ticket.deletedAt === null ? ticket : undefined;
}

/** An owner is a teammate who exists and isn't deleted, or null for "unassigned". */
export async function checkOwner(s: Session, ownerId: unknown): Promise<string | null> {
  if (ownerId === null) return null;
  if (typeof ownerId !== 'string') refuse('invalid', 'ownerInvalid');
  const agent = await s.agent(ownerId);
  if (!agent || agent.deletedAt !== null) {
    refuse('invalid', 'ownerUnknown');
  }
  return ownerId;
}

export function stageById(stages: Stage[], id: unknown): Stage {
  const stage = typeof id === 'string' ? stages.find((st) => st.id === id) : undefined;
  if (!stage) refuse('invalid', 'statusUnknown', { value: String(id), options: stages.map((st) => st.name).join(', ') });
  return stage;
}

/** The closed stage (settings keep exactly one). */
export function closedStage(stages: Stage[]): Stage | undefined {
  return stages.find((st) => st.closed);
}

/** Where new tickets start: the first stage that isn't the closed one. */
export function firstOpenStage(stages: Stage[]): Stage | undefined {
  return stages.find((st) => !st.closed);
}
