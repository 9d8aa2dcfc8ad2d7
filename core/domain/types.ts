/**
 * The help desk's records. Every stored record is sync-ready from version 1
 * (docs/data.md): a typed id (`ticket:<ULID>`), a per-field
 * hybrid logical clock, `version` for compare-and-set, a trash tombstone and
 * who/where stamps. No field name starts with `_` (CouchDB reserves them).
 */

import type { SlaSettings, TicketSla } from './sla';

export const SCHEMA_VERSION = 1;

/** Adapter ids (docs/ui-contract.md "Builds and paths"). */
export const SOURCES = ['gmail', 'outlook', 'roundcube', 'slack', 'whatsapp', 'demo', 'generic'] as const;
export type Source = (typeof SOURCES)[number];

export type Channel = 'email' | 'chat';
export type ConversationStatus = 'open' | 'closed';

/** Fields every replicated record carries. */
export interface SyncedFields {
  id: string;
  schemaVersion: number;
  /** Increments on every write; the background compares it before writing. */
  version: number;
  createdAt: number;
  /** For display only: merges use `clock`. */
  updatedAt: number;
  /** Agent id of the last writer. */
  updatedBy: string;
  /** Installation that made the last write. */
  deviceId: string;
  /** Field name → HLC (`<ms>-<counter>-<deviceId>`) of its last write. */
  clock: Record<string, string>;
  /** Id of the command that made the last write; a cascade stamps one causeId on every record. */
  causeId: string;
  /** Trash tombstone: set when moved to the trash, null when live. */
  deletedAt: number | null;
}

/** A value of a user-defined property. Dates are stored as `YYYY-MM-DD` strings. */
export type CustomValue = string | number | null;

export interface Ticket extends SyncedFields {
  name: string;
  /** A pipeline stage id (settings.stages). */
  status: string;
  /** A priority id (settings.priorities). */
  priority: string;
  /** Agent id, or null when unassigned. */
  ownerId: string | null;
  category: string;
  description: string;
  /** Channel the ticket came from (that of its first conversation). */
  source: Channel;
  contactId: string | null;
  closedAt: number | null;
  lastActivityAt: number;
  /** User-defined property id (`custom.<slug>`) → value; the id is also its clock key and activity field. */
  custom: Record<string, CustomValue>;
  /**
   * Id of the ticket this one was merged into, or null. A merged-away ticket
   * is also in the trash (`deletedAt`). Tickets written before merging
   * existed lack the field: read it through `mergedIntoOf`.
   */
  mergedInto: string | null;
  /** On a merged-away ticket: what the merge moved off it, so the undo puts back exactly that. */
  mergeMoved?: MergeMoved | null;
  /** Tag names as typed (trimmed), unique case-insensitively, in the order added. Absent on older records: read through `tagsOf`. */
  tags?: string[];
  /** SLA bookkeeping (core/domain/sla.ts): status log, first response, marks written. Older tickets lack it: read through `slaOf`/`ticketSlaOf`. */
  sla?: TicketSla | null;
  /** Due date and time (epoch ms), or null; property id `due`. Older records lack it: read it through `dueAtOf`. */
  dueAt?: number | null;
  /** The due date the agent was already told has passed (the reminder tick's mark, so a relaunch never repeats it). */
  dueNotified?: number | null;
  /** Hidden from the open lists until `until` (epoch ms) or, with `untilReply`, until the customer writes. Read through `snoozeOf`. */
  snooze?: TicketSnooze | null;
}

export interface TicketSnooze {
  until: number | null;
  untilReply: boolean;
}

/** The ticket's due date (epoch ms), or null (older records have no `dueAt`). */
export function dueAtOf(ticket: Pick<Ticket, 'dueAt'>): number | null {
  return ticket.dueAt ?? null;
}

/** The ticket's snooze, or null when it is not snoozed (older records have no `snooze`). */
export function snoozeOf(ticket: Pick<Ticket, 'snooze'>): TicketSnooze | null {
  return ticket.snooze ?? null;
}

/** What one merge moved from a merged-away ticket to the kept one. */
export interface MergeMoved {
  /** The conversations moved, each with the status it had before the merge (R8 may have closed it). */
  conversations: { id: string; status: ConversationStatus }[];
  /** The notes moved. */
  notes: string[];
}

