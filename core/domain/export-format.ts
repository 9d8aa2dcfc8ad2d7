import * as v from 'valibot';
import { withContactDefaults } from './contacts';
import { SETTINGS_ID } from './defaults';
import { emailSchema } from './email';
import { ulidOf } from './ids';
import { isRealDate, isTimeZone, minutesOf } from './sla';
import { CUSTOM_PREFIX, isMetaKey } from './records';
import { MAX_TEXT } from './rules/validate';
import { CONTROL_CHARS, MAX_TAGS, MAX_TAG_LENGTH, tagKey } from './tags';
import {
  SCHEMA_VERSION,
  SOURCES,
  TAG_COLORS,
  type Activity,
  type ActivityKind,
  type Agent,
  type Contact,
  type Conversation,
  type Note,
  type Settings,
  type Snippet,
  type Ticket,
} from './types';

/**
 * The export file: every record of the help desk, trashed ones included, with
 * every sync field (ids, clocks, versions, causeIds), so that importing it
 * gives back the same help desk. Each record is checked field by field before
 * anything is written: an export is a file from anywhere, as untrusted as a
 * host page.
 *
 * ```
 * { format: 'tickets-in-place', formatVersion: 1, exportedAt: '<ISO 8601>', schemaVersion: 1,
 *   records: { tickets, conversations, contacts, agents, notes, snippets, settings }, activity }
 * ```
 */

export const EXPORT_FORMAT = 'tickets-in-place';
export const EXPORT_FORMAT_VERSION = 1;

/**
 * The most records one file may carry. An import is applied by ONE message
 * to the background, in ONE IndexedDB transaction, and Chrome stops an MV3
 * service worker whose event has run for 5 minutes: the commit must end well
 * before that on a slow machine, or the agent waits minutes for nothing.
 *
 * Measured with tests/bench/import-throughput.bench.test.ts (`npm run bench`)
 * through the real import path in Chromium on a 2-core machine shared with
 * other work, send + write together (the write alone is faster): 2,560
 * records/s for 20,000 tickets (80,201 records), 2,325 records/s for 50,000
 * (200,201 records); the README's 100,000-ticket run (about 400,000 records)
 * came to 1,800 records/s. The rate falls as the database grows.
 * The slowest rate measured sets the cap:
 *   1,800 records/s × 300 s = 540,000 records in one worker event;
 *   ÷ 2 (safety factor) = 270,000 records (about 2 minutes at the rate
 *   measured for 200,000).
 * An export of 100,000 tickets with their conversations and history (about
 * 4 records a ticket) is over it and is refused; lifting that needs commits
 * in stages that resume after a stopped worker.
 */
export const IMPORT_RECORDS_PER_SECOND = 1_800;
/** Chrome's limit for one event of an MV3 service worker, in seconds. */
export const WORKER_EVENT_SECONDS = 300;
/** Room for a slower machine, a busier worker or a bigger database than the one measured. */
export const IMPORT_SAFETY_FACTOR = 2;
export const MAX_IMPORT_RECORDS = (IMPORT_RECORDS_PER_SECOND * WORKER_EVENT_SECONDS) / IMPORT_SAFETY_FACTOR;

/** Every record of a file, all stores together. */
export function recordTotal(counts: ExportCounts): number {
  return EXPORT_STORES.reduce((n, s) => n + counts[s], 0);
}

/** The total when it is over MAX_IMPORT_RECORDS (the file is refused before anything is sent), else undefined. */
export function overImportCap(counts: ExportCounts): number | undefined {
  const total = recordTotal(counts);
  return total > MAX_IMPORT_RECORDS ? total : undefined;
}

