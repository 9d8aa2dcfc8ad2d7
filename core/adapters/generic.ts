import { MAX_MENTIONED, isE164Phone } from '../domain/mentioned';
import type { Channel, ConversationSnapshot } from '../domain/types';
import { SelectorError, cleanText, elementOf, messageSubject, type SiteAdapter } from './types';

/**
 * Generic mode (docs/ui-contract.md "Generic mode"): any http(s) page the agent
 * enabled that no site adapter knows. The conversation is the page itself:
 * its key is the address as the site uses it, its subject the reading pane's
 * heading. Its channel and contact depend on what the page is: a list of
 * message rows by authors is a chat, whose contact is the author of the
 * customer's messages; otherwise the contact is the first address or handle
 * shown in the content, and a page with an address or From/To headers is email.
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

/**
 * `contact.mentioned`: the email addresses and phone numbers a customer wrote
 * in their own messages. Weak evidence (anyone can type an address), so the
 * background only ever offers them as a suggestion. Each adapter picks the
 * texts (the customer's messages, never the agent's, never quoted text);
 * this scans them.
 */

/** Bounded parts and a start at a word edge: a 10 KB run of letters costs a linear scan, not a quadratic one. */
const EMAIL_IN_TEXT = /(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[a-z]{2,63}(?![\w-])/gi;
/**
 * A phone in international form only: `+`, then 7 to 15 digits with single
 * spaces, dots, dashes or brackets between them (`+34 600 11 12 22`,
 * `+1 (555) 010-4477`). A number without its country code can't be told
 * from an order number, so it is not read.
 */
const PHONE_IN_TEXT = /(?<![\w+])\+[1-9](?:[ .\-\u2011]?\(?\d\)?){6,14}(?!\w|[ .\-\u2011(]\(?\d)/g;
/** Characters scanned per text and in all, so a huge page can't stall the reader. */
const MAX_MENTION_TEXT = 10_000;
const MAX_MENTION_TOTAL = 100_000;

/** A phone as written (`+34 600-111 222`) → E.164 (`+34600111222`), or null. */
export function phoneOrNull(value: string | null | undefined): string | null {
  const text = (value ?? '').trim();
  if (!/^\+?[\d\s().\u2011-]+$/.test(text)) return null;
  const e164 = `+${text.replace(/\D/g, '')}`;
  return text.startsWith('+') && isE164Phone(e164) ? e164 : null;
}

/**
 * The first few distinct addresses and phones in the texts, in the order
 * written; values in `known` (the contact's own identities) are left out.
 */
export function mentionedIn(texts: Iterable<string>, known: readonly (string | null | undefined)[] = []): string[] {
  const skip = new Set(known.filter((k): k is string => !!k).map((k) => k.toLowerCase()));
  const out: string[] = [];
  let budget = MAX_MENTION_TOTAL;
  for (const raw of texts) {
    if (budget <= 0 || out.length >= MAX_MENTIONED) break;
    const text = raw.slice(0, Math.min(MAX_MENTION_TEXT, budget));
    budget -= text.length;
    const found: { at: number; value: string }[] = [];
    for (const m of text.matchAll(EMAIL_IN_TEXT)) found.push({ at: m.index, value: m[0].toLowerCase() });
    // Addresses blanked out first, so the digits of `+34600111222@example.com` are not also a phone.
    const rest = text.replace(EMAIL_IN_TEXT, (m) => ' '.repeat(m.length));
    for (const m of rest.matchAll(PHONE_IN_TEXT)) found.push({ at: m.index, value: `+${m[0].replace(/\D/g, '')}` });
    found.sort((a, b) => a.at - b.at);
    for (const { value } of found) {
      if (out.length >= MAX_MENTIONED) break;
      if ((value.startsWith('+') ? isE164Phone(value) : emailOrNull(value) === value) && !skip.has(value) && !out.includes(value)) out.push(value);
    }
  }
  return out;
}

/** The contact fields for what was mentioned: present only when something was. */
export function withMentioned<T extends object>(contact: T, mentioned: string[]): T & { mentioned?: string[] } {
  return mentioned.length ? { ...contact, mentioned } : contact;
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

/**
 * The display name written with an address as a mail header writes it:
 * `Ana García <ana@…>` or `"Ana García" (ana@…)`. Nothing else: the words
 * before an address in running text ("my email is …") are no name.
 */
function nameNear(text: string, email: string): string {
  const at = text.toLowerCase().indexOf(email);
  if (at < 1 || !/^\s*[>)]/.test(text.slice(at + email.length))) return '';
  const before = text.slice(0, at);
  if (!/[<(]\s*$/.test(before)) return '';
  const candidate = cleanText(before.replace(/[<(]\s*$/, '').split(/[\n,;:|>)]/).pop()?.replace(/^["'\s]+|["'\s]+$/g, ''), 200);
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

/* ---------------------------------------------------------------------------
 * Channel and chat authors
 * ------------------------------------------------------------------------- */

/**
 * A mail header label: `From:` as an element of its own (`<dt>From:</dt>`) or
 * at the start of a line (`From: Jo Park <jo@…>`), in the languages agents use.
 */
const FROM_LABEL = /^\s*(?:from|sender|de|von|da|remitente|expéditeur|absender)\s*:/i;
/** Message lists by their roles; rows are read inside them when the page has one. */
const MESSAGE_LISTS = '[role="log"], [role="feed"]';
/** A message row: chat apps mark rows up as articles or list items, with roles or without. */
const ROWS = 'article, li, [role="article"], [role="listitem"], [role="row"], [role="log"] > *, [role="feed"] > *';
/** A row's author: its own element, by the names and attributes chat apps give it. */
const AUTHORS = [
  '[data-qa-type="username"]',
  '[id^="message-username-"]',
  '[itemprop="author"]',
  '[rel~="author"]',
  '[data-author]',
  '[data-sender]',
  '[class*="author" i]',
  '[class*="sender" i]',
  '[class*="username" i]',
  '[class*="user-name" i]',
  '[class*="user_name" i]',
  '[class*="display-name" i]',
  '[class*="displayname" i]',
  '[class*="nickname" i]',
  'cite',
].join(', ');
/** A row's time: a `time` element or what carries one. */
const TIMES = 'time, [datetime], [data-time], [data-timestamp], [data-ts], [class*="time" i]';
/** Attributes that carry an author's id on the row or the author element. */
const AUTHOR_IDS = ['data-username', 'data-user-id', 'data-author-id', 'data-sender-id', 'data-user', 'data-author', 'data-sender'] as const;
/** Rows read at most. */
const MAX_ROWS = 1000;
const ID_VALUE = /^[\w.@:+-]{1,64}$/;
/** A profile link: `/u/rosa`, `/users/rosa`, `/@rosa`, `/profile/rosa`… */
const PROFILE_PATH = /\/(?:u|user|users|profile|profiles|people|member|members)\/([\w.-]{1,64})\/?$|\/@([\w.-]{1,64})\/?$/i;
/** Quoted or forwarded text inside a message: someone else's words. */
const QUOTES = 'blockquote, q, [class*="quote" i]';
/**
 * Words in a row's classes or data attributes that mark the agent's own
 * messages, and the customer's. Matched as whole parts of the token
 * (`message--outgoing`, `msgIn`, `is-self`), never inside a word.
 */
const OWN_WORDS = new Set(['out', 'outgoing', 'outbound', 'own', 'self', 'mine', 'me', 'sent', 'agent', 'operator', 'staff', 'fromme', 'isme', 'isown']);
const THEIR_WORDS = new Set(['in', 'incoming', 'inbound', 'received', 'customer', 'visitor', 'client', 'guest', 'them', 'other']);
const SIDE_ATTRIBUTES = ['data-direction', 'data-from', 'data-side', 'data-sender-type', 'data-author-role', 'data-author-type', 'data-role', 'data-type'] as const;
const OWN_FLAGS = ['data-own', 'data-outgoing', 'data-is-own', 'data-self', 'data-mine', 'data-from-me'] as const;
/** How chat apps name the agent's own messages. */
const YOU = /^(?:you|me|yo|tú|tu|vous|moi|du|ich|eu|você)$|\((?:you|tú|vous|du)\)$/i;
const FROM_YOU = /^(?:you|me)\b|\b(?:from you|you (?:said|wrote|sent))\b/i;

interface Author {
  name: string;
  handle: string | null;
}
interface Row {
  el: Element;
  author: Author | null;
  side: 'own' | 'theirs' | null;
  text: string;
}

function hasMailHeaders(scope: ParentNode, chrome: Chrome): boolean {
  return contentTexts(scope, chrome).some(({ text }) => FROM_LABEL.test(text));
}

function words(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** Whose side a row is on, by the marks the app gives it (the row, its first wrapper, its aria label). */
function sideOf(row: Element, author: Author | null): Row['side'] {
  const marked = [row, row.firstElementChild].filter((el): el is Element => !!el);
  for (const el of marked) {
    if (OWN_FLAGS.some((a) => /^(?:true|1|)$/i.test(el.getAttribute(a) ?? 'no'))) return 'own';
    const tokens = [
      ...Array.from(el.classList).flatMap((c) => [c.replace(/[-_]/g, '').toLowerCase(), ...words(c)]),
      ...SIDE_ATTRIBUTES.flatMap((a) => words(el.getAttribute(a) ?? '')),
    ];
    if (tokens.some((t) => OWN_WORDS.has(t))) return 'own';
    if (tokens.some((t) => THEIR_WORDS.has(t))) return 'theirs';
  }
  if (FROM_YOU.test(row.getAttribute('aria-label') ?? '')) return 'own';
  if (author && YOU.test(author.name)) return 'own';
  return null;
}

function idOf(el: Element): string | null {
  for (const name of AUTHOR_IDS) {
    const value = el.getAttribute(name)?.trim().replace(/^@/, '');
    if (value && ID_VALUE.test(value)) return value;
  }
  return null;
}

function authorOf(row: Element, host: string): Author | null {
  const el = Array.from(row.querySelectorAll(AUTHORS)).find((a) => !a.closest(QUOTES) && !a.matches(TIMES));
  const text = cleanText(el?.textContent, 200);
  const link = el?.closest('a[href]') ?? el?.querySelector('a[href]');
  let path = '';
  try {
    path = link ? new URL(link.getAttribute('href') ?? '', `https://${host}/`).pathname : '';
  } catch {
    // An address the page can't resolve: no profile to read.
  }
  const profile = PROFILE_PATH.exec(path);
  const id = idOf(row) ?? (el ? idOf(el) : null) ?? /^@([\w.-]{1,64})$/.exec(text)?.[1] ?? profile?.[1] ?? profile?.[2] ?? null;
  const name = text.startsWith('@') ? '' : text;
  if (!id && !name) return null;
  return { name, handle: id ? `generic:${host}/@${id}`.slice(0, 300) : null };
}

/** A row's own words: without its author, its time and what it quotes. */
function rowText(row: Element): string {
  const copy = row.cloneNode(true) as Element;
  copy.querySelectorAll(`${AUTHORS}, ${TIMES}, ${QUOTES}, ${NOT_CONTENT}`).forEach((el) => el.remove());
  return copy.textContent ?? '';
}

/**
 * The message rows of a chat page, or null when the page is not one: rows
 * (innermost) that show an author and a time, at least two of them (one is
 * enough inside a message list); a row with a time but no author is a
 * follow-up by the author above it.
 */
function chatRows(scope: ParentNode, chrome: Chrome, host: string): Row[] | null {
  const list = firstShown(scope, [MESSAGE_LISTS]);
  const where: ParentNode = list ?? scope;
  // Bounded, so a page of thousands of list items can't stall the reader.
  const candidates = Array.from(where.querySelectorAll(ROWS)).slice(0, MAX_ROWS);
  const outer = new Set<Element>();
  for (const el of candidates) {
    for (let up = el.parentElement; up && up !== where; up = up.parentElement) outer.add(up);
  }
  const innermost = candidates.filter((el) => !outer.has(el) && !excluded(el, scope, chrome));
  const rows: Row[] = [];
  for (const el of innermost) {
    if (!el.querySelector(TIMES) && !el.matches(TIMES)) continue;
    const own = authorOf(el, host);
    const prev = rows.at(-1) ?? null;
    if (!own && !prev) continue;
    // A follow-up that names only the author's id keeps the name shown above it.
    const above: Author | null = prev?.author ?? null;
    const author: Author | null = own && above && !own.name && own.handle === above.handle ? above : (own ?? above);
    const side: Row['side'] = sideOf(el, author) ?? (own ? null : (prev?.side ?? null));
    rows.push({ el, author, side, text: rowText(el) });
  }
  const authored = rows.filter((r) => r.author).length;
  return authored >= (list ? 1 : 2) ? rows : null;
}

const NO_CONTACT: ConversationSnapshot['contact'] = { name: '', email: null, handle: null };

/**
 * A chat page's contact: the one author of the customer's messages (rows
 * marked as theirs, else every row not marked as the agent's). Several
 * authors, or none told apart from the agent, make no contact: an exact
 * handle links conversations, and a wrong one would link them all.
 * Addresses they wrote are only reported as mentioned.
 */
function chatContact(rows: Row[]): ConversationSnapshot['contact'] {
  const theirs = rows.some((r) => r.side === 'theirs') ? rows.filter((r) => r.side === 'theirs') : rows.filter((r) => r.side !== 'own');
  const authors = new Map<string, Author>();
  for (const { author } of theirs) {
    if (!author) continue;
    const key = author.handle ?? `name:${author.name}`;
    const seen = authors.get(key);
    authors.set(key, seen?.name ? seen : author);
  }
  if (authors.size !== 1) return NO_CONTACT;
  const [author] = Array.from(authors.values()) as [Author];
  return withMentioned({ name: author.name, email: null, handle: author.handle }, mentionedIn(theirs.map((r) => r.text)));
}

/**
 * Whether the page shows an address as a link outside its message rows (a
 * help desk's requester above its comment list): then it is about that
 * address. A link inside a message is only what someone wrote.
 */
function addressOutside(rows: Row[], scope: ParentNode, chrome: Chrome): boolean {
  return Array.from(scope.querySelectorAll('a[href^="mailto:" i]')).some(
    (link) => !rows.some((r) => r.el.contains(link)) && !excluded(link, scope, chrome) && mailtoAddress(link.getAttribute('href')) !== null,
  );
}

function readPageContact(root: ParentNode, url: URL): { channel: Channel; contact: ConversationSnapshot['contact'] } {
  const { scope, chrome } = contentRoot(root);
  const headers = hasMailHeaders(scope, chrome);
  const rows = headers ? null : chatRows(scope, chrome, url.host);
  if (rows && !addressOutside(rows, scope, chrome)) return { channel: 'chat', contact: chatContact(rows) };
  const contact = readContact(root, url);
  return { channel: headers || contact.email ? 'email' : 'chat', contact };
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
    const { channel, contact } = readPageContact(root, url);
    return {
      source: 'generic',
      key: genericKey(url),
      subject: readSubject(root, url),
      channel,
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
 * Limited mode (docs/rules.md "Site health"): a known site whose markup
 * changed is read as generic mode keys a page, by its address, titled by the page,
 * with no contact: on a changed page who is who can't be trusted, and a
 * wrong contact would link the ticket to someone else's conversations. The
 * site scripts carry this small reader instead of all of generic mode
 * (docs/ui-contract.md "Content-script size"); site.js, which has it, uses the whole.
 */
export function limitedMode(channel: Channel): SiteAdapter {
  // Not a spread of genericAdapter: that would bundle all of generic mode into every site script.
  return {
    id: 'generic',
    label: 'Any page',
    matches: [],
    detect: () => true,
    read(root, url) {
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SelectorError('generic', 'a web address (http or https)');
      // The page's title: the heading search of generic mode would cost every site script its bytes.
      return { source: 'generic', key: genericKey(url), subject: pageTitle(root) || `${url.host}${url.pathname}`, channel, hostUrl: url.href.slice(0, 4000), contact: NO_CONTACT };
    },
    composer: () => null,
    observeRoot: (doc) => doc.body,
  };
}

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

/**
 * The message's author, read as the page's rows are (authorOf); chat apps
 * name the author once for a run of messages, so a follow-up takes the
 * nearest author above it among its siblings.
 */
function authorOfMessage(message: Element, host: string): Author | null {
  for (let el: Element | null = message; el; el = el.previousElementSibling) {
    const author = authorOf(el, host);
    if (author) return author;
  }
  return null;
}

/**
 * Generic mode on a chat page: the one message containing `node`, keyed by
 * the page's key and the message's own id, its contact the author (a handle
 * on this site where the page gives a member id or user name; a name alone
 * is no identity). Null for a page whose messages carry no id or no author:
 * then the page is the conversation.
 */
function genericMessageAt(node: Node, root: ParentNode, url: URL): ConversationSnapshot | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const found = messageElement(node);
  const author = found ? authorOfMessage(found.el, url.host) : null;
  if (!found || !author) return null;
  const body = MESSAGE_BODIES.map((s) => found.el.querySelector(s)?.textContent).find((t) => cleanText(t));
  const page = genericKey(url);
  return {
    source: 'generic',
    key: `${page}#${found.id}`.slice(0, 2000),
    subject: messageSubject(body, readSubject(root, url)),
    channel: 'chat',
    hostUrl: url.href.length <= 4000 ? url.href : `${url.origin}${url.pathname}`.slice(0, 4000),
    // The same identity as the page's contact (a member id or user name), never the name alone.
    contact: { name: author.name, email: null, handle: author.handle },
    lastMessage: { id: found.id, count: 1, fromContact: true },
  };
}

/* Test pages (any page the agent enabled in the options):
 * - https://support.example.com/tickets/4812?utm_source=mail   a help-desk ticket: key without utm_*, mailto contact
 * - https://forum.example.org/t/printer-jams/991#post-4        a forum thread: anchor dropped, @handle contact
 * - https://app.example.net/#/inbox/c/77                       a hash-routed inbox: the route is part of the key
 * - https://chat.example.com/c/rosa-lind                       a chat app: the customer's author, their written address only mentioned
 * - https://mail.example.org/?view=message&id=2291             a webmail message: From/To headers make it email
 */
