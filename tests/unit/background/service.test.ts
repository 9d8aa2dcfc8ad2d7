/**
 * The background's request path end to end, minus the browser: the real
 * router, the real service, the real rules and the real store, on a fresh
 * fake-indexeddb per test. Only `broadcast`, `open` and `sites` (enabled
 * sites live in browser storage, not in the help desk) are recorders.
 */
// idb (the store's wrapper) checks IndexedDB objects against the global classes:
// make those fake-indexeddb's, the implementation every factory here comes from.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import * as v from 'valibot';
import type { Write } from '../../../core/domain/commands';
import type { TicketAndConversation } from '../../../core/domain/rules';
import type { Conversation, Ticket } from '../../../core/domain/types';
import { AnyRequestSchema } from '../../../core/messages/schemas';
import { command, dataOf, EXT_ID, inMemoryBackground, ORIGIN, query, RECORD_STORES, senders, snapshot, ULID } from './harness';

const { page, content, foreign } = senders(EXT_ID, ORIGIN);
const background = inMemoryBackground;

type Background = ReturnType<typeof background>;

/**
 * A help desk with something in every store, made through valid commands: two
 * tickets (one with two conversations and a note), a ticketless conversation,
 * a trashed ticket, a saved reply, a teammate and a preference.
 */
async function seed(bg: Background) {
  const first = dataOf<TicketAndConversation>(
    await bg.send(command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Refund', description: 'Card charged twice' } })),
  );
  dataOf(
    await bg.send(
      command({
        type: 'ticket.associate',
        conversation: snapshot('b', { source: 'slack', channel: 'chat', contact: { name: 'Ana', email: null, handle: '@ana' } }),
        ticketId: first.ticket.id,
      }),
    ),
  );
  dataOf(await bg.send(command({ type: 'note.add', ticketId: first.ticket.id, text: 'Called her back' })));
  dataOf(await bg.send(command({ type: 'conversation.observe', conversation: snapshot('c', { contact: { name: 'Bo', email: 'bo@example.com', handle: null } }) })));
  const trashed = dataOf<TicketAndConversation>(await bg.send(command({ type: 'ticket.create', conversation: snapshot('d'), fields: { name: 'Spam' } })));
  dataOf(await bg.send(command({ type: 'ticket.delete', ticketId: trashed.ticket.id })));
  dataOf(await bg.send(command({ type: 'snippet.save', name: 'Thanks', body: 'Thank you for writing.' })));
  dataOf(await bg.send(command({ type: 'agent.save', name: 'Carla', email: 'carla@example.com' })));
  dataOf(await bg.send(query({ type: 'prefs.set', key: 'dashboard.sort', value: 'updatedAt' })));
  const dump = await bg.dump();
  for (const store of RECORD_STORES) expect(dump[store], `seeded ${store}`).not.toEqual([]);
  bg.events.length = 0;
  return { ticket: first.ticket, conversation: first.conversation, dump };
}

// ---------------------------------------------------------------------------
// Malformed messages: fully random values, and valid messages broken in one place.
// ---------------------------------------------------------------------------

const TICKET_ID = `ticket:${ULID}`;
const PREFIXES = ['ticket', 'conversation', 'contact', 'agent', 'note', 'snippet', 'cmd', 'device', 'activity'];

/** Valid messages of every kind; each mutation below breaks one of them in one place. */
const BASE = {
  create: command({
    type: 'ticket.create',
    conversation: snapshot('fuzz'),
    fields: { name: 'Fuzz', status: 'new', priority: 'high', ownerId: null, category: 'billing', description: 'x' },
  }),
  update: command({ type: 'ticket.update', ticketId: TICKET_ID, field: 'custom.size', value: 3 }),
  setStatus: command({ type: 'ticket.setStatus', ticketId: TICKET_ID, status: 'closed' }),
  convStatus: command({ type: 'conversation.setStatus', conversationId: `conversation:${ULID}`, status: 'open' }),
  note: command({ type: 'note.add', ticketId: TICKET_ID, text: 'hello' }),
  restore: command({ type: 'trash.restore', id: TICKET_ID }),
  purge: command({ type: 'trash.purge', all: true }),
  settings: command({
    type: 'settings.update',
    stages: [
      { id: 'new', name: 'New', closed: false },
      { id: 'closed', name: 'Closed', closed: true },
    ],
    moveTickets: { pending: 'new' },
  }),
  list: query({ type: 'tickets.list', status: 'new', limit: 50, createdFrom: 0, sort: 'updatedAt' }),
  sidebar: query({ type: 'sidebar.view', conversation: snapshot('fuzz') }),
  prefs: query({ type: 'prefs.set', key: 'k', value: 'v' }),
  open: { kind: 'tip.open', target: { page: 'ticket', ticketId: TICKET_ID } },
  sitesAdd: { kind: 'tip.sites', action: 'add', pattern: 'https://mail.example.org/*', adapter: 'auto' },
} as const;
type BaseName = keyof typeof BASE;

type Path = readonly (string | number)[];

/** A deep copy of `value` with the thing at `path` replaced (or deleted, for `DELETE`). */
const DELETE = Symbol('delete');
function mutate(value: unknown, path: Path, to: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (to === DELETE) delete parent[last];
  // defineProperty: a plain assignment of "__proto__" would set the prototype, not a key.
  else Object.defineProperty(parent, last, { value: to, enumerable: true, writable: true, configurable: true });
  return copy;
}

const at = (base: BaseName, path: Path, values: fc.Arbitrary<unknown>) => values.map((to) => mutate(BASE[base], path, to));
const missing = (base: BaseName, path: Path) => fc.constant(mutate(BASE[base], path, DELETE));

const overLong = (max: number) => fc.string({ maxLength: 8 }).map((tail) => 'x'.repeat(max + 1) + tail);
const nonFinite = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
/** Anything but a string (and not undefined: an optional field may be absent). */
const notString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  nonFinite,
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const notStringNorNull = notString.filter((x) => x !== null);
/** Ids `valid` rejects: other record types, a broken ULID, stray characters, non-strings. */
const badId = (prefix: string, valid = new RegExp(`^${prefix}:[0-9A-HJKMNP-TV-Z]{26}$`)) => {
  return fc
    .oneof(
      fc.constantFrom(...PREFIXES.filter((p) => p !== prefix)).map((p) => `${p}:${ULID}`), // wrong record type
      fc.constantFrom(`${prefix}:${ULID.toLowerCase()}`, `${prefix}:${ULID.slice(1)}`, `${prefix}:${ULID}0`, `${prefix}:01JABCDEFGHIKLMNOPQRSTUVWX`),
      fc.constantFrom(ULID, `${prefix.toUpperCase()}:${ULID}`, ` ${prefix}:${ULID}`, `${prefix}:${ULID}\n`, `${prefix}::${ULID}`, ''),
      fc.string({ maxLength: 40 }),
      notString,
    )
    .filter((x) => typeof x !== 'string' || !valid.test(x));
};
const badHostUrl = fc.oneof(
  fc.constantFrom(
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    'javascript://example.com/%0Aalert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/x',
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop/ticket.html',
    'blob:https://example.com/1234',
    '//example.com/x',
    'https//example.com',
    'not a url',
    '',
  ),
  fc.webPath().map((p) => `javascript:${p}`),
  fc.string({ maxLength: 8 }).map((tail) => `https://example.com/${'a'.repeat(4000)}${tail}`),
  notString,
);
const badEmail = fc.oneof(fc.constantFrom('ana', 'ana@', '@example.com', 'ana @example.com', 'ana@exa mple.com', `${'a'.repeat(320)}@x.io`), notStringNorNull);
const badStage = fc.oneof(fc.constant(''), overLong(64), notString);
const badTimestamp = fc.oneof(nonFinite, fc.constantFrom(-1, 0.5, -0.5, -Number.MAX_VALUE), fc.double({ noInteger: true }), notString.filter((x) => typeof x !== 'number'));
const badLimit = fc.oneof(nonFinite, fc.constantFrom(0, -1, 501, 1.5), fc.integer({ min: 501 }), fc.integer({ max: 0 }), notString.filter((x) => typeof x !== 'number'));

/** An extra key beside the known ones of the object at `path` (every schema is strict). */
const extraKey = (base: BaseName, path: Path) => {
  const target = path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], BASE[base]) as Record<string, unknown>;
  return fc
    .tuple(
      fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'id', 'deletedAt', 'causeId', 'version')),
      fc.oneof(fc.anything(), fc.constant(undefined)),
    )
    .filter(([key]) => !Object.hasOwn(target, key))
    .map(([key, value]) => mutate(BASE[base], [...path, key], value));
};

