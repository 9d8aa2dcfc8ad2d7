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
import { channelsOf, identitiesOfSnapshot, identityKey, isLiveContact, mentionedKeys, nameKey } from '../domain/contacts';
import type { Connection } from './db';
import { mergedInFrom, mergedInto } from '../domain/merged-history';
import { slaShown, type SlaShown } from '../domain/sla';
import { COUNTS_ID, emptyCounts, type CountsRecord } from './derived';
import { readMeta, readSettings } from './reader';
import type { StoreName, StoreTx } from './schema';
import { collect, readTransaction } from './transactions';

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
  /** Contacts merged into this one (tombstones in the trash): each can be split off again. */
  mergedContacts: Contact[];
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
  /** The ticket's SLA as the card shows it, at the time of this view (null without a ticket). */
  sla: SlaShown | null;
  /**
   * Keyed hashes of what this view shows, added by the background on the way
   * out (core/messages/tags.ts), never by the store: the sidebar reloads for a
   * change whose hashes meet these.
   */
  watch?: { epoch: string; tags: string[] };
}

export interface TicketRecordView {
  ticket: Ticket;
  conversations: Conversation[];
  contact: Contact | null;
  /** Live notes, newest first. */
  notes: Note[];
  /** Ordered by (clock, id): the ticket's own history and that of the tickets merged into it. */
  activity: Activity[];
  settings: Settings;
  agents: Agent[];
  meId: string;
  /** On a merged-away ticket: the ticket it was merged into (may be in the trash), or null when that one is gone too. */
  mergedInto?: Pick<Ticket, 'id' | 'name' | 'deletedAt'> | null;
  /** On a merged-away ticket: the conversations it handed over (its history names them). */
  movedConversations?: Conversation[];
  /** Tickets merged straight into this one whose tombstone the trash still keeps (their merge can be undone). */
  mergedHere?: Pick<Ticket, 'id' | 'name'>[];
}

export interface TicketCounts {
  /** Live tickets per stage id of the settings. */
  byStatus: Record<string, number>;
  /** All live tickets. */
  total: number;
}

const SIDEBAR_STORES: StoreName[] = ['conversations', 'tickets', 'contacts', 'notes', 'settings', 'agents', 'snippets', 'meta'];

/**
 * How many of the contact's conversations, and of its tickets, `sidebarView`
 * reads at most. The history skips trashed records (and the open tickets
 * closed ones), so without a bound a contact with thousands of closed tickets
 * would be read whole on every page load; with it, the sidebar shows what is
 * among the contact's newest HISTORY_SCAN_LIMIT conversations and tickets.
 */
export const HISTORY_SCAN_LIMIT = 500;

/**
 * Two rounds of parallel reads in one transaction: the conversation (one
 * unique-index get) with settings, agents, snippets and meta; then all that
 * follows from its ticket and contact ids. The history is read for the
 * stored `contactId` in that second round; only when that contact was merged
 * away (rare) does a third round read the history of the one it became.
 * Cursor walks cost one round trip per record in Chromium, so the history is
 * read as the contact's ids (one request) and then its newest records in
 * parallel batches.
 */
export async function sidebarView(conn: Connection, snapshot: ConversationSnapshot, now: number): Promise<SidebarView> {
  const tx = readTransaction(conn.db, SIDEBAR_STORES);
  const conversations = tx.objectStore('conversations');
  const tickets = tx.objectStore('tickets');
  const [conversation, settings, agents, snippets, meta] = await Promise.all([
    conversations.index('bySourceKey').get([snapshot.source, snapshot.key]),
    readSettings(tx),
    liveAgents(tx),
    liveSnippets(tx),
    readMeta(tx),
  ]);
  const ticketId = conversation?.ticketId ?? null;
  const closedStages = new Set(settings.stages.filter((s) => s.closed).map((s) => s.id));
  const historyOf = (contactId: string) =>
    Promise.all([
      tx.objectStore('contacts').index('byMergedInto').getAll(contactId),
      pastConversationsOf(tx, contactId, conversation?.id ?? null),
      ticketsOfContact(tx, contactId, ticketId, closedStages),
    ]);
  // The stored contact id is almost always the contact shown: read its history alongside it.
  const early = conversation?.contactId ? historyOf(conversation.contactId) : undefined;
  const [ticket, contact, ticketConversations, notes] = await Promise.all([
    ticketId ? tickets.get(ticketId) : undefined,
    findContact(tx, conversation, snapshot),
    ticketId ? liveConversationsOf(tx, ticketId) : [],
    ticketId ? newestNotes(tx, ticketId) : [],
  ]);
  const [mergedContacts, pastConversations, { past: pastTickets, open: openTicketsOfContact }] = !contact
    ? [[], [], { past: [], open: [] }]
    : early && contact.id === conversation?.contactId
      ? await early
      : await historyOf(contact.id);
  // An early read that went unused still settles inside the transaction; nothing waits on it.
  early?.catch(() => undefined);

  return {
    conversation: conversation ?? null,
    ticket: ticket ?? null,
    ticketConversations: ticket ? ticketConversations : [],
    contact: contact ?? null,
    mergedContacts,
    notes: ticket ? notes : [],
    pastConversations,
    pastTickets,
    openTicketsOfContact,
    settings,
    agents,
    snippets,
    meId: meta.meId,
    // Worked out here: the sidebar's script carries no business-time code (core/domain/sla-shown.ts).
    sla: ticket ? slaShown(ticket, settings, now) : null,
  };
}