/** The ticket this one was merged into, or null (older records have no `mergedInto`). */
export function mergedIntoOf(ticket: Pick<Ticket, 'mergedInto'>): string | null {
  return ticket.mergedInto ?? null;
}

/** The ticket's tags ([] on records made before tags existed). */
export function tagsOf(ticket: Pick<Ticket, 'tags'>): string[] {
  return ticket.tags ?? [];
}

/** A tag's colour: a name from this fixed palette (each page maps it to its own light and dark colours), never CSS from input. */
export const TAG_COLORS = ['gray', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple'] as const;
export type TagColor = (typeof TAG_COLORS)[number];

/** One tag of the catalog (settings.tags): its spelling and its colour. */
export interface TagDef {
  name: string;
  color: TagColor;
}

export interface Conversation extends SyncedFields {
  source: Source;
  /** Stable external key from the adapter (thread id, URL…). Unique per source. */
  key: string;
  subject: string;
  contactId: string | null;
  channel: Channel;
  status: ConversationStatus;
  ownerId: string | null;
  hostUrl: string;
  /** R2: set once, never cleared (only trashed together with the ticket). */
  ticketId: string | null;
  /** R12: set when the conversation was first seen from a blocked or spam contact. */
  flag: 'blocked' | 'spam' | null;
  /**
   * The newest message the page showed when last seen (snapshot `lastMessage`, without `fromContact`):
   * how a customer's new message is told apart from a reload. Absent on records made before it existed.
   */
  lastMessage?: { id: string; count: number } | null;
}

/** One way to reach a contact: an email (lower case), a phone (E.164, `+34600111222`) or a chat handle (`slack:U123`, `whatsapp:+34…`). */
export interface Identity {
  kind: 'email' | 'phone' | 'handle';
  value: string;
}

/**
 * What `contact.merge` moved, kept on the merged-away contact so that
 * `contact.split` undoes exactly that and nothing else.
 */
export interface ContactMerge {
  /** Identities the kept contact gained (those it did not have already). */
  identities: Identity[];
  /** Live conversations and tickets whose contact moved to the kept one. */
  conversationIds: string[];
  ticketIds: string[];
  /** The kept contact's fields the merge may change, as they were before it. */
  kept: { email: string | null; handle: string | null; blocked: boolean; spam: boolean };
}

export interface Contact extends SyncedFields {
  name: string;
  /** The primary email: lower-cased, or null for chat-only contacts. */
  email: string | null;
  /** The primary chat handle (`slack:U123`, `whatsapp:+34…`, `demo:@ana`), or null. */
  handle: string | null;
  blocked: boolean;
  spam: boolean;
  /** Every exact identity, the primary email and handle included; a conversation with any of them links here. */
  identities: Identity[];
  /** Set on a contact merged into another (it is then also in the trash): that contact's id. */
  mergedInto: string | null;
  /** On a merged-away contact: what the merge moved, for `contact.split`. */
  merge: ContactMerge | null;
  /** Contacts the agent said are not the same person: never suggested again. */
  notSameAs: string[];
  /**
   * Derived from `identities` and `name` (core/domain/contacts.ts lookupKeysOf), never edited on its own:
   * `email:ana@x.com`, `phone:+34…`, `handle:slack:U1`, `name:maria lopez`. The `byLookupKey` index
   * (multiEntry) finds a contact by any identity, or by name for suggestions, in one get.
   */
  lookupKeys: string[];
}

export interface Agent extends SyncedFields {
  name: string;
  email: string;
}

export interface Note extends SyncedFields {
  ticketId: string;
  text: string;
  authorId: string;
}

export interface Snippet extends SyncedFields {
  name: string;
  body: string;
}

export type ActivityKind =
  | 'ticket.created'
  | 'ticket.property'
  | 'ticket.closed'
  | 'ticket.reopened'
  | 'ticket.trashed'
  | 'ticket.restored'
  /** `from` the merged-away ticket `to` the kept one; written on both. */
  | 'ticket.merged'
  /** The undo of a merge, same `from`/`to`; written on both. */
  | 'ticket.unmerged'
  | 'conversation.added'
  | 'conversation.closed'
  | 'conversation.reopened'
  | 'conversation.owner'
  | 'conversation.trashed'
  | 'conversation.restored'
  | 'contact.blocked'
  | 'contact.spam'
  | 'contact.merged'
  | 'contact.split'
  | 'note.added'
  | 'note.edited'
  | 'note.deleted'
  | 'note.restored'
  | 'contact.unflagged'
  /** Snoozed: `to` the time it wakes (ms) or null, `text` 'reply' when it also wakes when the customer writes. */
  | 'ticket.snoozed'
  /** A snooze ended: `text` says why ('time' | 'message' | 'agent'). */
  | 'ticket.woke'
  /** An SLA breach, or a first response marked by hand: `field` = the target, `text` = `breached` | `responded`. */
  | 'ticket.sla';

/** The `text` of a `conversation.reopened` entry a customer's new message caused (shown in the agent's language). */
export const REOPENED_BY_MESSAGE = 'reopened by a new message';

/**
 * Append-only: never updated, ordered by (clock, id). Id: `activity:<ticketULID>:<ULID>`.
 * The one exception is a purge (core/domain/rules/trash.ts): what is deleted
 * forever takes its entries with it, since they repeat its text.
 */
export interface Activity {
  id: string;
  schemaVersion: number;
  ticketId: string;
  at: number;
  clock: string;
  agentId: string;
  deviceId: string;
  causeId: string;
  kind: ActivityKind;
  /** Property id for `ticket.property` (`status`, `priority`, `custom.<id>` …). */
  field?: string;
  from?: CustomValue;
  to?: CustomValue;
  conversationId?: string;
  /** The note an entry is about (`note.edited`, `note.deleted`, `note.restored`; older `note.added` entries have none). */
  noteId?: string;
  /** Note text, or a human detail. */
  text?: string;
}

export interface Stage {
  id: string;
  name: string;
  /** Exactly one stage is the closed one. */
  closed: boolean;
}

export interface Priority {
  id: string;
  name: string;
}

export type PropertyType = 'text' | 'number' | 'select' | 'date';

export interface PropertyDefinition {
  /** Stable id; user-defined ones are `custom.<slug>`. */
  id: string;
  name: string;
  type: PropertyType;
  /** For `select`. */
  options?: string[];
}

/** Single record `settings:main`. Each top-level field has its own clock. */
export interface Settings extends SyncedFields {
  stages: Stage[];
  priorities: Priority[];
  /** User-defined properties (the built-in ones are BUILTIN_PROPERTIES). */
  properties: PropertyDefinition[];
  /** R6: property ids the details panel shows. */
  displayedProperties: string[];
  /** A customer's new message reopens a closed ticket (docs/rules.md R9). Absent means on. */
  reopenOnMessage?: boolean;
  /** Every tag used so far, with its colour; a tag joins when first put on a ticket. Absent on older records: read through `tagCatalogOf`. */
  tags?: TagDef[];
  /** SLA policies, business hours, time zone, holidays, pausing stages. Absent on older records: read through `slaSettingsOf`. */
  sla?: SlaSettings;
}

/** The tag catalog ([] on settings made before tags existed). */
export function tagCatalogOf(settings: Pick<Settings, 'tags'>): TagDef[] {
  return settings.tags ?? [];
}

/** Per-installation facts that never sync (kept in the `meta` store). */
export interface LocalMeta {
  deviceId: string;
  /** The local agent's Agent id. */
  meId: string;
  /** Last HLC issued on this device. */
  lastClock: string;
}

export type StoredRecord = Ticket | Conversation | Contact | Agent | Note | Snippet | Settings;

/** What an adapter reads off the host page: plain text, never HTML. */
export interface ConversationSnapshot {
  source: Source;
  key: string;
  subject: string;
  channel: Channel;
  hostUrl: string;
  contact: {
    name: string;
    email: string | null;
    handle: string | null;
    /** A phone in E.164 form (`+34600111222`) when the site shows the customer's number. */
    phone?: string | null;
    /** Emails and phones the customer wrote in their own messages: weak evidence, only ever a suggestion. */
    mentioned?: string[];
  };
  /** The newest message the page shows: a stable id (site message id, else `count:<n>`), how many messages the thread shows, whether the customer (not the agent) wrote it. Null/absent when the site can't tell. */
  lastMessage?: { id: string; count: number; fromContact: boolean } | null;
}
