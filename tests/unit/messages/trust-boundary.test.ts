/**
 * What a content script (a sidebar beside an untrusted page, whose messages a
 * compromised renderer could forge) can do to the help desk, through the real
 * router, service, rules and store on fake-indexeddb: exactly what the sidebar
 * sends, and for everything else a typed refusal with every store unchanged,
 * byte for byte. The list of what the sidebar sends is written out here on
 * purpose, apart from the router's table, so that a row widened by mistake
 * fails a test.
 */
import 'fake-indexeddb/auto';
import { serialize } from 'node:v8';
import fc from 'fast-check';
import * as v from 'valibot';
import { isSafeEmail } from '../../../core/domain/email';
import type { ErrorCode } from '../../../core/domain/commands';
import type { TicketAndConversation } from '../../../core/domain/rules';
import type { Reply } from '../../../core/messages/protocol';
import { AnyRequestSchema, CommandSchema, QuerySchema } from '../../../core/messages/schemas';
import { command, dataOf, EXT_ID, inMemoryBackground, ORIGIN, query, RECORD_STORES, senders, snapshot } from '../background/harness';

const { page, content, foreign } = senders(EXT_ID, ORIGIN);
type Background = ReturnType<typeof inMemoryBackground>;

/** Every command and query the sidebar sends (components/models/sidebar-model.ts, components/sidebar/**). */
const SIDEBAR_COMMANDS = [
  'conversation.observe',
  'ticket.create',
  'ticket.associate',
  'ticket.update',
  'ticket.setStatus',
  'ticket.setTags',
  'ticket.snooze',
  'ticket.unsnooze',
  'ticket.markResponded',
  'conversation.setOwner',
  'conversation.setStatus',
  'conversation.trash',
  'trash.restore',
  'contact.block',
  'contact.spam',
  'contact.merge',
  'contact.split',
  'contact.dismiss',
  'note.add',
  'note.edit',
  'note.delete',
  'settings.update',
];
// Site health: the sidebar reports its site's check and asks for its diagnostics (names and an origin, docs/rules.md).
const SIDEBAR_QUERIES = ['sidebar.view', 'tickets.find', 'contact.suggestions', 'prefs.get', 'prefs.set', 'health.report', 'health.diagnostics'];

const typesOf = (schema: typeof CommandSchema | typeof QuerySchema) => schema.options.map((o) => o.entries.type.literal as string);