const nearValid: fc.Arbitrary<unknown> = fc.oneof(
  // Right kind, wrong or missing fields.
  missing('create', ['command', 'fields', 'name']),
  missing('create', ['command', 'conversation']),
  missing('create', ['command', 'conversation', 'contact', 'email']),
  missing('note', ['command', 'ticketId']),
  missing('update', ['command', 'value']),
  missing('open', ['target', 'ticketId']),
  missing('prefs', ['query', 'value']),
  missing('settings', ['command', 'stages', 0, 'closed']),
  missing('create', ['command']),
  missing('list', ['query']),
  // Wrong types.
  at('create', ['command', 'fields', 'name'], notString),
  at('create', ['command', 'fields', 'status'], badStage),
  at('create', ['command', 'conversation', 'key'], fc.oneof(fc.constant(''), overLong(2000), notString)),
  at('create', ['command', 'conversation', 'channel'], fc.oneof(fc.constantFrom('sms', 'Email', ''), notString)),
  at('create', ['command', 'conversation', 'source'], fc.oneof(fc.constantFrom('myspace', 'Gmail', ''), notString)),
  at('create', ['command', 'conversation', 'contact'], fc.oneof(notString, fc.constant({}))),
  at('create', ['command', 'conversation', 'contact', 'handle'], notStringNorNull),
  at('create', ['command', 'fields'], fc.oneof(notString, fc.constant([]))),
  at('convStatus', ['command', 'status'], fc.oneof(fc.constantFrom('Open', 'archived', 'trashed', ''), notString)),
  at('settings', ['command', 'stages', 1, 'closed'], fc.oneof(fc.constantFrom('yes', 'true', 0, 1), fc.constant(null))),
  at('settings', ['command', 'stages'], fc.oneof(notString.filter((x) => !(Array.isArray(x) && x.length === 0)), fc.constant(Array.from({ length: 51 }, (_, i) => ({ id: `s${i}`, name: `S${i}`, closed: false }))))),
  at('settings', ['command', 'moveTickets'], fc.oneof(fc.constant({ '': 'new' }), fc.constant({ new: '' }), fc.constant({ [`${'s'.repeat(65)}`]: 'new' }), fc.constant({ new: 5 }))),
  at('prefs', ['query', 'value'], fc.oneof(fc.constant({}), fc.constant([]), fc.constant(undefined), fc.constant(Number.NaN), fc.object())),
  at('list', ['query', 'sort'], fc.oneof(fc.constantFrom('name', 'id', ''), notString)),
  at('list', ['query', 'source'], fc.oneof(fc.constantFrom('gmail', 'sms'), notString)),
  at('open', ['target', 'page'], fc.oneof(fc.constantFrom('settings', 'about:blank', '../ticket', 'Ticket'), notString)),
  // Wrong id prefixes and malformed ids.
  at('note', ['command', 'ticketId'], badId('ticket')),
  at('setStatus', ['command', 'ticketId'], badId('ticket')),
  at('convStatus', ['command', 'conversationId'], badId('conversation')),
  at('create', ['command', 'fields', 'ownerId'], badId('agent').filter((x) => x !== null)),
  at('restore', ['command', 'id'], badId('ticket', /^[a-z]+:[0-9A-HJKMNP-TV-Z]{26}$/)), // any record type is fine here
  at('open', ['target', 'ticketId'], badId('ticket')),
  // Over-long strings.
  at('create', ['command', 'fields', 'name'], overLong(1000)),
  at('create', ['command', 'fields', 'description'], overLong(10_000)),
  at('create', ['command', 'fields', 'category'], overLong(200)),
  at('create', ['command', 'conversation', 'subject'], overLong(1000)),
  at('create', ['command', 'conversation', 'contact', 'name'], overLong(300)),
  at('note', ['command', 'text'], overLong(10_000)),
  at('update', ['command', 'value'], overLong(10_000)),
  at('update', ['command', 'field'], overLong(100)),
  at('list', ['query', 'search'], overLong(200)),
  at('list', ['query', 'cursor'], overLong(2000)),
  at('prefs', ['query', 'key'], overLong(100)),
  // NaN, Infinity and other bad numbers.
  at('update', ['command', 'value'], fc.oneof(nonFinite, fc.boolean(), fc.constant([]), fc.constant({}))),
  at('list', ['query', 'limit'], badLimit),
  at('list', ['query', 'createdFrom'], badTimestamp),
  at('purge', ['command', 'all'], fc.oneof(fc.constantFrom('true', 1, 0), fc.constant(null))),
  // Links that must never become a link on the record page, and bad addresses.
  at('create', ['command', 'conversation', 'hostUrl'], badHostUrl),
  at('sidebar', ['query', 'conversation', 'hostUrl'], badHostUrl),
  at('create', ['command', 'conversation', 'contact', 'email'], badEmail),
  // Enabled-sites requests.
  at('sitesAdd', ['adapter'], fc.oneof(fc.constantFrom('gmail', 'Auto', ''), notString)),
  at('sitesAdd', ['pattern'], fc.oneof(overLong(500), notString)),
  at('sitesAdd', ['action'], fc.oneof(fc.constantFrom('enable', 'ADD', 'adapterfor', ''), notString)),
  missing('sitesAdd', ['pattern']),
  extraKey('sitesAdd', []),
  // Extra keys, at every level.
  extraKey('create', []),
  extraKey('create', ['command']),
  extraKey('create', ['command', 'fields']),
  extraKey('create', ['command', 'conversation']),
  extraKey('create', ['command', 'conversation', 'contact']),
  extraKey('settings', ['command', 'stages', 0]),
  extraKey('purge', ['command']),
  extraKey('list', ['query']),
  extraKey('open', ['target']),
  // Wrong kind or type, or a command sent as a query and back.
  at('create', ['kind'], fc.oneof(fc.constantFrom('tip.changed', 'tip.Command', 'tip.commands', 'command', ''), notString)),
  at('create', ['command', 'type'], fc.oneof(fc.constantFrom('ticket.Create', 'ticket.create ', 'ticket.explode', 'tickets.list', ''), notString)),
  at('list', ['query', 'type'], fc.oneof(fc.constantFrom('ticket.create', 'trash.purge', 'tickets.all', ''), notString)),
  fc.constantFrom(...(Object.keys(BASE) as BaseName[])).chain((name) =>
    fc.constantFrom(
      { kind: 'tip.query', query: (BASE.create as { command: unknown }).command },
      { kind: 'tip.command', command: (BASE.list as { query: unknown }).query },
      { kind: 'tip.command', query: (BASE.create as { command: unknown }).command },
      [BASE[name]],
      { ...BASE[name], kind: 'tip.changed', causeId: `cmd:${ULID}`, commandType: 'ticket.create', ids: [] },
      JSON.stringify(BASE[name]),
    ),
  ),
);

