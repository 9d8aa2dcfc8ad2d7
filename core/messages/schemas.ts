import * as v from 'valibot';
import { MAX_EMAIL, emailSchema, isSafeEmail, optionalEmailSchema } from '../domain/email';
import { MAX_MENTIONED, isE164Phone } from '../domain/mentioned';
import { EXPORT_STORES } from '../domain/export-format';
import { SOURCES, TAG_COLORS } from '../domain/types';
import { CHECKED, HEALTH_SITES, LANDMARK, MAX_FAILED, originOf } from '../domain/health';
import { SLA_FILTERS } from '../domain/sla';

/**
 * Runtime schemas for everything that crosses the message boundary. The
 * background validates every incoming message with these before it looks at
 * it: a content script runs next to an untrusted page, and nothing typed on
 * the other side survives the trip as a guarantee.
 */

const MAX_TEXT = 10_000;
const text = (max = 500) => v.pipe(v.string(), v.maxLength(max));
const id = (prefix: string) => v.pipe(v.string(), v.regex(new RegExp(`^${prefix}:[0-9A-HJKMNP-TV-Z]{26}$`), `expected a ${prefix} id`));
const anyId = v.pipe(v.string(), v.regex(/^[a-z]+:[0-9A-HJKMNP-TV-Z]{26}$/, 'expected a record id'));
const customValue = v.nullable(v.union([text(MAX_TEXT), v.pipe(v.number(), v.finite())]));
const stageId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
// Bounds for the wire only (a tag's own rules, core/domain/rules/tags.ts, refuse in the agent's words): room for a
// name that is too long or a list that is too long, so the agent reads why rather than "invalid message".
const tagName = text(200);
const tagList = v.pipe(v.array(tagName), v.maxLength(100));

/** A mentioned value: an E.164 phone, or an email address as the store keeps it (lower case, `isSafeEmail`). */
export function isMentionedValue(value: string): boolean {
  return isE164Phone(value) || (value === value.toLowerCase() && isSafeEmail(value));
}

export const SnapshotSchema = v.strictObject({
  source: v.picklist(SOURCES),
  key: v.pipe(v.string(), v.minLength(1), v.maxLength(2000)),
  subject: text(1000),
  channel: v.picklist(['email', 'chat']),
  // Only web pages: a `javascript:` or `data:` URL would become a link on the record page.
  hostUrl: v.pipe(v.string(), v.maxLength(4000), v.url(), v.regex(/^https?:\/\//i, 'expected an http(s) URL')),
  contact: v.strictObject({
    name: text(300),
    email: v.nullable(emailSchema),
    handle: v.nullable(text(300)),
    phone: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(16), v.check(isE164Phone, 'expected a phone in E.164 form')))),
    // Weak evidence the customer wrote in their messages: a few short values, each an address or a phone.
    mentioned: v.optional(
      v.pipe(
        v.array(v.pipe(v.string(), v.maxLength(MAX_EMAIL), v.check(isMentionedValue, 'expected an email address or an E.164 phone'))),
        v.maxLength(MAX_MENTIONED),
      ),
    ),
  }),
  lastMessage: v.optional(
    v.nullable(v.strictObject({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(300)), count: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)), fromContact: v.boolean() })),
  ),
});

const StageSchema = v.strictObject({ id: stageId, name: v.pipe(v.string(), v.maxLength(100)), closed: v.boolean() });
const PrioritySchema = v.strictObject({ id: stageId, name: v.pipe(v.string(), v.maxLength(100)) });
const PropertySchema = v.strictObject({
  id: v.pipe(v.string(), v.maxLength(100)),
  name: v.pipe(v.string(), v.maxLength(100)),
  type: v.picklist(['text', 'number', 'select', 'date']),
  options: v.optional(v.array(v.pipe(v.string(), v.maxLength(100)))),
});

