import type { Applied, CommandContext, Reader, Refusal, Write } from '../commands';
import { SETTINGS_ID } from '../defaults';
import { refusal, type RefusalArgs, type RefusalKey } from '../refusals';
import { activityId, prefixOf } from '../ids';
import { createRecord, updateRecord, type Fields, type NewFields } from '../records';
import {
  SCHEMA_VERSION,
  type Activity,
  type ActivityKind,
  type Agent,
  type Contact,
  type Conversation,
  type Note,
  type Settings,
  type Snippet,
  type StoredRecord,
  type Ticket,
} from '../types';

/**
 * A Reader with the extra query `settings.update` needs to keep a removed
 * stage from stranding tickets. The store should implement it (an index on
 * `status`); without it, removing a stage or changing which stage is the
 * closed one is refused.
 */
export interface ReaderWithQueries extends Reader {
  /** Tickets (live or trashed) whose status is `stageId`. */
  ticketsByStatus(stageId: string): Promise<Ticket[]>;
}

export function hasTicketQueries(reader: Reader): reader is ReaderWithQueries {
  return typeof (reader as Partial<ReaderWithQueries>).ticketsByStatus === 'function';
}

/**
 * Reads the rules use, when the store offers them, to keep references whole:
 * a priority is not removed while tickets have it, a trashed teammate is not
 * purged while anything names them. Without them, both are refused or kept.
 */
export interface ReaderWithReferenceQueries extends Reader {
  /** Tickets (live or trashed) whose priority is `priorityId`. */
  ticketsByPriority(priorityId: string): Promise<Ticket[]>;
  /**
   * Whether a ticket or conversation (owner), a note (author) or an activity
   * entry (who, or the owner it changed from or to) names the teammate,
   * leaving out the records whose ids are in `ignore`.
   */
  agentInUse(agentId: string, ignore: ReadonlySet<string>): Promise<boolean>;
}

const offers = <K extends keyof ReaderWithReferenceQueries>(reader: Reader, method: K): reader is Reader & Pick<ReaderWithReferenceQueries, K> =>
  typeof (reader as Partial<ReaderWithReferenceQueries>)[method] === 'function';

/** A rule refusing the command: thrown inside the rules, turned into `{ok:false}` by applyCommand only. */
export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = 'Refused';
  }
}

export function refuse(code: Refusal['code'], key: RefusalKey, args?: RefusalArgs): never {
  throw new Refused(refusal(code, key, args));
}

export type ActivityDetails = Pick<Activity, 'field' | 'from' | 'to' | 'conversationId' | 'noteId' | 'text'>;

interface Draft {
  /** The record as the store has it (undefined for a record this command creates). */
  before: StoredRecord | undefined;
  after: StoredRecord;
}

/** Record kinds by id prefix (ids are `type:<ULID>`). */
export const isTicket = (r: StoredRecord): r is Ticket => prefixOf(r.id) === 'ticket';
export const isConversation = (r: StoredRecord): r is Conversation => prefixOf(r.id) === 'conversation';
export const isNote = (r: StoredRecord): r is Note => prefixOf(r.id) === 'note';
export const isContact = (r: StoredRecord): r is Contact => prefixOf(r.id) === 'contact';
const usesContact = (r: StoredRecord): r is Ticket | Conversation => isTicket(r) || isConversation(r);

/**
 * One command's unit of work. Reads go through the store's Reader but see
 * this command's own pending writes first, so a rule can create a
 * conversation and then cascade over it; each record is written at most once
 * per command (version + 1 once, whatever the number of changes).
 *
 * Only Reader calls are awaited here: the store runs this inside an
 * IndexedDB transaction that would auto-commit on any other await.
 */
export class Session {
  private readonly drafts = new Map<string, Draft>();
  private readonly removals = new Set<string>();
  private readonly entries: Activity[] = [];
  private cachedSettings: Settings | undefined;

  constructor(
    private readonly reader: Reader,
    readonly ctx: CommandContext,
  ) {}

  // ---- reads (overlaid with this command's drafts) ----

  async settings(): Promise<Settings> {
    const draft = this.drafts.get(SETTINGS_ID);
    if (draft) return draft.after as Settings;
    this.cachedSettings ??= await this.reader.settings();
    return this.cachedSettings;
  }

  async ticket(id: string): Promise<Ticket | undefined> {
    return this.latest(id, await this.reader.ticket(id));
  }

