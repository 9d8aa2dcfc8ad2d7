/**
 * A change reaches the sidebars it concerns, and no tab learns a record id:
 * sidebars (the real model and transport) in several "tabs" on the in-memory
 * background, which broadcasts to them what `toTabs` makes of each change.
 * Every `sidebar.view` a tab sends is counted.
 */
import 'fake-indexeddb/auto';
import { SidebarModel } from '../../../components/models/sidebar-model';
import { createTransport } from '../../../core/messages/client';
import type { ConversationSnapshot } from '../../../core/domain/types';
import { EXT_ID, ORIGIN, command, dataOf, inMemoryBackground, senders, snapshot } from '../background/harness';
import { useLocale } from '../locale';

const ANA = { name: 'Ana', email: 'ana@example.com', handle: null };
const BOB = { name: 'Bob', email: 'bob@example.org', handle: null };

function setUp() {
  const bg = inMemoryBackground();
  const { content, page } = senders(EXT_ID, ORIGIN);
  const asPage = async (cmd: Record<string, unknown>) => dataOf(await bg.send(command(cmd), page));

  /** One tab's sidebar on `snap`; `views` counts its sidebar.view queries. */
  async function tab(snap: ConversationSnapshot) {
    const counter = { views: 0 };
    const client = createTransport((message) => {
      if ((message as { query?: { type?: string } }).query?.type === 'sidebar.view') counter.views++;
      return bg.send(message, content);
    }, bg.listenAsTab);
    const model = new SidebarModel({ client, loadExtras: () => Promise.reject(new Error('not in this test')), insertIntoComposer: () => false });
    client.onChange((event) => model.changed(event));
    model.setPage({ kind: 'conversation', snapshot: snap });
    await quiet();
    return { model, counter };
  }

  /**
   * Until every broadcast reached the tabs and every reload they started is
   * done: nothing moves for a few turns of the event loop (no time is measured).
   */
  async function quiet() {
    let still = 0;
    let last = -1;
    while (still < 3) {
      await bg.settled();
      await new Promise((resolve) => setTimeout(resolve, 5));
      const now = bg.calls.query + bg.calls.execute + bg.tabEvents.length;
      still = now === last ? still + 1 : 0;
      last = now;
    }
  }

  /** The sidebar.view queries each tab made while `change` ran and everything it set off settled. */
  async function viewsDuring(tabs: { counter: { views: number } }[], change: () => Promise<unknown>): Promise<number[]> {
    await quiet();
    const before = tabs.map((t) => t.counter.views);
    await change();
    await quiet();
    return tabs.map((t, i) => t.counter.views - before[i]!);
  }

  return { bg, asPage, tab, quiet, viewsDuring };
}

