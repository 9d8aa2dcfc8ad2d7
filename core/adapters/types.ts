import type { ConversationSnapshot, Source } from '../domain/types';

/**
 * One site's DOM knowledge, behind one small interface. Adapters are pure
 * readers: they take a root and a URL, return plain text data, and never
 * change the page (only the content script does that).
 */
export interface SiteAdapter {
  id: Source;
  /** Human name, for the options page and error messages. */
  label: string;
  /** Match patterns of the sites this adapter serves by default (empty: enabled per site by the agent). */
  matches: readonly string[];
  /** Whether this page is one the adapter serves (URL and, where needed, a marker in the DOM). */
  detect(url: URL, doc: Document): boolean;
  /**
   * The open conversation, or null when the page shows none (a list, a
   * compose view). Throws SelectorError when a part it needs is missing, so
   * the sidebar can say the site changed instead of showing a wrong conversation.
   */
  read(root: ParentNode, url: URL): ConversationSnapshot | null;
  /**
   * Chat sites: the one message that contains `node` (a selection's start), as
   * a conversation of its own: keyed by the message's permalink or id, its
   * contact the message's author, `lastMessage` the message itself. Null when
   * the node is in no customer's message, or the site gives messages no id:
   * the sidebar then uses the whole conversation.
   */
  messageAt?(node: Node, root: ParentNode, url: URL): ConversationSnapshot | null;
  /** The host's own reply composer for the open conversation, if any (R14 snippets). */
  composer(root: ParentNode): HTMLElement | null;
  /** The narrowest element whose subtree changes when the agent opens another conversation. */
  observeRoot(doc: Document): Element | null;
  /** Attributes whose changes mean "another view" (Gmail shows and hides views with inline `style`). */
  observeAttributes?: readonly string[];
  /**
   * How the page is made narrower beside the docked sidebar
   * (components/sidebar/host/mount.ts, roomRules): 'flow' (the default) for
   * pages in normal flow or with in-flow full-viewport flex/grid; 'shell' for
   * app shells whose root is fixed or absolute over the whole viewport and
   * whose document never scrolls; 'self' for a page that makes room itself
   * from `--tip-reserved-right` (the demo inbox); 'auto' for any page, 'shell'
   * if its first layout does not scroll, else 'flow'.
   */
  room?: 'flow' | 'shell' | 'self' | 'auto';
  /**
   * Site health (docs/rules.md "Site health"): the names of the page parts
   * this adapter relies on, as `SelectorError` and `check` name them. Names
   * only, never text from the page: they go into diagnostics. Generic mode has none.
   */
  landmarks?: readonly string[];
  /** The date the selectors were last checked against the live site (the adapter's version in diagnostics). */
  checked?: string;
  /**
   * Landmarks missing on a page that should show them (the app is there and
   * a conversation is open, yet a part `read` needs is gone), beyond what
   * `read` throws. A page that shows no conversation (a list) is fine: [].
   */
  check?(root: ParentNode, url: URL): string[];
}

/** A part of the host page the adapter needs is missing: the site's markup changed. */
export class SelectorError extends Error {
  constructor(
    readonly adapter: Source,
    readonly what: string,
  ) {
    super(`${adapter}: could not find ${what} on this page`);
    this.name = 'SelectorError';
  }
}

/**
 * The page is between two states (a frame mid-load): keep showing what was
 * shown rather than flashing "no conversation". The next DOM change or
 * `load` reads again.
 */
export class NotReadYet extends Error {
  constructor(readonly adapter: Source) {
    super(`${adapter}: the page is still loading`);
    this.name = 'NotReadYet';
  }
}

/** The element a node is or sits in (a selection starts in a text node). */
export function elementOf(node: Node | null | undefined): Element | null {
  if (!node) return null;
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

/** A message's text as a conversation subject: its first words (a ticket name the card can show), else `fallback`. */
export function messageSubject(text: string | null | undefined, fallback: string): string {
  const full = cleanText(text, 2000);
  if (full.length <= 80) return full || fallback;
  const cut = full.slice(0, 80);
  const word = cut.lastIndexOf(' ');
  return `${word > 40 ? cut.slice(0, word) : cut}…`;
}

/** Collapse runs of white space: host text is read as text, never HTML. */
export function cleanText(value: string | null | undefined, max = 500): string {
  return (value ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}
