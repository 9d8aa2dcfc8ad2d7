import { computed, createModel, signal } from '@preact/signals';
import type { PageState } from '../../core/adapters/page';
import type { CustomValue, ConversationSnapshot, ConversationStatus, Ticket } from '../../core/domain/types';
import type { Transport } from '../../core/messages/client';
import type { Reply } from '../../core/messages/protocol';
import type { SidebarView } from '../../core/messages/views';

export interface SidebarDeps {
  client: Transport;
  /** Inserts text at the cursor of the host page's own composer; false when there is none (R14). */
  insertIntoComposer(text: string): boolean;
}

/** Sidebar widths the agent can drag between (px). */
export const MIN_WIDTH = 280;
export const MAX_WIDTH = 640;
export const DEFAULT_WIDTH = 360;

type CreateFields = { name: string; priority?: string; ownerId?: string | null; status?: string; category?: string; description?: string };

/**
 * The sidebar's state: a cache of what the background holds for the open
 * conversation, never a second source of truth. Every action sends one
 * command, shows a refusal as `error`, and reloads the view; broadcasts from
 * other tabs reload it too.
 */
export const SidebarModel = createModel((deps: SidebarDeps) => {
  const { client } = deps;
  const page = signal<PageState>({ kind: 'none' });
  const view = signal<SidebarView | null>(null);
  const error = signal<string | null>(null);
  const busy = signal(false);
  // UI preferences (never synced): restored from the background's prefs store.
  const collapsed = signal(false);
  const width = signal(DEFAULT_WIDTH);

  const snapshot = computed<ConversationSnapshot | null>(() => (page.value.kind === 'conversation' ? page.value.snapshot : null));
  const ticket = computed<Ticket | null>(() => view.value?.ticket ?? null);

  let generation = 0;
  let inFlight: Promise<void> | null = null;
  let again = false;

  async function load(): Promise<void> {
    const snap = snapshot.peek();
    const mine = ++generation;
    if (!snap) {
      view.value = null;
      return;
    }
    const reply = await client.query<SidebarView>({ type: 'sidebar.view', conversation: snap });
    if (mine !== generation) return; // the agent moved on to another conversation
    if (!reply.ok) {
      error.value = reply.error.message;
      return;
    }
    view.value = reply.data;
    // Record the conversation once (R13's history), or when its subject/URL moved.
    const stored = reply.data.conversation;
    if (!stored || stored.subject !== snap.subject || stored.hostUrl !== snap.hostUrl) {
      const observed = await client.command({ type: 'conversation.observe', conversation: snap });
      if (!observed.ok) error.value = observed.error.message;
    }
  }

  /** Coalesces reloads: at most one in flight and one queued. */
  function refresh(): Promise<void> {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = load().finally(() => {
      inFlight = null;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return inFlight;
  }

  /** Sends one command; a refusal becomes the visible error and nothing else changes. */
  async function run<T>(action: Promise<Reply<T>>): Promise<Reply<T>> {
    busy.value = true;
    error.value = null;
    try {
      const reply = await action;
      if (!reply.ok) error.value = reply.error.message;
      await refresh();
      return reply;
    } finally {
      busy.value = false;
    }
  }

  const conversationId = () => view.peek()?.conversation?.id;
  const ticketId = () => view.peek()?.ticket?.id;
  const missing = (what: string): Promise<Reply<never>> =>
    Promise.resolve({ ok: false, error: { code: 'not_found', message: `There is no ${what} for this conversation yet.` } });

  return {
    page,
    view,
    error,
    busy,
    collapsed,
    width,
    snapshot,
    ticket,
    setPage(state: PageState) {
      page.value = state;
      error.value = null;
      view.value = null;
      void refresh();
    },
    refresh,
    dismissError() {
      error.value = null;
    },
    toggle() {
      collapsed.value = !collapsed.value;
      void client.query({ type: 'prefs.set', key: 'sidebar.collapsed', value: collapsed.value });
    },
    /** Resizes while dragging; `save` when the drag ends. */
    resize(px: number, save: boolean) {
      width.value = Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, px)));
      if (save) void client.query({ type: 'prefs.set', key: 'sidebar.width', value: width.value });
    },
    /** Restores the collapsed state and width the agent left. */
    async restorePrefs() {
      const get = (key: string) => client.query<unknown>({ type: 'prefs.get', key });
      const [c, w] = await Promise.all([get('sidebar.collapsed'), get('sidebar.width')]);
      if (c.ok && typeof c.data === 'boolean') collapsed.value = c.data;
      if (w.ok && typeof w.data === 'number') width.value = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w.data));
    },
    // Action: R1 create a ticket from this conversation.
    createTicket(fields: CreateFields) {
      const snap = snapshot.peek();
      if (!snap) return missing('conversation');
      return run(client.command({ type: 'ticket.create', conversation: snap, fields }));
    },
    // Action: R3 add this conversation to one of the contact's tickets.
    associate(id: string) {
      const snap = snapshot.peek();
      if (!snap) return missing('conversation');
      return run(client.command({ type: 'ticket.associate', conversation: snap, ticketId: id }));
    },
    // Action: R8/R9 status dropdown.
    setStatus(stage: string) {
      const id = ticketId();
      return id ? run(client.command({ type: 'ticket.setStatus', ticketId: id, status: stage })) : missing('ticket');
    },
    // Action: R4 inline edit.
    updateProperty(field: string, value: CustomValue) {
      const id = ticketId();
      return id ? run(client.command({ type: 'ticket.update', ticketId: id, field, value })) : missing('ticket');
    },
    // Action: R5 conversation owner (also sets the ticket's).
    setConversationOwner(ownerId: string | null) {
      const id = conversationId();
      return id ? run(client.command({ type: 'conversation.setOwner', conversationId: id, ownerId })) : missing('conversation record');
    },
    // Action: R10 close / reopen this conversation only.
    setConversationStatus(status: ConversationStatus) {
      const id = conversationId();
      return id ? run(client.command({ type: 'conversation.setStatus', conversationId: id, status })) : missing('conversation record');
    },
    // Action: R11 move to trash (takes the ticket along).
    trashConversation() {
      const id = conversationId();
      return id ? run(client.command({ type: 'conversation.trash', conversationId: id })) : missing('conversation record');
    },
    // Action: R11 nothing is lost by one click: restore what the trash action took.
    restoreConversation() {
      const id = conversationId();
      return id ? run(client.command({ type: 'trash.restore', id })) : missing('conversation record');
    },
    // Action: R12.
    blockSender(blocked = true) {
      const id = view.peek()?.contact?.id;
      return id ? run(client.command({ type: 'contact.block', contactId: id, blocked })) : missing('contact');
    },
    markSpam(spam = true) {
      const id = view.peek()?.contact?.id;
      return id ? run(client.command({ type: 'contact.spam', contactId: id, spam })) : missing('contact');
    },
    // Action: R14 internal note.
    addNote(text: string) {
      const id = ticketId();
      return id ? run(client.command({ type: 'note.add', ticketId: id, text })) : missing('ticket');
    },
    // Action: R6 which properties the details panel shows.
    setDisplayed(ids: string[]) {
      return run(client.command({ type: 'settings.update', displayedProperties: ids }));
    },
    // Action: R7 open the ticket record in a new tab.
    openRecord() {
      const id = ticketId();
      return id ? run(client.open({ page: 'ticket', ticketId: id })) : missing('ticket');
    },
    // Action: open another ticket's record (the contact's past tickets, R13).
    openTicket(id: string) {
      return run(client.open({ page: 'ticket', ticketId: id }));
    },
    // Action: R14 saved reply into the host's composer.
    insertSnippet(body: string): boolean {
      const ok = deps.insertIntoComposer(body);
      error.value = ok ? null : 'No reply box found on this page. Open the reply box, then insert the snippet again.';
      return ok;
    },
  };
});

export type SidebarModelInstance = InstanceType<typeof SidebarModel>;
