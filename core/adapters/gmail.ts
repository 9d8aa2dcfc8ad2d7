import { emailOrNull, firstShown, isShown, mentionedIn, pageTitle, withMentioned } from './generic';
import { GMAIL_MATCHES } from './matches';
import type { ConversationSnapshot } from '../domain/types';
import { SelectorError, cleanText, type SiteAdapter } from './types';

/**
 * Gmail (mail.google.com), thread view only. Sources, read 2026-11-25:
 * InboxSDK `dom-driver/gmail/views/gmail-thread-view.ts`, `gmail-message-view.ts`,
 * `gmail-element-getter.ts` (2025-11-25) and gmail.js `src/gmail.js` (2026-03-25).
 * Selector lists are newest first; the date says since when the variant is seen.
 */

/**
 * The open thread's subject heading, which carries the thread ids. gmail.js
 * (`api.get.thread_id`): "multiple elements contains this attribute, but only
 * the visible header of the visible email is a H2" — list rows carry the ids
 * on spans (`span[data-legacy-thread-id]` in `tr.zA`), never on an h2, and
 * the list's own "Conversations" h2 has no ids (InboxSDK's 2014 capture,
 * `__tests__/injected-thread-identifier.html`).
 */
const THREAD_HEADINGS = [
  /* 2019: both ids */ 'h2[data-legacy-thread-id]',
  /* 2019: a thread without a legacy id yet (gmail.js #531: a message just sent) */ 'h2[data-thread-perm-id]',
] as const;
/**
 * The same heading by Gmail's obfuscated class (gmail.js `api.dom.thread`
 * config `subject: "h2.hP"`; InboxSDK `.ha h2`). Only used to tell "Gmail
 * dropped the id attributes" (an error) from "no thread open" (null).
 */
const THREAD_HEADING_BY_CLASS = ['h2.hP', '.ha h2'] as const;

/** One message of the thread: `div.adn` with its ids (InboxSDK gmail-message-view.ts; gmail.js `.adn[data-message-id]`). */
const MESSAGES = ['[data-message-id]', '[data-legacy-message-id]', 'div.adn'] as const;
/** A message's sender (attributes `email`, `name`). InboxSDK `getSender`; gmail.js `api.dom.email` `from`. */
const SENDERS = [/* 2018 */ 'td.gF span[email]', /* 2017 */ 'span.gD[email]', /* 2016 */ 'h3 span[email]'] as const;
/** A message's recipients (InboxSDK `getRecipients` `.hb span[email]`; gmail.js `to: "span[email].g2"`). */
const RECIPIENTS = ['.hb span[email]', 'span.g2[email]'] as const;

/**
 * The agent's own address. The account button in the top bar (`#gb`) is
 * labelled "Google Account: Name  (address)" (localised prefix, so matched by
 * its sign-out link too); Gmail's tab title ends "- address - Gmail".
 */
const ACCOUNT_BUTTONS = [
  '#gb a[href^="https://accounts.google.com/SignOutOptions"]',
  'a[aria-label^="Google Account"]',
  '[aria-label^="Google Account"]',
] as const;
const TITLE_ADDRESS = /\s-\s([^\s@]+@[^\s@]+\.[^\s@]+)\s-\s[^-]*$/;

/**
 * The inline reply box of the open thread: `div.Am.editable` with
 * `g_editable="true"`, `role="textbox"`, `contenteditable="true"`. Searched in
 * the thread's view only, so a new-message window (outside `[role=main]`) is
 * never taken for the reply.
 */
const COMPOSERS = [
  'div[contenteditable="true"][role="textbox"][g_editable="true"]',
  'div[contenteditable="true"][role="textbox"]',
  'div.editable[contenteditable="true"]',
] as const;

/**
 * Gmail's main content container: one child `div.nH` per view, the inactive
 * ones hidden with inline `display: none` (InboxSDK `getMainContentContainer`,
 * which stopped using `[role=main]` because not every view has it).
 */
const VIEW_STACK = 'div.aeF > div.nH';
const VIEW = '[role="main"]';

/** Site health: the landmarks the reader relies on, by name (never page text). */
const THREAD_ID = 'thread id';
const SUBJECT = 'thread subject';
const SENDER = 'sender email';
/** Gmail's app shell: the view stack, or a main region. Without it the page is still loading (or signed out). */
const APP_SHELL = `${VIEW_STACK}, ${VIEW}`;
/** A thread's address: `#<label>/<id>` (`#inbox/FMfcg…`, `#label/Work/FMfcg…`), where a list is `#inbox` or `#search/words`. */
const THREAD_HASH = /^#(?:(?!search\/|label\/)[a-z-]+|label\/[^/]+|search\/[^/]+)\/[A-Za-z0-9]{16,}$/;