/** Record arrays under `records`, in file order; each is also the name of its IndexedDB store. */
export const RECORD_TYPES = ['tickets', 'conversations', 'contacts', 'agents', 'notes', 'snippets', 'settings'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
/** Everything an export carries, store by store. */
export const EXPORT_STORES = [...RECORD_TYPES, 'activity'] as const;
export type ExportStore = (typeof EXPORT_STORES)[number];

export interface ExportRecords {
  tickets: Ticket[];
  conversations: Conversation[];
  contacts: Contact[];
  agents: Agent[];
  notes: Note[];
  snippets: Snippet[];
  settings: Settings[];
}

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  formatVersion: typeof EXPORT_FORMAT_VERSION;
  exportedAt: string;
  schemaVersion: number;
}

export interface ExportFile extends ExportHeader {
  records: ExportRecords;
  activity: Activity[];
}

/** The records of one file, store by store (what an import writes). */
export type ExportData = ExportRecords & { activity: Activity[] };
export type ExportCounts = Record<ExportStore, number>;

/** A check that passed (with the clean value) or a sentence saying what is wrong. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

// ---- field schemas -------------------------------------------------------

const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
const prefixed = (prefix: string) => v.pipe(v.string(), v.regex(new RegExp(`^${prefix}:${ULID}$`), `expected a "${prefix}:<ULID>" id`));
const ticketId = prefixed('ticket');
const conversationId = prefixed('conversation');
const contactId = prefixed('contact');
const agentId = prefixed('agent');
const deviceId = prefixed('device');
const causeId = prefixed('cmd');
/** Far enough for any real date, small enough to stay a safe integer and a valid Date. */
const timestamp = v.pipe(v.number(), v.integer('expected whole milliseconds'), v.minValue(0), v.maxValue(8.64e15));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const clockValue = v.pipe(v.string(), v.regex(new RegExp(`^\\d{13}-\\d{4,9}-device:${ULID}$`), 'expected a clock "<ms>-<counter>-<deviceId>"'));
/** Field names: a letter first, so no `_` (CouchDB's own) and nothing like `__proto__`. */
const fieldName = v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/, 'expected a field name'));
const customId = v.pipe(v.string(), v.regex(/^custom\.[A-Za-z0-9][A-Za-z0-9_-]{0,90}$/, 'expected a property id like "custom.<name>"'));
const customValue = v.nullable(v.union([text(MAX_TEXT), v.pipe(v.number(), v.finite())], 'expected text, a number or null'));
const stageId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
/** Only web pages: a `javascript:` or `data:` URL would become a link on the ticket record. */
const hostUrl = v.pipe(v.string(), v.maxLength(4000), v.url('expected a URL'), v.regex(/^https?:\/\//i, 'expected an http(s) URL'));
const schemaVersion = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(SCHEMA_VERSION, `expected schema version ${SCHEMA_VERSION} or older`));

const synced = (id: v.GenericSchema<string>) => ({
  id,
  schemaVersion,
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  createdAt: timestamp,
  updatedAt: timestamp,
  updatedBy: agentId,
  deviceId,
  clock: v.pipe(v.record(fieldName, clockValue), v.check((c) => Object.keys(c).length <= 200, 'too many clock entries')),
  causeId,
  deletedAt: v.nullable(timestamp),
});

/**
 * A record's clock map names the fields it clocks: its own data fields (for
 * tickets also each `custom.<id>` property). A key naming anything else
 * (a stamp like `updatedBy`, a field this record type doesn't have) would
 * make a later merge copy that "field" from whichever copy claims the newer
 * clock, or add it to the record: refused.
 */
function clockedRecord<const E extends v.ObjectEntries>(custom: boolean, entries: E) {
  const fields = new Set(Object.keys(entries).filter((k) => !isMetaKey(k)));
  const unknownKey = (clock: Record<string, string>) =>
    Object.keys(clock).find((k) => !(fields.has(k) || (custom && k.startsWith(CUSTOM_PREFIX) && v.is(customId, k))));
  return v.pipe(
    v.strictObject(entries),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const bad = unknownKey((dataset.value as { clock: Record<string, string> }).clock);
      if (bad !== undefined) {
        addIssue({ message: `the clock has the key "${bad.slice(0, 60)}", which is not a field of this record` });
      }
    }),
  );
}