// Loose on values on purpose: the rule (core/domain/rules/sla-settings.ts) refuses a bad time, date or target in the agent's words.
const SlaRangeSchema = v.strictObject({ start: text(10), end: text(10) });
const SlaSchema = v.strictObject({
  policies: v.record(stageId, v.strictObject({ firstResponse: v.pipe(v.number(), v.finite()), resolution: v.pipe(v.number(), v.finite()) })),
  hours: v.pipe(v.array(v.pipe(v.array(SlaRangeSchema), v.maxLength(24))), v.length(7, 'expected 7 weekdays')),
  timeZone: text(100),
  holidays: v.pipe(v.array(text(20)), v.maxLength(1000)),
  pauseStages: v.pipe(v.array(stageId), v.maxLength(50)),
});

export const CommandSchema = v.variant('type', [
  v.strictObject({ type: v.literal('conversation.observe'), conversation: SnapshotSchema }),
  v.strictObject({
    type: v.literal('ticket.create'),
    conversation: SnapshotSchema,
    fields: v.strictObject({
      name: text(1000),
      status: v.optional(stageId),
      priority: v.optional(stageId),
      ownerId: v.optional(v.nullable(id('agent'))),
      category: v.optional(text(200)),
      description: v.optional(text(MAX_TEXT)),
    }),
  }),
  v.strictObject({ type: v.literal('ticket.associate'), conversation: SnapshotSchema, ticketId: id('ticket') }),
  v.strictObject({ type: v.literal('ticket.update'), ticketId: id('ticket'), field: v.pipe(v.string(), v.maxLength(100)), value: customValue }),
  v.strictObject({ type: v.literal('ticket.setStatus'), ticketId: id('ticket'), status: stageId }),
  v.strictObject({
    type: v.literal('ticket.snooze'),
    ticketId: id('ticket'),
    until: v.nullable(v.pipe(v.number(), v.finite())),
    untilReply: v.boolean(),
  }),
  v.strictObject({ type: v.literal('ticket.unsnooze'), ticketId: id('ticket') }),
  v.strictObject({ type: v.literal('ticket.delete'), ticketId: id('ticket') }),
  v.strictObject({ type: v.literal('ticket.setTags'), ticketId: id('ticket'), tags: tagList }),
  v.strictObject({ type: v.literal('tags.rename'), from: tagName, to: tagName }),
  v.strictObject({ type: v.literal('tags.recolor'), name: tagName, color: v.picklist(TAG_COLORS) }),
  v.strictObject({ type: v.literal('tags.remove'), name: tagName }),
  v.strictObject({ type: v.literal('ticket.markResponded'), ticketId: id('ticket') }),
  v.strictObject({
    type: v.literal('ticket.merge'),
    keepId: id('ticket'),
    mergeIds: v.pipe(v.array(id('ticket')), v.minLength(1, 'pick at least one ticket to merge'), v.maxLength(500, 'at most 500 tickets at once')),
  }),
  v.strictObject({ type: v.literal('ticket.unmerge'), id: id('ticket') }),
  v.strictObject({
    type: v.literal('tickets.bulk'),
    ticketIds: v.pipe(v.array(id('ticket')), v.minLength(1, 'select at least one ticket'), v.maxLength(500, 'at most 500 tickets at once')),
    action: v.variant('type', [
      v.strictObject({ type: v.literal('status'), status: stageId }),
      v.strictObject({ type: v.literal('owner'), ownerId: v.nullable(id('agent')) }),
      v.strictObject({ type: v.literal('priority'), priority: stageId }),
      v.strictObject({ type: v.literal('tags'), add: tagList, remove: tagList }),
      v.strictObject({ type: v.literal('delete') }),
    ]),
  }),
  v.strictObject({ type: v.literal('conversation.setOwner'), conversationId: id('conversation'), ownerId: v.nullable(id('agent')) }),
  v.strictObject({ type: v.literal('conversation.setStatus'), conversationId: id('conversation'), status: v.picklist(['open', 'closed']) }),
  v.strictObject({ type: v.literal('conversation.trash'), conversationId: id('conversation') }),
  v.strictObject({ type: v.literal('trash.restore'), id: anyId }),
  v.strictObject({ type: v.literal('trash.purge'), all: v.optional(v.boolean()) }),
  v.strictObject({ type: v.literal('trash.purgeItem'), id: anyId }),
  v.strictObject({ type: v.literal('contact.block'), contactId: id('contact'), blocked: v.boolean() }),
  v.strictObject({ type: v.literal('contact.spam'), contactId: id('contact'), spam: v.boolean() }),
  v.strictObject({ type: v.literal('contact.merge'), keepId: id('contact'), mergeId: id('contact') }),
  v.strictObject({ type: v.literal('contact.split'), mergedId: id('contact') }),
  v.strictObject({ type: v.literal('contact.dismiss'), contactId: id('contact'), otherId: id('contact') }),
  v.strictObject({ type: v.literal('note.add'), ticketId: id('ticket'), text: text(MAX_TEXT) }),
  v.strictObject({ type: v.literal('note.edit'), noteId: id('note'), text: text(MAX_TEXT) }),
  v.strictObject({ type: v.literal('note.delete'), noteId: id('note') }),
  v.strictObject({ type: v.literal('snippet.save'), id: v.optional(id('snippet')), name: text(200), body: text(MAX_TEXT) }),
  v.strictObject({ type: v.literal('snippet.delete'), id: id('snippet') }),
  v.strictObject({ type: v.literal('agent.save'), id: v.optional(id('agent')), name: text(200), email: optionalEmailSchema }),
  v.strictObject({ type: v.literal('agent.delete'), id: id('agent') }),
  v.strictObject({
    type: v.literal('settings.update'),
    stages: v.optional(v.pipe(v.array(StageSchema), v.maxLength(50))),
    priorities: v.optional(v.pipe(v.array(PrioritySchema), v.maxLength(50))),
    properties: v.optional(v.pipe(v.array(PropertySchema), v.maxLength(100))),
    displayedProperties: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(200))),
    reopenOnMessage: v.optional(v.boolean()),
    sla: v.optional(SlaSchema),
    moveTickets: v.optional(v.record(stageId, stageId)),
    // The field clock of each list as the editor saw it (an HLC, `<ms>-<counter>-<deviceId>`).
    expected: v.optional(
      v.strictObject({ stages: v.optional(text(200)), priorities: v.optional(text(200)), properties: v.optional(text(200)) }),
    ),
  }),
]);