/**
 * Landmarks missing on a page whose address opens a thread while Gmail's app
 * shell is there: a redesign that renamed the heading or the senders. Read
 * off the address, so a list view (no thread) is never a false alarm.
 */
function gmailCheck(root: ParentNode, url: URL): string[] {
  if (!THREAD_HASH.test(url.hash) || !root.querySelector(APP_SHELL)) return [];
  const failed: string[] = [];
  const heading = openThreadHeading(root) ?? firstShown(root, THREAD_HEADING_BY_CLASS);
  if (!heading) failed.push(SUBJECT);
  if (!firstIn(heading?.closest(VIEW) ?? root, SENDERS)) failed.push(SENDER);
  return failed;
}

function openThreadHeading(root: ParentNode): HTMLElement | null {
  return firstShown<HTMLElement>(root, THREAD_HEADINGS);
}

/** Gmail writes a missing id as the literal text "undefined" (gmail.js issue #814, 2025-11). */
function idValue(value: string | null): string | null {
  const id = cleanText(value, 200).replace(/^#/, '');
  return id && id !== 'undefined' && id !== 'null' ? id : null;
}

/**
 * The thread key: the legacy hex id (InboxSDK `getThreadID` keys on it).
 * Without one, the permanent id; its `thread-f:<decimal>` form is the same
 * number as the hex id (InboxSDK `gmail-sync-response-processor.test.ts`:
 * `thread-f:1589064200257780346` ↔ `160d7d788da7ba7a`), so it is written in
 * hex to keep one key per thread. Other forms (`thread-a:r…`, drafts) stay as they are.
 */
function threadKey(heading: Element): string | null {
  const legacy = idValue(heading.getAttribute('data-legacy-thread-id'));
  if (legacy) return legacy.toLowerCase();
  const perm = idValue(heading.getAttribute('data-thread-perm-id'));
  if (!perm) return null;
  const decimal = /^thread-f:(\d{1,20})$/.exec(perm)?.[1];
  return decimal ? BigInt(decimal).toString(16) : perm;
}

/** Subject text; emoji are images carrying `data-emoji` (InboxSDK `getSubject`). Markup stays text. */
function subjectOf(heading: Element): string {
  let text = '';
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) text += child.nodeValue ?? '';
      else if (child.nodeType === 1) {
        const el = child as Element;
        if (el.tagName === 'IMG') text += el.getAttribute('data-emoji') ?? el.getAttribute('alt') ?? '';
        else walk(el);
      }
    }
  };
  walk(heading);
  return cleanText(text);
}

function agentAddress(root: ParentNode): string | null {
  for (const selector of ACCOUNT_BUTTONS) {
    const label = root.querySelector(selector)?.getAttribute('aria-label') ?? '';
    const inBrackets = /\(([^()\s]+@[^()\s]+)\)/.exec(label)?.[1];
    const email = emailOrNull(inBrackets);
    if (email) return email;
  }
  return emailOrNull(TITLE_ADDRESS.exec(pageTitle(root))?.[1]);
}

interface Person {
  name: string;
  email: string | null;
}

function personOf(span: Element): Person {
  return {
    name: cleanText(span.getAttribute('name') || span.textContent, 200),
    email: emailOrNull(span.getAttribute('email')),
  };
}

function firstIn(scope: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const el = scope.querySelector(selector);
    if (el) return el;
  }
  return null;
}

/** The thread's messages, oldest first, each with its sender and recipients. */
function messagesOf(view: ParentNode): { sender: Person | null; recipients: Person[] }[] {
  for (const selector of MESSAGES) {
    const messages = Array.from(view.querySelectorAll(selector));
    if (!messages.length) continue;
    return messages.map((message) => {
      const sender = firstIn(message, SENDERS);
      const recipients = RECIPIENTS.flatMap((s) => Array.from(message.querySelectorAll(s)));
      return { sender: sender ? personOf(sender) : null, recipients: recipients.map(personOf) };
    });
  }
  return [];
}

/**
 * The other party: the first sender who is not the agent; in a thread the
 * agent started, the first recipient who is not the agent. Without the
 * agent's address, the first sender.
 */
function contactOf(view: ParentNode, agent: string | null): Person {
  const messages = messagesOf(view);
  const senders = messages.flatMap((m) => (m.sender ? [m.sender] : []));
  if (!senders.length) throw new SelectorError('gmail', SENDER);
  if (!agent) return senders[0]!;
  const other = (p: Person) => p.email !== null && p.email !== agent;
  return senders.find(other) ?? messages.flatMap((m) => m.recipients).find(other) ?? senders[0]!;
}

