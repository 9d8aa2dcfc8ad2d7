import type { ConversationSnapshot } from '../domain/types';
import { SelectorError, cleanText, elementOf, messageSubject, type SiteAdapter } from './types';

/**
 * The bundled demo inbox (demo/). Its DOM contract is documented in
 * demo/README.md; the attributes below are stable by design.
 */

/** The demo marks itself with this meta tag, so a generic local page is never taken for it. */
const MARKER = 'meta[name="tickets-in-place-demo"]';
/** The open conversation in the reading pane. */
const THREAD = 'article[data-demo-thread]';
const SUBJECT = '[data-demo-subject]';
const CONTACT_NAME = '[data-demo-contact-name]';
const CONTACT_ADDRESS = '[data-demo-contact-address]';
const CONTACT_HANDLE = '[data-demo-contact-handle]';
const COMPOSER = 'textarea[data-demo-composer]';
/** One message of the thread: `data-direction` is `in` (the contact) or `out` (the agent). */
const MESSAGE = 'li[data-demo-message]';
const MESSAGE_BODY = '[data-demo-message-body]';
/** The app shell whose subtree re-renders on every conversation switch. */
const APP_ROOT = '#app';

export const demoAdapter: SiteAdapter = {
  id: 'demo',
  label: 'Demo inbox',
  matches: ['http://127.0.0.1:5174/*', 'http://localhost:5174/*'],
  room: 'self',
  landmarks: ['conversation key'],
  checked: '2026-11-25',
  detect(url, doc) {
    return (url.hostname === '127.0.0.1' || url.hostname === 'localhost') && doc.querySelector(MARKER) !== null;
  },
  read(root, url) {
    const thread = root.querySelector<HTMLElement>(THREAD);
    if (!thread) return null;
    const key = cleanText(thread.dataset.key, 200);
    if (!key) throw new SelectorError('demo', 'conversation key');
    const subject = cleanText(thread.querySelector(SUBJECT)?.textContent);
    const channel = thread.dataset.channel === 'chat' ? 'chat' : 'email';
    const email = cleanText(thread.querySelector(CONTACT_ADDRESS)?.textContent, 320).toLowerCase() || null;
    const handleText = cleanText(thread.querySelector(CONTACT_HANDLE)?.textContent, 200);
    return {
      source: 'demo',
      key,
      subject,
      channel,
      hostUrl: url.href,
      contact: {
        name: cleanText(thread.querySelector(CONTACT_NAME)?.textContent, 200),
        email,
        handle: handleText ? `demo:${handleText}` : null,
      },
      lastMessage: demoLastMessage(thread),
    };
  },
  messageAt: demoMessageAt,
  composer(root) {
    return root.querySelector<HTMLElement>(`${THREAD} ${COMPOSER}`);
  },
  observeRoot(doc) {
    return doc.querySelector(APP_ROOT) ?? doc.body;
  },
};

/** The thread's newest message: its id (`m<n>`, else its position) and whether the contact wrote it. */
function demoLastMessage(thread: Element): ConversationSnapshot['lastMessage'] {
  const messages = thread.querySelectorAll<HTMLElement>(MESSAGE);
  const last = messages[messages.length - 1];
  if (!last) return null;
  const id = cleanText(last.dataset.demoMessageId, 100) || `count:${messages.length}`;
  return { id, count: messages.length, fromContact: last.dataset.direction === 'in' };
}

/** A chat's message from the contact, keyed `<thread key>/<message id>`; the agent's own messages and emails are not. */
function demoMessageAt(node: Node, root: ParentNode, url: URL): ConversationSnapshot | null {
  const message = elementOf(node)?.closest<HTMLElement>(MESSAGE);
  const thread = message?.closest<HTMLElement>(THREAD);
  if (!message || !thread || thread.dataset.channel !== 'chat' || message.dataset.direction !== 'in') return null;
  const id = cleanText(message.dataset.demoMessageId, 100);
  const conversation = id ? demoAdapter.read(root, url) : null;
  if (!conversation) return null;
  return {
    ...conversation,
    key: `${conversation.key}/${id}`.slice(0, 2000),
    subject: messageSubject(message.querySelector(MESSAGE_BODY)?.textContent, conversation.subject),
    lastMessage: { id, count: 1, fromContact: true },
  };
}

/* Test pages (npm run demo):
 * - http://127.0.0.1:5174/            list, nothing open → null
 * - http://127.0.0.1:5174/c/<key>     an email or chat thread open
 */
