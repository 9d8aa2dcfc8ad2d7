import type { RefusalArgs, RefusalKey } from './refusals';
import type { SlaSettings } from './sla';
import type {
  Activity,
  Agent,
  Contact,
  Conversation,
  ConversationSnapshot,
  ConversationStatus,
  CustomValue,
  Note,
  Priority,
  PropertyDefinition,
  Settings,
  Snippet,
  Stage,
  StoredRecord,
  TagColor,
  Ticket,
} from './types';

/**
 * Commands change the help desk. Each is applied by `applyCommand` (rules.ts)
 * as one unit: either every write it returns lands (one IndexedDB transaction)
 * or none does.
 */
export type Command =
  /** Record a conversation the sidebar sees (creates contact + conversation once). */
  | { type: 'conversation.observe'; conversation: ConversationSnapshot }
  /** R1 / R2. */
  | {
      type: 'ticket.create';
      conversation: ConversationSnapshot;
      fields: {
        name: string;
        status?: string;
        priority?: string;
        ownerId?: string | null;
        category?: string;
        description?: string;
      };
    }
  /** R3. */
  | { type: 'ticket.associate'; conversation: ConversationSnapshot; ticketId: string }
  /** R4 (status goes through the R8/R9 cascade; owner does not touch conversations, R5). */
  | { type: 'ticket.update'; ticketId: string; field: string; value: CustomValue }
  /** R8 / R9. */
  | { type: 'ticket.setStatus'; ticketId: string; status: string }
  /** Hides an open ticket from the open lists until `until` (ms), or until the customer writes (`untilReply`), whichever first. */
  | { type: 'ticket.snooze'; ticketId: string; until: number | null; untilReply: boolean }
  /** The agent wakes a snoozed ticket. */
  | { type: 'ticket.unsnooze'; ticketId: string }
  /** The service worker's reminder tick (core/domain/rules/reminders.ts); no page or content script may send it. */
  | { type: 'reminders.tick' }
  /** R11: the ticket and all its conversations go to the trash. */
  | { type: 'ticket.delete'; ticketId: string }
  /** Tags: the ticket's whole list of tag names (new names join the catalog). */
  | { type: 'ticket.setTags'; ticketId: string; tags: string[] }
  /** Tags, options page: rename one tag in the catalog and on every live ticket. */
  | { type: 'tags.rename'; from: string; to: string }
  /** Tags, options page: a new palette colour for one tag. */
  | { type: 'tags.recolor'; name: string; color: TagColor }
  /** Tags, options page: take one tag off every live ticket and out of the catalog. */
  | { type: 'tags.remove'; name: string }
  /** SLA: the agent says the first response was sent (where the site can't tell). */
  | { type: 'ticket.markResponded'; ticketId: string }
  /** Merges one or more tickets into `keepId`: their conversations and notes move there, they become trashed tombstones. */
  | { type: 'ticket.merge'; keepId: string; mergeIds: string[] }
  /** Undoes the merge of `id` (the merged-away ticket) while the trash keeps it. */
  | { type: 'ticket.unmerge'; id: string }
  /** Dashboard bulk actions: the single-ticket rules on each ticket, in one transaction, all or nothing. */
  | {
      type: 'tickets.bulk';
      ticketIds: string[];
      action:
        | { type: 'status'; status: string }
        | { type: 'owner'; ownerId: string | null }
        | { type: 'priority'; priority: string }
        | { type: 'tags'; add: string[]; remove: string[] }
        | { type: 'delete' };
    }
  /** R5: also sets the ticket's owner. */
  | { type: 'conversation.setOwner'; conversationId: string; ownerId: string | null }
  /** R10. */
  | { type: 'conversation.setStatus'; conversationId: string; status: ConversationStatus }
  /** R11: the conversation, its ticket and the ticket's other conversations go to the trash. */
  | { type: 'conversation.trash'; conversationId: string }
  /** R11: restores what one trash action removed (any of its records' ids). */
  | { type: 'trash.restore'; id: string }
  /** Hard-deletes trashed records older than the retention (or all, with `all`). */
  | { type: 'trash.purge'; all?: boolean }
  /** "Delete forever" on one trash item: it and what the same trash action removed with it (as restore would bring back). */
  | { type: 'trash.purgeItem'; id: string }
  /** R12. */
  | { type: 'contact.block'; contactId: string; blocked: boolean }
  | { type: 'contact.spam'; contactId: string; spam: boolean }
  /** One person: `mergeId`'s identities, conversations and tickets move to `keepId`; `mergeId` becomes a tombstone in the trash. */
  | { type: 'contact.merge'; keepId: string; mergeId: string }
  /** Undoes `contact.merge`: `mergedId` is the merged-away contact. */
  | { type: 'contact.split'; mergedId: string }
  /** "Not the same person": the suggestion between the two is never offered again. */
  | { type: 'contact.dismiss'; contactId: string; otherId: string }
  /** R14. */
  | { type: 'note.add'; ticketId: string; text: string }
  /** R14: the author rewrites or trashes their own note (old → new in the history; the trash restores it). */
  | { type: 'note.edit'; noteId: string; text: string }
  | { type: 'note.delete'; noteId: string }
  | { type: 'snippet.save'; id?: string; name: string; body: string }
  | { type: 'snippet.delete'; id: string }
  | { type: 'agent.save'; id?: string; name: string; email: string }
  | { type: 'agent.delete'; id: string }
  | {
      type: 'settings.update';
      stages?: Stage[];
      priorities?: Priority[];
      properties?: PropertyDefinition[];
      displayedProperties?: string[];
      /** Whether a customer's new message reopens a closed ticket (R9). */
      reopenOnMessage?: boolean;
      /** SLA policies and business calendar, checked whole (core/domain/rules/sla-settings.ts). */
      sla?: SlaSettings;
      /** Stage id → stage id, for tickets in stages being removed. */
      moveTickets?: Record<string, string>;
      /**
       * For each whole list sent: its field clock (`settings.clock[list]`) in
       * the copy the editor changed. A list changed since is refused
       * (`conflict`, `stale`) rather than overwritten. Optional on the wire;
       * the options page always sends it. `displayedProperties` has none:
       * see updateSettings.
       */
      expected?: Partial<Record<SettingsList, string>>;
    };

