import { REOPENED_BY_MESSAGE, type Conversation, type ConversationSnapshot, type Ticket } from '../types';
import { firstOpenStage, ticketOf } from './lookups';
import { observeConversation } from './conversations';
import type { Session } from './session';
import { recordFirstResponse } from './sla';
import { wake } from './time';
import { reopenConversation, setTicketStatus } from './status';

export { REOPENED_BY_MESSAGE };

type Mark = NonNullable<Conversation['lastMessage']>;

/** What the conversation stores of a snapshot's newest message (who wrote it is read afresh each time). */
export function messageMark(snapshot: ConversationSnapshot): Mark | null {
  const last = snapshot.lastMessage;
  return last ? { id: last.id, count: last.count } : null;
}

/**
 * `conversation.observe` with the R9 refinement "a new customer message
 * reopens": after the usual record keeping, the newest message the page
 * shows is compared with the one stored. A message the customer wrote that
 * was not there before reopens the closed ticket (R9) and this conversation,
 * if the settings allow it. The first sighting only stores the mark (nothing
 * to compare with), the same message seen again writes nothing, and a page
 * that can't tell (`lastMessage` null) leaves the stored mark as it is.
 */
export async function observeWithMessages(s: Session, snapshot: ConversationSnapshot): Promise<Conversation> {
  const conversation = await observeConversation(s, snapshot);
  if (conversation.deletedAt !== null) return conversation;
  const mark = messageMark(snapshot);
  if (!mark) return conversation;
  const before = conversation.lastMessage ?? null;
  if (before && before.id === mark.id && before.count === mark.count) return conversation;
  s.change<Conversation>(conversation, { lastMessage: mark });
  // A shorter thread is the page showing less of it (collapsed, paged), not a new message.
  const newer = before !== null && before.id !== mark.id && mark.count >= before.count;
  if (newer && snapshot.lastMessage?.fromContact === true) {
    await wakeForMessage(s, s.current(conversation));
    await reopenForMessage(s, s.current(conversation));
  }
  if (newer && snapshot.lastMessage?.fromContact === false) await answeredOnPage(s, s.current(conversation));
  return s.current(conversation);
}

/** A snoozed ticket wakes when its customer writes, closed or not, whatever the reopen setting says. */
async function wakeForMessage(s: Session, conversation: Conversation): Promise<void> {
  const ticket = await ticketOf(s, conversation);
  if (ticket) wake(s, ticket, 'message');
}

/** The page shows a new reply from the agent: the ticket's first response, if none is recorded yet (SLA). */
async function answeredOnPage(s: Session, conversation: Conversation): Promise<void> {
  const ticket = await ticketOf(s, conversation);
  if (ticket) recordFirstResponse(s, ticket, 'page');
}

async function reopenForMessage(s: Session, conversation: Conversation): Promise<void> {
  const settings = await s.settings();
  if (settings.reopenOnMessage === false) return;
  // A trashed ticket (a merged-away one is trashed too) is not reopened behind the agent's back.
  const ticket: Ticket | undefined = await ticketOf(s, conversation);
  if (!ticket || ticket.closedAt === null) return;
  const stage = firstOpenStage(settings.stages);
  if (!stage) return;
  // This conversation first, with the reason; R9 then reopens the ticket (and leaves its other conversations closed).
  const changed = s.change<Conversation>(conversation, { status: 'open' });
  if (changed) s.log(ticket, 'conversation.reopened', { conversationId: conversation.id, text: REOPENED_BY_MESSAGE });
  await setTicketStatus(s, ticket, stage.id, settings.stages);
  reopenConversation(s, s.current(ticket), s.current(conversation));
}