  async conversation(id: string): Promise<Conversation | undefined> {
    return this.latest(id, await this.reader.conversation(id));
  }

  async contact(id: string): Promise<Contact | undefined> {
    return this.latest(id, await this.reader.contact(id));
  }

  async agent(id: string): Promise<Agent | undefined> {
    return this.latest(id, await this.reader.agent(id));
  }

  async snippet(id: string): Promise<Snippet | undefined> {
    return this.latest(id, await this.reader.snippet(id));
  }

  async note(id: string): Promise<Note | undefined> {
    return this.latest(id, await this.reader.note(id));
  }

  async conversationByKey(source: string, key: string): Promise<Conversation | undefined> {
    const stored = await this.reader.conversationByKey(source, key);
    return this.overlay(stored ? [stored] : [], isConversation, (r) => r.source === source && r.key === key)[0];
  }

  async contactByEmail(email: string): Promise<Contact | undefined> {
    const stored = await this.reader.contactByEmail(email);
    return this.overlay(stored ? [stored] : [], isContact, (r) => r.email === email)[0];
  }

  async contactByHandle(handle: string): Promise<Contact | undefined> {
    const stored = await this.reader.contactByHandle(handle);
    return this.overlay(stored ? [stored] : [], isContact, (r) => r.handle === handle)[0];
  }

  async contactsByLookupKey(key: string): Promise<Contact[]> {
    const stored = await this.reader.contactsByLookupKey(key);
    return this.overlay(stored, isContact, (r) => r.lookupKeys.includes(key));
  }

  async contactsMergedInto(contactId: string): Promise<Contact[]> {
    const stored = await this.reader.contactsMergedInto(contactId);
    return this.overlay(stored, isContact, (r) => r.mergedInto === contactId);
  }

  async conversationsOfTicket(ticketId: string): Promise<Conversation[]> {
    const stored = await this.reader.conversationsOfTicket(ticketId);
    return this.overlay(stored, isConversation, (r) => r.ticketId === ticketId);
  }

  async notesOfTicket(ticketId: string): Promise<Note[]> {
    const stored = await this.reader.notesOfTicket(ticketId);
    return this.overlay(stored, isNote, (r) => r.ticketId === ticketId);
  }

  /** `undefined` when the store can't answer (see ReaderWithQueries). */
  async ticketsByStatus(stageId: string): Promise<Ticket[] | undefined> {
    if (!hasTicketQueries(this.reader)) return undefined;
    const stored = await this.reader.ticketsByStatus(stageId);
    return this.overlay(stored, isTicket, (r) => r.status === stageId);
  }

  /** `undefined` when the store can't answer (see ReaderWithReferenceQueries). */
  async ticketsByPriority(priorityId: string): Promise<Ticket[] | undefined> {
    if (!offers(this.reader, 'ticketsByPriority')) return undefined;
    const stored = await this.reader.ticketsByPriority(priorityId);
    return this.overlay(stored, isTicket, (r) => r.priority === priorityId);
  }

  /**
   * Whether anything this command leaves in place names the teammate (see
   * ReaderWithReferenceQueries); `undefined` when the store can't answer.
   * Records this command wrote or removed are judged by what it leaves.
   */
  async agentInUse(agentId: string): Promise<boolean | undefined> {
    if (!offers(this.reader, 'agentInUse')) return undefined;
    for (const { after } of this.drafts.values()) if (namesAgent(after, agentId)) return true;
    if (this.entries.some((a) => namesAgent(a, agentId))) return true;
    return this.reader.agentInUse(agentId, new Set([...this.removals, ...this.drafts.keys()]));
  }

  trashedBefore(before: number): Promise<StoredRecord[]> {
    return this.reader.trashedBefore(before);
  }

  /** A ticket's stored history, less what this command removes. */
  async activityOfTicket(ticketId: string): Promise<Activity[]> {
    return (await this.reader.activityOfTicket(ticketId)).filter((a) => !this.removals.has(a.id));
  }

  /** Tickets and conversations, live or trashed, whose contact is `contactId` (this command's writes included). */
  async recordsOfContact(contactId: string): Promise<(Ticket | Conversation)[]> {
    const stored = await this.reader.recordsOfContact(contactId);
    return this.overlay(stored, usesContact, (r) => r.contactId === contactId);
  }

