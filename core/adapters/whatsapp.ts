import type { ConversationSnapshot } from '../domain/types';
import { firstShown, mentionedIn, phoneOrNull, withMentioned } from './generic';
import { WHATSAPP_MATCHES } from './matches';
import { SelectorError, cleanText, elementOf, messageSubject, type SiteAdapter } from './types';

/**
 * WhatsApp Web (web.whatsapp.com), the open chat in `#main`. WhatsApp has no
 * chat id in the address bar, so the key comes from the message rows.
 * Sources, read 2026-11-25: Dark Reader `src/config/dynamic-theme-fixes.config`
 * (2026-08: `data-icon="tail-in|tail-out"`, `default-user`); public
 * extensions' readers and fixtures (2024–2026) for `#main`, `#main header`,
 * `div[data-id]`, `#main footer [contenteditable][role=textbox]`; and a note
 * measured 2026-08-23 on a WhatsApp Business account migrated to phone-number
 * hiding: "`data-id` of a message is now only the message id", "conversations
 * are identified by a LID (`…@lid`), not the phone". WhatsApp's classes are
 * obfuscated (`_amjy`, `x1iyjqo2`…) and change monthly: none is used.
 */

/** The open chat; absent on the start screen and the QR login. */
const CHAT = '#main';
/**
 * The chat's name in its header, newest first. Since 2024 the name is the
 * header's first `span[dir="auto"]` (no `title`; the `span[title]` after it is
 * the status, "online" / "click here for contact info"); earlier builds
 * had a test id.
 */
const CHAT_TITLES = [
  /* 2024 */ '#main header span[dir="auto"]',
  /* 2023 */ '#main header [data-testid="conversation-info-header-chat-title"]',
  /* 2022 */ '#main header span[title]',
] as const;
/** Message rows: `data-id` is `<fromMe>_<chat jid>_<message id>[_<participant jid>]` (groups add the author). */
const MESSAGE_IDS = '#main [data-id]';
const ROW_ID = /^(?:true|false)_([^_\s]+@(?:c\.us|s\.whatsapp\.net|lid|g\.us|broadcast|newsletter))_/i;
/** The message box (Lexical editor, aria-label "Type a message"). */
const COMPOSERS = ['#main footer [contenteditable="true"][role="textbox"]', '#main footer [contenteditable="true"][data-tab="10"]'] as const;
/** The app root: `#main` itself is replaced on every chat switch. */
const APP = '#app';

const PHONE_TITLE = /^\+?[\d\s().\u2011-]{8,}$/;
/** A message row's parts: who wrote it (`[10:31, 25/11/2026] Name: `) and its own text. */
const INCOMING = '.message-in';
const AUTHOR_LINE = '.copyable-text[data-pre-plain-text]';
const PRE_PLAIN = /^\[[^\]]*\]\s*(.*?):\s*$/s;
const MESSAGE_TEXT = 'span.selectable-text';
/** A reply's quote of an earlier message (possibly the agent's): never the customer's own words. */
const QUOTED = '[aria-label="Quoted message" i], .quoted-mention';
/** A group's header shows the group icon when it has no picture. */
const GROUP_ICON = '#main header [data-icon^="default-group"]';

function chatTitle(root: ParentNode): string {
  const el = firstShown(root, CHAT_TITLES);
  return cleanText(el?.getAttribute('title') || el?.textContent, 300);
}

/** The chat's jid from the first row that still carries one (before the 2026 phone-number hiding). */
function chatJid(root: ParentNode): { jid: string | null; rows: number } {
  const rows = Array.from(root.querySelectorAll(MESSAGE_IDS));
  for (const row of rows) {
    const jid = ROW_ID.exec(row.getAttribute('data-id') ?? '')?.[1];
    if (jid) return { jid: jid.toLowerCase(), rows: rows.length };
  }
  return { jid: null, rows: rows.length };
}

/** A person's identity: `34600000001@c.us` → phone `+34600000001`; a LID is no phone number and keeps its server. */
function personOf(jid: string | null, name: string): { handle: string | null; phone: string | null } {
  if (jid) {
    const [user, server] = jid.split('@') as [string, string];
    if (server === 'c.us' || server === 's.whatsapp.net') {
      const phone = phoneOrNull(`+${user}`);
      return { handle: /^\d{6,}$/.test(user) ? `whatsapp:+${user}` : null, phone };
    }
    // A LID hides the number; an unsaved contact's name may still be it.
    if (server === 'lid') return { handle: `whatsapp:${jid}`, phone: titlePhone(name) };
    return { handle: null, phone: null }; // a group, broadcast list or channel is not one person
  }
  // No jid in the page: an unsaved contact's title is their number.
  const phone = titlePhone(name);
  return { handle: phone ? `whatsapp:${phone}` : null, phone };
}

