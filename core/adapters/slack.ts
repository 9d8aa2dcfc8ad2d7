import { firstShown, mentionedIn, withMentioned } from './generic';
import { SLACK_MATCHES } from './matches';
import type { ConversationSnapshot } from '../domain/types';
import { SelectorError, cleanText, elementOf, messageSubject, type SiteAdapter } from './types';

/**
 * Slack in the browser (app.slack.com): a channel, a direct message, or the
 * thread open in the right-hand pane (then the thread is the conversation).
 * Sources, read 2026-11-25: toggl track-extension `src/content/slack.js`
 * (2024-05: `[data-qa="channel_name"]`); a saved Slack message (2024-01) with
 * `data-qa="message_sender_name"` / `data-message-sender="U…"`; a thread
 * fixture trimmed from a 2026-09-05 live snapshot (`data-msg-ts`,
 * `data-msg-channel-id`, `[data-qa="threads_flexpane"]`); a selector map
 * checked on the live app 2026-09-29 (composer `data-channel-id`,
 * `data-view-context`, `data-thread-ts`; "the URL can read /dms or
 * /activity-inbox instead of the conversation id"; "the URL doesn't change
 * for threads"). Slack's `data-qa` hooks are its own test ids: preferred.
 */

/**
 * `/client/<team>/<conversation>[/thread/<conversation>-<ts>]`. Teams are
 * `T…` (or `E…` on Enterprise Grid); conversations `C…` channel, `G…`
 * private or group, `D…` direct message. A thread link may name another
 * conversation than the one behind it (opened from Activity), so its own
 * conversation id is kept.
 */
const CLIENT_ROUTE = /^\/client\/([TE][A-Z0-9]{2,})(?:\/([CDG][A-Z0-9]{2,}))?(?:\/thread\/([CDG][A-Z0-9]{2,})-(\d+\.\d+))?/;

/** The conversation header's name (toggl 2024; live 2026-09-29). */
const CHANNEL_NAMES = ['[data-qa="channel_name"]'] as const;
/** The composer of the conversation (not of a thread): it names the conversation it posts to. */
const CHANNEL_COMPOSERS = ['[data-qa="message_input"][data-view-context="Channel"][data-channel-id]'] as const;
/** The message list of the conversation; each message names its conversation. */
const PANE_MESSAGES = ['[data-qa="message_pane"] [data-qa="message_container"][data-msg-channel-id]'] as const;
/** The thread pane (2026-09-05); its dialog wrapper is labelled "Thread in channel <name>". */
const THREAD_PANE = '[data-qa="threads_flexpane"]';
const THREAD_DIALOG = '[role="dialog"][aria-label]';
/** The thread's root message: marked `--root` (2026-09-05), else the pane's first message. */
const THREAD_ROOTS = [
  `${THREAD_PANE} .c-message_kit__thread_message--root[data-msg-ts]`,
  `${THREAD_PANE} [data-qa="message_container"][data-msg-ts]`,
] as const;
const THREAD_COMPOSER = '[data-qa="message_input"][data-view-context="Thread"]';
/** A message's author button: text = display name, `data-message-sender` = member id (2024-01). */
const SENDERS = ['[data-qa="message_sender_name"][data-message-sender]', 'button[data-message-sender]'] as const;
const MESSAGE_TEXT = '[data-qa="message-text"]';
/** Every message of a list; a follow-up by the same author shows no sender button (2024-01). */
const MESSAGES = '[data-qa="message_container"]';
/** Inside a message, text that is not the author's own words: a `>` quote, a shared or unfurled message. */
const NOT_OWN = 'blockquote, .c-mrkdwn__quote, .c-message_attachment, .c-message_kit__attachments, [data-qa="message_attachment"]';
/** The sidebar row of the open conversation: its type says `im` for a direct message. */
const sidebarRow = (id: string) => `[data-qa-channel-sidebar-channel-id="${id}"]`;
/** The message editor (Quill): `[contenteditable="true"].ql-editor` inside the composer. */
const EDITORS = ['[contenteditable="true"]', '.ql-editor'] as const;
/** The client's outer container, which outlives conversation and tab switches (2024-01 page path). */
const CLIENT = '.p-client_container';

const CONVERSATION_ID = /^[CDG][A-Z0-9]{2,}$/;

interface Member {
  name: string;
  handle: string | null;
}

function memberOf(sender: Element | null): Member | null {
  if (!sender) return null;
  const id = sender.getAttribute('data-message-sender') ?? '';
  return {
    name: cleanText(sender.textContent, 200),
    handle: /^[UW][A-Z0-9]{2,}$/.test(id) ? `slack:${id}` : null,
  };
}

function firstSender(scope: ParentNode): Element | null {
  for (const selector of SENDERS) {
    const el = scope.querySelector(selector);
    if (el) return el;
  }
  return null;
}

