import type { ConversationSnapshot } from '../domain/types';
import { SelectorError, cleanText, elementOf, messageSubject, type SiteAdapter } from './types';

/**
 * Generic mode (docs/ui-contract.md "Generic mode"): any http(s) page the agent
 * enabled that no site adapter knows. The conversation is the page itself:
 * its key is the address as the site uses it, its subject the reading pane's
 * heading, its contact the first address or handle shown in the content.
 * Registered last: it says yes to every web page.
 *
 * This file also holds the small page-reading helpers the site adapters share
 * (address checks, visibility): they are what generic mode is made of.
 */

/* ---------------------------------------------------------------------------
 * Shared helpers
 * ------------------------------------------------------------------------- */

/**
 * What the background accepts as an address: valibot's `email()` pattern,
 * which core/messages/schemas.ts applies to `contact.email`. An address that
 * would fail there is dropped here instead of failing the whole snapshot.
 */
const EMAIL_PATTERN = /^[\w+-]+(?:\.[\w+-]+)*@[\da-zA-Z]+(?:[.-][\da-zA-Z]+)*\.[a-zA-Z]{2,}$/u;

/** A lower-cased address the background will accept, or null. */
export function emailOrNull(value: string | null | undefined): string | null {
  const email = (value ?? '').trim().toLowerCase();
  return email.length <= 320 && EMAIL_PATTERN.test(email) ? email : null;
}

/** The first address of a `mailto:` link (`mailto:a%40b.org?subject=…` → `a@b.org`), or null. */
export function mailtoAddress(href: string | null | undefined): string | null {
  const value = (href ?? '').trim();
  if (!/^mailto:/i.test(value)) return null;
  let to = value.slice('mailto:'.length).split('?')[0] ?? '';
  try {
    to = decodeURIComponent(to);
  } catch {
    // A malformed escape: read the address as written.
  }
  return emailOrNull(to.split(',')[0]);
}

/**
 * Whether an element is shown, as far as markup says: no `hidden` attribute
 * and no inline `display: none` / `visibility: hidden` on it or an ancestor.
 * (No layout here: readers run on saved pages in jsdom too.) Hosts that keep
 * old views in the DOM hide them this way (Gmail's view stack, InboxSDK
 * get-main-content-element-changed-stream.ts).
 */
export function isShown(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (hiddenItself(node)) return false;
  }
  return true;
}

const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

function hiddenItself(el: Element): boolean {
  return el.hasAttribute('hidden') || HIDING_STYLE.test(el.getAttribute('style') ?? '');
}

/** The first shown element matching one of the selectors, tried in order (newest first). */
export function firstShown<T extends Element = HTMLElement>(root: ParentNode, selectors: readonly string[]): T | null {
  for (const selector of selectors) {
    for (const el of Array.from(root.querySelectorAll<T>(selector))) {
      if (isShown(el)) return el;
    }
  }
  return null;
}

/** The page's `<title>` text, whether the root is the document or an element in it. */
export function pageTitle(root: ParentNode): string {
  const doc = 'documentElement' in root ? (root as Document) : (root as Node).ownerDocument;
  return cleanText(doc?.querySelector('title')?.textContent);
}

/* ---------------------------------------------------------------------------
 * Generic mode
 * ------------------------------------------------------------------------- */

/**
 * Query parameters that only say how the visitor arrived (campaign and click
 * ids) or bust caches: dropped so the same page keeps one key.
 */
const TRACKING_PARAM = /^(?:utm_\w*|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|igshid|yclid|twclid|_ga|_gl|ref_src|_)$/i;

/** Where the page's own content lives, tried in order; the body when none. */
const CONTENT_ROOTS = ['main', '[role="main"]', 'article'] as const;
/** The reading pane's heading, then any heading (docs/ui-contract.md "Generic mode"). */
const SUBJECT_HEADINGS = ['main h1', '[role="main"] h1', 'article h1', 'h1'] as const;
/** Navigation inside the content root: never the other party. */
const NAVIGATION = 'nav, [role="navigation"]';
/**
 * The page's own chrome when there is no content root: its address is the
 * site's, not the customer's. A `<header>` counts unless it heads an article
 * or section (where a message's "From" line often sits).
 */
