import type { Command, ErrorCode } from '../domain/commands';
import type { RefusalArgs, RefusalKey } from '../domain/refusals';
import type { CustomValue, ConversationSnapshot, ConversationStatus } from '../domain/types';
import type { ExportCounts, ExportHeader, ExportStore } from '../domain/export-format';
import type { ExportPage, ExportTextPage, ImportSummary } from '../store';
import type { ExportSummaryReply } from './data-service';
import { isProgressEvent, isSelectionEvent, isShortcutEvent, isTabChangeEvent, type ProgressEvent, type Reply, type Shortcut, type TabChangeEvent } from './protocol';
import type { EnabledSite, SiteAdapterChoice } from './sites';
import type { DataRequest, OpenTarget, Query } from './schemas';

/** Sends one message to the background and resolves with its reply (`browser.runtime.sendMessage`). */
export type Send = (message: unknown) => Promise<unknown>;
/** Registers a listener for background events; returns the unsubscribe function. */
export type Listen = (listener: (message: unknown) => void) => () => void;

type CreateFields = Extract<Command, { type: 'ticket.create' }>['fields'];
type SettingsPatch = Omit<Extract<Command, { type: 'settings.update' }>, 'type'>;
type ListQuery = Omit<Extract<Query, { type: 'tickets.list' }>, 'type'>;
type BulkAction = Extract<Command, { type: 'tickets.bulk' }>['action'];

function isReply(value: unknown): value is Reply {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  return ok === true || (ok === false && typeof (value as { error?: unknown }).error === 'object');
}

/**
 * The refusals a page makes itself (no background to ask, nothing open to act
 * on), with their English from core/domain/refusals.ts copied here: the
 * sidebar's bundle then carries these few instead of every refusal's words.
 * A unit test keeps the copies equal to the table.
 */
export const PAGE_REFUSALS = {
  noAnswer: 'The extension did not answer. Reload the page and try again.',
  unreachable: 'Could not reach the extension ({detail}). Reload the page and try again.',
  noConversationOpen: 'There is no conversation open on this page yet.',
  conversationNotRecorded: 'This conversation is not recorded yet: wait a moment, then try again.',
  noTicketYet: 'There is no ticket for this conversation yet.',
  noContactYet: 'There is no contact for this conversation yet.',
} as const satisfies Partial<Record<RefusalKey, string>>;

export function pageRefusal(code: ErrorCode, key: keyof typeof PAGE_REFUSALS, args?: RefusalArgs): Reply<never> {
  const message = PAGE_REFUSALS[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(args?.[name] ?? whole));
  return { ok: false, error: args ? { code, key, args, message } : { code, key, message } };
}

/**
 * Message passing hidden behind four calls; a dead or restarting service
 * worker becomes an error result, never a throw. The sidebar uses this alone
 * (its bundle runs on every host page, so it carries no more than it needs).
 */
export function createTransport(send: Send, listen?: Listen) {
  async function request<T>(message: unknown): Promise<Reply<T>> {
    try {
      const reply = await send(message);
      if (isReply(reply)) return reply as Reply<T>;
      return pageRefusal('internal', 'noAnswer');
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return pageRefusal('internal', 'unreachable', { detail });
    }
  }
  return {
    command: <T = unknown>(cmd: Command) => request<T>({ kind: 'tip.command', command: cmd }),
    query: <T = unknown>(q: Query) => request<T>({ kind: 'tip.query', query: q }),
    /** Opens an extension page (the ticket record, R7) in a new tab. */
    open: (target: OpenTarget) => request({ kind: 'tip.open', target }),
    /** Any other request (`tip.sites`, `tip.data`); the background validates it like the rest. */
    request,
    /**
     * Calls `onChange` for every change the background broadcasts. A tab gets
     * hashes, no ids (decide with `concerns`); an extension page the full
     * event (`isChangeEvent`).
     */
    onChange(onChange: (event: TabChangeEvent) => void): () => void {
      if (!listen) return () => undefined;
      return listen((message) => {
        if (isTabChangeEvent(message)) onChange(message);
      });
    },
    /** Calls `onShortcut` when the agent presses one of the extension's keyboard shortcuts on this tab. */
    onShortcut(onShortcut: (shortcut: Shortcut) => unknown): () => void {
      if (!listen) return () => undefined;
      return listen((message) => {
        if (isShortcutEvent(message)) onShortcut(message.shortcut);
      });
    },
    /** Calls `onSelection` when the agent picks "Create ticket from selection" in this tab's context menu. */
    onSelectionRequest(onSelection: () => unknown): () => void {
      if (!listen) return () => undefined;
      return listen((message) => {
        if (isSelectionEvent(message)) onSelection();
      });
    },
  };
}

export type Transport = ReturnType<typeof createTransport>;

/**
 * The one module the extension pages talk to: intent-named calls
 * (`await client.tickets.setStatus(id, stage)`) over the transport.
 */