/**
 * Preferences (UI state, never synced), one row per key: who may read and
 * write it, and the values it holds. A content script gets its rows and no
 * other key (a page beside it could otherwise fill the storage quota); an
 * extension page any key, within `prefValue`'s bounds.
 */
export const PREFS = {
  'sidebar.collapsed': { from: ['page', 'content'], value: v.boolean() },
  // components/models/sidebar-model.ts MIN_WIDTH..MAX_WIDTH, rounded (a unit test keeps them equal).
  'sidebar.width': { from: ['page', 'content'], value: v.pipe(v.number(), v.integer(), v.minValue(280), v.maxValue(640)) },
} as const satisfies Record<string, { from: readonly ('page' | 'content')[]; value: v.GenericSchema }>;
export type PrefKey = keyof typeof PREFS;
const prefKey = v.pipe(v.string(), v.minLength(1), v.maxLength(100), v.regex(/^[\w.-]+$/, 'expected a preference key'));
/** Any preference's value on the wire: small and plain, whoever sends it. */
const prefValue = v.union([text(1000), v.pipe(v.number(), v.finite()), v.boolean(), v.null()]);

const timestamp = v.pipe(v.number(), v.integer(), v.minValue(0));
const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || x > (xs[i - 1] ?? x));

export const QuerySchema = v.variant('type', [
  v.strictObject({ type: v.literal('sidebar.view'), conversation: SnapshotSchema }),
  // Contacts that are probably the conversation's contact too (by what its page shows).
  v.strictObject({ type: v.literal('contact.suggestions'), conversation: SnapshotSchema }),
  v.strictObject({ type: v.literal('ticket.record'), ticketId: id('ticket') }),
  v.strictObject({
    type: v.literal('tickets.list'),
    status: v.optional(stageId),
    priority: v.optional(stageId),
    ownerId: v.optional(v.nullable(id('agent'))),
    source: v.optional(v.picklist(['email', 'chat'])),
    tag: v.optional(text(200)),
    createdFrom: v.optional(timestamp),
    createdTo: v.optional(timestamp),
    updatedFrom: v.optional(timestamp),
    updatedTo: v.optional(timestamp),
    search: v.optional(text(200)),
    snoozed: v.optional(v.picklist(['hide', 'only', 'any'])),
    sla: v.optional(v.picklist(SLA_FILTERS)),
    sort: v.optional(v.picklist(['updatedAt', 'createdAt', 'dueAt', 'slaDue'])),
    direction: v.optional(v.picklist(['asc', 'desc'])),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500))),
    cursor: v.optional(text(2000)),
  }),
  // R3: the sidebar's "add to any ticket" search; small answers (TicketHit), bounded by `limit`.
  v.strictObject({
    type: v.literal('tickets.find'),
    text: text(200),
    contactId: v.optional(v.nullable(id('contact'))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))),
  }),
  v.strictObject({ type: v.literal('tickets.count') }),
  v.strictObject({
    type: v.literal('tickets.stats'),
    // Local midnights from the page (it knows the agent's time zone and DST): day i is [dayStarts[i], dayStarts[i + 1]).
    dayStarts: v.pipe(v.array(timestamp), v.minLength(2), v.maxLength(367), v.check(ascending, 'expected increasing day starts')),
  }),
  v.strictObject({
    type: v.literal('trash.list'),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500))),
    cursor: v.optional(text(2000)),
  }),
  v.strictObject({ type: v.literal('settings.get') }),
  v.strictObject({ type: v.literal('prefs.get'), key: prefKey }),
  v.strictObject({ type: v.literal('prefs.set'), key: prefKey, value: prefValue }),
  // Site health (docs/rules.md): a site adapter's check of its page. Names and an origin only, each bounded to its shape.
  v.strictObject({
    type: v.literal('health.report'),
    site: v.picklist(HEALTH_SITES),
    ok: v.boolean(),
    failed: v.pipe(v.array(v.pipe(v.string(), v.regex(LANDMARK, 'expected a landmark name'))), v.maxLength(MAX_FAILED)),
    checked: v.pipe(v.string(), v.regex(CHECKED, 'expected a date')),
    origin: v.pipe(v.string(), v.maxLength(300), v.check((o) => originOf(o) === o, 'expected an origin (no path)')),
  }),
  v.strictObject({ type: v.literal('health.list') }),
  // The sidebar's "Copy diagnostics": the text for its own site's last report.
  v.strictObject({
    type: v.literal('health.diagnostics'),
    site: v.picklist(HEALTH_SITES),
    origin: v.pipe(v.string(), v.maxLength(300), v.check((o) => originOf(o) === o, 'expected an origin (no path)')),
  }),
]);

