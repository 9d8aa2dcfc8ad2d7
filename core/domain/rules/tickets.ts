import type { Command } from '../commands';
import { BUILTIN_PROPERTIES } from '../defaults';
import { makeId, shortId } from '../ids';
import { CUSTOM_PREFIX } from '../records';
import { mergedIntoOf, type Conversation, type CustomValue, type Priority, type Settings, type Stage, type Ticket } from '../types';
import { observeConversation } from './conversations';
import { assertLiveConversation, checkOwner, firstOpenStage, liveTicket, stageById } from './lookups';
import { refuse, type Session } from './session';
import { newTicketSla } from './sla';
import { closeConversation, setTicketStatus } from './status';
import { setDue } from './time';
import { MAX_NAME, MAX_TEXT, customValue, optionalText, requiredText } from './validate';

type CreateCommand = Extract<Command, { type: 'ticket.create' }>;

export interface TicketAndConversation {
  ticket: Ticket;
  conversation: Conversation;
}

/**
 * R1: a ticket for the conversation on the page, prefilled from it (source =
 * channel, contact = sender, owner = the conversation's owner unless the
 * form picked one). R2: refused if the conversation already has a ticket.
 */
export async function createTicket(s: Session, cmd: CreateCommand): Promise<TicketAndConversation> {
  const settings = await s.settings();
  const name = requiredText(cmd.fields.name, 'ticketName');
  const stage = cmd.fields.status === undefined ? defaultStage(settings) : stageById(settings.stages, cmd.fields.status);
  const priority = cmd.fields.priority === undefined ? defaultPriority(settings) : priorityById(settings, cmd.fields.priority);
  const category = optionalText(cmd.fields.category, 'category', MAX_NAME, true);
  const description = optionalText(cmd.fields.description, 'description', MAX_TEXT, false);
  const explicitOwner = cmd.fields.ownerId === undefined ? undefined : await checkOwner(s, cmd.fields.ownerId);

  // The agent acts on the conversation here: this page's URL is where it is now.
  const conversation = await observeConversation(s, cmd.conversation, true);
  assertLiveConversation(conversation);
  assertNoTicket(conversation);

  const ticket = s.create<Ticket>(makeId('ticket', s.ctx.newUlid()), {
    name,
    status: stage.id,
    priority: priority.id,
    ownerId: explicitOwner === undefined ? await inheritedOwner(s, conversation) : explicitOwner,
    category,
    description,
    source: conversation.channel,
    contactId: conversation.contactId,
    closedAt: stage.closed ? s.ctx.now : null,
    lastActivityAt: s.ctx.now,
    custom: {},
    mergedInto: null,
    sla: newTicketSla(stage.id, s.ctx.now),
  });
  s.change<Conversation>(conversation, { ticketId: ticket.id });
  s.log(ticket, 'ticket.created', { text: name });
  s.log(ticket, 'conversation.added', { conversationId: conversation.id });
  if (stage.closed) {
    // Created straight into the closed stage: R8's invariant from the first write.
    closeConversation(s, ticket, conversation);
    s.log(ticket, 'ticket.closed');
  }
  return { ticket: s.current(ticket), conversation: s.current(conversation) };
}

/** R2: once a conversation has a ticket, it keeps that one. */
function assertNoTicket(conversation: Conversation): void {
  if (conversation.ticketId !== null) {
    refuse('conflict', 'conversationHasTicket', { id: shortId(conversation.ticketId) });
  }
}

function defaultStage(settings: Settings): Stage {
  const stage = firstOpenStage(settings.stages);
  if (!stage) refuse('internal', 'noOpenStatus');
  return stage;
}

/** 'medium' (docs/rules.md "Defaults"), or the first priority if the team removed 'medium'. */
export function defaultPriority(settings: Settings): Priority {
  const priority = settings.priorities.find((p) => p.id === 'medium') ?? settings.priorities[0];
  if (!priority) refuse('internal', 'noPriorities');
  return priority;
}

function priorityById(settings: Settings, id: unknown): Priority {
  const priority = settings.priorities.find((p) => p.id === id);
  if (!priority) {
    refuse('invalid', 'priorityUnknown', { value: String(id), options: settings.priorities.map((p) => p.name).join(', ') });
  }
  return priority;
}

/** The conversation's owner, unless that teammate has since been deleted (then unassigned). */
async function inheritedOwner(s: Session, conversation: Conversation): Promise<string | null> {
  if (conversation.ownerId === null) return null;
  const agent = await s.agent(conversation.ownerId);
  return agent && agent.deletedAt === null ? agent.id : null;
}

/**
 * R3: adds the conversation on the page to an existing ticket, any ticket
 * (another contact's, a closed one) but a trashed or merged-away one.
 *
 * A closed ticket (R8, R9): an open conversation reopens it, into the first
 * open stage; the ticket then has several conversations, so by R9 none of the
 * others reopens, and only the one added is open. A closed conversation joins
 * the closed ticket and both stay closed. Either way R8's invariant holds: a
 * ticket in the closed stage has no open conversation.
 */
