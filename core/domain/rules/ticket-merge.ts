import { shortId } from '../ids';
import { mergedIntoOf, type Conversation, type MergeMoved, type Note, type Ticket } from '../types';
import { refuse, type Session } from './session';
import { closeConversation } from './status';
import { keepKnownSettings } from './trash';

/**
 * Merging tickets opened for one problem. The merged-away tickets hand their
 * live conversations and notes to the kept ticket and become tombstones: in
 * the trash, `mergedInto` the kept ticket, with what moved written on them
 * (`mergeMoved`), so the undo puts back exactly that while the trash keeps
 * them. History is append-only and never moves: the kept ticket's record
 * page reads the histories of the tickets merged into it along with its own
 * (core/store/queries.ts), following the `ticket.merged` / `ticket.unmerged`
 * entries written on both sides.
 */

export interface Merged {
  keepId: string;
  /** The tickets merged away. */
  merged: string[];
  /** The conversations and notes that moved to the kept ticket. */
  moved: string[];
}

export async function mergeTickets(s: Session, keepId: string, mergeIds: string[]): Promise<Merged> {
  const ids = [...new Set(mergeIds)];
  if (ids.length === 0) refuse('invalid', 'mergePickOne');
  if (ids.includes(keepId)) refuse('conflict', 'mergeSelf', { id: shortId(keepId) });
  const keep = await s.ticket(keepId);
  if (!keep) refuse('not_found', 'mergeKeepGone');
  const keepTarget = mergedIntoOf(keep);
  if (keepTarget) refuse('conflict', 'mergeKeepMerged', { id: shortId(keepId), target: shortId(keepTarget) });
  if (keep.deletedAt !== null) refuse('conflict', 'mergeKeepTrashed', { id: shortId(keepId) });

  const sources: Ticket[] = [];
  for (const id of ids) {
    const ticket = await s.ticket(id);
    if (!ticket) refuse('not_found', 'mergeTicketGone', { id: shortId(id) });
    const target = mergedIntoOf(ticket);
    if (target) refuse('conflict', 'mergeAlreadyMerged', { id: shortId(id), target: shortId(target) });
    if (ticket.deletedAt !== null) refuse('conflict', 'mergeTicketTrashed', { id: shortId(id) });
    sources.push(ticket);
  }

  const movedIds: string[] = [];
  for (const ticket of sources) {
    const conversations = (await s.conversationsOfTicket(ticket.id)).filter((c) => c.deletedAt === null);
    const notes = (await s.notesOfTicket(ticket.id)).filter((n) => n.deletedAt === null);
    const moved: MergeMoved = {
      conversations: conversations.map((c) => ({ id: c.id, status: c.status })),
      notes: notes.map((n) => n.id),
    };
    for (const c of conversations) {
      s.change<Conversation>(c, { ticketId: keep.id });
      // R8: a closed ticket has no open conversation, whichever ticket it came from.
      if (keep.closedAt !== null) closeConversation(s, keep, s.current(c));
    }
    for (const n of notes) s.change<Note>(n, { ticketId: keep.id });
    s.change<Ticket>(ticket, { deletedAt: s.ctx.now, mergedInto: keep.id, mergeMoved: moved });
    const link = { from: ticket.id, to: keep.id };
    s.log(ticket, 'ticket.merged', link);
    s.log(keep, 'ticket.merged', link);
    movedIds.push(...moved.conversations.map((c) => c.id), ...moved.notes);
  }
  return { keepId: keep.id, merged: sources.map((t) => t.id), moved: movedIds };
}

export interface Unmerged {
  /** The ticket back from its merge, and the kept ticket it came out of. */
  ticketId: string;
  keptId: string;
  /** The conversations and notes that went back. */
  moved: string[];
}

/**
 * The undo of a merge, from the merged-away ticket's id (its record page, or
 * the trash's restore). Refused, with nothing changed, when what moved is no
 * longer on the kept ticket as the merge left it.
 */
export async function unmergeTicket(s: Session, ticketId: string): Promise<Unmerged> {
  const ticket = await s.ticket(ticketId);
  if (!ticket) refuse('not_found', 'unmergePurged');
  const keptId = mergedIntoOf(ticket);
  if (!keptId) refuse('conflict', 'unmergeNotMerged', { id: shortId(ticketId) });
  const kept = await s.ticket(keptId);
  const moved: MergeMoved = ticket.mergeMoved ?? { conversations: [], notes: [] };
  const notesOfKept = new Map((await s.notesOfTicket(keptId)).map((n) => [n.id, n]));
  const conversations: { record: Conversation; status: Conversation['status'] }[] = [];
  for (const { id, status } of moved.conversations) {
    const record = await s.conversation(id);
    if (!record) refuse('conflict', 'unmergeConversationPurged');
    if (record.ticketId !== keptId) {
      refuse('conflict', 'unmergeConversationMoved', { id: shortId(record.ticketId ?? keptId) });
    }
    if (record.deletedAt !== null || !kept || kept.deletedAt !== null) {
      refuse('conflict', 'unmergeKeptTrashedAll', { id: shortId(keptId) });
    }
    conversations.push({ record, status });
  }
  const notes: Note[] = [];
  for (const id of moved.notes) {
    const note = notesOfKept.get(id);
    if (!note) refuse('conflict', 'unmergeNoteMoved', { id: shortId(keptId) });
    if (note.deletedAt !== null) refuse('conflict', 'unmergeKeptTrashed', { id: shortId(keptId) });
    notes.push(note);
  }
  if (!kept) refuse('conflict', 'unmergeKeptPurged', { id: shortId(keptId) });

  s.change<Ticket>(ticket, { deletedAt: null, mergedInto: null, mergeMoved: null });
  const back = s.current(ticket);
  for (const { record, status } of conversations) {
    s.change<Conversation>(record, { ticketId: ticket.id, status });
    if (status === 'open' && record.status === 'closed') s.log(back, 'conversation.reopened', { conversationId: record.id });
  }
  for (const note of notes) s.change<Note>(note, { ticketId: ticket.id });
  // The trash's rule for a restored ticket: its stage or priority may have been removed meanwhile (R8 kept).
  await keepKnownSettings(s, s.current(ticket));
  const link = { from: ticket.id, to: keptId };
  s.log(s.current(ticket), 'ticket.unmerged', link);
  s.log(kept, 'ticket.unmerged', link);
  return { ticketId: ticket.id, keptId, moved: [...conversations.map((c) => c.record.id), ...notes.map((n) => n.id)] };
}