/** An unsaved contact shows as their number (`+34 611 22 33 44`): E.164 when it has the country code. */
function titlePhone(title: string): string | null {
  const digits = title.replace(/\D/g, '');
  return PHONE_TITLE.test(title) && digits.length >= 8 ? phoneOrNull(title.startsWith('+') ? title : `+${digits}`) : null;
}

/** What the customer wrote in a row: its own text, without a quoted earlier message. */
function ownText(row: Element): string {
  const parts: string[] = [];
  for (const span of Array.from(row.querySelectorAll(`${AUTHOR_LINE} ${MESSAGE_TEXT}`))) {
    if (!span.closest(QUOTED) && !span.parentElement?.closest(MESSAGE_TEXT)) parts.push(span.textContent ?? '');
  }
  return parts.join('\n');
}

function authorName(row: Element): string {
  const line = row.querySelector(AUTHOR_LINE)?.getAttribute('data-pre-plain-text') ?? '';
  return cleanText(PRE_PLAIN.exec(line)?.[1], 200);
}

type Contact = ConversationSnapshot['contact'];

/**
 * A group's contact: the one person who wrote the customer's (incoming)
 * messages; none when several did (the group is not one person).
 */
function groupContact(root: ParentNode): Contact {
  const authors = new Map<string, { name: string; jid: string | null; texts: string[] }>();
  for (const row of Array.from(root.querySelectorAll(MESSAGE_IDS))) {
    if (!row.querySelector(INCOMING) && !row.matches(INCOMING)) continue;
    // The row's author (a phone jid or a LID), read as a message's is (rowOf).
    const jid = rowOf(row)?.author ?? null;
    const name = authorName(row);
    const id = jid ?? (name ? `name:${name}` : null);
    if (!id) continue;
    const author = authors.get(id) ?? { name, jid, texts: [] };
    author.name ||= name;
    author.texts.push(ownText(row));
    authors.set(id, author);
  }
  if (authors.size !== 1) return { name: '', email: null, handle: null };
  const [author] = Array.from(authors.values()) as [{ name: string; jid: string | null; texts: string[] }];
  const { handle, phone } = personOf(author.jid, author.name);
  return contactOf(author.name, handle, phone, author.texts);
}

/** A one-to-one chat's contact: the chat itself, and what they wrote in it. */
function chatContact(root: ParentNode, jid: string | null, title: string): Contact {
  const { handle, phone } = personOf(jid, title);
  const texts = Array.from(root.querySelectorAll(MESSAGE_IDS))
    .filter((row) => row.querySelector(INCOMING) || row.matches(INCOMING))
    .map(ownText);
  return contactOf(title, handle, phone, texts);
}

function contactOf(name: string, handle: string | null, phone: string | null, texts: string[]): Contact {
  const contact: Contact = { name: name.slice(0, 200), email: null, handle };
  if (phone) contact.phone = phone;
  return withMentioned(contact, mentionedIn(texts, [phone]));
}

function isGroup(root: ParentNode, jid: string | null): boolean {
  return jid ? jid.endsWith('@g.us') : root.querySelector(GROUP_ICON) !== null;
}