const PAGE_CHROME = 'footer, nav, aside, [role="banner"], [role="navigation"], [role="contentinfo"], [role="complementary"]';
const CONTENT_SECTION = 'article, section, main, [role="main"]';

/** What to skip as not the conversation, given where the content was found. */
type Chrome = (el: Element) => boolean;
const inContentRoot: Chrome = (el) => el.matches(NAVIGATION);
const inPage: Chrome = (el) => el.matches(PAGE_CHROME) || (el.tagName === 'HEADER' && !el.parentElement?.closest(CONTENT_SECTION));

/** Text the agent types or the page runs: never read as the other party. */
const NOT_CONTENT = 'script, style, noscript, template, textarea, input, select, [contenteditable="true"], [contenteditable=""]';
/** The host's reply box: the first visible one in the content. */
const COMPOSERS = ['textarea:not([readonly]):not([disabled])', '[contenteditable="true"]', '[contenteditable=""]'] as const;

const EMAIL_IN_TEXT = /[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/gi;
/** `@handle` as chat and social sites show it: after a space or an opening bracket, so never part of an address. */
const HANDLE_IN_TEXT = /(?:^|[\s(\[])@([a-z0-9_](?:[a-z0-9_.-]{0,38}[a-z0-9_])?)(?![\w@])/i;
/** Text nodes read at most, so a huge page can't stall the reader. */
const MAX_TEXT_NODES = 5000;

function contentRoot(root: ParentNode): { scope: ParentNode; chrome: Chrome } {
  for (const selector of CONTENT_ROOTS) {
    const el = firstShown(root, [selector]);
    if (el) return { scope: el, chrome: inContentRoot };
  }
  const doc = 'documentElement' in root ? (root as Document) : null;
  return { scope: doc?.body ?? root, chrome: inPage };
}

/** Whether an element sits in something that is not the conversation (page chrome, the agent's own input). */
function excluded(el: Element, scope: ParentNode, chrome: Chrome): boolean {
  for (let node: Element | null = el; node && node !== scope; node = node.parentElement) {
    if (chrome(node) || node.matches(NOT_CONTENT)) return true;
  }
  return !isShown(el);
}

/** The key: host, path, the query without tracking, and the hash when the site routes with it. */
export function genericKey(url: URL): string {
  const params = Array.from(url.searchParams).filter(([name]) => !TRACKING_PARAM.test(name));
  // Sorted by name (stable: repeated names keep their order), so reordered links still land on one key.
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  const path = url.pathname.replace(/;jsessionid=[^/]*/i, '').replace(/\/+$/, '') || '/';
  return `${url.host}${path}${query ? `?${query}` : ''}${routeHash(url.hash)}`.slice(0, 2000);
}

/**
 * `#/tickets/12`, `#!/inbox/3` and `#inbox/FMfcg…` are routes (a different
 * thread each); `#comments` is an anchor on the same page and keeps its key.
 */
function routeHash(hash: string): string {
  return /^#!?\//.test(hash) || /^#[^/]+\/./.test(hash) ? hash : '';
}

function readSubject(root: ParentNode, url: URL): string {
  for (const selector of SUBJECT_HEADINGS) {
    for (const heading of Array.from(root.querySelectorAll(selector))) {
      // A bare h1 in the site's banner is its logo, not the conversation.
      if (selector === 'h1' && ancestorOrSelf(heading, inPage)) continue;
      const text = isShown(heading) ? cleanText(heading.textContent) : '';
      if (text) return text;
    }
  }
  return pageTitle(root) || `${url.host}${url.pathname}`;
}

function ancestorOrSelf(el: Element, test: Chrome): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) if (test(node)) return true;
  return false;
}

interface Found {
  name: string;
  email: string | null;
  handle: string | null;
}

/** Text nodes of the content, in document order, skipping chrome and editable parts. */
function contentTexts(scope: ParentNode, chrome: Chrome): { text: string; parent: Element }[] {
  const out: { text: string; parent: Element }[] = [];
  const stack: Node[] = Array.from(scope.childNodes).reverse();
  while (stack.length && out.length < MAX_TEXT_NODES) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      const parent = node.parentElement;
      if (parent && node.nodeValue?.trim()) out.push({ text: node.nodeValue, parent });
    } else if (node.nodeType === 1) {
      // Ancestors were checked on the way down: only this element's own kind and visibility count.
      const el = node as Element;
      if (chrome(el) || el.matches(NOT_CONTENT) || hiddenItself(el)) continue;
      stack.push(...Array.from(el.childNodes).reverse());
    }
  }
  return out;
}