/** Extension pages a client may ask the background to open in a new tab. */
export const OpenTargetSchema = v.variant('page', [
  v.strictObject({ page: v.literal('ticket'), ticketId: id('ticket') }),
  v.strictObject({ page: v.literal('dashboard') }),
  v.strictObject({ page: v.literal('options') }),
]);

/** Enabled sites (options `tip-site-*`): extension pages only. */
export const SitesRequestSchema = v.variant('action', [
  v.strictObject({ kind: v.literal('tip.sites'), action: v.literal('list') }),
  v.strictObject({
    kind: v.literal('tip.sites'),
    action: v.literal('add'),
    pattern: v.pipe(v.string(), v.maxLength(500)),
    adapter: v.picklist(['auto', 'roundcube', 'generic']),
    /** The agent confirmed a pattern for every site or a whole domain ending (core/messages/sites.ts isBroadPattern). */
    broadConfirmed: v.optional(v.literal(true)),
  }),
  v.strictObject({ kind: v.literal('tip.sites'), action: v.literal('remove'), pattern: v.pipe(v.string(), v.maxLength(500)) }),
]);
export type SitesRequest = v.InferOutput<typeof SitesRequestSchema>;

/**
 * Options → Data: export page by page, import in chunks applied at commit in
 * one transaction, erase. Extension pages only. Records arrive as `unknown`
 * here; the data service checks each one field by field (core/domain/export-format.ts).
 */