  /** Whether a ticket or conversation that this command leaves in place still points at the contact. */
  async contactInUse(contactId: string): Promise<boolean> {
    const stored = await this.reader.recordsOfContact(contactId);
    const users = this.overlay(stored, usesContact, (r) => r.contactId === contactId);
    return users.some((r) => !this.removals.has(r.id));
  }

  // ---- writes ----

  create<T extends StoredRecord>(id: string, fields: NewFields<T>): T {
    const record = createRecord<T>(this.ctx, id, fields);
    this.drafts.set(id, { before: undefined, after: record });
    return record;
  }

  /**
   * Writes `changes` over the latest copy of `record` (earlier changes in this
   * command included). Returns the new record, or undefined if nothing changed.
   */
  change<T extends StoredRecord>(record: T, changes: Partial<Fields<T>>): T | undefined {
    const draft = this.drafts.get(record.id);
    const current = (draft?.after as T | undefined) ?? record;
    const next = updateRecord(this.ctx, current, changes);
    if (!next) return undefined;
    // A record is one write per command: a second change keeps the first change's version.
    const after = draft ? { ...next, version: current.version } : next;
    this.drafts.set(record.id, { before: draft ? draft.before : record, after });
    return after;
  }

  /** The latest copy of a record this command may have changed. */
  current<T extends StoredRecord>(record: T): T {
    return (this.drafts.get(record.id)?.after as T | undefined) ?? record;
  }

  /**
   * Hard-deletes a record, or an activity entry: a purge is the one command
   * allowed to take history away (what was deleted forever must not live on in it).
   */
  remove(id: string): void {
    this.drafts.delete(id);
    this.removals.add(id);
  }

  /**
   * Appends an activity entry to a ticket and moves its "last activity" to
   * now: the ticket's lastActivityAt is the time of its newest entry.
   */
  log(ticket: Ticket, kind: ActivityKind, details: ActivityDetails = {}): void {
    const { ctx } = this;
    this.entries.push({
      id: activityId(ticket.id, ctx.newUlid()),
      schemaVersion: SCHEMA_VERSION,
      ticketId: ticket.id,
      at: ctx.now,
      clock: ctx.clock,
      agentId: ctx.agentId,
      deviceId: ctx.deviceId,
      causeId: ctx.causeId,
      kind,
      ...withoutUndefined(details),
    });
    this.change<Ticket>(ticket, { lastActivityAt: ctx.now });
  }

  finish(result: unknown): Applied {
    const writes: Write[] = [];
    for (const { after } of this.drafts.values()) writes.push({ op: 'put', record: after });
    for (const id of this.removals) writes.push({ op: 'remove', id });
    return { writes, activity: [...this.entries], result };
  }

  // ---- helpers ----

  private latest<T extends StoredRecord>(id: string, stored: T | undefined): T | undefined {
    // Drafts are keyed by id and ids carry their type prefix, so the draft under a ticket id is a Ticket.
    return (this.drafts.get(id)?.after as T | undefined) ?? stored;
  }

  /** Stored query results with this command's drafts applied: changed ones replaced, new matches added. */
  private overlay<T extends StoredRecord>(
    stored: T[],
    isType: (r: StoredRecord) => r is T,
    matches: (r: T) => boolean,
  ): T[] {
    const out: T[] = [];
    const seen = new Set<string>();
    for (const record of stored) {
      seen.add(record.id);
      const latest = this.current(record);
      if (matches(latest)) out.push(latest);
    }
    for (const [id, { after }] of this.drafts) if (!seen.has(id) && isType(after) && matches(after)) out.push(after);
    return out;
  }
}

/** A record or history entry that names the teammate (what an import checks, and whose name history shows). */
export function namesAgent(r: StoredRecord | Activity, agentId: string): boolean {
  switch (prefixOf(r.id)) {
    case 'activity': {
      const a = r as Activity;
      return a.agentId === agentId || a.from === agentId || a.to === agentId;
    }
    case 'ticket':
    case 'conversation':
      return (r as Ticket | Conversation).ownerId === agentId;
    case 'note':
      return (r as Note).authorId === agentId;
    default:
      return false;
  }
}

/** Activity entries omit absent details rather than store `undefined` (IndexedDB and CouchDB would differ). */
function withoutUndefined(details: ActivityDetails): ActivityDetails {
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
}