const malformed = fc.oneof({ arbitrary: fc.anything(), weight: 1 }, { arbitrary: nearValid, weight: 3 });

describe('background: malformed messages', () => {
  it('starts every near-valid mutation from a message that is itself valid', () => {
    // Otherwise the fuzzing below would only prove that broken messages stay broken.
    for (const [name, message] of Object.entries(BASE)) expect(v.safeParse(AnyRequestSchema, message).success, name).toBe(true);
  });

  it('rejects ~300 fuzzed malformed messages from an extension page as invalid, and every store stays exactly as it was', async () => {
    const bg = background();
    const { dump: before } = await seed(bg);
    const callsBefore = { ...bg.calls };
    await fc.assert(
      fc.asyncProperty(malformed, async (message) => {
        const reply = await bg.send(message, page);
        expect(reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
        expect(await bg.dump()).toEqual(before);
      }),
      { numRuns: 300 },
    );
    // Nothing reached the service, nothing was broadcast or opened.
    expect(bg.calls).toEqual(callsBefore);
    expect(bg.events).toEqual([]);
    expect(bg.opened).toEqual([]);
    expect(bg.sites).toEqual([]);
  });

  it('answers a valid command normally right after a run of malformed ones', async () => {
    const bg = background();
    await seed(bg);
    for (const message of [42, null, { kind: 'tip.command' }, BASE.create, command({ type: 'ticket.create' })]) await bg.send(message);
    const made = dataOf<TicketAndConversation>(await bg.send(command({ type: 'ticket.create', conversation: snapshot('after'), fields: { name: 'After' } })));
    expect(made.ticket.name).toBe('After');
  });
});

// ---------------------------------------------------------------------------
// Who may send what.
// ---------------------------------------------------------------------------

describe('background: senders', () => {
  it('refuses every message from another extension, a web page or an unknown context with forbidden, and changes nothing', async () => {
    const bg = background();
    const { ticket, conversation, dump: before } = await seed(bg);
    const callsBefore = { ...bg.calls };
    const messages = [
      command({ type: 'ticket.create', conversation: snapshot('z'), fields: { name: 'Injected' } }),
      command({ type: 'ticket.delete', ticketId: ticket.id }),
      command({ type: 'conversation.trash', conversationId: conversation.id }),
      command({ type: 'trash.purge', all: true }),
      query({ type: 'tickets.list' }),
      query({ type: 'sidebar.view', conversation: snapshot('a') }),
      query({ type: 'prefs.set', key: 'dashboard.sort', value: 'createdAt' }),
      { kind: 'tip.open', target: { page: 'ticket', ticketId: ticket.id } },
      BASE.sitesAdd,
      42, // even garbage gets "forbidden", not a validation message describing the schema
    ];
    for (const sender of foreign) {
      for (const message of messages) {
        expect(await bg.send(message, sender), JSON.stringify({ sender, message })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
    expect(await bg.dump()).toEqual(before);
    expect(bg.calls).toEqual(callsBefore);
    expect(bg.events).toEqual([]);
    expect(bg.opened).toEqual([]);
    expect(bg.sites).toEqual([]);
  });

  it("refuses a content script the extension pages' queries and the purge, and changes nothing", async () => {
    const bg = background();
    const { ticket, dump: before } = await seed(bg);
    const privileged = [
      query({ type: 'tickets.list' }),
      query({ type: 'tickets.count' }),
      query({ type: 'trash.list' }),
      query({ type: 'ticket.record', ticketId: ticket.id }),
      command({ type: 'trash.purge' }),
      command({ type: 'trash.purge', all: true }),
      { kind: 'tip.sites', action: 'list' },
      BASE.sitesAdd,
      { kind: 'tip.sites', action: 'remove', pattern: 'https://mail.example.org/*' },
    ];
    for (const message of privileged) {
      expect(await bg.send(message, content), JSON.stringify(message)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await bg.dump()).toEqual(before);
    expect(bg.events).toEqual([]);
    expect(bg.sites).toEqual([]);
    // The same messages from an extension page are answered (the purge empties the trash).
    expect(dataOf<{ items: unknown[] }>(await bg.send(query({ type: 'tickets.list' }), page)).items).toHaveLength(1);
    expect(dataOf<{ total: number }>(await bg.send(query({ type: 'tickets.count' }), page)).total).toBe(1);
    expect(dataOf<{ items: unknown[] }>(await bg.send(query({ type: 'trash.list' }), page)).items).not.toEqual([]);
    expect(dataOf<{ ticket: Ticket }>(await bg.send(query({ type: 'ticket.record', ticketId: ticket.id }), page)).ticket.id).toBe(ticket.id);
    dataOf(await bg.send(command({ type: 'trash.purge', all: true }), page));
    expect(dataOf<{ items: unknown[] }>(await bg.send(query({ type: 'trash.list' }), page)).items).toEqual([]);
  });

  it("lets a content script run the sidebar's queries and commands", async () => {
    const bg = background();
    const { ticket } = await seed(bg);
    const view = dataOf<{ ticket: Ticket | null }>(await bg.send(query({ type: 'sidebar.view', conversation: snapshot('a') }), content));
    expect(view.ticket?.id).toBe(ticket.id);
    dataOf(await bg.send(query({ type: 'prefs.set', key: 'sidebar.width', value: 420 }), content));
    expect(dataOf(await bg.send(query({ type: 'prefs.get', key: 'sidebar.width' }), content))).toBe(420);
    dataOf(await bg.send(command({ type: 'note.add', ticketId: ticket.id, text: 'From the sidebar' }), content));
    dataOf(await bg.send(command({ type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' }), content));
    const made = dataOf<TicketAndConversation>(await bg.send(command({ type: 'ticket.create', conversation: snapshot('e'), fields: { name: 'New' } }), content));
    dataOf(await bg.send({ kind: 'tip.open', target: { page: 'ticket', ticketId: made.ticket.id } }, content));
    expect(bg.opened).toEqual([{ page: 'ticket', ticketId: made.ticket.id }]);
    // Each site's registration runs the agent's reader: a content script never needs the list.
    expect(bg.sites).toEqual([]);
    expect(bg.events.map((e) => e.commandType)).toEqual(['note.add', 'ticket.setStatus', 'ticket.create']);
  });

  it('runs no script for a content script: the sidebar carries all its parts, so `tip.part` is no request', async () => {
    const bg = background();
    for (const part of ['sidebar-extras', 'roundcube', 'generic', '../background']) {
      expect(await bg.send({ kind: 'tip.part', part }, content), part).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
  });
});

// ---------------------------------------------------------------------------
// Commands: persisted and broadcast, or refused with nothing written.
// ---------------------------------------------------------------------------

describe('background: commands', () => {
  it('persists a valid ticket.create and broadcasts one tip.changed with its causeId and the ticket and conversation ids', async () => {
    const bg = background();
    const reply = await bg.send(command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Refund' } }), content);
    const { ticket, conversation } = dataOf<TicketAndConversation>(reply);

    const dump = await bg.dump();
    expect(dump.tickets).toEqual([ticket]);
    expect(dump.conversations).toEqual([conversation]);
    expect(conversation.ticketId).toBe(ticket.id);
    expect(dump.contacts).toHaveLength(1);
    expect((dump.activity as { causeId: string; ticketId: string }[]).map((a) => [a.ticketId, a.causeId])).toEqual([
      [ticket.id, ticket.causeId],
      [ticket.id, ticket.causeId],
    ]);

    expect(bg.events).toHaveLength(1);
    const [event] = bg.events;
    expect(event).toEqual({ kind: 'tip.changed', causeId: ticket.causeId, commandType: 'ticket.create', ids: expect.any(Array) });
    expect(event!.causeId).toMatch(/^cmd:/);
    expect(conversation.causeId).toBe(event!.causeId);
    expect(event!.ids).toEqual(expect.arrayContaining([ticket.id, conversation.id]));
    // Every id is one of the records that command wrote, each once.
    const written = new Set([...dump.tickets!, ...dump.conversations!, ...dump.contacts!].map((r) => (r as { id: string }).id));
    expect(event!.ids.every((id) => written.has(id))).toBe(true);
    expect(new Set(event!.ids).size).toBe(event!.ids.length);
  });

  it('refuses an R2 second ticket for the same conversation as a conflict: nothing written, nothing broadcast', async () => {
    const bg = background();
    dataOf(await bg.send(command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'First' } })));
    const before = await bg.dump();
    bg.events.length = 0;

    const reply = await bg.send(command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Second' } }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('already has a ticket') } });
    expect(await bg.dump()).toEqual(before); // not even meta's clock moved
    expect(bg.events).toEqual([]);
  });

  it('refuses a command on a record that does not exist as not_found: nothing written, nothing broadcast', async () => {
    const bg = background();
    await seed(bg);
    const before = await bg.dump();
    const reply = await bg.send(command({ type: 'ticket.setStatus', ticketId: `ticket:${ULID}`, status: 'closed' }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await bg.dump()).toEqual(before);
    expect(bg.events).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Storage failures.
// ---------------------------------------------------------------------------

describe('background: storage failure', () => {
  it('fails an R8 cascade that breaks at its 2nd write with storage, writes and broadcasts nothing, then reopens the store and runs the next message', async () => {
    const bg = background();
    const { ticket } = dataOf<TicketAndConversation>(await bg.send(command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Refund' } })));
    dataOf(await bg.send(command({ type: 'ticket.associate', conversation: snapshot('b'), ticketId: ticket.id })));
    const before = await bg.dump();
    bg.events.length = 0;
    expect(bg.calls.openStore).toBe(1);

    const attempted: Write[] = [];
    bg.faults.inject = (write, index) => {
      attempted.push(write);
      if (index === 1) throw new Error('disk on fire');
    };
    const close = command({ type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    const failed = await bg.send(close);
    expect(failed).toMatchObject({ ok: false, error: { code: 'storage' } });
    expect(attempted).toHaveLength(2); // the 1st write was made, the 2nd threw
    expect(await bg.dump()).toEqual(before); // …and the 1st was rolled back
    expect(bg.events).toEqual([]);

    bg.faults.inject = undefined;
    const closed = dataOf<Ticket>(await bg.send(close));
    expect(bg.calls.openStore).toBe(2); // the service let go of the failed connection and opened a new one
    expect(closed.status).toBe('closed');
    const after = await bg.dump();
    const conversations = after.conversations as Conversation[];
    expect(conversations.map((c) => [c.ticketId, c.status])).toEqual([
      [ticket.id, 'closed'],
      [ticket.id, 'closed'],
    ]);
    expect(bg.events).toHaveLength(1);
    expect(bg.events[0]).toMatchObject({ commandType: 'ticket.setStatus', causeId: closed.causeId });
    expect(bg.events[0]!.ids).toEqual(expect.arrayContaining([ticket.id, ...conversations.map((c) => c.id)]));
    expect(conversations.every((c) => c.causeId === closed.causeId)).toBe(true);
  });

  it('refuses an R8 cascade that finds the disk full with storage/quota in the agent\'s words, writes and broadcasts nothing, keeps the connection, and closes all once space is back', async () => {
    const words = "No se guardó: el almacenamiento del navegador para esta extensión está lleno.";
    const bg = background({ storageFullMessage: () => words });
    const { ticket } = dataOf<TicketAndConversation>(await bg.send(command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Refund' } })));
    dataOf(await bg.send(command({ type: 'ticket.associate', conversation: snapshot('b'), ticketId: ticket.id })));
    const before = await bg.dump();
    bg.events.length = 0;

    bg.faults.inject = (_write, index) => {
      if (index === 1) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const close = command({ type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    expect(await bg.send(close)).toMatchObject({ ok: false, error: { code: 'storage', reason: 'quota', message: words } });
    expect(await bg.dump()).toEqual(before);
    expect(bg.events).toEqual([]);

    bg.faults.inject = undefined;
    const closed = dataOf<Ticket>(await bg.send(close));
    expect(closed.status).toBe('closed');
    expect(((await bg.dump()).conversations as Conversation[]).map((c) => c.status)).toEqual(['closed', 'closed']);
    expect(bg.calls.openStore).toBe(1); // a full disk says nothing against the connection: no reopen
    expect(bg.events).toHaveLength(1);
  });

  it('says storage full in English where the agent\'s words are missing, and for a preference write (a query) too', async () => {
    const bg = background({ storageFullMessage: () => '' });
    const { ticket } = dataOf<TicketAndConversation>(await bg.send(command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Refund' } })));
    bg.faults.inject = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const refused = await bg.send(command({ type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage', reason: 'quota' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/storage for the extension is full.*Nothing was changed/);
    bg.faults.inject = undefined;

    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const pref = await bg.send(query({ type: 'prefs.set', key: 'sidebar.width', value: 400 }));
      expect(pref).toMatchObject({ ok: false, error: { code: 'storage', reason: 'quota' } });
      if (!pref.ok) expect(pref.error.message).toMatch(/storage for the extension is full/);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(await bg.send(query({ type: 'prefs.set', key: 'sidebar.width', value: 400 }))).toEqual({ ok: true, data: null });
    expect(bg.calls.openStore).toBe(1);
  });

  it('says storage full when setting up a new help desk finds the disk full, and sets it up on the next message', async () => {
    const bg = background({ storageFullMessage: () => 'Disk full.' });
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    try {
      const create = command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Refund' } });
      expect(await bg.send(create)).toMatchObject({ ok: false, error: { code: 'storage', reason: 'quota', message: 'Disk full.' } });
      expect(await bg.dump()).toMatchObject({ meta: [], tickets: [] });
      expect(dataOf<TicketAndConversation>(await bg.send(create)).ticket.name).toBe('Refund');
    } finally {
      put.mockRestore();
    }
  });

  it('fails an R11 trash cascade at whichever write breaks with storage, writing and broadcasting nothing; with no fault the whole family is trashed', async () => {
    const bg = background();
    const { ticket, conversation, dump: before } = await seed(bg);
    const trash = command({ type: 'conversation.trash', conversationId: conversation.id });
    let failAt = 0;
    for (; failAt < 20; failAt++) {
      const fault = failAt;
      bg.faults.inject = (_write, index) => {
        if (index === fault) throw new Error(`write ${fault} failed`);
      };
      const reply = await bg.send(trash);
      if (reply.ok) break;
      expect(reply, `failing at write ${fault}`).toMatchObject({ ok: false, error: { code: 'storage' } });
      expect(await bg.dump(), `failing at write ${fault}`).toEqual(before);
      expect(bg.events).toEqual([]);
    }
    // The cascade writes the ticket, its two conversations and its note: failing any of the four undoes all.
    expect(failAt).toBe(4);
    expect(bg.calls.openStore).toBe(1 + 4);
    const after = await bg.dump();
    const family = [...(after.tickets as Ticket[]), ...(after.conversations as Conversation[]), ...(after.notes as { id: string; ticketId: string; deletedAt: number | null; causeId: string }[])].filter(
      (r) => r.id === ticket.id || ('ticketId' in r && r.ticketId === ticket.id),
    );
    expect(family).toHaveLength(4);
    expect(family.every((r) => r.deletedAt !== null)).toBe(true);
    expect(bg.events).toHaveLength(1);
    expect(bg.events[0]!.ids).toEqual(expect.arrayContaining(family.map((r) => r.id)));
  });
});
