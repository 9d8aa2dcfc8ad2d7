/**
 * The sidebar's "ticket from a selection" and its part in "a new customer
 * message reopens" (R9), against the real background path (router, service,
 * rules, store on fake-indexeddb).
 */
import 'fake-indexeddb/auto';
import type { ConversationSnapshot } from '../../../core/domain/types';
import { createTransport } from '../../../core/messages/client';
import { MAX_SELECTION, SidebarModel } from '../../../components/models/sidebar-model';
import { inMemoryBackground, senders, EXT_ID, ORIGIN, snapshot } from '../background/harness';
import { useLocale } from '../locale';

const NODE = {} as Node;
const chat = snapshot('chat-1', { channel: 'chat', contact: { name: 'Ana', email: null, handle: 'demo:@ana' } });
/** What the chat site's reader gives for the message the selection starts in. */
const MESSAGE: ConversationSnapshot = { ...chat, key: 'chat-1/m2', subject: 'The refund never arrived', lastMessage: { id: 'm2', count: 1, fromContact: true } };

function sidebarOn(conversation: ConversationSnapshot, messageAt?: () => ConversationSnapshot | null) {
  const bg = inMemoryBackground();
  const { content } = senders(EXT_ID, ORIGIN);
  const sent: string[] = [];
  const model = new SidebarModel({
    client: createTransport((message) => {
      const m = message as { command?: { type: string } };
      if (m.command) sent.push(m.command.type);
      return bg.send(message, content);
    }),
    loadExtras: () => Promise.reject(new Error('no extras in this test')),
    insertIntoComposer: () => false,
    messageAt,
  });
  model.setPage({ kind: 'conversation', snapshot: conversation });
  return { bg, model, sent };
}

describe('a ticket from the selection', () => {
  beforeEach(() => useLocale('en'));

  it('opens the create form with the selected text as the description, for the page conversation where no message is found', async () => {
    const { model } = sidebarOn(snapshot('a'));
    await model.refresh();
    await model.createFromSelection({ text: '  Order 1042 arrived broken.  ', node: NODE });
    expect(model.createOpen.value).toBe(true);
    expect(model.createDescription.value).toBe('Order 1042 arrived broken.');
    expect(model.focus.value).toBeNull();
    expect(model.error.value).toBeNull();
  });

  it('bounds the text', async () => {
    const { model } = sidebarOn(snapshot('a'));
    await model.refresh();
    await model.createFromSelection({ text: 'x'.repeat(MAX_SELECTION + 50), node: NODE });
    expect(model.createDescription.value).toHaveLength(MAX_SELECTION);
  });

  it('on a chat site turns to the message the selection is in: nothing is recorded until the ticket is made, then it holds the ticket', async () => {
    const { model, bg, sent } = sidebarOn(chat, () => MESSAGE);
    await model.refresh();
    sent.length = 0;
    await model.createFromSelection({ text: 'The refund never arrived', node: NODE });
    expect(model.snapshot.value?.key).toBe('chat-1/m2');
    expect(model.view.value?.conversation).toBeNull();
    expect(sent).toEqual([]); // opening the form wrote nothing

    await model.createTicket({ name: MESSAGE.subject, description: model.createDescription.value });
    expect(model.error.value).toBeNull();
    expect(model.view.value?.conversation?.key).toBe('chat-1/m2');
    expect(model.ticket.value).toMatchObject({ name: 'The refund never arrived', description: 'The refund never arrived' });
    expect(model.view.value?.contact).toMatchObject({ name: 'Ana', handle: 'demo:@ana' });

    model.unfocus();
    await model.refresh();
    expect(model.snapshot.value?.key).toBe('chat-1');
    expect(model.ticket.value).toBeNull();
    const dump = await bg.dump();
    expect((dump.conversations as { key: string }[]).map((c) => c.key).sort()).toEqual(['chat-1', 'chat-1/m2']);
  });

  it('says so when there is no selection, or the conversation has its ticket already', async () => {
    const { model } = sidebarOn(snapshot('a'));
    await model.refresh();
    await model.createFromSelection(null);
    expect(model.error.value).toMatch(/Select some text/);
    await model.createTicket({ name: 'Refund' });
    await model.createFromSelection({ text: 'More detail', node: NODE });
    expect(model.error.value).toMatch(/already has a ticket/);
    expect(model.createOpen.value).toBe(false);
  });

  it('the same conversation read again (a new message in it) keeps the open form and the message in focus; another conversation clears them', async () => {
    const { model } = sidebarOn(chat, () => MESSAGE);
    await model.refresh();
    await model.createFromSelection({ text: 'The refund never arrived', node: NODE });
    model.setPage({ kind: 'conversation', snapshot: { ...chat, lastMessage: { id: 'm3', count: 3, fromContact: true } } });
    await model.refresh();
    expect(model.createOpen.value).toBe(true);
    expect(model.focus.value?.key).toBe('chat-1/m2');
    model.setPage({ kind: 'conversation', snapshot: snapshot('b') });
    await model.refresh();
    expect(model.createOpen.value).toBe(false);
    expect(model.focus.value).toBeNull();
    expect(model.createDescription.value).toBe('');
  });
});

describe('a new customer message (R9)', () => {
  beforeEach(() => useLocale('en'));

  it('writes only when the newest message changed: a reload of the same page sends nothing', async () => {
    const first = snapshot('a', { lastMessage: { id: 'm1', count: 1, fromContact: true } });
    const { model, sent, bg } = sidebarOn(first);
    await model.refresh();
    await model.createTicket({ name: 'Refund' });
    sent.length = 0;
    // Reloads: the same newest message.
    model.setPage({ kind: 'none' });
    model.setPage({ kind: 'conversation', snapshot: { ...first } });
    await model.refresh();
    expect(sent).toEqual([]);
    const before = bg.events.length;

    // The customer writes again while the ticket is closed: the ticket reopens.
    const closed = model.view.value!.settings.stages.find((s) => s.closed)!;
    await model.setStatus(closed.id);
    expect(model.view.value?.conversation?.status).toBe('closed');
    model.setPage({ kind: 'conversation', snapshot: { ...first, lastMessage: { id: 'm2', count: 2, fromContact: true } } });
    await model.refresh();
    await model.refresh();
    expect(sent).toEqual(['ticket.setStatus', 'conversation.observe']);
    expect(model.ticket.value?.closedAt).toBeNull();
    expect(model.view.value?.conversation?.status).toBe('open');
    expect(bg.events.length).toBe(before + 2);
  });
});
