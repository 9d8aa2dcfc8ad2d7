import type { Conversation, Stage, Ticket } from '../types';
import { liveConversationsOf, stageById } from './lookups';
import type { Session } from './session';
import { withStatus } from './sla';

/**
 * R8 / R9: the ticket status cascade, shared by `ticket.setStatus`,
 * `ticket.update {field:'status'}` and `settings.update` (moving the tickets
 * of a removed stage). Invariant kept: a ticket in the closed stage has all
 * its live conversations closed.
 */

/** Moves a ticket to `stageId` (one of `stages`) with the R8/R9 cascade. Same stage: nothing happens. */
export async function setTicketStatus(s: Session, ticket: Ticket, stageId: unknown, stages: Stage[]): Promise<Ticket> {
  const target = stageById(stages, stageId);
  const current = s.current(ticket);
  if (current.status === target.id) return current;
  // closedAt, not the old stage's flag: the old stage may be one settings.update is removing.
  const wasClosed = current.closedAt !== null;
  s.change<Ticket>(current, {
    status: target.id,
    closedAt: target.closed ? (current.closedAt ?? s.ctx.now) : null,
    sla: withStatus(current, target.id, s.ctx.now),
  });
  s.log(current, 'ticket.property', { field: 'status', from: current.status, to: target.id });
  if (target.closed) await closeAllConversations(s, current, wasClosed);
  else if (wasClosed) await reopenAfterTicket(s, current);
  return s.current(current);
}

/** R8: closing the ticket closes all its conversations. */
async function closeAllConversations(s: Session, ticket: Ticket, wasClosed: boolean): Promise<void> {
  for (const conversation of await liveConversationsOf(s, ticket.id)) {
    closeConversation(s, ticket, conversation);
  }
  if (!wasClosed) s.log(ticket, 'ticket.closed');
}

/** R9: reopen the ticket; its conversation too only if it has exactly one. */
async function reopenAfterTicket(s: Session, ticket: Ticket): Promise<void> {
  s.log(ticket, 'ticket.reopened');
  const conversations = await liveConversationsOf(s, ticket.id);
  const only = conversations.length === 1 ? conversations[0] : undefined;
  if (only) reopenConversation(s, ticket, only);
}

/** Closes one conversation (logged on its ticket, if any). Already closed: nothing happens. */
export function closeConversation(s: Session, ticket: Ticket | undefined, conversation: Conversation): void {
  const changed = s.change<Conversation>(conversation, { status: 'closed' });
  if (changed && ticket) s.log(ticket, 'conversation.closed', { conversationId: conversation.id });
}

export function reopenConversation(s: Session, ticket: Ticket | undefined, conversation: Conversation): void {
  const changed = s.change<Conversation>(conversation, { status: 'open' });
  if (changed && ticket) s.log(ticket, 'conversation.reopened', { conversationId: conversation.id });
}