/** A tag as the rules accept it (core/domain/rules/tags.ts): trimmed, 1–40 characters, no control characters. */
const tagName = v.pipe(
  v.string(),
  v.check((s) => s === s.trim() && s.length >= 1 && s.length <= MAX_TAG_LENGTH, `expected a tag of 1 to ${MAX_TAG_LENGTH} characters without spaces around it`),
  v.check((s) => !CONTROL_CHARS.test(s), 'expected a tag without line breaks or control characters'),
);
const tagList = v.pipe(
  v.array(tagName),
  v.maxLength(MAX_TAGS, `expected at most ${MAX_TAGS} tags`),
  v.check((tags) => new Set(tags.map(tagKey)).size === tags.length, 'expected each tag once (tags are compared without case)'),
);
const slaMark = v.strictObject({ soon: v.optional(timestamp), breached: v.optional(timestamp) });
// Files written before SLAs lack it: the ticket's clock then starts from its status at creation.
const TicketSlaSchema = v.strictObject({
  statusLog: v.pipe(v.array(v.strictObject({ status: stageId, at: timestamp })), v.maxLength(100_000)),
  firstResponseAt: v.nullable(timestamp),
  firstResponseBy: v.nullable(v.picklist(['page', 'agent'])),
  marks: v.strictObject({ firstResponse: v.optional(slaMark), resolution: v.optional(slaMark) }),
});
const slaTime = v.pipe(v.string(), v.check((t) => minutesOf(t) !== null, 'expected a time HH:MM'));
const slaTarget = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(366 * 24 * 60));
const SlaSettingsSchema = v.strictObject({
  policies: v.record(stageId, v.strictObject({ firstResponse: slaTarget, resolution: slaTarget })),
  hours: v.pipe(v.array(v.pipe(v.array(v.strictObject({ start: slaTime, end: slaTime })), v.maxLength(24))), v.length(7)),
  timeZone: v.pipe(v.string(), v.maxLength(100), v.check(isTimeZone, 'expected a time zone')),
  holidays: v.pipe(v.array(v.pipe(v.string(), v.check(isRealDate, 'expected a date YYYY-MM-DD'))), v.maxLength(1000)),
  pauseStages: v.pipe(v.array(stageId), v.maxLength(50)),
});

const TicketSchema = clockedRecord(true, {
  ...synced(ticketId),
  name: text(MAX_TEXT),
  status: stageId,
  priority: stageId,
  ownerId: v.nullable(agentId),
  category: text(MAX_TEXT),
  description: text(MAX_TEXT),
  source: v.picklist(['email', 'chat']),
  contactId: v.nullable(contactId),
  closedAt: v.nullable(timestamp),
  lastActivityAt: timestamp,
  custom: v.pipe(v.record(customId, customValue), v.check((c) => Object.keys(c).length <= 100, 'too many properties')),
  // Files written before tickets could be merged lack these: not merged.
  mergedInto: v.optional(v.nullable(ticketId), null),
  mergeMoved: v.optional(
    v.nullable(
      v.strictObject({
        conversations: v.pipe(
          v.array(v.strictObject({ id: conversationId, status: v.picklist(['open', 'closed']) })),
          v.maxLength(10_000),
        ),
        notes: v.pipe(v.array(prefixed('note')), v.maxLength(10_000)),
      }),
    ),
  ),
  // Files written before tags existed lack them: no tags.
  tags: v.optional(tagList),
  sla: v.optional(v.nullable(TicketSlaSchema)),
  // Files written before due dates and snooze lack these: none.
  dueAt: v.optional(v.nullable(timestamp)),
  dueNotified: v.optional(v.nullable(timestamp)),
  snooze: v.optional(v.nullable(v.strictObject({ until: v.nullable(timestamp), untilReply: v.boolean() }))),
});

