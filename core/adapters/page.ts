import type { ConversationSnapshot } from '../domain/types';
import { NotReadYet, SelectorError, type SiteAdapter } from './types';

/** What the sidebar knows about the host page right now. */
export type PageState =
  | { kind: 'conversation'; snapshot: ConversationSnapshot }
  | { kind: 'none' }
  /** The adapter could not read the page (the host's markup changed). */
  | { kind: 'unreadable'; reason: string };

/** A read that found the page mid-change: the caller keeps its previous state. */
export type PageRead = PageState | { kind: 'pending' };

/** Reads the page through its adapter; a reader's failure becomes a state, never a crash. */
export function readPage(adapter: SiteAdapter, root: ParentNode, href: string): PageRead {
  try {
    const snapshot = adapter.read(root, new URL(href));
    return snapshot ? { kind: 'conversation', snapshot } : { kind: 'none' };
  } catch (error) {
    if (error instanceof NotReadYet) return { kind: 'pending' };
    const reason = error instanceof SelectorError ? error.message : `${adapter.label}: ${String(error)}`;
    return { kind: 'unreadable', reason };
  }
}