/** R13: the contact's other live conversations, newest first, at most PAST_LIMIT. */
async function pastConversationsOf(tx: StoreTx, contactId: string, conversationId: string | null): Promise<Conversation[]> {
  const store = tx.objectStore('conversations');
  const past: Conversation[] = [];
  await newestFirst(store.index('byContactId'), contactId, PAST_LIMIT + 2, (id) => store.get(id), (c) => {
    if (c.deletedAt === null && c.id !== conversationId) past.push(c);
    return past.length < PAST_LIMIT;
  });
  return past;
}

/**
 * R13 and R3 from one read of the contact's tickets, newest first: its other
 * live tickets (at most PAST_LIMIT) and those of them not in a closed stage
 * (at most OPEN_TICKETS_LIMIT).
 */
async function ticketsOfContact(
  tx: StoreTx,
  contactId: string,
  ticketId: string | null,
  closedStages: ReadonlySet<string>,
): Promise<{ past: Ticket[]; open: Ticket[] }> {
  const store = tx.objectStore('tickets');
  const past: Ticket[] = [];
  const open: Ticket[] = [];
  await newestFirst(store.index('byContactId'), contactId, OPEN_TICKETS_LIMIT + 1, (id) => store.get(id), (t) => {
    if (t.deletedAt === null && t.id !== ticketId) {
      if (past.length < PAST_LIMIT) past.push(t);
      if (open.length < OPEN_TICKETS_LIMIT && !closedStages.has(t.status)) open.push(t);
    }
    return past.length < PAST_LIMIT || open.length < OPEN_TICKETS_LIMIT;
  });
  return { past, open };
}

/** The ticket's live notes, newest first, at most NOTES_LIMIT. */
async function newestNotes(tx: StoreTx, ticketId: string): Promise<Note[]> {
  const store = tx.objectStore('notes');
  const notes: Note[] = [];
  await newestFirst(store.index('byTicketId'), ticketId, NOTES_LIMIT + 1, (id) => store.get(id), (n) => {
    if (n.deletedAt === null) notes.push(n);
    return notes.length < NOTES_LIMIT;
  });
  return notes;
}

/** What `newestFirst` needs of an idb index whose records have string ids. */
interface IdIndex<V> {
  getAll(query: string, count?: number): Promise<V[]>;
  getAllKeys(query: string): Promise<string[]>;
}

/**
 * `getAll({ query, count, direction })` (IndexedDB 3, with `getAllRecords`):
 * the newest records of one index key in a single request. Where it is
 * missing (older Firefox), an options object would be taken for a key.
 */
const DIRECTIONAL_GET_ALL = typeof IDBIndex !== 'undefined' && 'getAllRecords' in IDBIndex.prototype;

/**
 * Visits the records of one index key newest first (ids are ULIDs), until
 * `visit` returns false or HISTORY_SCAN_LIMIT records were read. A cursor
 * would cost a round trip per record; this is one request for the newest
 * `batch` and, only when the filter needs more (or without directional
 * getAll), the key's ids in one request and the older records in parallel
 * batches.
 */