describe('a change reaches only the sidebars it concerns', () => {
  beforeEach(() => useLocale('en'));

  it("another customer's ticket changing makes a sidebar query nothing; its own ticket, conversation, contact, notes or the settings reload it exactly once", async () => {
    const { asPage, tab, viewsDuring } = setUp();
    const a = await tab(snapshot('a', { contact: ANA }));
    const b = await tab(snapshot('b', { contact: BOB }));
    // Ana's other conversation: it lists her tickets (R13), so her tickets concern it.
    const c = await tab(snapshot('c', { contact: ANA }));
    await a.model.createTicket({ name: 'Refund' });
    await b.model.createTicket({ name: 'Login' });
    const ticketA = a.model.ticket.value!.id;
    const ticketB = b.model.ticket.value!.id;
    const conversationA = a.model.view.value!.conversation!.id;
    const tabs = [a, b, c];

    // Made elsewhere (an extension page): [a, b, c]
    expect(await viewsDuring(tabs, () => asPage({ type: 'ticket.setStatus', ticketId: ticketB, status: 'waiting-us' }))).toEqual([0, 1, 0]);
    expect(await viewsDuring(tabs, () => asPage({ type: 'note.add', ticketId: ticketB, text: 'Called back' }))).toEqual([0, 1, 0]);
    expect(await viewsDuring(tabs, () => asPage({ type: 'ticket.setStatus', ticketId: ticketA, status: 'waiting-us' }))).toEqual([1, 0, 1]);
    expect(await viewsDuring(tabs, () => asPage({ type: 'conversation.setStatus', conversationId: conversationA, status: 'closed' }))).toEqual([1, 0, 1]);
    expect(await viewsDuring(tabs, () => asPage({ type: 'contact.block', contactId: a.model.view.value!.contact!.id, blocked: true }))).toEqual([1, 0, 1]);
    // Every sidebar shows the settings' stages and the teammates.
    expect(await viewsDuring(tabs, () => asPage({ type: 'settings.update', displayedProperties: ['status', 'priority'] }))).toEqual([1, 1, 1]);
    expect(await viewsDuring(tabs, () => asPage({ type: 'agent.save', name: 'Carmen', email: 'carmen@example.com' }))).toEqual([1, 1, 1]);
    // The change is there to see.
    expect(b.model.ticket.value?.status).toBe('waiting-us');
    expect(c.model.view.value?.pastTickets.find((t) => t.id === ticketA)?.status).toBe('waiting-us');
    expect(a.model.view.value?.agents.map((x) => x.name)).toContain('Carmen');

    // A sidebar's own action: it reloads itself once (its own broadcast, which it recognises by the
    // reply's echo, adds no second reload); the other customer's tab hears nothing it shows.
    const own = await viewsDuring(tabs, () => b.model.setStatus('closed'));
    expect(own).toEqual([0, 1, 0]);
    expect(b.model.ticket.value?.status).toBe('closed');
  });

  it('a change with no list (an import or erase) reloads every sidebar once', async () => {
    const { bg, tab, viewsDuring } = setUp();
    const tabs = [await tab(snapshot('a', { contact: ANA })), await tab(snapshot('b', { contact: BOB }))];
    // What the data service broadcasts after an import: no topics.
    expect(await viewsDuring(tabs, async () => bg.deps.broadcast({ kind: 'tip.changed', causeId: 'cmd:x', commandType: 'data.import', ids: [] }))).toEqual([1, 1]);
  });

  it('a conversation not recorded yet reloads when another tab records it (generic mode: by the agent creating a ticket)', async () => {
    const { tab, viewsDuring } = setUp();
    const page = snapshot('https://shop.example/orders/7', { source: 'generic', hostUrl: 'https://shop.example/orders/7', contact: ANA });
    const first = await tab(page);
    const second = await tab(page);
    const other = await tab(snapshot('b', { contact: BOB }));
    expect(second.model.view.value?.conversation).toBeNull();
    const [, seen, elsewhere] = await viewsDuring([first, second, other], () => first.model.createTicket({ name: 'Order 7' }));
    expect(seen).toBe(1);
    expect(elsewhere).toBe(0);
    expect(second.model.ticket.value?.name).toBe('Order 7');
  });

  it('what tabs hear names no record: no id, no ULID, only hashes they can match with what their own view came with', async () => {
    const { bg, asPage, tab, quiet } = setUp();
    const a = await tab(snapshot('a', { contact: ANA }));
    const b = await tab(snapshot('b', { contact: BOB }));
    await a.model.createTicket({ name: 'Refund' });
    await b.model.createTicket({ name: 'Login' });
    await asPage({ type: 'tickets.bulk', ticketIds: [a.model.ticket.value!.id, b.model.ticket.value!.id], action: { type: 'status', status: 'closed' } });
    await asPage({ type: 'agent.save', name: 'Carmen', email: 'carmen@example.com' });
    await quiet();

    const dump = await bg.dump();
    const ids = Object.values(dump).flat().map((r) => (r as { id?: unknown }).id).filter((id): id is string => typeof id === 'string');
    expect(ids.length).toBeGreaterThan(5);
    expect(bg.tabEvents.length).toBeGreaterThanOrEqual(bg.events.length);
    const wire = JSON.stringify(bg.tabEvents);
    expect(wire).not.toMatch(/[0-9A-HJKMNP-TV-Z]{26}/);
    for (const id of ids) expect(wire).not.toContain(id);
    for (const secret of ['ana@example.com', 'bob@example.org', 'Refund', 'ticket.create', 'cmd:']) expect(wire).not.toContain(secret);
    for (const event of bg.tabEvents) {
      expect(Object.keys(event).sort()).toEqual(['echo', 'epoch', 'kind', 'tags']);
      for (const t of event.tags!) expect(t).toMatch(/^[0-9a-f]{32}$/);
      // The echo is random, one per change: it names nothing.
      expect(event.echo).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(new Set(bg.tabEvents.map((e) => e.echo)).size).toBe(bg.tabEvents.length);
    // A tab's own hashes are the ones it can match: the view it was given carries them.
    const watch = a.model.view.value!.watch!;
    expect(watch.epoch).toBe(bg.tabEvents[0]!.epoch);
    expect(JSON.stringify(watch)).not.toMatch(/[0-9A-HJKMNP-TV-Z]{26}/);
  });
});

describe('one conversation open at two URLs', () => {
  beforeEach(() => useLocale('en'));

  it('loading it alternately at #inbox/ID and #label/x/ID writes nothing and broadcasts nothing after it is first recorded', async () => {
    const { bg, tab, quiet } = setUp();
    const atInbox = snapshot('FMfcgz1', { source: 'gmail', hostUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz1', contact: ANA });
    const atLabel = { ...atInbox, hostUrl: 'https://mail.google.com/mail/u/0/#label/vip/FMfcgz1' };
    const inbox = await tab(atInbox);
    const label = await tab(atLabel);
    const recorded = inbox.model.view.value!.conversation!;
    expect(label.model.view.value?.conversation?.id).toBe(recorded.id);
    const events = bg.events.length;
    const commands = bg.calls.execute;

    for (let i = 0; i < 4; i++) {
      // A reload of each tab: the page is shown again at its own URL.
      inbox.model.setPage({ kind: 'conversation', snapshot: atInbox });
      await quiet();
      label.model.setPage({ kind: 'conversation', snapshot: atLabel });
      await quiet();
    }
    expect(bg.calls.execute).toBe(commands);
    expect(bg.events.length).toBe(events);
    const stored = (await bg.dump()).conversations as { id: string; version: number; hostUrl: string }[];
    expect(stored).toEqual([expect.objectContaining({ id: recorded.id, version: recorded.version, hostUrl: atInbox.hostUrl })]);
    expect(inbox.model.error.value).toBeNull();
    expect(label.model.error.value).toBeNull();
  });
});