const ConversationSchema = clockedRecord(false, {
  ...synced(conversationId),
  source: v.picklist(SOURCES),
  key: v.pipe(v.string(), v.minLength(1), v.maxLength(2000)),
  subject: text(MAX_TEXT),
  contactId: v.nullable(contactId),
  channel: v.picklist(['email', 'chat']),
  status: v.picklist(['open', 'closed']),
  ownerId: v.nullable(agentId),
  hostUrl,
  ticketId: v.nullable(ticketId),
  flag: v.nullable(v.picklist(['blocked', 'spam'])),
  // Newer than the first export format: optional, so older files still load.
  lastMessage: v.optional(v.nullable(v.strictObject({ id: text(300), count: v.pipe(v.number(), v.integer(), v.minValue(0)) }))),
});

const identity = v.variant('kind', [
  v.strictObject({ kind: v.literal('email'), value: emailSchema }),
  v.strictObject({ kind: v.literal('phone'), value: v.pipe(v.string(), v.regex(/^\+[1-9]\d{5,14}$/, 'expected a phone like "+34600111222"')) }),
  v.strictObject({ kind: v.literal('handle'), value: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)) }),
]);
const identities = v.pipe(v.array(identity), v.maxLength(200));
const idList = (id: v.GenericSchema<string>) => v.pipe(v.array(id), v.maxLength(100_000));

/**
 * Files from before contacts had identities lack the later fields: they get
 * the defaults (identities from the email and handle). `lookupKeys` is always
 * derived again from the record, never taken from the file.
 */
const ContactSchema = v.pipe(
  clockedRecord(false, {
    ...synced(contactId),
    name: text(1000),
    email: v.nullable(emailSchema),
    handle: v.nullable(text(1000)),
    blocked: v.boolean(),
    spam: v.boolean(),
    identities: v.optional(identities),
    mergedInto: v.optional(v.nullable(contactId)),
    merge: v.optional(
      v.nullable(
        v.strictObject({
          identities,
          conversationIds: idList(conversationId),
          ticketIds: idList(ticketId),
          kept: v.strictObject({ email: v.nullable(emailSchema), handle: v.nullable(text(1000)), blocked: v.boolean(), spam: v.boolean() }),
        }),
      ),
    ),
    notSameAs: v.optional(v.pipe(v.array(contactId), v.maxLength(10_000))),
    lookupKeys: v.optional(v.pipe(v.array(text(2000)), v.maxLength(1000))),
  }),
  v.transform((c): Contact => withContactDefaults(c)),
);

const AgentSchema = clockedRecord(false, {
  ...synced(agentId),
  name: text(1000),
  email: v.union([v.literal(''), emailSchema], 'expected an email address or ""'),
});

const NoteSchema = clockedRecord(false, {
  ...synced(prefixed('note')),
  ticketId,
  text: text(MAX_TEXT),
  authorId: agentId,
});

const SnippetSchema = clockedRecord(false, {
  ...synced(prefixed('snippet')),
  name: text(1000),
  body: text(MAX_TEXT),
});

const SettingsSchema = clockedRecord(false, {
  ...synced(v.literal(SETTINGS_ID, `expected the id "${SETTINGS_ID}"`)),
  stages: v.pipe(
    v.array(v.strictObject({ id: stageId, name: text(100), closed: v.boolean() })),
    v.minLength(1),
    v.maxLength(50),
    v.check((stages) => stages.filter((s) => s.closed).length === 1, 'expected exactly one closed status'),
  ),
  priorities: v.pipe(v.array(v.strictObject({ id: stageId, name: text(100) })), v.minLength(1), v.maxLength(50)),
  properties: v.pipe(
    v.array(
      v.strictObject({
        id: customId,
        name: text(100),
        type: v.picklist(['text', 'number', 'select', 'date']),
        options: v.optional(v.pipe(v.array(text(100)), v.maxLength(200))),
      }),
    ),
    v.maxLength(100),
  ),
  displayedProperties: v.pipe(v.array(text(100)), v.maxLength(200)),
  // Newer than the first export format: optional (absent means on), so older files still load.
  reopenOnMessage: v.optional(v.boolean()),
  // Newer too: files without it have no tag catalog yet.
  tags: v.optional(
    v.pipe(
      v.array(v.strictObject({ name: tagName, color: v.picklist(TAG_COLORS) })),
      v.maxLength(10_000),
      v.check((defs) => new Set(defs.map((d) => tagKey(d.name))).size === defs.length, 'expected each tag once in the catalog'),
    ),
  ),
  // Newer too: absent means the default SLA settings.
  sla: v.optional(SlaSettingsSchema),
});