async function newestFirst<V>(
  index: IdIndex<V>,
  key: string,
  batch: number,
  get: (id: string) => Promise<V | undefined>,
  visit: (value: V) => boolean,
): Promise<void> {
  let skip = 0;
  if (DIRECTIONAL_GET_ALL) {
    const first = await index.getAll({ query: key, count: batch, direction: 'prev' } as unknown as string);
    for (const record of first) if (!visit(record)) return;
    if (first.length < batch) return;
    skip = batch;
  }
  const ids = await index.getAllKeys(key);
  const floor = Math.max(0, ids.length - HISTORY_SCAN_LIMIT);
  for (let end = ids.length - skip; end > floor; end -= batch) {
    const records = await Promise.all(ids.slice(Math.max(floor, end - batch), end).reverse().map(get));
    for (const record of records) if (record !== undefined && !visit(record)) return;
  }
}

/**
 * The stored conversation's contact (followed to the contact it was merged
 * into, if it was); before the conversation is recorded, the live contact
 * with any exact identity the page shows, as `conversation.observe` would link it.
 */
async function findContact(
  tx: StoreTx,
  conversation: Conversation | undefined,
  snapshot: ConversationSnapshot,
): Promise<Contact | undefined> {
  const contacts = tx.objectStore('contacts');
  if (conversation?.contactId) {
    let contact = await contacts.get(conversation.contactId);
    // A trashed conversation keeps the merged-away contact; show whom it became (a merge chain is short).
    for (let hops = 0; contact?.mergedInto && hops < 10; hops++) contact = (await contacts.get(contact.mergedInto)) ?? contact;
    return contact;
  }
  for (const identity of identitiesOfSnapshot(snapshot.contact)) {
    const found = (await contacts.index('byLookupKey').getAll(identityKey(identity))).find(isLiveContact);
    if (found) return found;
  }
  return undefined;
}

/** Why a contact is probably the conversation's contact too. */
export type SuggestionReason =
  /** The customer wrote this email or phone in the conversation, and it is the other contact's identity. */
  | { kind: 'mentioned'; value: string }
  /** The same name, on a channel the conversation's contact is not on. */
  | { kind: 'name' };

export interface ContactSuggestion {
  contact: Contact;
  reason: SuggestionReason;
}

export const SUGGESTIONS_LIMIT = 5;

/**
 * Suggestions for the conversation's contact (never links anything): a live
 * contact one of whose identities the customer wrote in their messages, or
 * one with the same name (two words or more, accents, case and spacing
 * ignored) whose channels the conversation's contact has none of. Contacts
 * the agent said are someone else (`notSameAs`, either way) are left out.
 */
export async function contactSuggestions(conn: Connection, snapshot: ConversationSnapshot): Promise<ContactSuggestion[]> {
  const tx = readTransaction(conn.db, ['conversations', 'contacts']);
  const conversation = await tx.objectStore('conversations').index('bySourceKey').get([snapshot.source, snapshot.key]);
  const contact = await findContact(tx, conversation, snapshot);
  if (!contact || !isLiveContact(contact)) return [];
  const contacts = tx.objectStore('contacts').index('byLookupKey');
  const out = new Map<string, ContactSuggestion>();
  const eligible = (c: Contact) => isLiveContact(c) && c.id !== contact.id && !out.has(c.id) && !contact.notSameAs.includes(c.id) && !c.notSameAs.includes(contact.id);
  for (const { key, value } of mentionedKeys(snapshot.contact)) {
    for (const other of await contacts.getAll(key)) if (eligible(other)) out.set(other.id, { contact: other, reason: { kind: 'mentioned', value } });
  }
  const name = nameKey(contact.name);
  if (name) {
    const mine = channelsOf(contact);
    for (const other of await contacts.getAll(`name:${name}`)) {
      if (eligible(other) && ![...channelsOf(other)].some((ch) => mine.has(ch))) out.set(other.id, { contact: other, reason: { kind: 'name' } });
    }
  }
  return [...out.values()].slice(0, SUGGESTIONS_LIMIT);
}

const RECORD_STORES: StoreName[] = ['tickets', 'conversations', 'contacts', 'notes', 'activity', 'settings', 'agents', 'meta'];

