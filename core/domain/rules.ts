import type { Command, CommandContext, CommandType, Outcome, Reader } from './commands';
import type { Agent, Contact, Conversation, Note, Settings, Snippet, Ticket } from './types';
import { dismissSuggestion, flagContact, mergeContacts, splitContact, type MergedContacts } from './rules/contacts';
import { setConversationOwner, setConversationStatus } from './rules/conversations';
import { observeWithMessages } from './rules/reopen';
import { deleteAgent, deleteSnippet, saveAgent, saveSnippet } from './rules/library';
import { addNote, deleteNote, editNote } from './rules/notes';
import { bulkTickets, type BulkResult } from './rules/bulk';
import { Refused, refuse, Session } from './rules/session';
import { updateSettings } from './rules/settings';
import { markResponded } from './rules/sla';
import {
  associateConversation,
  changeTicketStatus,
  createTicket,
  updateTicket,
  type TicketAndConversation,
} from './rules/tickets';
import { recolorTag, removeTag, renameTag, setTicketTags, type TagCascade } from './rules/tags';
import { snoozeTicket, unsnoozeTicket } from './rules/time';
import { reminderTick, type Notice, type TickResult } from './rules/reminders';
import { mergeTickets, unmergeTicket, type Merged, type Unmerged } from './rules/ticket-merge';
import { deleteTicket, purge, purgeItem, restore, trashConversation, type Purged, type Restored, type Trashed } from './rules/trash';

export type { Notice, TickResult };
export { hasTicketQueries, type ReaderWithQueries } from './rules/session';
export type { BulkResult, TagCascade, Merged, MergedContacts, Unmerged, Purged, Restored, TicketAndConversation, Trashed };

/**
 * The help desk's rules (docs/rules.md, R1–R15) as one pure
 * function: current records in (through `reader`), writes and activity out.
 * Time, clock, ids and the acting agent come from `ctx`; nothing ambient is
 * read, so the background, the tests and a future sync replay get the same
 * answer. A rule that refuses returns `{ok:false}` with a message for the
 * agent; it never throws for that. Errors from the reader (storage) do throw,
 * for the store to report.
 */
export async function applyCommand(reader: Reader, cmd: Command, ctx: CommandContext): Promise<Outcome> {
  const session = new Session(reader, ctx);
  try {
    const result = await run(session, cmd);
    return { ok: true, value: session.finish(result) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.refusal };
    throw error;
  }
}

/** What `Applied.result` holds for each command. */
export interface CommandResults {
  'conversation.observe': Conversation;
  'ticket.create': TicketAndConversation;
  'ticket.associate': TicketAndConversation;
  'ticket.update': Ticket;
  'ticket.setStatus': Ticket;
  'ticket.snooze': Ticket;
  'ticket.unsnooze': Ticket;
  'reminders.tick': TickResult;
  'ticket.delete': Trashed;
  'ticket.setTags': Ticket;
  'tags.rename': TagCascade;
  'tags.recolor': TagCascade;
  'tags.remove': TagCascade;
  'ticket.markResponded': Ticket;
  'ticket.merge': Merged;
  'ticket.unmerge': Unmerged;
  'tickets.bulk': BulkResult;
  'conversation.setOwner': Conversation;
  'conversation.setStatus': Conversation;
  'conversation.trash': Trashed;
  'trash.restore': Restored;
  'trash.purge': Purged;
  'trash.purgeItem': Purged;
  'contact.block': Contact;
  'contact.spam': Contact;
  'contact.merge': MergedContacts;
  'contact.split': MergedContacts;
  'contact.dismiss': Contact;
  'note.add': Note;
  'note.edit': Note;
  'note.delete': Trashed;
  'snippet.save': Snippet;
  'snippet.delete': Trashed;
  'agent.save': Agent;
  'agent.delete': Trashed;
  'settings.update': Settings;
}

type AnyResult = CommandResults[CommandType];

async function run(s: Session, cmd: Command): Promise<AnyResult> {
  switch (cmd.type) {
    case 'conversation.observe':
      return observeWithMessages(s, cmd.conversation);
    case 'ticket.create':
      return createTicket(s, cmd);
    case 'ticket.associate':
      return associateConversation(s, cmd.conversation, cmd.ticketId);
    case 'ticket.update':
      return updateTicket(s, cmd.ticketId, cmd.field, cmd.value);
    case 'ticket.setStatus':
      return changeTicketStatus(s, cmd.ticketId, cmd.status);
    case 'ticket.snooze':
      return snoozeTicket(s, cmd.ticketId, cmd.until, cmd.untilReply);
    case 'ticket.unsnooze':
      return unsnoozeTicket(s, cmd.ticketId);
    case 'reminders.tick':
      return reminderTick(s);
    case 'ticket.delete':
      return deleteTicket(s, cmd.ticketId);
    case 'ticket.setTags':
      return setTicketTags(s, cmd.ticketId, cmd.tags);
    case 'tags.rename':
      return renameTag(s, cmd.from, cmd.to);
    case 'tags.recolor':
      return recolorTag(s, cmd.name, cmd.color);
    case 'tags.remove':
      return removeTag(s, cmd.name);
    case 'ticket.markResponded':
      return markResponded(s, cmd.ticketId);
    case 'ticket.merge':
      return mergeTickets(s, cmd.keepId, cmd.mergeIds);
    case 'ticket.unmerge':
      return unmergeTicket(s, cmd.id);
    case 'tickets.bulk':
      return bulkTickets(s, cmd);
    case 'conversation.setOwner':
      return setConversationOwner(s, cmd.conversationId, cmd.ownerId);
    case 'conversation.setStatus':
      return setConversationStatus(s, cmd.conversationId, cmd.status);
    case 'conversation.trash':
      return trashConversation(s, cmd.conversationId);
    case 'trash.restore':
      return restore(s, cmd.id);
    case 'trash.purge':
      return purge(s, cmd.all === true);
    case 'trash.purgeItem':
      return purgeItem(s, cmd.id);
    case 'contact.block':
      return flagContact(s, cmd.contactId, 'blocked', cmd.blocked);
    case 'contact.spam':
      return flagContact(s, cmd.contactId, 'spam', cmd.spam);
    case 'contact.merge':
      return mergeContacts(s, cmd.keepId, cmd.mergeId);
    case 'contact.split':
      return splitContact(s, cmd.mergedId);
    case 'contact.dismiss':
      return dismissSuggestion(s, cmd.contactId, cmd.otherId);
    case 'note.add':
      return addNote(s, cmd.ticketId, cmd.text);
    case 'note.edit':
      return editNote(s, cmd.noteId, cmd.text);
    case 'note.delete':
      return deleteNote(s, cmd.noteId);
    case 'snippet.save':
      return saveSnippet(s, cmd.id, cmd.name, cmd.body);
    case 'snippet.delete':
      return deleteSnippet(s, cmd.id);
    case 'agent.save':
      return saveAgent(s, cmd.id, cmd.name, cmd.email);
    case 'agent.delete':
      return deleteAgent(s, cmd.id);
    case 'settings.update':
      return updateSettings(s, cmd);
    default:
      return unknownCommand(cmd);
  }
}

/** Commands arrive from messages; the router validates them, but a stray type still gets an answer. */
function unknownCommand(cmd: never): never {
  const type = (cmd as { type?: unknown }).type;
  return refuse('invalid', 'unknownCommand', { type: String(type) });
}