/** Every activity kind; `satisfies` below keeps this list and the ActivityKind type the same. */
const ACTIVITY_KINDS = [
  'ticket.created',
  'ticket.property',
  'ticket.closed',
  'ticket.reopened',
  'ticket.trashed',
  'ticket.restored',
  'ticket.merged',
  'ticket.unmerged',
  'conversation.added',
  'conversation.closed',
  'conversation.reopened',
  'conversation.owner',
  'conversation.trashed',
  'conversation.restored',
  'contact.blocked',
  'contact.spam',
  'contact.merged',
  'contact.split',
  'note.added',
  'note.edited',
  'note.deleted',
  'note.restored',
  'contact.unflagged',
  'ticket.sla',
  'ticket.snoozed',
  'ticket.woke',
] as const satisfies readonly ActivityKind[];
type MissingKind = Exclude<ActivityKind, (typeof ACTIVITY_KINDS)[number]>;
const everyKindListed: MissingKind extends never ? true : MissingKind = true;
void everyKindListed;

const ActivitySchema = v.pipe(
  v.strictObject({
    id: v.pipe(v.string(), v.regex(new RegExp(`^activity:${ULID}:${ULID}$`), 'expected an "activity:<ticket ULID>:<ULID>" id')),
    schemaVersion,
    ticketId,
    at: timestamp,
    clock: clockValue,
    agentId,
    deviceId,
    causeId,
    kind: v.picklist(ACTIVITY_KINDS),
    field: v.optional(text(100)),
    from: v.optional(customValue),
    to: v.optional(customValue),
    conversationId: v.optional(conversationId),
    noteId: v.optional(prefixed('note')),
    text: v.optional(text(MAX_TEXT)),
  }),
  // Activity sorts under its ticket by id: an entry filed under another ticket's id is not one of ours.
  v.check((a) => a.id.split(':')[1] === ulidOf(a.ticketId), "the id's first part is not its ticket's"),
);

/** The schema of each store's records. */
export const RECORD_SCHEMAS = {
  tickets: TicketSchema,
  conversations: ConversationSchema,
  contacts: ContactSchema,
  agents: AgentSchema,
  notes: NoteSchema,
  snippets: SnippetSchema,
  settings: SettingsSchema,
  activity: ActivitySchema,
} as const;

/** What each store's records are, for the type checks in tests. */
export type RecordOf<S extends ExportStore> = S extends RecordType ? ExportRecords[S][number] : Activity;