/** R7: everything the ticket record page shows, or null for an unknown id (a trashed ticket is returned). */
export async function ticketRecord(conn: Connection, ticketId: string): Promise<TicketRecordView | null> {
  const tx = readTransaction(conn.db, RECORD_STORES);
  const ticket = await tx.objectStore('tickets').get(ticketId);
  if (!ticket) return null;
  // [ticketId, clock] keys, then primary key: exactly the (clock, id) order.
  const historyOf = (id: string) => tx.objectStore('activity').index('byTicketClock').getAll(conn.range.bound([id], [id, []]));
  const keptId = ticket.mergedInto ?? null;
  const [conversations, contact, notes, activity, settings, agents, meta, kept] = await Promise.all([
    tx.objectStore('conversations').index('byTicketId').getAll(ticketId),
    ticket.contactId ? tx.objectStore('contacts').get(ticket.contactId) : undefined,
    liveNotes(tx, ticketId, Infinity),
    mergedHistory(ticketId, historyOf),
    readSettings(tx),
    liveAgents(tx),
    readMeta(tx),
    keptId ? tx.objectStore('tickets').get(keptId) : undefined,
  ]);
  const view: TicketRecordView = { ticket, conversations, contact: contact ?? null, notes, activity, settings, agents, meId: meta.meId };
  if (keptId) {
    view.mergedInto = kept ? { id: kept.id, name: kept.name, deletedAt: kept.deletedAt } : null;
    const moved = await Promise.all((ticket.mergeMoved?.conversations ?? []).map((c) => tx.objectStore('conversations').get(c.id)));
    view.movedConversations = moved.filter((c): c is Conversation => c !== undefined);
  }
  const here = mergedInFrom(ticketId, activity.filter((a) => a.ticketId === ticketId));
  if (here.length > 0) {
    const tombstones = await Promise.all(here.map((id) => tx.objectStore('tickets').get(id)));
    view.mergedHere = tombstones.filter((t): t is Ticket => t !== undefined && t.mergedInto === ticketId).map((t) => ({ id: t.id, name: t.name }));
  }
  return view;
}

/**
 * History never moves (docs/data.md "History"): a ticket's record shows its
 * own entries and those of the tickets merged into it, each entry once, in
 * (clock, id) order.
 */
async function mergedHistory(ticketId: string, historyOf: (id: string) => Promise<Activity[]>): Promise<Activity[]> {
  const cache = new Map<string, Promise<Activity[]>>();
  const read = (id: string) => {
    let entries = cache.get(id);
    if (!entries) cache.set(id, (entries = historyOf(id)));
    return entries;
  };
  const others = await mergedInto(ticketId, read);
  if (others.length === 0) return read(ticketId);
  const all = (await Promise.all([ticketId, ...others].map(read))).flat();
  return all.sort((a, b) => (a.clock < b.clock ? -1 : a.clock > b.clock ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Live tickets per stage, from the counts record every write keeps up to date
 * (core/store/derived.ts): one read, whatever the size of the help desk.
 */
export async function countTickets(conn: Connection): Promise<TicketCounts> {
  const tx = readTransaction(conn.db, ['counts', 'settings']);
  const [settings, counts] = await Promise.all([readSettings(tx), readCounts(tx)]);
  const byStatus: Record<string, number> = {};
  for (const stage of settings.stages) byStatus[stage.id] = counts.byStatus[stage.id] ?? 0;
  return { byStatus, total: counts.total };
}

/** The counts record (an empty one before the first write of a fresh database). */
export async function readCounts(tx: StoreTx): Promise<CountsRecord> {
  return (await tx.objectStore('counts').get(COUNTS_ID)) ?? emptyCounts();
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

async function liveAgents(tx: StoreTx): Promise<Agent[]> {
  return (await tx.objectStore('agents').getAll()).filter((a) => a.deletedAt === null);
}

async function liveSnippets(tx: StoreTx): Promise<Snippet[]> {
  return (await tx.objectStore('snippets').getAll()).filter((s) => s.deletedAt === null);
}

async function liveConversationsOf(tx: StoreTx, ticketId: string): Promise<Conversation[]> {
  return (await tx.objectStore('conversations').index('byTicketId').getAll(ticketId)).filter((c) => c.deletedAt === null);
}

async function liveNotes(tx: StoreTx, ticketId: string, limit: number): Promise<Note[]> {
  return collect(tx.objectStore('notes').index('byTicketId').openCursor(ticketId, 'prev'), limit, (n) => n.deletedAt === null);
}