export function createClient(send: Send, listen?: Listen) {
  const transport = createTransport(send, listen);
  const { command, query, request } = transport;
  const data = <T = unknown>(message: DataMessage) => request<T>({ kind: 'tip.data', ...message });
  return {
    ...transport,
    tickets: {
      create: <T>(conversation: ConversationSnapshot, fields: CreateFields) => command<T>({ type: 'ticket.create', conversation, fields }),
      associate: (conversation: ConversationSnapshot, ticketId: string) => command({ type: 'ticket.associate', conversation, ticketId }),
      update: (ticketId: string, field: string, value: CustomValue) => command({ type: 'ticket.update', ticketId, field, value }),
      setStatus: (ticketId: string, status: string) => command({ type: 'ticket.setStatus', ticketId, status }),
      delete: (ticketId: string) => command({ type: 'ticket.delete', ticketId }),
      /** SLA: the agent says the first response was sent. */
      markResponded: (ticketId: string) => command({ type: 'ticket.markResponded', ticketId }),
      /** Merges `mergeIds` into `keepId` (extension pages only). */
      merge: (keepId: string, mergeIds: string[]) => command({ type: 'ticket.merge', keepId, mergeIds }),
      /** Undoes the merge of the merged-away ticket `id`. */
      unmerge: (id: string) => command({ type: 'ticket.unmerge', id }),
      /** One action on up to 500 tickets, all or nothing (dashboard; extension pages only). */
      bulk: <T>(ticketIds: string[], action: BulkAction) => command<T>({ type: 'tickets.bulk', ticketIds, action }),
    },
    conversations: {
      observe: (conversation: ConversationSnapshot) => command({ type: 'conversation.observe', conversation }),
      setOwner: (conversationId: string, ownerId: string | null) => command({ type: 'conversation.setOwner', conversationId, ownerId }),
      setStatus: (conversationId: string, status: ConversationStatus) => command({ type: 'conversation.setStatus', conversationId, status }),
      trash: (conversationId: string) => command({ type: 'conversation.trash', conversationId }),
    },
    contacts: {
      block: (contactId: string, blocked = true) => command({ type: 'contact.block', contactId, blocked }),
      spam: (contactId: string, spam = true) => command({ type: 'contact.spam', contactId, spam }),
    },
    notes: {
      add: (ticketId: string, text: string) => command({ type: 'note.add', ticketId, text }),
      edit: (noteId: string, text: string) => command({ type: 'note.edit', noteId, text }),
      delete: (noteId: string) => command({ type: 'note.delete', noteId }),
    },
    trash: {
      restore: (id: string) => command({ type: 'trash.restore', id }),
      purge: (all = false) => command({ type: 'trash.purge', all }),
      /** "Delete forever" for one trash item (and what was trashed with it). */
      purgeItem: (id: string) => command({ type: 'trash.purgeItem', id }),
      list: <T>(limit?: number, cursor?: string) => query<T>({ type: 'trash.list', limit, cursor }),
    },
    snippets: {
      save: (snippet: { id?: string; name: string; body: string }) => command({ type: 'snippet.save', ...snippet }),
      delete: (id: string) => command({ type: 'snippet.delete', id }),
    },
    agents: {
      save: (agent: { id?: string; name: string; email: string }) => command({ type: 'agent.save', ...agent }),
      delete: (id: string) => command({ type: 'agent.delete', id }),
    },
    settings: {
      get: <T>() => query<T>({ type: 'settings.get' }),
      update: (patch: SettingsPatch) => command({ type: 'settings.update', ...patch }),
    },
    views: {
      sidebar: <T>(conversation: ConversationSnapshot) => query<T>({ type: 'sidebar.view', conversation }),
      record: <T>(ticketId: string) => query<T>({ type: 'ticket.record', ticketId }),
      list: <T>(q: ListQuery = {}) => query<T>({ type: 'tickets.list', ...q }),
      count: <T>() => query<T>({ type: 'tickets.count' }),
      /** Charts: `dayStarts` are ascending local-midnight boundaries (n + 1 of them for n days). */
      stats: <T>(dayStarts: number[]) => query<T>({ type: 'tickets.stats', dayStarts }),
    },
    prefs: {
      get: <T>(key: string) => query<T>({ type: 'prefs.get', key }),
      set: (key: string, value: string | number | boolean | null) => query({ type: 'prefs.set', key, value }),
    },
    /** Sites the agent enabled (options `tip-site-*`); each answer is the whole list. */
    sites: {
      list: () => request<EnabledSite[]>({ kind: 'tip.sites', action: 'list' }),
      /** `broadConfirmed`: the agent confirmed a pattern for every site or a whole domain ending (the background refuses one without it). */
      add: (pattern: string, adapter: SiteAdapterChoice, broadConfirmed = false) =>
        request<EnabledSite[]>({ kind: 'tip.sites', action: 'add', pattern, adapter, ...(broadConfirmed ? { broadConfirmed: true } : {}) }),
      remove: (pattern: string) => request<EnabledSite[]>({ kind: 'tip.sites', action: 'remove', pattern }),
    },
    /** Options → Data: export page by page, import in chunks (one transaction at commit), erase. */
    data: {
      exportSummary: () => data<ExportSummaryReply>({ action: 'export.summary' }),
      exportPage: (store: ExportStore, after: string | undefined, limit: number) => data<ExportPage>({ action: 'export.page', store, after, limit }),
      exportTextPage: (store: ExportStore, after: string | undefined, limit: number) => data<ExportTextPage>({ action: 'export.text', store, after, limit }),
      importBegin: (header: ExportHeader, counts: ExportCounts) => data<{ sessionId: string }>({ action: 'import.begin', header, counts }),
      importChunk: (sessionId: string, store: ExportStore, records: unknown[]) => data({ action: 'import.chunk', sessionId, store, records }),
      importCommit: (sessionId: string) => data<ImportSummary>({ action: 'import.commit', sessionId }),
      importAbort: (sessionId: string) => data({ action: 'import.abort', sessionId }),
      erase: () => data({ action: 'erase' }),
    },
    /** Calls `onProgress` for the background's progress reports (an import writing). */
    onProgress(onProgress: (event: ProgressEvent) => void): () => void {
      if (!listen) return () => undefined;
      return listen((message) => {
        if (isProgressEvent(message)) onProgress(message);
      });
    },
  };
}

type DataMessage = DistributiveOmit<DataRequest, 'kind'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type Client = ReturnType<typeof createClient>;
