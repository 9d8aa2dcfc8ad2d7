import { computed, createModel, signal } from '@preact/signals';
import type { PageState } from '../../core/adapters/page';
import type { CustomValue, ConversationSnapshot, ConversationStatus, Ticket } from '../../core/domain/types';
import { pageRefusal, type PAGE_REFUSALS, type Transport } from '../../core/messages/client';
import { concerns, type Reply, type TabChangeEvent } from '../../core/messages/protocol';
import type { ContactSuggestion, SidebarView, TicketHit } from '../../core/messages/views';
import { t, type MessageKey, refusalText } from '../shared/i18n';
import type { Extras } from '../sidebar/extras';

/** The refusals the sidebar makes itself, with nothing open to act on. */
type PageRefusalKey = keyof typeof PAGE_REFUSALS;

export interface SidebarDeps {
  client: Transport;
  /** Loads the controls only a click opens (components/sidebar/extras.ts); rejects with why not. */
  loadExtras(): Promise<Extras>;
  /** Inserts text at the cursor of the host page's own composer; false when there is none (R14). */
  insertIntoComposer(text: string, extras: Extras): boolean;
  /** The host page's chat message containing `node`, as its own conversation (SiteAdapter.messageAt); null if none. */
  messageAt?(node: Node): ConversationSnapshot | null;
}

/** The host page's text selection, read in the content script: plain text, bounded (MAX_SELECTION). */
export interface PageSelection {
  text: string;
  /** Where it starts: which chat message it is in, if any. */
  node: Node | null;
}

/** The most of a selection a description takes (the rules allow 10,000 characters). */
export const MAX_SELECTION = 5000;

/** Sidebar widths the agent can drag between (px). */
export const MIN_WIDTH = 280;
export const MAX_WIDTH = 640;
export const DEFAULT_WIDTH = 360;

/** Readers whose conversations are recorded only by the agent's action (see load). */
const RECORDED_ON_ACTION: ReadonlySet<string> = new Set(['generic']);

/**
 * Whether the page shows another newest message than the one stored: the one
 * case besides a new subject where a load writes (a customer's new message
 * may reopen a closed ticket, R9). A page that can't tell changes nothing.
 */
function newMessageMark(stored: { id: string; count: number } | null | undefined, seen: ConversationSnapshot['lastMessage']): boolean {
  if (!seen) return false;
  return !stored || stored.id !== seen.id || stored.count !== seen.count;
}

type CreateFields = { name: string; priority?: string; ownerId?: string | null; status?: string; category?: string; description?: string };

/**
 * The sidebar's state: a cache of what the background holds for the open
 * conversation, never a second source of truth. Every action sends one
 * command, shows a refusal as `error`, and reloads the view; a change made
 * elsewhere reloads it when it concerns what the view shows (`changed`).
 */