export const whatsappAdapter: SiteAdapter = {
  id: 'whatsapp',
  label: 'WhatsApp',
  matches: WHATSAPP_MATCHES,
  // An app shell (#app over the whole viewport, its panes absolute); the document never scrolls.
  room: 'shell',
  detect(url) {
    return url.hostname === 'web.whatsapp.com';
  },
  landmarks: ['chat pane', 'chat name'],
  checked: '2026-11-25',
  // Message rows of a chat (their ids name it) with no chat pane around them: WhatsApp renamed the pane.
  check(root) {
    if (root.querySelector(CHAT)) return [];
    return Array.from(root.querySelectorAll('[data-id]')).some((el) => ROW_ID.test(el.getAttribute('data-id') ?? '')) ? ['chat pane'] : [];
  },
  read(root, url) {
    if (!root.querySelector(CHAT)) return null;
    const title = chatTitle(root);
    if (!title) throw new SelectorError('whatsapp', 'chat name');
    const { jid, rows } = chatJid(root);
    // No rows yet (the chat is still loading, or empty): nothing to key on.
    if (!jid && !rows) return null;
    return {
      source: 'whatsapp',
      // Accounts migrated to phone-number hiding (2026-08) show no jid at all:
      // the chat's name is then the only key there is, weaker but stable.
      key: jid ?? `title:${title}`,
      subject: title,
      channel: 'chat',
      hostUrl: url.href,
      contact: isGroup(root, jid) ? groupContact(root) : chatContact(root, jid, title),
      lastMessage: whatsappLastMessage(root),
    };
  },
  messageAt: whatsappMessageAt,
  composer(root) {
    return firstShown<HTMLElement>(root, COMPOSERS);
  },
  observeRoot(doc) {
    return doc.querySelector(APP) ?? doc.body;
  },
};

/** A message row's `data-id`: `<fromMe>_<chat jid>_<message id>[_<author jid>]`, or the bare message id (2026-08). */
const ROW_PARTS = /^(true|false)_[^_\s]+@[a-z.]+_([^_\s]+)(?:_([^_\s]+@[a-z.]+))?$/i;

interface Row {
  id: string;
  /** Written by the agent (true), the other party (false), or unknown. */
  fromMe: boolean | null;
  /** In a group: the author's jid. */
  author: string | null;
}

function rowOf(el: Element): Row | null {
  const raw = cleanText(el.getAttribute('data-id'), 300);
  if (!raw) return null;
  const parts = ROW_PARTS.exec(raw);
  if (parts) return { id: parts[2]!, fromMe: parts[1]!.toLowerCase() === 'true', author: parts[3]?.toLowerCase() ?? null };
  // A bare id: the bubble's own side says who wrote it (`message-in` / `message-out`, the tail icon).
  const side = el.querySelector('.message-in, [data-icon="tail-in"]') ? false : el.querySelector('.message-out, [data-icon="tail-out"]') ? true : null;
  return /^[\w-]+$/.test(raw) ? { id: raw, fromMe: side, author: null } : null;
}

/** The newest row the chat shows (WhatsApp loads older ones as the agent scrolls up: the count is what is loaded). */
function whatsappLastMessage(root: ParentNode): ConversationSnapshot['lastMessage'] {
  const rows = Array.from(root.querySelectorAll(MESSAGE_IDS));
  const last = rows.length ? rowOf(rows[rows.length - 1]!) : null;
  return last ? { id: last.id, count: rows.length, fromContact: last.fromMe === false } : null;
}

/**
 * One message of the open chat, keyed `<chat key>/<message id>`; the contact
 * is its author: the chat's other party, or in a group the participant the
 * row names. The agent's own messages are no customer's.
 */
function whatsappMessageAt(node: Node, root: ParentNode, url: URL): ConversationSnapshot | null {
  const el = elementOf(node)?.closest('#main [data-id]');
  const row = el ? rowOf(el) : null;
  if (!el || !row || row.fromMe !== false) return null;
  const chat = whatsappAdapter.read(root, url);
  if (!chat) return null;
  const name = authorName(el);
  const contact = row.author ? { name: name || row.author, email: null, ...personOf(row.author, name) } : chat.contact;
  if (!contact.handle && row.author) return null;
  return {
    ...chat,
    key: `${chat.key}/${row.id}`.slice(0, 2000),
    subject: messageSubject(el.querySelector(MESSAGE_TEXT)?.textContent, chat.subject),
    contact,
    lastMessage: { id: row.id, count: 1, fromContact: true },
  };
}

/* Test pages (https://web.whatsapp.com/ — the address never changes):
 * - the QR login or the start screen ("Download WhatsApp for Windows")    no #main → null
 * - a chat with a saved contact or an unsaved number (jid …@c.us)        key = jid, handle whatsapp:+<number>
 * - a chat keyed by LID (…@lid)                                          handle whatsapp:<lid>@lid
 * - a group (…@g.us; rows add the author's jid)                          key = group jid; contact = the one customer author, else none
 * - an account migrated to phone-number hiding: bare message ids         key = title:<chat name>
 */
