import { TRASH_RETENTION_MS } from '../defaults';
import { prefixOf } from '../ids';
import { mergedIntoOf, type Activity, type Agent, type Conversation, type Note, type Snippet, type StoredRecord, type Ticket } from '../types';
import { flagFor } from './contacts';
import { withStatus } from './sla';
import { closedStage, firstOpenStage } from './lookups';
import { defaultPriority } from './tickets';
import { splitContact } from './contacts';
import { isContact, isConversation, isNote, isTicket, refuse, type Session } from './session';
import { unmergeTicket } from './ticket-merge';
import { mergedInto } from '../merged-history';

/**
 * R11: the trash. A trash action tombstones a whole family at once — the
 * ticket, all its conversations and its notes — with one deletedAt and one
 * causeId, which is how `trash.restore` later finds the family again.
 * Conversations keep their ticketId in the trash (R2: never dissociated).
 */

export interface Trashed {
  /** Ids of the records moved to the trash (the UI's "Undo" can restore any of them). */
  trashed: string[];
}

/** "Move to trash" on a conversation: its ticket and the ticket's other conversations go too. */
export async function trashConversation(s: Session, conversationId: string): Promise<Trashed> {
  const conversation = await s.conversation(conversationId);
  if (!conversation) refuse('not_found', 'conversationGone');
  if (conversation.deletedAt !== null) return { trashed: [] };
  const ticket = conversation.ticketId ? await s.ticket(conversation.ticketId) : undefined;
  if (ticket && ticket.deletedAt === null) return trashFamily(s, ticket);
  return { trashed: tombstone(s, [conversation]) };
}

/** Deleting a ticket deletes its conversations. */
export async function deleteTicket(s: Session, ticketId: string): Promise<Trashed> {
  const ticket = await s.ticket(ticketId);
  if (!ticket) refuse('not_found', 'ticketGone');
  if (ticket.deletedAt !== null) return { trashed: [] };
  return trashFamily(s, ticket);
}

async function trashFamily(s: Session, ticket: Ticket): Promise<Trashed> {
  const conversations = (await s.conversationsOfTicket(ticket.id)).filter(isLive);
  const notes = (await s.notesOfTicket(ticket.id)).filter(isLive);
  for (const c of conversations) s.log(ticket, 'conversation.trashed', { conversationId: c.id });
  s.log(ticket, 'ticket.trashed');
  return { trashed: tombstone(s, [ticket, ...conversations, ...notes]) };
}

function tombstone(s: Session, records: StoredRecord[]): string[] {
  for (const record of records) s.change<StoredRecord>(record, { deletedAt: s.ctx.now });
  return records.map((r) => r.id);
}

/** Snippets and teammates are trashed alone. */
export function trashAlone(s: Session, record: Snippet | Agent): Trashed {
  if (record.deletedAt !== null) return { trashed: [] };
  return { trashed: tombstone(s, [record]) };
}

export interface Restored {
  restored: string[];
}

/**
 * Given any id a trash action removed, restores everything that action
 * removed. A conversation of a ticket brings its ticket back (a live
 * conversation never has a trashed ticket).
 */
export async function restore(s: Session, id: string): Promise<Restored> {
  const restored = await restoreOf(s, id);
  await refreshFlags(s, restored.restored);
  return restored;
}

/**
 * R12: a conversation trashed while its contact was blocked or spam, whose
 * flag was lifted meanwhile, comes back with the contact's flag of today.
 */
async function refreshFlags(s: Session, ids: string[]): Promise<void> {
  for (const id of ids) {
    if (prefixOf(id) !== 'conversation') continue;
    const conversation = await s.conversation(id);
    if (!conversation || conversation.flag === null || !conversation.contactId) continue;
    const flag = flagFor(await s.contact(conversation.contactId));
    if (flag !== conversation.flag) s.change<Conversation>(conversation, { flag });
  }
}

async function restoreOf(s: Session, id: string): Promise<Restored> {
  const record = await findRestorable(s, id);
  if (!record) refuse('not_found', 'restoreNothing');
  if (record.deletedAt === null) refuse('conflict', 'restoreNotTrashed');
  if (isTicket(record) && mergedIntoOf(record)) {
    // A merged-away ticket is in the trash as the merge left it: restoring it is the merge's undo.
    const { ticketId, moved } = await unmergeTicket(s, record.id);
    return { restored: [ticketId, ...moved] };
  }
  if (isTicket(record)) return restoreFamily(s, record);
  // A contact is in the trash because it was merged into another: restoring it is the split.
  if (isContact(record)) return { restored: [(await splitContact(s, record.id)).merged.id] };
  if ((isConversation(record) && record.ticketId) || isNote(record)) {
    const ticket = await s.ticket(record.ticketId!);
    if (ticket && ticket.deletedAt !== null) {
      const family = await restoreFamily(s, ticket);
      // Normally in the family already; a merge could have given it another causeId.
      if (!family.restored.includes(record.id)) family.restored.push(...untombstone(s, [record]));
      return family;
    }
    // A note deleted alone (R14) comes back to its live ticket, and the history says so.
    if (ticket && isNote(record)) s.log(ticket, 'note.restored', { noteId: record.id, text: record.text });
  }
  return { restored: untombstone(s, [record]) };
}

