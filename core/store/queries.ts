import type {
  Activity,
  Agent,
  Contact,
  Conversation,
  ConversationSnapshot,
  LocalMeta,
  Note,
  Settings,
  Snippet,
  Ticket,
} from '../domain/types';
import type { Connection } from './db';
import {
  collectByIndex,
  countByIndex,
  countRecords,
  getAllByIndex,
  getAllRecords,
  getByIndex,
  getRecord,
  readTransaction,
  walkIndex,
} from './idb';
import { readMeta, readSettings } from './reader';
import type { StoreName } from './schema';

/**
 * Read-only views for the UI. Each runs in one read-only transaction, so it
 * sees one consistent state, and walks indexes with limits: nothing here
 * loads a whole store except agents and snippets, which people type in by
 * hand and stay small.
 *
 * "Newest first" for conversations, tickets and notes is descending id
 * order: ids are ULIDs, which sort by creation time.
 */

export const NOTES_LIMIT = 50;
export const PAST_LIMIT = 20;
export const OPEN_TICKETS_LIMIT = 50;

export interface SidebarView {
  /** The stored conversation for the snapshot (may be trashed: check deletedAt), or null if never recorded. */
  conversation: Conversation | null;
  ticket: Ticket | null;
  /** The ticket's live conversations, this one included. */
  ticketConversations: Conversation[];
  contact: Contact | null;
  /** Live notes of the ticket, newest first, at most NOTES_LIMIT. */
  notes: Note[];
  /** R13: the contact's other live conversations, newest first, at most PAST_LIMIT. */
  pastConversations: Conversation[];
  /** R13: the contact's other live tickets, newest first, at most PAST_LIMIT. */
  pastTickets: Ticket[];
  /** R3: the contact's other live tickets not in the closed stage, newest first. */
  openTicketsOfContact: Ticket[];
  settings: Settings;
  agents: Agent[];
  snippets: Snippet[];
  meId: string;
}

export interface TicketRecordView {
  ticket: Ticket;
  conversations: Conversation[];
  contact: Contact | null;
  /** Live notes, newest first. */
  notes: Note[];
  /** Ordered by (clock, id). */
  activity: Activity[];
  settings: Settings;
  agents: Agent[];
  meId: string;
}

export interface TicketCounts {
  /** Live tickets per stage id of the settings. */
  byStatus: Record<string, number>;
  /** All live tickets. */
  total: number;
}

const SIDEBAR_STORES: StoreName[] = ['conversations', 'tickets', 'contacts', 'notes', 'settings', 'agents', 'snippets', 'meta'];

export async function sidebarView(conn: Connection, snapshot: ConversationSnapshot): Promise<SidebarView> {
  const tx = readTransaction(conn.db, SIDEBAR_STORES);
  const [conversation, settings, agents, snippets, meta] = await Promise.all([
    getByIndex(tx, 'conversations', 'bySourceKey', [snapshot.source, snapshot.key]),
    readSettings(tx),
    liveAgents(tx),
    liveSnippets(tx),
    readMeta(tx),
  ]);
  const [ticket, contact] = await Promise.all([
    conversation?.ticketId ? getRecord(tx, 'tickets', conversation.ticketId) : undefined,
    findContact(tx, conversation, snapshot),
  ]);
  const closedStages = new Set(settings.stages.filter((s) => s.closed).map((s) => s.id));
  const otherTicket = (t: Ticket) => t.deletedAt === null && t.id !== ticket?.id;

  const [ticketConversations, notes, pastConversations, pastTickets, openTicketsOfContact] = await Promise.all([
    ticket ? liveConversationsOf(tx, ticket.id) : [],
    ticket ? liveNotes(tx, ticket.id, NOTES_LIMIT) : [],
    contact
      ? collectByIndex(tx, 'conversations', 'byContactId', contact.id, 'prev', PAST_LIMIT, (c) => c.deletedAt === null && c.id !== conversation?.id)
      : [],
    contact ? collectByIndex(tx, 'tickets', 'byContactId', contact.id, 'prev', PAST_LIMIT, otherTicket) : [],
    contact
      ? collectByIndex(tx, 'tickets', 'byContactId', contact.id, 'prev', OPEN_TICKETS_LIMIT, (t) => otherTicket(t) && !closedStages.has(t.status))
      : [],
  ]);

  return {
    conversation: conversation ?? null,
    ticket: ticket ?? null,
    ticketConversations,
    contact: contact ?? null,
    notes,
    pastConversations,
    pastTickets,
    openTicketsOfContact,
    settings,
    agents,
    snippets,
    meId: meta.meId,
  };
}

