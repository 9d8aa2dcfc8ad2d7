/**
 * The router's table of who may send what (ACCESS), the sidebar's preference
 * rows (PREFS) and the split of change broadcasts between extension pages and
 * tabs: every type has a decision, the content script's rows are exactly what
 * the real sidebar sends, and a tab's event names no record.
 */
import 'fake-indexeddb/auto';
import { DEFAULT_WIDTH, MAX_WIDTH, MIN_WIDTH, SidebarModel } from '../../../components/models/sidebar-model';
import type { SidebarView } from '../../../core/messages/views';
import { createTransport } from '../../../core/messages/client';
import { concerns, isChangeEvent, isTabChangeEvent, toTabs, type ChangeEvent, type Reply } from '../../../core/messages/protocol';
import { createTagger } from '../../../core/messages/tags';
import { ACCESS } from '../../../core/messages/router';
import { INTERNAL_COMMANDS } from '../../../core/domain/commands';
import { CommandSchema, DataRequestSchema, PREFS, QuerySchema, RequestSchema, SitesRequestSchema } from '../../../core/messages/schemas';
import * as v from 'valibot';
import { EXT_ID, inMemoryBackground, ORIGIN, senders, snapshot } from '../background/harness';

const literals = <K extends string>(options: readonly { entries: Record<K, unknown> }[], key: K) =>
  [...new Set(options.map((o) => (o.entries[key] as { literal: string }).literal))].sort();
const rowsFor = (section: Record<string, readonly string[]>, kind: string) =>
  Object.entries(section)
    .filter(([, allowed]) => allowed.includes(kind))
    .map(([name]) => name);