/** A display name next to an address: `Ana García <ana@…>`, a link's own text, or a short label around it. */
function nameNear(text: string, email: string): string {
  const before = text.slice(0, text.toLowerCase().indexOf(email)).replace(/[<("'\s]+$/, '');
  const candidate = cleanText(before.split(/[\n,;:|]/).pop()?.replace(/^["'\s]+|["'\s]+$/g, ''), 200);
  return /\p{L}/u.test(candidate) && candidate.length <= 80 && !candidate.includes('@') ? candidate : '';
}

function readContact(root: ParentNode, url: URL): Found {
  const { scope, chrome } = contentRoot(root);
  for (const link of Array.from(scope.querySelectorAll<HTMLAnchorElement>('a[href^="mailto:" i]'))) {
    if (excluded(link, scope, chrome)) continue;
    const email = mailtoAddress(link.getAttribute('href'));
    if (!email) continue;
    const own = cleanText(link.textContent, 200);
    const name = own && !own.includes('@') ? own : nameNear(cleanText(link.parentElement?.textContent, 300), email);
    return { name, email, handle: null };
  }
  const texts = contentTexts(scope, chrome);
  for (const { text, parent } of texts) {
    for (const match of text.matchAll(EMAIL_IN_TEXT)) {
      const email = emailOrNull(match[0]);
      if (email) return { name: nameNear(cleanText(parent.textContent, 300), email), email, handle: null };
    }
  }
  for (const { text } of texts) {
    const match = HANDLE_IN_TEXT.exec(text);
    if (match?.[1]) return { name: '', email: null, handle: `generic:${url.host}/@${match[1]}`.slice(0, 300) };
  }
  return { name: '', email: null, handle: null };
}

export const genericAdapter: SiteAdapter = {
  id: 'generic',
  label: 'Any page',
  matches: [],
  // Any page: a fixed-layout app (its document doesn't scroll) is contained like a site's shell; a
  // scrolling document is not (its fixed headers must stay fixed), and there a fixed element the
  // page sizes to the viewport keeps its width: known, left to the page.
  room: 'auto',
  detect(url) {
    return url.protocol === 'https:' || url.protocol === 'http:';
  },
  read(root, url) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SelectorError('generic', 'a web address (http or https)');
    const contact = readContact(root, url);
    return {
      source: 'generic',
      key: genericKey(url),
      subject: readSubject(root, url),
      channel: contact.email ? 'email' : 'chat',
      // The background refuses addresses over 4,000 characters (core/messages/schemas.ts).
      hostUrl: url.href.length <= 4000 ? url.href : `${url.origin}${url.pathname}`.slice(0, 4000),
      contact,
      // No lastMessage: on any page, which message is the customer's is not something it can tell.
    };
  },
  messageAt: genericMessageAt,
  composer(root) {
    const { scope } = contentRoot(root);
    return firstShown<HTMLElement>(scope, COMPOSERS);
  },
  observeRoot(doc) {
    // An unknown single-page app may swap its <main> wholesale; only the body is sure to stay.
    return doc.body;
  },
};

/**
 * A message on a chat web app: an element that carries its own id, the way
 * chat apps mark their messages (Zulip `data-message-id`, Matrix clients
 * `data-event-id`, Rocket.Chat `data-qa-type="message"` with `data-id`,
 * Mattermost `post_<id>`, Discord `chat-messages-<channel>-<id>`), or a
 * list item / article with an id.
 */
const CHAT_MESSAGES = [
  '[data-message-id]',
  '[data-event-id]',
  '[data-qa-type="message"][data-id]',
  '[id^="post_"]',
  '[id^="chat-messages-"]',
  '[role="article"][id]',
  '[role="listitem"][id]',
  'li[id]',
] as const;
const MESSAGE_ID_ATTRIBUTES = ['data-message-id', 'data-event-id', 'data-id', 'id'] as const;
/** A message's author: the chat apps' own hooks first, then the usual class names. */
const AUTHORS = [
  '[data-qa-type="username"]',
  '[id^="message-username-"]',
  '[data-author]',
  '[data-username]',
  '[class*="sender" i]',
  '[class*="author" i]',
  '[class*="username" i]',
  '[class*="display-name" i]',
  '[class*="displayname" i]',
] as const;
/** Who the author is, as the page marks it (a member id or user name), before their display name. */
const AUTHOR_ID_ATTRIBUTES = ['data-user-id', 'data-author', 'data-username', 'data-sender'] as const;
const MESSAGE_BODIES = ['[data-qa-type="message-body"]', '[class*="message-content" i]', '[class*="message_content" i]', '[class*="body" i]', '[class*="text" i]', 'p'] as const;

function messageElement(node: Node): { el: Element; id: string } | null {
  const start = elementOf(node);
  for (const selector of CHAT_MESSAGES) {
    const el = start?.closest(selector);
    if (!el || el.matches(NOT_CONTENT)) continue;
    for (const name of MESSAGE_ID_ATTRIBUTES) {
      const id = cleanText(el.getAttribute(name), 200);
      if (id) return { el, id };
    }
  }
  return null;
}

interface Author {
  name: string;
  id: string | null;
}

function authorIn(message: Element): Author | null {
  for (const selector of AUTHORS) {
    const el = message.querySelector(selector);
    const name = el ? cleanText(el.textContent, 200).replace(/^@/, '') : '';
    if (!el || !name) continue;
    const id = AUTHOR_ID_ATTRIBUTES.map((a) => cleanText(el.getAttribute(a) ?? message.getAttribute(a), 200)).find((v) => v) ?? null;
    return { name, id };
  }
  return null;
}

/**
 * The message's author; chat apps name the author once for a run of messages,
 * so a follow-up takes the nearest author above it among its siblings.
 */
function authorOfMessage(message: Element): Author | null {
  for (let el: Element | null = message; el; el = el.previousElementSibling) {
    const author = authorIn(el);
    if (author) return author;
  }
  return null;
}

/**
 * Generic mode on a chat page: the one message containing `node`, keyed by
 * the page's key and the message's own id, its contact the author (a handle
 * on this site: the author's member id or user name where the page gives
 * one, else their name). Null for a page whose messages carry no id or no
 * author: then the page is the conversation.
 */
function genericMessageAt(node: Node, root: ParentNode, url: URL): ConversationSnapshot | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const found = messageElement(node);
  const author = found ? authorOfMessage(found.el) : null;
  if (!found || !author) return null;
  const body = MESSAGE_BODIES.map((s) => found.el.querySelector(s)?.textContent).find((t) => cleanText(t));
  const page = genericKey(url);
  return {
    source: 'generic',
    key: `${page}#${found.id}`.slice(0, 2000),
    subject: messageSubject(body, readSubject(root, url)),
    channel: 'chat',
    hostUrl: url.href.length <= 4000 ? url.href : `${url.origin}${url.pathname}`.slice(0, 4000),
    contact: { name: author.name, email: null, handle: `generic:${url.host}/@${author.id ?? author.name}`.slice(0, 300) },
    lastMessage: { id: found.id, count: 1, fromContact: true },
  };
}

/* Test pages (any page the agent enabled in the options):
 * - https://support.example.com/tickets/4812?utm_source=mail   a help-desk ticket: key without utm_*, mailto contact
 * - https://forum.example.org/t/printer-jams/991#post-4        a forum thread: anchor dropped, @handle contact
 * - https://app.example.net/#/inbox/c/77                       a hash-routed inbox: the route is part of the key
 */