/** A help desk with something in every store, made by an extension page. */
async function seed(bg: Background) {
  const a = dataOf<TicketAndConversation>(await bg.send(command({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Refund' } })));
  dataOf(await bg.send(command({ type: 'note.add', ticketId: a.ticket.id, text: 'Called her back' })));
  const b = dataOf<TicketAndConversation>(await bg.send(command({ type: 'ticket.create', conversation: snapshot('b'), fields: { name: 'Spam' } })));
  dataOf(await bg.send(command({ type: 'ticket.delete', ticketId: b.ticket.id })));
  const snippet = dataOf<{ id: string }>(await bg.send(command({ type: 'snippet.save', name: 'Thanks', body: 'Thank you for writing.' })));
  const agent = dataOf<{ id: string }>(await bg.send(command({ type: 'agent.save', name: 'Carla', email: 'carla@example.com' })));
  dataOf(await bg.send(query({ type: 'prefs.set', key: 'sidebar.width', value: 400 })));
  const dump = await bg.dump();
  for (const store of RECORD_STORES) expect(dump[store], `seeded ${store}`).not.toEqual([]);
  bg.events.length = 0;
  const ids = {
    ticket: [a.ticket.id, b.ticket.id],
    conversation: [a.conversation.id, b.conversation.id],
    contact: [a.conversation.contactId ?? expect.fail('the seeded conversation has a contact')],
    snippet: [snippet.id],
    agent: [agent.id],
  };
  return { a, b, ids, before: dump };
}

/** The whole database, serialised as the structured clone IndexedDB keeps: equal bytes, equal stores. */
async function snapshotOf(bg: Background) {
  const dump = await bg.dump();
  return { dump, bytes: serialize(dump) };
}

/** Every store byte for byte as `before`; on a difference, the stores themselves, for a readable diff. */
async function expectUnchanged(bg: Background, before: Awaited<ReturnType<typeof snapshotOf>>) {
  const now = await snapshotOf(bg);
  // Buffer.equals: a generic deep equal walks every byte and costs ~100x more per run.
  if (!now.bytes.equals(before.bytes)) expect(now.dump).toEqual(before.dump);
  expect(now.bytes.equals(before.bytes)).toBe(true);
}

const ULID_CHARS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ulid = fc.array(fc.constantFrom(...ULID_CHARS), { minLength: 26, maxLength: 26 }).map((cs) => cs.join(''));
/** A real id from the seeded help desk, or a well-formed one that names nothing. */
const idOf = (known: readonly string[], prefix: string) => fc.oneof(fc.constantFrom(...known), ulid.map((u) => `${prefix}:${u}`));

type Ids = Awaited<ReturnType<typeof seed>>['ids'];

/** A valid message of each command and query type the sidebar never sends. */
function outsideTheSidebar(ids: Ids): Record<string, fc.Arbitrary<unknown>> {
  const ticketId = idOf(ids.ticket, 'ticket');
  const anyId = fc.oneof(ticketId, idOf(ids.conversation, 'conversation'), idOf(ids.contact, 'contact'));
  const name = fc.string({ maxLength: 20 });
  return {
    'ticket.delete': ticketId.map((id) => command({ type: 'ticket.delete', ticketId: id })),
    'ticket.merge': fc
      .tuple(ticketId, fc.array(ticketId, { minLength: 1, maxLength: 3 }))
      .map(([keepId, mergeIds]) => command({ type: 'ticket.merge', keepId, mergeIds })),
    'ticket.unmerge': ticketId.map((id) => command({ type: 'ticket.unmerge', id })),
    'tickets.bulk': fc
      .tuple(
        fc.array(ticketId, { minLength: 1, maxLength: 3 }),
        fc.oneof(
          fc.constant({ type: 'status', status: 'closed' }),
          fc.constant({ type: 'priority', priority: 'high' }),
          idOf(ids.agent, 'agent').map((ownerId) => ({ type: 'owner', ownerId })),
          fc.constant({ type: 'delete' }),
          fc.constant({ type: 'tags', add: ['vip'], remove: [] }),
        ),
      )
      .map(([ticketIds, action]) => command({ type: 'tickets.bulk', ticketIds, action })),
    'tags.rename': fc.tuple(name, name).map(([from, to]) => command({ type: 'tags.rename', from, to })),
    'tags.recolor': name.map((n) => command({ type: 'tags.recolor', name: n, color: 'red' })),
    'tags.remove': name.map((n) => command({ type: 'tags.remove', name: n })),
    'trash.purge': fc.option(fc.boolean(), { nil: undefined }).map((all) => command(all === undefined ? { type: 'trash.purge' } : { type: 'trash.purge', all })),
    'trash.purgeItem': anyId.map((id) => command({ type: 'trash.purgeItem', id })),
    'snippet.save': fc
      .record({ id: fc.option(idOf(ids.snippet, 'snippet'), { nil: undefined }), name, body: fc.string({ maxLength: 50 }) })
      .map(({ id, ...rest }) => command({ type: 'snippet.save', ...(id ? { id } : {}), ...rest })),
    'snippet.delete': idOf(ids.snippet, 'snippet').map((id) => command({ type: 'snippet.delete', id })),
    'agent.save': fc
      .record({ id: fc.option(idOf(ids.agent, 'agent'), { nil: undefined }), name, email: fc.emailAddress().filter(isSafeEmail) })
      .map(({ id, ...rest }) => command({ type: 'agent.save', ...(id ? { id } : {}), ...rest })),
    'agent.delete': idOf(ids.agent, 'agent').map((id) => command({ type: 'agent.delete', id })),
    'ticket.record': ticketId.map((id) => query({ type: 'ticket.record', ticketId: id })),
    'tickets.list': fc.record({ limit: fc.integer({ min: 1, max: 500 }) }, { requiredKeys: [] }).map((q) => query({ type: 'tickets.list', ...q })),
    'tickets.count': fc.constant(query({ type: 'tickets.count' })),
    'tickets.stats': fc.nat({ max: 2_000_000_000_000 }).map((t) => query({ type: 'tickets.stats', dayStarts: [t, t + 86_400_000] })),
    'trash.list': fc.record({ limit: fc.integer({ min: 1, max: 500 }) }, { requiredKeys: [] }).map((q) => query({ type: 'trash.list', ...q })),
    'settings.get': fc.constant(query({ type: 'settings.get' })),
    'health.list': fc.constant(query({ type: 'health.list' })),
  };
}

/** `settings.update` with anything beside the displayed properties: the pipeline, priorities, fields, a ticket move. */
const settingsBeyondDisplay = fc
  .record(
    {
      stages: fc.constant([
        { id: 'new', name: 'New', closed: false },
        { id: 'closed', name: 'Closed', closed: true },
      ]),
      priorities: fc.constant([{ id: 'low', name: 'Low' }]),
      properties: fc.constant([{ id: 'custom.size', name: 'Size', type: 'number' }]),
      moveTickets: fc.constant({ 'waiting-contact': 'closed', 'waiting-us': 'closed' }),
      displayedProperties: fc.constant(['priority']),
    },
    { requiredKeys: [] },
  )
  .filter((patch) => Object.keys(patch).some((k) => k !== 'displayedProperties'))
  .map((patch) => command({ type: 'settings.update', ...patch }));

function expectRefused(reply: Reply, code: ErrorCode, what: unknown) {
  expect(reply, JSON.stringify(what).slice(0, 300)).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
}

describe('trust boundary: a content script may send only what the sidebar needs', () => {
  it('the sidebar list names real command and query types', () => {
    for (const type of SIDEBAR_COMMANDS) expect(typesOf(CommandSchema)).toContain(type);
    for (const type of SIDEBAR_QUERIES) expect(typesOf(QuerySchema)).toContain(type);
  });

  it('refuses every command and query type outside the sidebar list with forbidden, and every store stays byte for byte the same', async () => {
    const bg = inMemoryBackground();
    const { ids } = await seed(bg);
    const arbitraries = outsideTheSidebar(ids);
    // Every type the schemas know is either the sidebar's or has a generator here.
    const outside = [...typesOf(CommandSchema).filter((t) => !SIDEBAR_COMMANDS.includes(t)), ...typesOf(QuerySchema).filter((t) => !SIDEBAR_QUERIES.includes(t))];
    expect(Object.keys(arbitraries).sort()).toEqual(outside.sort());
    const before = await snapshotOf(bg);
    const callsBefore = { ...bg.calls };
    // A few runs per type, so each type is tried whatever the seed.
    for (const type of outside) {
      await fc.assert(
        fc.asyncProperty(arbitraries[type]!, async (message) => {
          // Valid: the refusal is about who sends it, not about its shape.
          expect(v.is(AnyRequestSchema, message)).toBe(true);
          expectRefused(await bg.send(message, content), 'forbidden', message);
          await expectUnchanged(bg, before);
        }),
        { numRuns: 6 },
      );
    }
    expect(bg.calls).toEqual(callsBefore);
    expect(bg.events).toEqual([]);
  });

  it('refuses settings.update from a content script unless it carries displayedProperties alone', async () => {
    const bg = inMemoryBackground();
    const seeded = await seed(bg);
    const before = await snapshotOf(bg);
    await fc.assert(
      fc.asyncProperty(settingsBeyondDisplay, async (message) => {
        expect(v.is(AnyRequestSchema, message)).toBe(true);
        expectRefused(await bg.send(message, content), 'forbidden', message);
        await expectUnchanged(bg, before);
      }),
      { numRuns: 30 },
    );
    expect(bg.events).toEqual([]);
    // Closing every ticket in one message: replacing the open stages and moving their tickets to the closed one.
    const closeAll = command({
      type: 'settings.update',
      stages: [
        { id: 'parked', name: 'Parked', closed: false },
        { id: 'closed', name: 'Closed', closed: true },
      ],
      moveTickets: { new: 'closed', 'waiting-contact': 'closed', 'waiting-us': 'closed' },
    });
    expectRefused(await bg.send(closeAll, content), 'forbidden', 'close all');
    // Nothing to change is no reason to accept it either.
    expectRefused(await bg.send(command({ type: 'settings.update' }), content), 'forbidden', 'empty');
    await expectUnchanged(bg, before);
    // What the details panel sends (R6) still works from the sidebar, and the rest from an extension page.
    dataOf(await bg.send(command({ type: 'settings.update', displayedProperties: ['priority', 'owner'] }), content));
    dataOf(await bg.send(closeAll, page));
    const { a } = seeded;
    expect((await bg.dump()).tickets).toContainEqual(expect.objectContaining({ id: a.ticket.id, status: 'closed' }));
  });

  it('lets a content script restore a conversation from the trash, and nothing else by id', async () => {
    const bg = inMemoryBackground();
    const { b } = await seed(bg);
    const before = await snapshotOf(bg);
    expectRefused(await bg.send(command({ type: 'trash.restore', id: b.ticket.id }), content), 'forbidden', 'ticket');
    await expectUnchanged(bg, before);
    dataOf(await bg.send(command({ type: 'trash.restore', id: b.conversation.id }), content));
  });

  it("limits a content script's preferences to the sidebar's keys, each within its bounds", async () => {
    const bg = inMemoryBackground();
    await seed(bg);
    const before = await snapshotOf(bg);
    const otherKey = fc.oneof(fc.constantFrom('dashboard.sort', 'sidebar.widths', 'sidebar', 'x', '__proto__', 'constructor'), fc.stringMatching(/^[\w.-]{1,100}$/)).filter((k) => k !== 'sidebar.width' && k !== 'sidebar.collapsed');
    const value = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));
    await fc.assert(
      fc.asyncProperty(otherKey, value, async (key, value) => {
        expectRefused(await bg.send(query({ type: 'prefs.set', key, value }), content), 'forbidden', key);
        expectRefused(await bg.send(query({ type: 'prefs.get', key }), content), 'forbidden', key);
        await expectUnchanged(bg, before);
      }),
      { numRuns: 50 },
    );
    // The sidebar's keys, with values of the wrong type or out of range.
    const bad = [
      ['sidebar.width', 100_000],
      ['sidebar.width', 279],
      ['sidebar.width', 641],
      ['sidebar.width', 300.5],
      ['sidebar.width', 'wide'],
      ['sidebar.width', 'x'.repeat(100_000)],
      ['sidebar.width', null],
      ['sidebar.collapsed', 'yes'],
      ['sidebar.collapsed', 1],
      ['sidebar.collapsed', null],
    ] as const;
    for (const [key, value] of bad) {
      for (const sender of [content, page]) {
        const reply = await bg.send(query({ type: 'prefs.set', key, value }), sender);
        expect(reply.ok, `${key} = ${String(value).slice(0, 20)}`).toBe(false);
      }
    }
    await expectUnchanged(bg, before);
    // What the sidebar saves and restores.
    dataOf(await bg.send(query({ type: 'prefs.set', key: 'sidebar.width', value: 640 }), content));
    dataOf(await bg.send(query({ type: 'prefs.set', key: 'sidebar.collapsed', value: true }), content));
    expect(dataOf(await bg.send(query({ type: 'prefs.get', key: 'sidebar.width' }), content))).toBe(640);
    expect(dataOf(await bg.send(query({ type: 'prefs.get', key: 'sidebar.collapsed' }), content))).toBe(true);
  });

  it('bounds an extension page’s preferences too: no value of 100,000 characters, no key of any shape', async () => {
    const bg = inMemoryBackground();
    await seed(bg);
    const before = await snapshotOf(bg);
    for (const message of [
      query({ type: 'prefs.set', key: 'dashboard.sort', value: 'x'.repeat(100_000) }),
      query({ type: 'prefs.set', key: 'dashboard.sort', value: 'x'.repeat(1001) }),
      query({ type: 'prefs.set', key: '', value: 'x' }),
      query({ type: 'prefs.set', key: 'a b', value: 'x' }),
      query({ type: 'prefs.set', key: 'dashboard.sort', value: Number.POSITIVE_INFINITY }),
    ]) {
      expectRefused(await bg.send(message, page), 'invalid', message);
    }
    await expectUnchanged(bg, before);
    dataOf(await bg.send(query({ type: 'prefs.set', key: 'dashboard.sort', value: 'createdAt' }), page));
  });
});

// ---------------------------------------------------------------------------
// Hostile messages from every kind of sender.
// ---------------------------------------------------------------------------

const HUGE = 'x'.repeat(100_000);

/** Messages no sender may have applied: garbage, wrong types, huge strings, unknown names, ids that name nothing. */
function hostile(ids: Ids): fc.Arbitrary<unknown> {
  const forged = (prefix: string) => ulid.map((u) => `${prefix}:${u}`);
  const wrongType = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
  const shapes = fc.oneof(
    // Random JSON and random values.
    fc.jsonValue({ maxDepth: 3 }),
    fc.anything({ maxDepth: 2 }),
    // Unknown kinds, commands and queries, well formed otherwise.
    fc.string({ maxLength: 30 }).filter((k) => !['tip.command', 'tip.query', 'tip.open', 'tip.sites', 'tip.data'].includes(k)).map((kind) => ({ kind })),
    fc.string({ maxLength: 30 }).filter((t) => !typesOf(CommandSchema).includes(t)).map((type) => command({ type, ticketId: ids.ticket[0] })),
    fc.string({ maxLength: 30 }).filter((t) => !typesOf(QuerySchema).includes(t)).map((type) => query({ type })),
    // Wrong types where the schema wants a string, an id, a snapshot or a boolean.
    wrongType.map((text) => command({ type: 'note.add', ticketId: ids.ticket[0], text })),
    wrongType.map((ticketId) => command({ type: 'ticket.setStatus', ticketId, status: 'closed' })),
    wrongType.map((conversation) => query({ type: 'sidebar.view', conversation })),
    wrongType.filter((b) => typeof b !== 'boolean').map((blocked) => command({ type: 'contact.block', contactId: ids.contact[0], blocked })),
    wrongType.map((value) => query({ type: 'prefs.set', key: 'sidebar.collapsed', value })).filter((m) => typeof (m.query as { value: unknown }).value !== 'boolean'),
    // 100,000 characters wherever a string goes.
    fc.constantFrom(
      command({ type: 'note.add', ticketId: ids.ticket[0], text: HUGE }),
      query({ type: 'tickets.find', text: HUGE }),
      query({ type: 'tickets.find', text: '', limit: 100_000 }),
      command({ type: 'ticket.update', ticketId: ids.ticket[0], field: 'custom.size', value: HUGE }),
      command({ type: 'ticket.create', conversation: snapshot('huge', { subject: HUGE }), fields: { name: 'Huge' } }),
      command({ type: 'ticket.create', conversation: snapshot(HUGE), fields: { name: 'Huge' } }),
      command({ type: 'conversation.observe', conversation: snapshot('huge', { hostUrl: `https://example.com/${HUGE}` }) }),
      command({ type: 'snippet.save', name: 'Huge', body: HUGE }),
      command({ type: 'settings.update', displayedProperties: [HUGE] }),
      query({ type: 'prefs.set', key: 'sidebar.width', value: HUGE }),
      query({ type: 'prefs.set', key: 'notes', value: HUGE }),
      query({ type: 'prefs.set', key: HUGE, value: 1 }),
      query({ type: 'prefs.get', key: HUGE }),
      { kind: 'tip.open', target: { page: 'ticket', ticketId: HUGE } },
      { kind: 'tip.sites', action: 'add', pattern: HUGE, adapter: 'auto' },
    ),
    // Well-formed ids that name nothing in this help desk.
    forged('ticket').map((ticketId) => command({ type: 'ticket.setStatus', ticketId, status: 'closed' })),
    forged('ticket').map((ticketId) => command({ type: 'ticket.update', ticketId, field: 'priority', value: 'high' })),
    forged('ticket').map((ticketId) => command({ type: 'note.add', ticketId, text: 'forged' })),
    forged('note').map((noteId) => command({ type: 'note.edit', noteId, text: 'forged' })),
    forged('note').map((noteId) => command({ type: 'note.delete', noteId })),
    forged('ticket').map((ticketId) => command({ type: 'ticket.delete', ticketId })),
    forged('ticket').map((ticketId) => command({ type: 'ticket.associate', conversation: snapshot('a'), ticketId })),
    forged('conversation').map((conversationId) => command({ type: 'conversation.setStatus', conversationId, status: 'closed' })),
    forged('conversation').map((conversationId) => command({ type: 'conversation.trash', conversationId })),
    forged('conversation').map((id) => command({ type: 'trash.restore', id })),
    forged('contact').map((contactId) => command({ type: 'contact.spam', contactId, spam: true })),
    forged('snippet').map((id) => command({ type: 'snippet.delete', id })),
    forged('agent').map((id) => command({ type: 'agent.delete', id })),
    forged('ticket').map((ticketId) => query({ type: 'ticket.record', ticketId })),
  );
  return shapes;
}

/** A refusal is a result with a code and a message, never a throw or an internal error. */
const REFUSALS: ErrorCode[] = ['invalid', 'not_found', 'conflict', 'forbidden'];

describe('trust boundary: hostile messages from every kind of sender', () => {
  const kinds = [
    ['page', [page]],
    ['content', [content]],
    ['foreign', foreign],
  ] as const;

  it.each(kinds)('answers fuzzed messages from a %s sender with a typed refusal and leaves every store byte for byte the same', async (kind, from) => {
    const bg = inMemoryBackground();
    const { ids } = await seed(bg);
    const before = await snapshotOf(bg);
    await fc.assert(
      fc.asyncProperty(hostile(ids), fc.constantFrom(...from), async (message, sender) => {
        const reply = await bg.send(message, sender);
        expect(reply.ok, JSON.stringify(message)?.slice(0, 300)).toBe(false);
        if (!reply.ok) {
          expect(REFUSALS).toContain(reply.error.code);
          expect(typeof reply.error.message).toBe('string');
          if (kind === 'foreign') expect(reply.error.code).toBe('forbidden');
        }
        await expectUnchanged(bg, before);
      }),
      { numRuns: 100 },
    );
    expect(bg.events).toEqual([]);
    expect(bg.opened).toEqual([]);
    expect(bg.sites).toEqual([]);
  });
});