describe('ACCESS: one row per request kind, command and query', () => {
  it('has a row for every type the schemas accept, and none for a type they do not', () => {
    // The worker's own commands have a row that allows nobody, and no schema: no message can carry them.
    const internal: readonly string[] = INTERNAL_COMMANDS;
    expect(Object.keys(ACCESS.command).filter((type) => !internal.includes(type)).sort()).toEqual(literals(CommandSchema.options, 'type'));
    for (const type of internal) expect(ACCESS.command[type as keyof typeof ACCESS.command]).toEqual([]);
    expect(Object.keys(ACCESS.query).sort()).toEqual(literals(QuerySchema.options, 'type'));
    const kinds = [...literals(RequestSchema.options, 'kind'), ...literals(SitesRequestSchema.options, 'kind'), ...literals(DataRequestSchema.options, 'kind')];
    expect(Object.keys(ACCESS.request).sort()).toEqual([...new Set(kinds)].sort());
  });

  it('allows only the sender kinds the router knows, and never a foreign sender', () => {
    for (const section of Object.values(ACCESS)) {
      for (const [name, allowed] of Object.entries(section)) {
        if (section === ACCESS.command && (INTERNAL_COMMANDS as readonly string[]).includes(name)) continue;
        expect(allowed.length, name).toBeGreaterThan(0);
        for (const kind of allowed) expect(['page', 'content'], name).toContain(kind);
      }
    }
  });

  it("gives a content script exactly what the real sidebar sends when the agent uses every action", async () => {
    const bg = inMemoryBackground();
    const { content } = senders(EXT_ID, ORIGIN);
    const sent = new Set<string>();
    const refusals: string[] = [];
    const pending: Promise<unknown>[] = [];
    const send = (message: unknown) => {
      const m = message as { kind: string; command?: { type: string }; query?: { type: string } };
      sent.add(m.command ? `command:${m.command.type}` : m.query ? `query:${m.query.type}` : `request:${m.kind}`);
      const reply = bg.send(message, content).then((r: Reply) => {
        if (!r.ok) refusals.push(`${JSON.stringify(message)} → ${r.error.code}: ${r.error.message}`);
        return r;
      });
      pending.push(reply);
      return reply;
    };
    const model = new SidebarModel({
      client: createTransport(send),
      loadExtras: () => Promise.reject(new Error('no extras in this test')),
      insertIntoComposer: () => false,
      // A chat site: the selection is in one message, which becomes its own conversation.
      messageAt: () => ({ ...snapshot('a'), key: 'a/message-7', lastMessage: { id: 'message-7', count: 1, fromContact: true } }),
    });
    const view = () => model.view.value as SidebarView;

    await model.restorePrefs();
    // The site adapter's check of the page (site health) goes along with it.
    model.setPage({ kind: 'conversation', snapshot: snapshot('a'), health: { site: 'demo', ok: true, failed: [], checked: '2026-11-25', origin: 'https://mail.example.com' } });
    // "Copy diagnostics" on the site-health banner.
    expect(JSON.parse((await model.diagnostics())!).sites[0]).toMatchObject({ site: 'demo', state: 'ok' });
    await model.refresh();
    await model.createTicket({ name: 'Refund', priority: 'high' });
    await model.updateProperty('category', 'billing');
    await model.setTags(['VIP', 'refund']);
    await model.markResponded();
    await model.setStatus('waiting-us');
    await model.snooze(null, true);
    await model.unsnooze();
    await model.addNote('Called her back');
    const note = view().notes[0]!.id;
    await model.editNote(note, 'Called her back twice');
    await model.deleteNote(note);
    await model.setConversationOwner(view().meId);
    await model.setConversationStatus('closed');
    await model.setDisplayed(['priority', 'owner']);
    await model.openRecord();
    const first = view().ticket!.id;
    await model.openTicket(first);
    // A ticket from a selection in one chat message, then back to the whole conversation.
    await model.createFromSelection({ text: 'The refund never arrived', node: {} as Node });
    await model.createTicket({ name: 'From one message', description: model.createDescription.value });
    model.unfocus();
    // The customer writes again in the conversation: the sidebar records the newer message.
    model.setPage({ kind: 'conversation', snapshot: { ...snapshot('a'), lastMessage: { id: 'm9', count: 9, fromContact: true } } });
    await model.refresh();
    model.toggle();
    model.resize(420, true);
    // The same customer in another conversation: add it to the ticket (R3), then trash and restore it (R11).
    model.setPage({ kind: 'conversation', snapshot: snapshot('b') });
    await model.refresh();
    expect((await model.findTickets('refund')).map((hit) => hit.id)).toEqual([first]);
    await model.associate(first);
    await model.trashConversation();
    await model.restoreConversation();
    await model.blockSender(true);
    await model.markSpam(true);
    // The same person on WhatsApp, who wrote her address in the chat: a suggestion, dismissed, merged after all, then split again.
    const ana = view().contact!.id;
    model.setPage({ kind: 'conversation', snapshot: { ...snapshot('c'), channel: 'chat', contact: { name: 'Ana', email: null, handle: 'whatsapp:+34600111222', mentioned: ['ana@example.com'] } } });
    await model.refresh(); // records the chat and its contact
    await model.refresh();
    await Promise.all(pending);
    // Suggestions load beside the view, never holding it up.
    await vi.waitFor(() => expect(model.suggestions.value.map((s) => s.contact.id)).toEqual([ana]));
    await model.dismissSuggestion(ana);
    await model.mergeContact(ana);
    const other = ana;
    await model.splitContact(other);
    await Promise.all(pending);

    expect(refusals).toEqual([]);
    const allowed = [
      ...rowsFor(ACCESS.request, 'content')
        .filter((kind) => kind !== 'tip.command' && kind !== 'tip.query')
        .map((kind) => `request:${kind}`),
      ...rowsFor(ACCESS.command, 'content').map((type) => `command:${type}`),
      ...rowsFor(ACCESS.query, 'content').map((type) => `query:${type}`),
    ];
    expect(allowed.sort()).toEqual([...sent].sort());
  });
});

describe('PREFS: the sidebar’s own preferences', () => {
  it('bounds the width exactly where the sidebar clamps it', () => {
    const width = PREFS['sidebar.width'].value;
    for (const px of [MIN_WIDTH, DEFAULT_WIDTH, MAX_WIDTH]) expect(v.is(width, px), String(px)).toBe(true);
    for (const px of [MIN_WIDTH - 1, MAX_WIDTH + 1, DEFAULT_WIDTH + 0.5]) expect(v.is(width, px), String(px)).toBe(false);
  });

  it('are the keys the sidebar model reads and writes, both open to a content script', () => {
    expect(Object.keys(PREFS).sort()).toEqual(['sidebar.collapsed', 'sidebar.width']);
    for (const row of Object.values(PREFS)) expect(row.from).toContain('content');
  });
});