/** A message's body (InboxSDK gmail-message-view.ts: `div.ii.gt > div.a3s`). */
const BODY = '.a3s';
/** Inside a body, earlier mail it quotes ("On … wrote:"), Gmail's trimmed content (`div.im`) and quote attribution. */
const QUOTED = '.gmail_quote, .gmail_attr, .gmail_extra, blockquote, .im';

/** What the contact wrote: the bodies of their messages, without what those quote. */
function textsBy(view: ParentNode, email: string | null): string[] {
  if (!email) return [];
  for (const selector of MESSAGES) {
    const messages = Array.from(view.querySelectorAll(selector));
    if (!messages.length) continue;
    return messages.flatMap((message) => {
      const sender = firstIn(message, SENDERS);
      const body = message.querySelector(BODY);
      if (!sender || !body || personOf(sender).email !== email) return [];
      const copy = body.cloneNode(true) as Element;
      copy.querySelectorAll(QUOTED).forEach((el) => el.remove());
      return [copy.textContent ?? ''];
    });
  }
  return [];
}

function threadView(heading: Element, root: ParentNode): ParentNode {
  return heading.closest(VIEW) ?? root;
}

/**
 * The thread's newest message: the last of its messages (Gmail lists them
 * oldest first; collapsed ones keep their ids), keyed by its legacy hex id
 * (gmail.js `data-legacy-message-id`), else its `msg-f:` id. The count is
 * the messages the thread shows. From the customer when its sender is not
 * the agent (or, without the agent's address, is the contact).
 */
function gmailLastMessage(view: ParentNode, agent: string | null, contact: string | null): ConversationSnapshot['lastMessage'] {
  for (const selector of ['[data-legacy-message-id]', '[data-message-id]']) {
    const messages = Array.from(view.querySelectorAll(selector));
    const last = messages[messages.length - 1];
    if (!last) continue;
    const id = idValue(last.getAttribute('data-legacy-message-id'))?.toLowerCase() ?? idValue(last.getAttribute('data-message-id'));
    if (!id) return null;
    const sender = firstIn(last, SENDERS);
    const from = sender ? personOf(sender).email : null;
    return { id, count: messages.length, fromContact: from !== null && (agent ? from !== agent : from === contact) };
  }
  return null;
}

export const gmailAdapter: SiteAdapter = {
  id: 'gmail',
  label: 'Gmail',
  matches: GMAIL_MATCHES,
  // An app shell: the document never scrolls; views, compose windows and menus are fixed or absolute.
  room: 'shell',
  detect(url) {
    return url.hostname === 'mail.google.com';
  },
  landmarks: [THREAD_ID, SUBJECT, SENDER],
  checked: '2026-11-25',
  check: gmailCheck,
  read(root, url) {
    const heading = openThreadHeading(root);
    if (!heading) {
      // A thread heading without ids means Gmail changed, not that nothing is open.
      if (firstShown(root, THREAD_HEADING_BY_CLASS)) throw new SelectorError('gmail', THREAD_ID);
      return null;
    }
    const key = threadKey(heading);
    if (!key) throw new SelectorError('gmail', THREAD_ID);
    const view = threadView(heading, root);
    const contact = contactOf(view, agentAddress(root));
    return {
      source: 'gmail',
      key,
      subject: subjectOf(heading),
      channel: 'email',
      hostUrl: url.href,
      contact: withMentioned({ name: contact.name, email: contact.email, handle: null }, mentionedIn(textsBy(view, contact.email), [contact.email])),
      lastMessage: gmailLastMessage(threadView(heading, root), agentAddress(root), contact.email),
    };
  },
  composer(root) {
    const heading = openThreadHeading(root);
    return heading ? firstShown<HTMLElement>(threadView(heading, root), COMPOSERS) : null;
  },
  // Gmail shows and hides its views with inline style: a style change can be a thread switch.
  observeAttributes: ['style'],
  observeRoot(doc) {
    // Not one [role=main]: Gmail keeps a view per page and toggles them, so an
    // observer on one view would go deaf when the agent opens the next thread.
    const stack = doc.querySelector(VIEW_STACK);
    return stack && isShown(stack) ? stack : doc.body;
  },
};

/* Test pages:
 * - https://mail.google.com/mail/u/0/#inbox                      the list (and the add-on panel) → null
 * - https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWfxkbPqLrq  a thread from a customer
 * - https://mail.google.com/mail/u/0/#sent/KtbxLzGLmGwLkXBjSh    a thread the agent started → the first recipient
 * - https://mail.google.com/mail/u/1/#inbox/…                    Google Workspace: data-thread-perm-id="undefined"
 * - split view (Settings › Inbox › Reading pane): list and thread in one view
 */