/** The settings lists `settings.update` replaces whole, so a stale copy would drop another tab's change. */
export type SettingsList = 'stages' | 'priorities' | 'properties';
export const SETTINGS_LISTS: readonly SettingsList[] = ['stages', 'priorities', 'properties'];

export type CommandType = Command['type'];

/** Commands the service worker issues itself: not in the message schema, and no sender may send them (router ACCESS). */
export type InternalCommand = Extract<Command, { type: 'reminders.tick' }>;
export const INTERNAL_COMMANDS = ['reminders.tick'] as const satisfies readonly InternalCommand['type'][];
/** What may arrive in a message. */
export type WireCommand = Exclude<Command, InternalCommand>;

/** Everything a rule may need to know, injected so rules stay pure and testable. */
export interface CommandContext {
  /** Wall-clock ms for display fields (createdAt, updatedAt, closedAt…). */
  now: number;
  /** One HLC value for the whole command; every field written gets it. */
  clock: string;
  /** This command's id, stamped as `causeId` on every record it touches. */
  causeId: string;
  /** The acting agent's id. */
  agentId: string;
  deviceId: string;
  /** New ULID (no prefix); rules add the type prefix. */
  newUlid: () => string;
}

/**
 * Read access to current records. The store implements it inside the
 * command's IndexedDB transaction; tests implement it over Maps.
 * Getters return tombstoned (trashed) records too: callers check `deletedAt`.
 */
export interface Reader {
  settings(): Promise<Settings>;
  ticket(id: string): Promise<Ticket | undefined>;
  conversation(id: string): Promise<Conversation | undefined>;
  conversationByKey(source: string, key: string): Promise<Conversation | undefined>;
  conversationsOfTicket(ticketId: string): Promise<Conversation[]>;
  contact(id: string): Promise<Contact | undefined>;
  contactByEmail(email: string): Promise<Contact | undefined>;
  contactByHandle(handle: string): Promise<Contact | undefined>;
  /** Contacts (live, trashed or merged away) with this lookup key (`email:…`, `phone:…`, `handle:…`, `name:…`; core/domain/contacts.ts). */
  contactsByLookupKey(key: string): Promise<Contact[]>;
  /** The contacts merged into `contactId` (tombstones in the trash). */
  contactsMergedInto(contactId: string): Promise<Contact[]>;
  agent(id: string): Promise<Agent | undefined>;
  snippet(id: string): Promise<Snippet | undefined>;
  note(id: string): Promise<Note | undefined>;
  /** Trashed records whose deletedAt < before (for purge). Tickets, conversations, notes, snippets, agents. */
  trashedBefore(before: number): Promise<StoredRecord[]>;
  /** Notes of a ticket (for cascading trash to notes). */
  notesOfTicket(ticketId: string): Promise<Note[]>;
  /** A ticket's whole history, in any order (a purge removes it with the ticket). */
  activityOfTicket(ticketId: string): Promise<Activity[]>;
  /** Tickets and conversations, live or trashed, whose contact is `contactId` (is a contact still used?). */
  recordsOfContact(contactId: string): Promise<(Ticket | Conversation)[]>;
}

/** A change to the store. `put` writes a whole record (version already bumped); `remove` hard-deletes (an activity entry too, for a purge only). */
export type Write = { op: 'put'; record: StoredRecord } | { op: 'remove'; id: string };

export interface Applied {
  writes: Write[];
  /** New activity entries (append-only). */
  activity: Activity[];
  /** What the command made, for the caller (e.g. the new ticket). */
  result?: unknown;
}

export type ErrorCode =
  | 'invalid' // malformed message or value
  | 'not_found'
  | 'conflict' // a rule refuses (R2 second ticket, stage in use…)
  | 'forbidden' // sender not allowed
  | 'storage' // IndexedDB failed
  | 'internal';

export interface Refusal {
  code: ErrorCode;
  /** Which refusal (core/domain/refusals.ts): pages show `err_<key>` in the agent's language. */
  key: RefusalKey;
  /** The values for the key's `{name}` placeholders. */
  args?: RefusalArgs;
  /** The same in English, for logs and for a page that doesn't know the key. */
  message: string;
  /** Set on a `settings.update` refused because this list changed since the editor loaded it; pages say so in the agent's language. */
  stale?: SettingsList;
  /** With `storage`: the browser's storage for the extension is full (the agent can act on that: free space, try again). */
  reason?: 'quota';
}

export type Outcome = { ok: true; value: Applied } | { ok: false; error: Refusal };