/** The stored conversation's contact; before it is recorded, the snapshot's address, then its handle. */
async function findContact(
  tx: IDBTransaction,
  conversation: Conversation | undefined,
  snapshot: ConversationSnapshot,
): Promise<Contact | undefined> {
  if (conversation?.contactId) return getRecord(tx, 'contacts', conversation.contactId);
  const { email, handle } = snapshot.contact;
  const byEmail = email ? await getByIndex(tx, 'contacts', 'byEmail', email.toLowerCase()) : undefined;
  if (byEmail) return byEmail;
  return handle ? getByIndex(tx, 'contacts', 'byHandle', handle) : undefined;
}

const RECORD_STORES: StoreName[] = ['tickets', 'conversations', 'contacts', 'notes', 'activity', 'settings', 'agents', 'meta'];

/** R7: everything the ticket record page shows, or null for an unknown id (a trashed ticket is returned). */
export async function ticketRecord(conn: Connection, ticketId: string): Promise<TicketRecordView | null> {
  const tx = readTransaction(conn.db, RECORD_STORES);
  const ticket = await getRecord(tx, 'tickets', ticketId);
  if (!ticket) return null;
  const [conversations, contact, notes, activity, settings, agents, meta] = await Promise.all([
    getAllByIndex(tx, 'conversations', 'byTicketId', ticketId),
    ticket.contactId ? getRecord(tx, 'contacts', ticket.contactId) : undefined,
    liveNotes(tx, ticketId, Infinity),
    // [ticketId, clock] keys, then primary key: exactly the (clock, id) order.
    getAllByIndex(tx, 'activity', 'byTicketClock', conn.range.bound([ticketId], [ticketId, []])),
    readSettings(tx),
    liveAgents(tx),
    readMeta(tx),
  ]);
  return { ticket, conversations, contact: contact ?? null, notes, activity, settings, agents, meId: meta.meId };
}

/**
 * Live tickets per stage from index counts: all tickets of a status
 * (`byStatus` count) minus the trashed ones, which only the trash index holds
 * (the trash is small: it is purged after the retention period).
 */
export async function countTickets(conn: Connection): Promise<TicketCounts> {
  const tx = readTransaction(conn.db, ['tickets', 'settings']);
  const settings = await readSettings(tx);
  const trashedByStatus = new Map<string, number>();
  const [all, trashed, perStage] = await Promise.all([
    countRecords(tx, 'tickets'),
    countByIndex(tx, 'tickets', 'byDeletedAt'),
    Promise.all(settings.stages.map((stage) => countByIndex(tx, 'tickets', 'byStatus', stage.id))),
    walkIndex(tx, 'tickets', 'byDeletedAt', null, 'next', (t) => {
      trashedByStatus.set(t.status, (trashedByStatus.get(t.status) ?? 0) + 1);
      return true;
    }),
  ]);
  const byStatus: Record<string, number> = {};
  settings.stages.forEach((stage, i) => {
    byStatus[stage.id] = (perStage[i] ?? 0) - (trashedByStatus.get(stage.id) ?? 0);
  });
  return { byStatus, total: all - trashed };
}

export async function settingsRecord(conn: Connection): Promise<Settings> {
  return readSettings(readTransaction(conn.db, ['settings']));
}

export async function agentList(conn: Connection): Promise<Agent[]> {
  return liveAgents(readTransaction(conn.db, ['agents']));
}

export async function snippetList(conn: Connection): Promise<Snippet[]> {
  return liveSnippets(readTransaction(conn.db, ['snippets']));
}

export async function localMeta(conn: Connection): Promise<LocalMeta> {
  const { deviceId, meId, lastClock } = await readMeta(readTransaction(conn.db, ['meta']));
  return { deviceId, meId, lastClock };
}

async function liveAgents(tx: IDBTransaction): Promise<Agent[]> {
  return (await getAllRecords(tx, 'agents')).filter((a) => a.deletedAt === null);
}

async function liveSnippets(tx: IDBTransaction): Promise<Snippet[]> {
  return (await getAllRecords(tx, 'snippets')).filter((s) => s.deletedAt === null);
}

async function liveConversationsOf(tx: IDBTransaction, ticketId: string): Promise<Conversation[]> {
  return (await getAllByIndex(tx, 'conversations', 'byTicketId', ticketId)).filter((c) => c.deletedAt === null);
}

function liveNotes(tx: IDBTransaction, ticketId: string, limit: number): Promise<Note[]> {
  return collectByIndex(tx, 'notes', 'byTicketId', ticketId, 'prev', limit, (n) => n.deletedAt === null);
}
