/**
 * The sidebar's keyboard shortcuts (components/sidebar/shortcuts.ts) against the real background path
 * (router, service, rules, store on fake-indexeddb): what each does with and
 * without a ticket, and the visible error when it can't.
 */
import 'fake-indexeddb/auto';
import type { ConversationSnapshot } from '../../../core/domain/types';
import { createTransport } from '../../../core/messages/client';
import { SidebarModel } from '../../../components/models/sidebar-model';
import { runShortcut } from '../../../components/sidebar/shortcuts';
import { inMemoryBackground, senders, EXT_ID, ORIGIN, snapshot } from '../background/harness';
import { useLocale } from '../locale';

function sidebarOn(conversation: ConversationSnapshot | null) {
  const bg = inMemoryBackground();
  const { content } = senders(EXT_ID, ORIGIN);
  const model = new SidebarModel({
    client: createTransport((message) => bg.send(message, content)),
    loadExtras: () => Promise.reject(new Error('no extras in this test')),
    insertIntoComposer: () => false,
  });
  model.setPage(conversation ? { kind: 'conversation', snapshot: conversation } : { kind: 'none' });
  return { bg, model };
}

describe('sidebar shortcuts', () => {
  beforeEach(() => useLocale('en'));
  afterEach(() => vi.restoreAllMocks());

  it('toggling collapses and expands; the other shortcuts expand a collapsed sidebar first', async () => {
    const { model } = sidebarOn(snapshot('a'));
    await model.refresh();
    model.toggle();
    expect(model.collapsed.value).toBe(true);
    model.toggle();
    expect(model.collapsed.value).toBe(false);
    model.toggle();
    runShortcut(model, 'create-ticket');
    expect(model.collapsed.value).toBe(false);
  });

  it('R1 create-ticket opens the prefilled create form; with a ticket already (R2) it says so', async () => {
    const { model } = sidebarOn(snapshot('a'));
    await model.refresh();
    runShortcut(model, 'create-ticket');
    expect(model.createOpen.value).toBe(true);
    expect(model.error.value).toBeNull();
    await model.createTicket({ name: 'Refund' });
    expect(model.ticket.value?.name).toBe('Refund');
    // The form is done: when the ticket goes (trash, erase), the button shows again, not a stale form.
    expect(model.createOpen.value).toBe(false);
    runShortcut(model, 'create-ticket');
    expect(model.error.value).toMatch(/already has a ticket/);
  });

  it('R8 close-ticket moves the ticket to the closed stage and closes its conversation', async () => {
    const { model } = sidebarOn(snapshot('a'));
    await model.refresh();
    await model.createTicket({ name: 'Refund' });
    await runShortcut(model, 'close-ticket');
    expect(model.error.value).toBeNull();
    const closed = model.view.value!.settings.stages.find((s) => s.closed)!;
    expect(model.ticket.value?.status).toBe(closed.id);
    expect(model.view.value?.conversation?.status).toBe('closed');
  });

  it('without a ticket or a conversation the shortcut is a visible error, and nothing changes', async () => {
    const { model, bg } = sidebarOn(snapshot('a'));
    await model.refresh();
    const before = await bg.dump();
    await runShortcut(model, 'close-ticket');
    expect(model.error.value).toMatch(/no ticket/i);
    expect(await bg.dump()).toEqual(before);

    const empty = sidebarOn(null).model;
    runShortcut(empty, 'create-ticket');
    expect(empty.error.value).toMatch(/Open a conversation first/);
    expect(empty.createOpen.value).toBe(false);
  });

  it('says why in the agent\'s language (es)', async () => {
    useLocale('es');
    const { model } = sidebarOn(snapshot('a'));
    await model.refresh();
    await runShortcut(model, 'close-ticket');
    expect(model.error.value).toBe('Esta conversación todavía no tiene ticket.');
    const empty = sidebarOn(null).model;
    runShortcut(empty, 'create-ticket');
    expect(empty.error.value).toMatch(/^Abre antes una conversación/);
  });
});