const exportStore = v.picklist(EXPORT_STORES);
const importSession = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const recordCount = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000));
export const DATA_CHUNK_MAX = 5000;
export const DataRequestSchema = v.variant('action', [
  v.strictObject({ kind: v.literal('tip.data'), action: v.literal('export.summary') }),
  v.strictObject({
    kind: v.literal('tip.data'),
    action: v.literal('export.page'),
    store: exportStore,
    after: v.optional(v.pipe(v.string(), v.maxLength(200))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(DATA_CHUNK_MAX))),
  }),
  v.strictObject({
    kind: v.literal('tip.data'),
    action: v.literal('export.text'),
    store: exportStore,
    after: v.optional(v.pipe(v.string(), v.maxLength(200))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(DATA_CHUNK_MAX))),
  }),
  v.strictObject({
    kind: v.literal('tip.data'),
    action: v.literal('import.begin'),
    // Checked by checkHeader, which says what is wrong in words.
    header: v.unknown(),
    counts: v.strictObject({
      tickets: recordCount,
      conversations: recordCount,
      contacts: recordCount,
      agents: recordCount,
      notes: recordCount,
      snippets: recordCount,
      settings: recordCount,
      activity: recordCount,
    }),
  }),
  v.strictObject({
    kind: v.literal('tip.data'),
    action: v.literal('import.chunk'),
    sessionId: importSession,
    store: exportStore,
    records: v.pipe(v.array(v.unknown()), v.maxLength(DATA_CHUNK_MAX)),
  }),
  v.strictObject({ kind: v.literal('tip.data'), action: v.literal('import.commit'), sessionId: importSession }),
  v.strictObject({ kind: v.literal('tip.data'), action: v.literal('import.abort'), sessionId: importSession }),
  v.strictObject({ kind: v.literal('tip.data'), action: v.literal('erase') }),
]);
export type DataRequest = v.InferOutput<typeof DataRequestSchema>;

/** Messages a client (content script or extension page) sends to the background. */
export const RequestSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('tip.command'), command: CommandSchema }),
  v.strictObject({ kind: v.literal('tip.query'), query: QuerySchema }),
  // A web page can't navigate to an extension page, so the background opens it (R7).
  v.strictObject({ kind: v.literal('tip.open'), target: OpenTargetSchema }),
]);

/** Every request the background accepts: the domain requests, the sites requests and the data requests. */
export const AnyRequestSchema = v.union([RequestSchema, SitesRequestSchema, DataRequestSchema]);
export type AnyRequest = v.InferOutput<typeof AnyRequestSchema>;

export type OpenTarget = v.InferOutput<typeof OpenTargetSchema>;

export type Request = v.InferOutput<typeof RequestSchema>;
export type Query = v.InferOutput<typeof QuerySchema>;
export type QueryType = Query['type'];

/** Turns valibot issues into one line a person can read. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'Malformed message';
  const path = v.getDotPath(first);
  return `Malformed message${path ? ` at ${path}` : ''}: ${first.message}`;
}