async function findRestorable(s: Session, id: string): Promise<StoredRecord | undefined> {
  switch (prefixOf(id)) {
    case 'ticket':
      return s.ticket(id);
    case 'conversation':
      return s.conversation(id);
    case 'snippet':
      return s.snippet(id);
    case 'agent':
      return s.agent(id);
    case 'note':
      // A note deleted by its author (R14); one trashed with its ticket brings that ticket back.
      return s.note(id);
    case 'contact':
      return s.contact(id);
    default:
      return undefined;
  }
}

/** The ticket and the conversations and notes the same action trashed (same causeId). */
async function restoreFamily(s: Session, ticket: Ticket): Promise<Restored> {
  const sameAction = (r: Conversation | Note) => r.deletedAt !== null && r.causeId === ticket.causeId;
  const conversations = (await s.conversationsOfTicket(ticket.id)).filter(sameAction);
  const notes = (await s.notesOfTicket(ticket.id)).filter(sameAction);
  const restored = untombstone(s, [ticket, ...conversations, ...notes]);
  await keepKnownSettings(s, ticket);
  s.log(ticket, 'ticket.restored');
  for (const c of conversations) s.log(ticket, 'conversation.restored', { conversationId: c.id });
  return { restored };
}

function untombstone(s: Session, records: StoredRecord[]): string[] {
  for (const record of records) s.change<StoredRecord>(record, { deletedAt: null });
  return records.map((r) => r.id);
}

/**
 * A trashed ticket is never rewritten (its family would lose the causeId that
 * ties it together), so settings.update may meanwhile have removed its
 * status or priority, or switched that status between open and closed. On
 * the way back it lands in the closed status if it was closed, else in the
 * first open one, so it agrees with its conversations again (R8); and in the
 * default priority if its own is gone.
 */
export async function keepKnownSettings(s: Session, ticket: Ticket): Promise<void> {
  const settings = await s.settings();
  const { stages } = settings;
  const stage = stages.find((st) => st.id === ticket.status);
  const isClosed = ticket.closedAt !== null;
  const target = stage && stage.closed === isClosed ? undefined : isClosed ? closedStage(stages) : firstOpenStage(stages);
  if (target) {
    s.change<Ticket>(ticket, { status: target.id, sla: withStatus(s.current(ticket), target.id, s.ctx.now) });
    s.log(ticket, 'ticket.property', { field: 'status', from: ticket.status, to: target.id });
  }
  if (!settings.priorities.some((p) => p.id === ticket.priority)) {
    const priority = defaultPriority(settings).id;
    s.change<Ticket>(ticket, { priority });
    s.log(ticket, 'ticket.property', { field: 'priority', from: ticket.priority, to: priority });
  }
}

export interface Purged {
  /** Ids of the trash items deleted for good (their history and unused contacts go too, unlisted). */
  purged: string[];
  /**
   * Tickets that stay but lost a conversation, a note or history entries with
   * them: their open record pages must refresh (the change event names them).
   */
  tickets: string[];
}

/** Empties the trash of what has been there longer than the retention (or everything). */
export async function purge(s: Session, all: boolean): Promise<Purged> {
  // MAX_SAFE_INTEGER rather than now: another device's clock may run ahead of ours.
  const before = all ? Number.MAX_SAFE_INTEGER : s.ctx.now - TRASH_RETENTION_MS;
  const records = (await s.trashedBefore(before)).filter((r) => r.deletedAt !== null && r.deletedAt < before);
  return removeForGood(s, records);
}

/**
 * "Delete forever" for one trash item: what `restore` would bring back for
 * that id goes for good instead — a ticket with the conversations and notes
 * trashed with it; a conversation of a trashed ticket takes that ticket's
 * family along (the two can't be apart: R2, R11); a conversation without a
 * ticket, a snippet or a teammate alone.
 */
