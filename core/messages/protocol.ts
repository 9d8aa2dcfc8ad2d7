import type { Command, ErrorCode, Refusal } from '../domain/commands';
import { refusal, type RefusalArgs, type RefusalKey } from '../domain/refusals';
import type { Query } from './schemas';

/**
 * The wire protocol between the extension's contexts, named by direction:
 * clients (sidebar content script, extension pages) → background are
 * requests (`tip.command`, `tip.query`); background → clients are events
 * (`tip.changed`). Replies never throw across the wire: they are results.
 */
export type Reply<T = unknown> = { ok: true; data: T; echo?: string } | { ok: false; error: Refusal };

/**
 * Background → tabs: something changed, and which of the tab's records it may
 * concern, never by id. A tab runs beside an untrusted page, so it gets keyed
 * hashes (core/messages/tags.ts): its sidebar compares them with the ones its
 * view came with (`concerns`) and reloads only on a match. No `tags`: the
 * change may concern anything (an import, an erase), and every sidebar reloads.
 */
export interface TabChangeEvent {
  kind: 'tip.changed';
  /** Names the secret the tags are made with. */
  epoch?: string;
  tags?: string[];
  /**
   * A random token made for this one change, also in the reply (`Reply.echo`)
   * to the command that made it: the tab that sent the command reloads after
   * that reply anyway, so it skips the event that echoes it. Says nothing
   * about the change to any other tab.
   */
  echo?: string;
}

/** Hashes of topics (a view's or a change's) as tabs get them. */
export interface ChangeTags {
  epoch: string;
  tags: string[];
}

/** Background → extension pages: what changed, with the ids of the records written. */
export interface ChangeEvent {
  kind: 'tip.changed';
  /** The command that made the change; every record it touched carries it as `causeId`. */
  causeId: string;
  commandType: Command['type'] | 'prefs.set' | DataChange;
  /** Ids of the records written (tickets, conversations, contacts…); empty after an import or erase, which may change everything. */
  ids: string[];
}

/** Whole-help-desk changes from options → Data (`tip.data`). */
export type DataChange = 'data.import' | 'data.erase';

/** Background → extension pages while a long operation writes (`tip-progress`). */
export interface ProgressEvent {
  kind: 'tip.progress';
  operation: 'import';
  /** Records handled so far, out of `total`. */
  done: number;
  total: number;
}

export function isProgressEvent(value: unknown): value is ProgressEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.kind === 'tip.progress' && typeof v.operation === 'string' && typeof v.done === 'number' && typeof v.total === 'number';
}

/** The keyboard shortcuts of the manifest's `commands` (wxt.config.ts) that act on the open conversation. */
export const SHORTCUTS = ['toggle-sidebar', 'create-ticket', 'close-ticket'] as const;
export type Shortcut = (typeof SHORTCUTS)[number];

/** Background → the active tab's sidebar: the agent pressed one of our shortcuts. */
export interface ShortcutEvent {
  kind: 'tip.shortcut';
  shortcut: Shortcut;
}

export const isShortcut = (value: unknown): value is Shortcut => (SHORTCUTS as readonly unknown[]).includes(value);

export function isShortcutEvent(value: unknown): value is ShortcutEvent {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>).kind === 'tip.shortcut' && isShortcut((value as Record<string, unknown>).shortcut);
}

/** Background → a tab's sidebar: "Create ticket from selection" was picked in the page's context menu. */
export interface SelectionEvent {
  kind: 'tip.selection';
}

export function isSelectionEvent(value: unknown): value is SelectionEvent {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>).kind === 'tip.selection';
}

export function isChangeEvent(value: unknown): value is ChangeEvent {
  if (!isTabChangeEvent(value)) return false;
  const v = value as unknown as Record<string, unknown>;
  return typeof v.causeId === 'string' && Array.isArray(v.ids) && typeof v.commandType === 'string';
}

/** Either variant: the one tabs get (no ids) or the one extension pages get. */
export function isTabChangeEvent(value: unknown): value is TabChangeEvent {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>).kind === 'tip.changed';
}

/**
 * The event tabs get for a change: its topics' hashes (`tag`), or the bare
 * event when there are none (an import or erase) or they can't be made: then
 * every sidebar reloads, which is never wrong, only slower. Nothing of the
 * pages' event (cause, command type, ids) goes along.
 */
export async function toTabs(topics: string[] | undefined, tag: ((topics: string[]) => Promise<ChangeTags>) | undefined, echo?: string): Promise<TabChangeEvent> {
  const bare: TabChangeEvent = echo ? { kind: 'tip.changed', echo } : { kind: 'tip.changed' };
  if (!topics || topics.length === 0 || !tag) return bare;
  try {
    const { epoch, tags } = await tag(topics);
    return { ...bare, epoch, tags };
  } catch {
    return bare;
  }
}

/** A fresh `echo` for one change: 64 random bits in hex. */
export function newEcho(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether a change may alter a view that came with `watch`: yes unless both
 * carry hashes under the same secret and none of them meet.
 */
export function concerns(event: TabChangeEvent, watch: ChangeTags | undefined): boolean {
  if (!watch || !Array.isArray(event.tags) || event.epoch !== watch.epoch) return true;
  const mine = new Set(watch.tags);
  return event.tags.some((t) => mine.has(t));
}

export function fail(code: ErrorCode, key: RefusalKey, args?: RefusalArgs): Reply<never> {
  return { ok: false, error: refusal(code, key, args) };
}

export type { Command, Query };