const HeaderSchema = v.object({
  format: v.literal(EXPORT_FORMAT, `expected "format": "${EXPORT_FORMAT}"`),
  formatVersion: v.number('expected "formatVersion" to be a number'),
  exportedAt: v.pipe(v.string(), v.isoTimestamp('expected "exportedAt" to be an ISO 8601 time')),
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

// ---- checks --------------------------------------------------------------

/** Singular names for messages ("ticket 3"). */
const NOUN: Record<ExportStore, string> = {
  tickets: 'ticket',
  conversations: 'conversation',
  contacts: 'contact',
  agents: 'teammate',
  notes: 'note',
  snippets: 'saved reply',
  settings: 'settings record',
  activity: 'activity entry',
};

/** The header alone: an unknown format or version is refused before any record is read. */
export function checkHeader(value: unknown): Checked<ExportHeader> {
  if (!isObject(value)) return fail('the file is not a Tickets in place export (expected a JSON object).');
  if (value.format !== EXPORT_FORMAT) return fail(`the file is not a Tickets in place export ("format" is ${describe(value.format)}).`);
  const parsed = v.safeParse(HeaderSchema, value);
  if (!parsed.success) return fail(`the file's header is wrong: ${issueText(parsed.issues)}.`);
  const header = parsed.output;
  if (header.formatVersion !== EXPORT_FORMAT_VERSION) {
    return fail(`export format version ${describe(header.formatVersion)} is unknown: this version of Tickets in place reads version ${EXPORT_FORMAT_VERSION}.`);
  }
  if (header.schemaVersion > SCHEMA_VERSION) {
    return fail(`the file was made by a newer Tickets in place (record schema ${header.schemaVersion}; this one knows ${SCHEMA_VERSION}). Update the extension first.`);
  }
  return { ok: true, value: { ...header, format: EXPORT_FORMAT, formatVersion: EXPORT_FORMAT_VERSION } };
}

/** One record, field by field; `index` counts from 0 and only names the record in the message. */
export function checkRecord<S extends ExportStore>(store: S, value: unknown, index: number): Checked<RecordOf<S>> {
  const where = () => `${NOUN[store]} ${index + 1}${isObject(value) && typeof value.id === 'string' ? ` (${value.id.slice(0, 80)})` : ''}`;
  if (!isObject(value)) return fail(`${where()}: expected an object, got ${Array.isArray(value) ? 'a list' : describe(value)}.`);
  const bad = reservedKey(value);
  if (bad) return fail(`${where()} has the field "${bad.slice(0, 60)}": field names starting with "_" or naming a prototype are not allowed.`);
  const parsed = v.safeParse(RECORD_SCHEMAS[store] as unknown as v.GenericSchema<unknown, RecordOf<S>>, value);
  if (!parsed.success) return fail(`${where()}: ${issueText(parsed.issues)}.`);
  return { ok: true, value: parsed.output };
}

/**
 * What can only be seen across records: one settings record, no id twice, no
 * conversation or note of a ticket (nor a reference to a contact) the file
 * lacks, one conversation per thread (the store's unique index would refuse a
 * second).
 */
export function checkWhole(data: ExportData): Checked<ExportData> {
  if (data.settings.length !== 1) return fail(`expected exactly one settings record, found ${data.settings.length}.`);
  for (const store of EXPORT_STORES) {
    const seen = new Set<string>();
    for (const record of data[store]) {
      if (seen.has(record.id)) return fail(`the ${NOUN[store]} ${record.id} appears twice.`);
      seen.add(record.id);
    }
  }
  // A whole help desk refers only to itself: a conversation or note of a ticket the file lacks would be an orphan
  // that no page can show, and a restore could never bring its ticket back (records are never purged apart).
  const tickets = new Set(data.tickets.map((t) => t.id));
  const contacts = new Set(data.contacts.map((c) => c.id));
  const orphan = (store: ExportStore, index: number, id: string, field: string, target: string | null, known: Set<string>, noun: string) =>
    target !== null && !known.has(target) ? fail(`${NOUN[store]} ${index + 1} (${id}) has "${field}": ${target.slice(0, 80)}, but the file has no such ${noun}.`) : undefined;
  for (const [i, c] of data.conversations.entries()) {
    const bad = orphan('conversations', i, c.id, 'ticketId', c.ticketId, tickets, 'ticket') ?? orphan('conversations', i, c.id, 'contactId', c.contactId, contacts, 'contact');
    if (bad) return bad;
  }
  for (const [i, n] of data.notes.entries()) {
    const bad = orphan('notes', i, n.id, 'ticketId', n.ticketId, tickets, 'ticket');
    if (bad) return bad;
  }
  for (const [i, t] of data.tickets.entries()) {
    const bad = orphan('tickets', i, t.id, 'contactId', t.contactId, contacts, 'contact');
    if (bad) return bad;
  }
  const threads = new Set<string>();
  for (const c of data.conversations) {
    const thread = JSON.stringify([c.source, c.key]);
    if (threads.has(thread)) return fail(`two conversations are the same ${c.source} thread "${c.key.slice(0, 80)}".`);
    threads.add(thread);
  }
  return { ok: true, value: data };
}

/** A whole parsed file: header, every record, then the checks across records. */
export function checkExportFile(value: unknown): Checked<ExportFile> {
  const header = checkHeader(value);
  if (!header.ok) return header;
  const file = value as Record<string, unknown>;
  const extra = Object.keys(file).find((k) => !['format', 'formatVersion', 'exportedAt', 'schemaVersion', 'records', 'activity'].includes(k));
  if (extra !== undefined) return fail(`the file has an unknown top-level field "${extra.slice(0, 60)}".`);
  if (!isObject(file.records)) return fail('the file has no "records" object.');
  const records = file.records;
  const extraType = Object.keys(records).find((k) => !(RECORD_TYPES as readonly string[]).includes(k));
  if (extraType !== undefined) return fail(`"records" has an unknown record type "${extraType.slice(0, 60)}".`);
  const data: Partial<Record<ExportStore, unknown[]>> = {};
  for (const store of EXPORT_STORES) {
    const list = store === 'activity' ? file.activity : records[store];
    if (!Array.isArray(list)) return fail(`${store === 'activity' ? '"activity"' : `"records.${store}"`} is missing or not a list.`);
    const clean: unknown[] = [];
    for (const [i, item] of list.entries()) {
      const checked = checkRecord(store, item, i);
      if (!checked.ok) return checked;
      clean.push(checked.value);
    }
    data[store] = clean;
  }
  const whole = checkWhole(data as ExportData);
  if (!whole.ok) return whole;
  const { activity, ...rest } = whole.value;
  return { ok: true, value: { ...header.value, records: rest, activity } };
}

/** The text of a file: JSON first (a cut-off download fails here), then the export checks. */
export function parseExportText(text: string): Checked<ExportFile> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail(`the file is not complete JSON (${detail}). It may have been cut off while saving or downloading.`);
  }
  return checkExportFile(value);
}