export async function purgeItem(s: Session, id: string): Promise<Purged> {
  const record = await findRestorable(s, id);
  if (!record) refuse('not_found', 'purgeNothing');
  if (record.deletedAt === null) refuse('conflict', 'purgeNotTrashed');
  if (isAgent(record) && (await s.agentInUse(record.id)) !== false) {
    refuse('conflict', 'purgeAgentInUse', { name: record.name });
  }
  if (isContact(record) && (await s.contactInUse(record.id))) {
    refuse('conflict', 'purgeContactInUse', { name: record.name || 'This contact' });
  }
  let ticket: Ticket | undefined = isTicket(record) ? record : undefined;
  if (!ticket && ((isConversation(record) && record.ticketId) || isNote(record))) {
    const owner = await s.ticket(record.ticketId!);
    if (owner && owner.deletedAt !== null) ticket = owner;
  }
  const records: StoredRecord[] = [record];
  if (ticket) {
    const trashed = (r: StoredRecord) => r.deletedAt !== null;
    records.push(ticket, ...(await s.conversationsOfTicket(ticket.id)).filter(trashed), ...(await s.notesOfTicket(ticket.id)).filter(trashed));
  }
  return removeForGood(s, records);
}

/**
 * Deleted means deleted: the records, and every copy of what they held.
 * Activity is append-only for every other command; a purge is the one
 * exception, because history repeats a ticket's text (its name, old and new
 * values, note texts). Entries are removed, not redacted: the purged records
 * leave no tombstone either, so a content-free trace would mark nothing.
 * - A purged ticket takes its whole history.
 * - A purged conversation or note whose ticket stays takes that ticket's
 *   entries about it (by conversation id; a note's entry by its text).
 * - A contact goes when no ticket or conversation left uses it (its name and
 *   address were the customer's, kept only for those), unless it is blocked or
 *   marked as spam: R12 flags that sender's next conversations, so the flag
 *   outlives the ticket it was set from.
 * - A teammate stays, in the trash, while a ticket or conversation they own,
 *   a note they wrote or a history entry names them: those still show their
 *   name, and a backup naming a teammate it lacks is one import refuses. They
 *   go with the last record that names them.
 */
async function removeForGood(s: Session, records: StoredRecord[]): Promise<Purged> {
  const all = [...new Map(records.map((r) => [r.id, r])).values()];
  const agents = all.filter(isAgent);
  const mergedAway = all.filter(isContact);
  const unique = all.filter((r) => !isAgent(r) && !isContact(r));
  const gone = new Set(unique.map((r) => r.id));
  for (const id of gone) s.remove(id);

  const historyOf = new Map<string, Activity[]>();
  const history = async (ticketId: string) => {
    let entries = historyOf.get(ticketId);
    if (!entries) historyOf.set(ticketId, (entries = await s.activityOfTicket(ticketId)));
    return entries;
  };
  const kept = new Set<string>();
  for (const r of unique) {
    if (isTicket(r)) {
      const keptId = mergedIntoOf(r);
      const keeper = keptId && !gone.has(keptId) ? await s.ticket(keptId) : undefined;
      // A merged-away ticket's history is part of the ticket it was merged into: it stays while that one does.
      if (keeper) {
        kept.add(keeper.id);
        continue;
      }
      for (const ticketId of [r.id, ...(await mergedInto(r.id, history))]) for (const a of await history(ticketId)) s.remove(a.id);
    } else if (isConversation(r) && r.ticketId && !gone.has(r.ticketId)) {
      kept.add(r.ticketId);
      for (const a of await history(r.ticketId)) if (a.conversationId === r.id) s.remove(a.id);
    } else if (isNote(r) && !gone.has(r.ticketId)) {
      kept.add(r.ticketId);
      // By id; entries written before notes were named by id, by their text.
      for (const a of await history(r.ticketId)) if (a.noteId === r.id || (a.noteId === undefined && a.kind === 'note.added' && a.text === r.text)) s.remove(a.id);
    }
  }

  const contactIds = new Set<string>();
  for (const r of unique) if ((isTicket(r) || isConversation(r)) && r.contactId) contactIds.add(r.contactId);
  for (const contactId of contactIds) {
    const contact = await s.contact(contactId);
    if (!contact || contact.blocked || contact.spam || (await s.contactInUse(contactId))) continue;
    // Kept while another contact is merged into it: that merge must stay splittable.
    if ((await s.contactsMergedInto(contactId)).length > 0) continue;
    s.remove(contactId);
  }

  // A merged-away contact goes with the last trashed conversation or ticket that still names it (its
  // live ones moved to the kept contact); after it, the merge can no longer be split.
  for (const contact of mergedAway) {
    if (await s.contactInUse(contact.id)) continue;
    s.remove(contact.id);
    unique.push(contact);
  }

  // After the rest: what this purge removes no longer counts as naming them.
  for (const agent of agents) {
    if ((await s.agentInUse(agent.id)) !== false) continue;
    s.remove(agent.id);
    unique.push(agent);
  }
  return { purged: unique.map((r) => r.id), tickets: [...kept] };
}

const isLive = (r: StoredRecord) => r.deletedAt === null;
const isAgent = (r: StoredRecord): r is Agent => prefixOf(r.id) === 'agent';