/**
 * The conversation on screen: the composer's and the messages' own ids first,
 * the address bar last. `shown` says whether the page itself shows it (the
 * address alone can lag behind a switch to Activity or another tab).
 */
function openConversation(root: ParentNode, routeId: string | undefined): { id: string; shown: boolean } | null {
  const valid = (id: string | null | undefined): id is string => !!id && CONVERSATION_ID.test(id);
  const onPage = [
    firstShown(root, CHANNEL_COMPOSERS)?.getAttribute('data-channel-id'),
    firstShown(root, PANE_MESSAGES)?.getAttribute('data-msg-channel-id'),
  ].find(valid);
  if (onPage) return { id: onPage, shown: true };
  return valid(routeId) ? { id: routeId, shown: false } : null;
}

interface Thread {
  channel: string;
  ts: string;
  root: Element | null;
  pane: Element | null;
}

function openThread(root: ParentNode, route: RegExpExecArray | null): Thread | null {
  const pane = firstShown(root, [THREAD_PANE]);
  const rootMessage = pane ? firstShown(root, THREAD_ROOTS) : null;
  const composer = pane?.querySelector(THREAD_COMPOSER);
  const ts = rootMessage?.getAttribute('data-msg-ts') ?? composer?.getAttribute('data-thread-ts') ?? (route?.[4] || null);
  const channel = rootMessage?.getAttribute('data-msg-channel-id') ?? composer?.getAttribute('data-channel-id') ?? (route?.[3] || null);
  if (!ts || !channel) return null;
  if (!/^\d+\.\d+$/.test(ts) || !CONVERSATION_ID.test(channel)) throw new SelectorError('slack', 'thread id');
  return { channel, ts, root: rootMessage, pane };
}

/** A message's own text, without what it quotes or shares. */
function ownText(message: Element): string {
  const text = message.querySelector(MESSAGE_TEXT);
  if (!text) return '';
  const copy = text.cloneNode(true) as Element;
  copy.querySelectorAll(NOT_OWN).forEach((el) => el.remove());
  return copy.textContent ?? '';
}

/**
 * What one member wrote in a message list, each follow-up counted for the
 * author above it. Read in direct messages only, where the other member is the customer.
 */
function textsBy(scope: ParentNode | null, handle: string | null): string[] {
  if (!scope || !handle) return [];
  const texts: string[] = [];
  let author: string | null = null;
  for (const message of Array.from(scope.querySelectorAll(MESSAGES))) {
    const sender = firstSender(message);
    if (sender) author = memberOf(sender)?.handle ?? null;
    if (author === handle) texts.push(ownText(message));
  }
  return texts;
}

function isDirectMessage(root: ParentNode, id: string): boolean {
  const type = root.querySelector(sidebarRow(id))?.getAttribute('data-qa-channel-sidebar-channel-type');
  return type ? type === 'im' : id.startsWith('D');
}

/** The other member of a direct message: the header names them; their messages carry their id. */
function directMessageContact(root: ParentNode, name: string): Member {
  for (const selector of SENDERS) {
    for (const sender of Array.from(root.querySelectorAll(`[data-qa="message_pane"] ${selector}`))) {
      if (cleanText(sender.textContent, 200) === name) return memberOf(sender)!;
    }
  }
  return { name, handle: null };
}

export const slackAdapter: SiteAdapter = {
  id: 'slack',
  label: 'Slack',
  matches: SLACK_MATCHES,
  // An app shell (.p-client_container over the whole viewport); the document never scrolls.
  room: 'shell',
  detect(url) {
    return url.hostname === 'app.slack.com';
  },
  landmarks: ['workspace id', 'thread id', 'conversation name'],
  checked: '2026-11-25',
  read(root, url) {
    const route = CLIENT_ROUTE.exec(url.pathname);
    const thread = openThread(root, route);
    const conversation = openConversation(root, route?.[2]);
    if (!thread && !conversation) return null;
    const team = route?.[1];
    if (!team) throw new SelectorError('slack', 'workspace id');
    const header = cleanText(firstShown(root, CHANNEL_NAMES)?.textContent, 300);

    if (thread) {
      const rootText = cleanText(thread.root?.querySelector(MESSAGE_TEXT)?.textContent, 200);
      const where = cleanText(thread.pane?.closest(THREAD_DIALOG)?.getAttribute('aria-label'), 300);
      const author = memberOf(thread.root ? firstSender(thread.root) : null);
      return {
        source: 'slack',
        key: `slack:${team}/${thread.channel}/thread/${thread.ts}`,
        subject: rootText || where || (header ? `Thread in ${header}` : 'Thread'),
        channel: 'chat',
        hostUrl: `${url.origin}/client/${team}/${thread.channel}/thread/${thread.channel}-${thread.ts}`,
        // No `mentioned` here: in a team channel the root's author is often a teammate quoting the customer's address.
        contact: { name: author?.name ?? '', email: null, handle: author?.handle ?? null },
        lastMessage: slackLastMessage(thread.pane, author?.handle ?? null),
      };
    }

    const { id, shown } = conversation!;
    if (!header) {
      // Only the address names a conversation and nothing of it is on the page: not open (yet).
      if (!shown) return null;
      throw new SelectorError('slack', 'conversation name');
    }
    const contact = isDirectMessage(root, id) ? directMessageContact(root, header) : { name: '', handle: null };
    return {
      source: 'slack',
      key: `slack:${team}/${id}`,
      subject: header,
      channel: 'chat',
      hostUrl: `${url.origin}/client/${team}/${id}`,
      contact: withMentioned(
        { name: contact.name, email: null, handle: contact.handle },
        mentionedIn(textsBy(root.querySelector('[data-qa="message_pane"]'), contact.handle)),
      ),
      lastMessage: slackLastMessage(firstShown(root, [MESSAGE_PANE]), contact.handle),
    };
  },
  messageAt: slackMessageAt,
  composer(root) {
    const pane = firstShown(root, [THREAD_PANE]);
    if (pane) return firstShown<HTMLElement>(pane, EDITORS.map((e) => `[data-qa="message_input"] ${e}`));
    const box = firstShown(root, CHANNEL_COMPOSERS) ?? firstShown(root, ['[data-qa="message_input"]']);
    return box ? firstShown<HTMLElement>(box, EDITORS) : null;
  },
  observeRoot(doc) {
    return doc.querySelector(CLIENT) ?? doc.body;
  },
};

