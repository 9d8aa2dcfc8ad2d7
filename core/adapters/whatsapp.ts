import { firstShown } from './generic';
import { WHATSAPP_MATCHES } from './matches';
import type { ConversationSnapshot } from '../domain/types';
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

/** `34600000001@c.us` → `whatsapp:+34600000001`; a LID is no phone number and keeps its server. */
function handleOf(jid: string | null, title: string): string | null {
  if (jid) {
    const [user, server] = jid.split('@') as [string, string];
    if (server === 'c.us' || server === 's.whatsapp.net') return /^\d{6,}$/.test(user) ? `whatsapp:+${user}` : null;
    if (server === 'lid') return `whatsapp:${jid}`;
    return null; // a group, broadcast list or channel is not one person
  }
  // No jid in the page: an unsaved contact's title is their number.
  const digits = title.replace(/\D/g, '');
  return PHONE_TITLE.test(title) && digits.length >= 8 ? `whatsapp:+${digits}` : null;
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
  read(root, url) {
    if (!root.querySelector(CHAT)) return null;
    const title = chatTitle(root);
    if (!title) throw new SelectorError('whatsapp', 'the chat name');
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
      contact: { name: title.slice(0, 200), email: null, handle: handleOf(jid, title) },
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
/** The row's text block: `data-pre-plain-text` is "[time, date] Author: " (what WhatsApp puts on a copied message). */
const PRE_PLAIN = '.copyable-text[data-pre-plain-text]';
const MESSAGE_TEXT = 'span.selectable-text';

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

/** "[10:31, 25/11/2026] Lucía Fernández: " → "Lucía Fernández". */
function authorName(row: Element): string {
  const pre = row.querySelector(PRE_PLAIN)?.getAttribute('data-pre-plain-text') ?? '';
  return cleanText(/^\[[^\]]*\]\s*(.*?):\s*$/.exec(pre)?.[1], 200);
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
  const contact = row.author
    ? { name: name || row.author, email: null, handle: handleOf(row.author, name) }
    : chat.contact;
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
 * - a group (…@g.us; rows add the author's jid)                          key = group jid, no handle
 * - an account migrated to phone-number hiding: bare message ids         key = title:<chat name>
 */