export function countsOf(data: ExportData): ExportCounts {
  return Object.fromEntries(EXPORT_STORES.map((s) => [s, data[s].length])) as ExportCounts;
}

export function dataOf(file: ExportFile): ExportData {
  return { ...file.records, activity: file.activity };
}

// ---- helpers -------------------------------------------------------------

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error: error.charAt(0).toUpperCase() + error.slice(1) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first key, at any depth, that starts with `_` or names a prototype (records are shallow: depth 4 is plenty). */
function reservedKey(value: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof value !== 'object' || value === null) return undefined;
  for (const key of Object.keys(value)) {
    if (key.startsWith('_') || FORBIDDEN_KEYS.has(key)) return key;
    const inner = reservedKey((value as Record<string, unknown>)[key], depth + 1);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** The first issue in words: `field "x.y" is missing`, `… is wrong: expected …, got …`. */
function issueText(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'not valid';
  const path = v.getDotPath(issue);
  const message = describeIssue(issue);
  return path ? `field "${path.slice(0, 100)}" ${message}` : message.replace(/^is wrong: /, '');
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'is not a known field';
  if (issue.received === 'undefined') return 'is missing';
  if (issue.type === 'max_length') return `is too long (at most ${issue.requirement as number})`;
  // valibot's own messages read "Invalid type: Expected string but received 5"; ours say what was expected.
  const own = issue.message && !/^Invalid \w+:/.test(issue.message) ? issue.message : undefined;
  if (own && (issue.type === 'check' || issue.type === 'raw_check')) return `is wrong: ${own}`;
  return `is wrong: ${own ?? `expected ${issue.expected ?? 'a valid value'}`}, got ${issue.received.slice(0, 80)}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 60)}…` : json;
}