/** A message list: the conversation's (`message_pane`) or the thread's (`threads_flexpane`). */
const MESSAGE_PANE = '[data-qa="message_pane"]';
/** One message; `data-msg-ts` is its id (the `p<ts>` of its permalink), `data-msg-channel-id` its conversation. */
const MESSAGE = '[data-qa="message_container"][data-msg-ts]';
const TS = /^\d+\.\d+$/;

/**
 * The author of a message. Slack names the author once for a run of
 * messages by the same member: a follow-up without a sender has the one of
 * the nearest message above it.
 */
function authorOf(message: Element, list: ParentNode): Member | null {
  const messages = Array.from(list.querySelectorAll(MESSAGE));
  for (let i = messages.indexOf(message); i >= 0; i--) {
    const sender = firstSender(messages[i]!);
    if (sender) return memberOf(sender);
  }
  return null;
}

/**
 * The newest message the list shows (Slack renders a window of the history:
 * the count is what is loaded). From the contact when its author is the
 * conversation's member; a channel has no contact, so nothing there is.
 */
function slackLastMessage(list: ParentNode | null | undefined, contact: string | null): ConversationSnapshot['lastMessage'] {
  if (!list) return null;
  const messages = Array.from(list.querySelectorAll(MESSAGE));
  const last = messages[messages.length - 1];
  const ts = last?.getAttribute('data-msg-ts') ?? '';
  if (!last || !TS.test(ts)) return null;
  const author = authorOf(last, list)?.handle ?? null;
  return { id: ts, count: messages.length, fromContact: contact !== null && author === contact };
}

/**
 * One message as its own conversation (a customer's question in a busy
 * channel), keyed like its permalink (`/archives/<channel>/p<ts without the dot>`)
 * within the workspace; the contact is its author.
 */
function slackMessageAt(node: Node, root: ParentNode, url: URL): ConversationSnapshot | null {
  const message = elementOf(node)?.closest(MESSAGE);
  const list = message?.closest(`${MESSAGE_PANE}, ${THREAD_PANE}`);
  const team = CLIENT_ROUTE.exec(url.pathname)?.[1];
  if (!message || !list || !team) return null;
  const ts = message.getAttribute('data-msg-ts') ?? '';
  const channel = message.getAttribute('data-msg-channel-id') ?? '';
  const author = authorOf(message, list);
  if (!TS.test(ts) || !CONVERSATION_ID.test(channel) || !author?.handle) return null;
  const where = cleanText(firstShown(root, CHANNEL_NAMES)?.textContent, 300);
  return {
    source: 'slack',
    key: `slack:${team}/${channel}/p${ts.replace('.', '')}`,
    subject: messageSubject(message.querySelector(MESSAGE_TEXT)?.textContent, where || 'Slack'),
    channel: 'chat',
    hostUrl: `${url.origin}/client/${team}/${channel}`,
    contact: { name: author.name, email: null, handle: author.handle },
    lastMessage: { id: ts, count: 1, fromContact: true },
  };
}

/* Test pages:
 * - https://app.slack.com/client/T0123ABCD/C0456EFGH                          a channel
 * - https://app.slack.com/client/T0123ABCD/D0789IJKL                          a direct message: contact = the other member
 * - the same, thread pane open (the URL stays on the channel)                 the thread is the conversation
 * - https://app.slack.com/client/T0123ABCD/C0456EFGH/thread/C0456EFGH-1764…   a thread link
 * - https://app.slack.com/client/T0123ABCD/activity-inbox                     no conversation → null
 */