describe('change broadcasts: tabs hear hashes of what changed, never which records', () => {
  const event: ChangeEvent = {
    kind: 'tip.changed',
    causeId: 'cmd:01JABCDEFGHJKMNPQRSTVWXYZ1',
    commandType: 'ticket.associate',
    ids: ['ticket:01JABCDEFGHJKMNPQRSTVWXYZ0', 'conversation:01JABCDEFGHJKMNPQRSTVWXYZ2', 'contact:01JABCDEFGHJKMNPQRSTVWXYZ3'],
  };
  const secret = (byte: number) => async () => new Uint8Array(32).fill(byte);
  const tag = createTagger(crypto.subtle, secret(1));

  it('strips the cause, the command type and every record id from the event a tab gets: it carries keyed hashes', async () => {
    const forTabs = await toTabs(event.ids, tag);
    expect(Object.keys(forTabs).sort()).toEqual(['epoch', 'kind', 'tags']);
    expect(forTabs.tags).toHaveLength(event.ids.length);
    for (const t of forTabs.tags!) expect(t).toMatch(/^[0-9a-f]{32}$/);
    const wire = JSON.stringify(forTabs);
    for (const secret of [event.causeId, event.commandType, ...event.ids, '01JABCDEFGHJKMNPQRSTVWXYZ']) expect(wire).not.toContain(secret);
    // Still a change event to the sidebar; not mistaken for the pages' variant.
    expect(isTabChangeEvent(forTabs)).toBe(true);
    expect(isChangeEvent(forTabs)).toBe(false);
    expect(isChangeEvent(event)).toBe(true);
  });

  it('sends the bare event when a change has no list (import, erase) or the hashes cannot be made', async () => {
    expect(await toTabs(undefined, tag)).toEqual({ kind: 'tip.changed' });
    expect(await toTabs([], tag)).toEqual({ kind: 'tip.changed' });
    expect(await toTabs(event.ids, undefined)).toEqual({ kind: 'tip.changed' });
    expect(await toTabs(event.ids, () => Promise.reject(new Error('no secret')))).toEqual({ kind: 'tip.changed' });
  });

  it('hashes under a secret: the same topic matches under it, not under another one, whose epoch differs', async () => {
    const [one, again, other] = await Promise.all([tag(['ticket:X']), tag(['contact:Y', 'ticket:X']), createTagger(crypto.subtle, secret(2))(['ticket:X'])]);
    expect(again.tags[1]).toBe(one.tags[0]);
    expect(again.tags[0]).not.toBe(one.tags[0]);
    expect(other.tags[0]).not.toBe(one.tags[0]);
    expect(other.epoch).not.toBe(one.epoch);
    expect(one.epoch).toMatch(/^[0-9a-f]{8}$/);
  });

  it('a sidebar reloads when hashes meet, or when it cannot tell (no list, no watch, another secret)', () => {
    const watch = { epoch: 'e1', tags: ['aa', 'bb'] };
    expect(concerns({ kind: 'tip.changed', epoch: 'e1', tags: ['cc'] }, watch)).toBe(false);
    expect(concerns({ kind: 'tip.changed', epoch: 'e1', tags: [] }, watch)).toBe(false);
    expect(concerns({ kind: 'tip.changed', epoch: 'e1', tags: ['cc', 'bb'] }, watch)).toBe(true);
    expect(concerns({ kind: 'tip.changed' }, watch)).toBe(true);
    expect(concerns({ kind: 'tip.changed', epoch: 'e2', tags: ['cc'] }, watch)).toBe(true);
    expect(concerns({ kind: 'tip.changed', epoch: 'e1', tags: ['cc'] }, undefined)).toBe(true);
  });

  it("calls the sidebar's onChange for the tab variant and the pages' one, and for nothing else", async () => {
    let listener: (message: unknown) => void = () => undefined;
    const transport = createTransport(
      async () => undefined,
      (l) => {
        listener = l;
        return () => undefined;
      },
    );
    const heard: unknown[] = [];
    transport.onChange((e) => heard.push(e));
    const forTabs = await toTabs(event.ids, tag);
    listener(forTabs);
    listener(event);
    listener({ kind: 'tip.shortcut', shortcut: 'close-ticket' });
    listener({ kind: 'tip.progress', operation: 'import', done: 1, total: 2 });
    listener(null);
    expect(heard).toEqual([forTabs, event]);
  });
});
