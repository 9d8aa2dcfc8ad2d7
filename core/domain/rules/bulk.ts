import type { Command } from '../commands';
import { shortId } from '../ids';
import { checkOwner, stageById } from './lookups';
import { refuse, type Session } from './session';
import { changeTicketStatus, updateTicket } from './tickets';
import { changeTicketTags, checkTagChange } from './tags';
import { deleteTicket } from './trash';

type BulkCommand = Extract<Command, { type: 'tickets.bulk' }>;
export type BulkAction = BulkCommand['action'];

/** At most this many tickets per bulk command (the schema says the same; the rules don't rely on it). */
export const MAX_BULK_TICKETS = 500;

export interface BulkResult {
  /** The tickets the command was applied to, deduplicated, in the order given. */
  ticketIds: string[];
  /** Those the action changed (an already closed ticket closed again changes nothing). */
  changed: string[];
}

/**
 * The dashboard's bulk actions: the single-ticket rule applied to each
 * ticket, all inside this one command — one transaction, one causeId, one
 * activity entry per change. A status change goes through R8/R9 for every
 * ticket (a bulk close closes every conversation); a delete is R11 for every
 * ticket. Everything is checked before anything is written, and any refusal
 * (a missing ticket, a bad value) refuses the whole command.
 */
export async function bulkTickets(s: Session, cmd: Pick<BulkCommand, 'ticketIds' | 'action'>): Promise<BulkResult> {
  const ticketIds = [...new Set(cmd.ticketIds)];
  if (ticketIds.length === 0) refuse('invalid', 'bulkNone');
  if (ticketIds.length > MAX_BULK_TICKETS) {
    refuse('invalid', 'bulkTooMany', { max: MAX_BULK_TICKETS, n: ticketIds.length });
  }
  await assertAllLive(s, ticketIds);
  await checkAction(s, cmd.action);
  const tags = cmd.action.type === 'tags' ? await checkTagChange(s, cmd.action.add, cmd.action.remove) : null;

  const changed: string[] = [];
  for (const id of ticketIds) {
    const before = await s.ticket(id);
    await (tags ? changeTicketTags(s, id, tags) : applyOne(s, id, cmd.action));
    // Each ticket is touched once per command, so any write shows as version + 1.
    if ((await s.ticket(id))?.version !== before?.version) changed.push(id);
  }
  return { ticketIds, changed };
}

/** A bulk change on a selection the agent saw: if any of it is gone, nothing is changed. */
async function assertAllLive(s: Session, ids: string[]): Promise<void> {
  const gone: string[] = [];
  for (const id of ids) {
    const ticket = await s.ticket(id);
    if (!ticket || ticket.deletedAt !== null) gone.push(id);
  }
  if (gone.length === 0) return;
  const which = gone.slice(0, 5).map(shortId).join(', ') + (gone.length > 5 ? ' …' : '');
  refuse('not_found', gone.length === 1 ? 'bulkOneGone' : 'bulkSomeGone', { n: gone.length, ids: which });
}

/** Checks the value once, so a bad one is refused before any ticket is touched. */
async function checkAction(s: Session, action: BulkAction): Promise<void> {
  switch (action.type) {
    case 'status':
      stageById((await s.settings()).stages, action.status);
      return;
    case 'owner':
      await checkOwner(s, action.ownerId);
      return;
    case 'priority':
    case 'tags':
    case 'delete':
      return; // tags are checked with their change (bulkTickets); priority is checked by ticket.update's own rule on the first ticket
  }
}

function applyOne(s: Session, ticketId: string, action: BulkAction): Promise<unknown> {
  switch (action.type) {
    case 'status':
      return changeTicketStatus(s, ticketId, action.status);
    case 'owner':
      return updateTicket(s, ticketId, 'owner', action.ownerId);
    case 'priority':
      return updateTicket(s, ticketId, 'priority', action.priority);
    case 'delete':
      return deleteTicket(s, ticketId);
    case 'tags':
      return checkTagChange(s, action.add, action.remove).then((change) => changeTicketTags(s, ticketId, change));
  }
}