export const SidebarModel = createModel((deps: SidebarDeps) => {
  const { client } = deps;
  const page = signal<PageState>({ kind: 'none' });
  let reportedHealth: string | undefined;
  const view = signal<SidebarView | null>(null);
  const error = signal<string | null>(null);
  const busy = signal(false);
  /** Contacts that are probably this conversation's contact too ("Same person as …?"), loaded with the view. */
  const suggestions = signal<ContactSuggestion[]>([]);
  // UI preferences (never synced): restored from the background's prefs store.
  const collapsed = signal(false);
  const width = signal(DEFAULT_WIDTH);
  /** The create form (R1) is open: by the button or the create-ticket shortcut. */
  const createOpen = signal(false);
  /** The card's snooze form (opened from the ⋯ menu). */
  const snoozeOpen = signal(false);
  /** The extras once loaded. `extrasLoad` is their request in flight, or the failed one while its error shows. */
  const extras = signal<Extras | null>(null);
  let extrasLoad: { done: Promise<Extras | null>; failed: boolean } | null = null;

  /** The page's text selection while there is one (the host keeps it current). */
  const selection = signal<PageSelection | null>(null);
  /** One chat message the agent turned to (a ticket from a selection): shown instead of the page's conversation until the page moves on. */
  const focus = signal<ConversationSnapshot | null>(null);
  /** What the create form's description starts with: the selection it was opened from, else nothing. */
  const createDescription = signal('');
  const pageSnapshot = computed<ConversationSnapshot | null>(() => (page.value.kind === 'conversation' ? page.value.snapshot : null));
  const snapshot = computed<ConversationSnapshot | null>(() => (pageSnapshot.value ? (focus.value ?? pageSnapshot.value) : null));
  const ticket = computed<Ticket | null>(() => view.value?.ticket ?? null);

  let generation = 0;
  let inFlight: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  /** This tab's commands awaiting their reply: each reloads once it comes (run). */
  let sending = 0;
  /** The `echo` of this tab's recent changes (Reply.echo): their broadcast needs no reload here. */
  const ownEchoes = new Set<string>();

  async function load(): Promise<void> {
    const snap = snapshot.peek();
    const mine = ++generation;
    if (!snap) {
      view.value = null;
      return;
    }
    const reply = await client.query<SidebarView>({ type: 'sidebar.view', conversation: snap });
    // The agent moved on to another conversation (or message): the queued load shows that one.
    if (mine !== generation || snap !== snapshot.peek()) return;
    if (!reply.ok) {
      error.value = refusalText(reply.error);
      return;
    }
    view.value = reply.data;
    if (!reply.data.contact) suggestions.value = [];
    else void loadSuggestions(snap, mine);
    // A ticket now (made here, in another tab, or restored): the create form's job is done.
    if (reply.data.ticket && !reply.data.ticket.deletedAt) createOpen.value = false;
    // Record the conversation once (R13's history), or when its subject moved. Not when only the
    // URL differs: one conversation open at two URLs (a Gmail thread under #inbox and #label) would
    // have each tab rewrite it on every load, each write reloading the other (the rule keeps the first).
    const stored = reply.data.conversation;
    // Generic mode reads any page of an enabled site, and any page can show a customer's address:
    // there a conversation joins the customer's history only when the agent acts on it (creating
    // or attaching a ticket records it; a note needs that ticket), never because a page showed it.
    // One message the agent turned to is recorded the same way: by the ticket made from it.
    if (!stored && (RECORDED_ON_ACTION.has(snap.source) || snap === focus.peek())) return;
    if (!stored || stored.subject !== snap.subject.trim() || newMessageMark(stored.lastMessage, snap.lastMessage)) {
      const observed = await client.command({ type: 'conversation.observe', conversation: snap });
      if (!observed.ok) error.value = refusalText(observed.error);
    }
  }

  /** Suggestions never block the view: a failure only leaves none shown. */
  async function loadSuggestions(snap: ConversationSnapshot, mine: number): Promise<void> {
    const reply = await client.query<ContactSuggestion[]>({ type: 'contact.suggestions', conversation: snap });
    if (mine === generation) suggestions.value = reply.ok ? reply.data : [];
  }

  /** Coalesces reloads: at most one in flight and one queued. */
  function refresh(): Promise<void> {
    // A caller waits for a load that starts after its call: one in flight may have read
    // before what it asks about (another conversation, its own command's write).
    if (inFlight) return (queued ??= inFlight.then(() => ((queued = null), refresh())));
    inFlight = load().finally(() => (inFlight = null));
    return inFlight;
  }

  /** Sends one command; a refusal becomes the visible error and nothing else changes. */
  async function run<T>(action: Promise<Reply<T>>): Promise<Reply<T>> {
    busy.value = true;
    error.value = null;
    sending++;
    try {
      const reply = await action.finally(() => sending--);
      if (!reply.ok) error.value = refusalText(reply.error);
      else if (reply.echo) {
        ownEchoes.add(reply.echo);
        // A broadcast that never came (no receiver) leaves its echo: keep the newest few.
        if (ownEchoes.size > 16) ownEchoes.delete(ownEchoes.values().next().value!);
      }
      // The one reload for this action: it starts after the change committed.
      await refresh();
      return reply;
    } finally {
      busy.value = false;
    }
  }

  const { command } = client;
  const missing = (what: PageRefusalKey): Promise<Reply<never>> => Promise.resolve(pageRefusal('not_found', what));
  /** Runs `send` about `subject` (the open conversation, its record, ticket or contact), or says there is none yet. */
  const about = <S>(subject: S | null | undefined, what: PageRefusalKey, send: (subject: S) => Promise<Reply<unknown>>) => run(subject ? send(subject) : missing(what));
  const onConversation = (send: (conversation: ConversationSnapshot) => Promise<Reply<unknown>>) => about(snapshot.peek(), 'noConversationOpen', send);
  const onRecord = (send: (conversationId: string) => Promise<Reply<unknown>>) => about(view.peek()?.conversation?.id, 'conversationNotRecorded', send);
  const onTicket = (send: (ticketId: string) => Promise<Reply<unknown>>) => about(view.peek()?.ticket?.id, 'noTicketYet', send);
  const onContact = (send: (contactId: string) => Promise<Reply<unknown>>) => about(view.peek()?.contact?.id, 'noContactYet', send);
  const savePref = (key: string, value: boolean | number) => void client.query({ type: 'prefs.set', key, value });
  const clampWidth = (px: number) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, px));
  /**
   * Asks for the extras once. After a failure, asks again only once its error
   * is gone (dismissed, or cleared by the agent's next action or conversation):
   * every render wants them, and none may retry behind the agent's back.
   */
  function wantExtras(): Promise<Extras | null> {
    const loaded = extras.peek();
    if (loaded) return Promise.resolve(loaded);
    if (extrasLoad && !(extrasLoad.failed && error.peek() === null)) return extrasLoad.done;
    const load = {
      failed: false,
      done: deps.loadExtras().then(
        (x) => (extras.value = x),
        (e: unknown) => {
          load.failed = true;
          error.value = `${t('errExtras')} (${e instanceof Error ? e.message : String(e)})`;
          return null;
        },
      ),
    };
    extrasLoad = load;
    return load.done;
  }

  function toggle(): void {
    collapsed.value = !collapsed.value;
    savePref('sidebar.collapsed', collapsed.value);
  }

  return {
    page,
    view,
    error,
    busy,
    collapsed,
    width,
    snapshot,
    ticket,
    suggestions,
    /** "Copy diagnostics" (`tip-site-health`): this site's, as the background words them (core/domain/health.ts). */
    async diagnostics(): Promise<string | null> {
      const health = page.peek().health;
      const reply = health ? await client.query<string>({ type: 'health.diagnostics', site: health.site, origin: health.origin }) : null;
      if (reply && !reply.ok) error.value = refusalText(reply.error);
      return reply?.ok ? reply.data : null;
    },
    setPage(state: PageState) {
      // Site health goes to the background when it differs from what this sidebar last said (the popup lists it).
      const health = state.health && JSON.stringify(state.health);
      if (health && health !== reportedHealth) {
        reportedHealth = health;
        void client.query({ type: 'health.report', ...state.health! });
      }
      const before = pageSnapshot.peek();
      page.value = state;
      // The same conversation read again (a new message in it, say): keep the form, the message in focus and what shows.
      const same = before !== null && state.kind === 'conversation' && state.snapshot.source === before.source && state.snapshot.key === before.key;
      if (!same) {
        suggestions.value = [];
        createOpen.value = false;
        snoozeOpen.value = false;
        createDescription.value = '';
        focus.value = null;
        error.value = null;
        view.value = null;
      }
      void refresh();
    },
    refresh,
    /**
     * A change the background broadcast: reloads only if it may concern this
     * view (its hashes meet the view's, `concerns`). A load in flight may have
     * read before the change: then it reloads anyway. Not for this tab's own
     * change (its echo), nor while one of its commands awaits its reply: the
     * reload after that reply starts later than any change heard now.
     */
    changed(event: TabChangeEvent) {
      if (event.echo && ownEchoes.delete(event.echo)) return;
      if (sending > 0) return;
      if (!snapshot.peek() && !inFlight) return;
      const shown = view.peek();
      if (!inFlight && shown && !concerns(event, shown.watch)) return;
      void refresh();
    },
    dismissError() {
      error.value = null;
    },
    extras,
    wantExtras,
    toggle,
    createOpen,
    snoozeOpen,
    /** Resizes while dragging; `save` when the drag ends. */
    resize(px: number, save: boolean) {
      width.value = Math.round(clampWidth(px));
      if (save) savePref('sidebar.width', width.value);
    },
    /** Restores the collapsed state and width the agent left. */
    async restorePrefs() {
      const get = (key: string) => client.query<unknown>({ type: 'prefs.get', key });
      const [c, w] = await Promise.all([get('sidebar.collapsed'), get('sidebar.width')]);
      if (c.ok && typeof c.data === 'boolean') collapsed.value = c.data;
      if (w.ok && typeof w.data === 'number') width.value = clampWidth(w.data);
    },
    selection,
    focus,
    createDescription,
    /**
     * Action: a ticket from the page's selection (the sidebar button, or the
     * context menu with the selection read then): the create form opens with
     * the selected text as its description; on a chat site for the message
     * the selection is in (its author the contact), else for the conversation.
     */
    async createFromSelection(picked: PageSelection | null = selection.peek()) {
      if (collapsed.peek()) toggle();
      const text = picked?.text.trim().slice(0, MAX_SELECTION) ?? '';
      if (!text) return void (error.value = t('selErrNoSelection'));
      if (!pageSnapshot.peek()) return void (error.value = t('errOpenFirst'));
      const message = (picked?.node && deps.messageAt?.(picked.node)) || null;
      const turned = message?.key !== focus.peek()?.key;
      focus.value = message;
      error.value = null;
      if (turned) view.value = null;
      await refresh();
      const shown = view.peek();
      if (shown?.ticket && !shown.ticket.deletedAt) return void (error.value = t('errHasTicket'));
      createDescription.value = text;
      createOpen.value = true;
    },
    /** Action: back from one message to the page's whole conversation. */
    unfocus() {
      if (!focus.peek()) return;
      focus.value = null;
      createOpen.value = false;
      createDescription.value = '';
      view.value = null;
      void refresh();
    },
    // Action: R1 create a ticket from this conversation.
    createTicket: (fields: CreateFields) => onConversation((conversation) => command({ type: 'ticket.create', conversation, fields })),
    // Action: R3 add this conversation to one of the contact's tickets.
    associate: (ticketId: string) => onConversation((conversation) => command({ type: 'ticket.associate', conversation, ticketId })),
    // Action: R8/R9 status dropdown.
    setStatus: (status: string) => onTicket((ticketId) => command({ type: 'ticket.setStatus', ticketId, status })),
    // Action: SLA "Mark first response sent" (the site can't tell the agent replied).
    markResponded: () => onTicket((ticketId) => command({ type: 'ticket.markResponded', ticketId })),
    // Action: R4 inline edit.
    updateProperty: (field: string, value: CustomValue) => onTicket((ticketId) => command({ type: 'ticket.update', ticketId, field, value })),
    // Action: the card's tags (chips and tag input), the whole list each time.
    setTags: (tags: string[]) => onTicket((ticketId) => command({ type: 'ticket.setTags', ticketId, tags })),
    // Action: snooze the ticket (the card's menu) until a time and/or until the customer writes; wake it (the banner).
    snooze: (until: number | null, untilReply: boolean) => onTicket((ticketId) => command({ type: 'ticket.snooze', ticketId, until, untilReply })),
    unsnooze: () => onTicket((ticketId) => command({ type: 'ticket.unsnooze', ticketId })),
    // Action: R5 conversation owner (also sets the ticket's).
    setConversationOwner: (ownerId: string | null) => onRecord((conversationId) => command({ type: 'conversation.setOwner', conversationId, ownerId })),
    // Action: R10 close / reopen this conversation only.
    setConversationStatus: (status: ConversationStatus) => onRecord((conversationId) => command({ type: 'conversation.setStatus', conversationId, status })),
    // Action: R11 move to trash (takes the ticket along).
    trashConversation: () => onRecord((conversationId) => command({ type: 'conversation.trash', conversationId })),
    // Action: R11 nothing is lost by one click: restore what the trash action took.
    restoreConversation: () => onRecord((id) => command({ type: 'trash.restore', id })),
    // Action: R12.
    blockSender: (blocked = true) => onContact((contactId) => command({ type: 'contact.block', contactId, blocked })),
    markSpam: (spam = true) => onContact((contactId) => command({ type: 'contact.spam', contactId, spam })),
    // Action: "Same person as …?" confirmed: the other contact merges into this conversation's contact.
    mergeContact: (otherId: string) => onContact((keepId) => command({ type: 'contact.merge', keepId, mergeId: otherId })),
    // Action: undo a merge: the contact merged into this one becomes a contact of its own again.
    splitContact: (mergedId: string) => run(command({ type: 'contact.split', mergedId })),
    // Action: "not the same person": never suggested again.
    dismissSuggestion: (otherId: string) => onContact((contactId) => command({ type: 'contact.dismiss', contactId, otherId })),
    // Action: R14 internal note.
    addNote: (text: string) => onTicket((ticketId) => command({ type: 'note.add', ticketId, text })),
    // Action: R14 the author rewrites or trashes their note (restorable from the trash).
    editNote: async (noteId: string, text: string) => (await run(command({ type: 'note.edit', noteId, text }))).ok,
    deleteNote: (noteId: string) => run(command({ type: 'note.delete', noteId })),
    /**
     * R3: tickets to add this conversation to, by what the agent typed; the
     * contact's open tickets first. A read: no busy state, and a failure is
     * the visible error (the caller gets an empty list).
     */
    async findTickets(text: string, limit?: number): Promise<TicketHit[]> {
      const contactId = view.peek()?.contact?.id ?? null;
      const reply = await client.query<TicketHit[]>({ type: 'tickets.find', text: text.slice(0, 200), contactId, ...(limit ? { limit } : {}) });
      if (!reply.ok) {
        error.value = refusalText(reply.error);
        return [];
      }
      return reply.data;
    },
    // Action: R6 which properties the details panel shows.
    setDisplayed: (ids: string[]) => run(command({ type: 'settings.update', displayedProperties: ids })),
    // Action: R7 open the ticket record in a new tab.
    openRecord: () => onTicket((ticketId) => client.open({ page: 'ticket', ticketId })),
    // Action: open another ticket's record (the contact's past tickets, R13).
    openTicket: (ticketId: string) => run(client.open({ page: 'ticket', ticketId })),
    // Action: R14 saved reply into the host's composer.
    async insertSnippet(body: string): Promise<boolean> {
      // Loaded already: insert within the click's own task (no await), as the host's editor expects.
      const loaded = extras.peek() ?? (await wantExtras());
      if (!loaded) return false; // the error says why
      const ok = deps.insertIntoComposer(body, loaded);
      error.value = ok ? null : t('errNoComposer');
      return ok;
    },
  };
});

export type SidebarModelInstance = InstanceType<typeof SidebarModel>;