export async function associateConversation(
  s: Session,
  snapshot: CreateCommand['conversation'],
  ticketId: string,
): Promise<TicketAndConversation> {
  const found = await s.ticket(ticketId);
  const target = found ? mergedIntoOf(found) : null;
  if (target) {
    refuse('conflict', 'addToMergedTicket', { id: shortId(ticketId), target: shortId(target) });
  }
  const ticket = await liveTicket(s, ticketId);
  const conversation = await observeConversation(s, snapshot, true);
  assertLiveConversation(conversation);
  if (conversation.ticketId === ticket.id) return { ticket, conversation }; // already there: nothing to do
  if (conversation.ticketId !== null) {
    refuse('conflict', 'conversationOnOtherTicket', { id: shortId(conversation.ticketId) });
  }
  s.change<Conversation>(conversation, { ticketId: ticket.id });
  s.log(ticket, 'conversation.added', { conversationId: conversation.id });
  if (ticket.closedAt !== null) {
    const { stages } = await s.settings();
    const reopenTo = firstOpenStage(stages);
    if (conversation.status === 'open' && reopenTo) {
      // After the conversation joined: R9 sees several conversations and reopens none of the others.
      await setTicketStatus(s, s.current(ticket), reopenTo.id, stages);
    } else {
      closeConversation(s, ticket, conversation);
    }
  }
  return { ticket: s.current(ticket), conversation: s.current(conversation) };
}

/** R8 / R9 through the status dropdown. */
export async function changeTicketStatus(s: Session, ticketId: string, status: unknown): Promise<Ticket> {
  const ticket = await liveTicket(s, ticketId);
  return setTicketStatus(s, ticket, status, (await s.settings()).stages);
}

/**
 * R4: one property edited inline. Property ids are the UI's (`owner`, not
 * `ownerId`). R5: the ticket's owner never touches its conversations.
 *
 * Concurrent edits from several tabs: the command carries one field and its
 * new value, never a copy of the ticket, and the ticket is read inside the
 * command's own transaction, so an edit of one field can't revert another
 * (custom values are written over the stored map, one entry at a time). The
 * same field edited at once is last write wins, by design: no `expected`
 * value is asked for, because refusing an agent's inline edit over a value
 * they can see change costs more than it saves. Nothing is lost from the
 * history: each write logs the stored old value → its new one, so both
 * edits show in the activity as a chain. `ticket.setStatus` works the same way.
 */
export async function updateTicket(s: Session, ticketId: string, field: string, value: unknown): Promise<Ticket> {
  const ticket = await liveTicket(s, ticketId);
  const settings = await s.settings();
  switch (field) {
    case 'name':
      return setField(s, ticket, field, 'name', requiredText(value, 'ticketName'));
    case 'priority':
      return setField(s, ticket, field, 'priority', priorityById(settings, value).id);
    case 'owner':
      return setField(s, ticket, field, 'ownerId', await checkOwner(s, value));
    case 'category':
      return setField(s, ticket, field, 'category', optionalText(value, 'category', MAX_NAME, true));
    case 'description':
      return setField(s, ticket, field, 'description', optionalText(value, 'description', MAX_TEXT, false));
    case 'status':
      return setTicketStatus(s, ticket, value, settings.stages);
    case 'due':
      return setDue(s, ticket, value);
    default:
      if (field.startsWith(CUSTOM_PREFIX)) return setCustom(s, ticket, settings, field, value);
      return refuseField(field);
  }
}

type EditableKey = 'name' | 'priority' | 'ownerId' | 'category' | 'description';

/** Writes one built-in property and logs it as old → new under its UI property id. */
function setField<K extends EditableKey>(s: Session, ticket: Ticket, field: string, key: K, to: Ticket[K]): Ticket {
  const change: Partial<Pick<Ticket, EditableKey>> = {};
  change[key] = to;
  if (s.change<Ticket>(ticket, change)) s.log(ticket, 'ticket.property', { field, from: ticket[key], to });
  return s.current(ticket);
}

function setCustom(s: Session, ticket: Ticket, settings: Settings, field: string, value: unknown): Ticket {
  const property = settings.properties.find((p) => p.id === field);
  if (!property) refuse('invalid', 'propertyUnknown', { name: field.slice(CUSTOM_PREFIX.length) });
  const to: CustomValue = customValue(property, value);
  const from: CustomValue = ticket.custom[field] ?? null;
  if (s.change<Ticket>(ticket, { custom: { ...ticket.custom, [field]: to } })) {
    s.log(ticket, 'ticket.property', { field, from, to });
  }
  return s.current(ticket);
}

function refuseField(field: string): never {
  const builtin = BUILTIN_PROPERTIES.find((p) => p.id === field);
  if (builtin) refuse('invalid', 'propertyBuiltin', { name: builtin.name });
  refuse('invalid', 'ticketPropertyUnknown', { name: field });
}
