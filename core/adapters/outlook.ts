import { emailOrNull, firstShown, isShown } from './generic';
import { OUTLOOK_MATCHES } from './matches';
import type { ConversationSnapshot } from '../domain/types';
import { SelectorError, cleanText, type SiteAdapter } from './types';

/**
 * Outlook on the web (work: outlook.office.com, outlook.office365.com,
 * outlook.cloud.microsoft; personal: outlook.live.com), the reading pane.
 * Sources, read 2026-11-25: mailvelope `src/content-scripts/outlookIntegration.js`
 * (2025), toggl track-extension `src/content/outlook.js` (2024-09), and a
 * 2025–2026 Outlook automation that lists its live-checked selectors
 * (`div[role="option"][data-convid]`, `span[title*="@"]`, the `/id/` URL).
 * Newest first; Outlook's classes (`.aVla3`…) are obfuscated, so none is used.
 */

/**
 * The selected conversation in the message list and its id. mailvelope:
 * `#MailList [aria-selected="true"]` → `data-convid`; list rows are
 * `div[role="option"][data-convid]` (2025–2026).
 */
const SELECTED_CONVERSATIONS = [
  /* 2025 */ '#MailList [aria-selected="true"][data-convid]',
  /* 2025 */ '[role="option"][aria-selected="true"][data-convid]',
] as const;
/**
 * The open item in the address bar: `/mail/inbox/id/<id>`, `/mail/0/inbox/id/<id>`,
 * `/mail/<shared mailbox>/inbox/id/<id>`, `/mail/deeplink/read/<id>` (popped out).
 * Only under /mail/: calendar items have ids too.
 */
const URL_ITEM_ID = /^\/mail\/(?:.*\/)?(?:id|deeplink\/read)\/([^/?#]+)/;

/** The reading pane (toggl 2024: `#ReadingPaneContainerId`). */
const READING_PANES = [/* 2024 */ '#ReadingPaneContainerId'] as const;
/** The conversation's subject; `title` holds it untruncated (toggl 2024: `div[role="heading"][title]`). */
const SUBJECTS = [/* 2024 */ '[role="heading"][title]'] as const;
/**
 * A message's sender persona: its address is in a `title` (2025–2026:
 * `span[title*="@"]`). `[data-testid="SenderPersona"]` recurs in public
 * extensions but is unconfirmed on a capture, so it is tried first and the
 * title alone is the fallback.
 */
const PERSONAS = [/* unconfirmed */ '[data-testid="SenderPersona"] [title*="@"]', /* 2025 */ 'span[title*="@"]'] as const;
/** The agent's own mailbox in the folder pane: `data-folder-name` or `title` is the address (mailvelope 2025). */
const OWN_MAILBOX = '[id^="primaryMailboxRoot"]';
/** The inline reply body: `div[role="textbox"][contenteditable="true"]` (aria-label "Message body…"). */
const COMPOSERS = ['[role="textbox"][contenteditable="true"]', 'div[aria-label^="Message body"][contenteditable="true"]'] as const;
/** Recipient pickers and the reply body: never the other party's persona. */
const EDITING = '[contenteditable="true"], [role="textbox"], [role="combobox"]';

const ADDRESS = /[^\s<>()"',;]+@[^\s<>()"',;]+\.[a-z]{2,}/i;

function selectedConversation(root: ParentNode): string | null {
  for (const selector of SELECTED_CONVERSATIONS) {
    const id = cleanText(root.querySelector(selector)?.getAttribute('data-convid'), 1000);
    if (id) return id;
  }
  return null;
}

function urlItemId(url: URL): string | null {
  const raw = URL_ITEM_ID.exec(url.pathname)?.[1];
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function agentAddress(root: ParentNode): string | null {
  const mailbox = root.querySelector(OWN_MAILBOX);
  return emailOrNull(mailbox?.getAttribute('data-folder-name')) ?? emailOrNull(mailbox?.getAttribute('title'));
}

interface Person {
  name: string;
  email: string | null;
}

/** "Ana García<ana@…>" or "Ana García" with the address in `title`. */
function personOf(el: Element): Person {
  const title = el.getAttribute('title') ?? '';
  const email = emailOrNull(ADDRESS.exec(title)?.[0]);
  const name = cleanText((el.textContent ?? '').replace(/<[^<>]*@[^<>]*>/g, '').replace(ADDRESS, ''), 200);
  return { name, email };
}

/**
 * Personas in the pane in page order. Outlook may show the newest message
 * first, so the caller takes the first one that is not the agent's: the other
 * party whichever way the thread is sorted.
 */
function personasOf(pane: ParentNode): Person[] {
  for (const selector of PERSONAS) {
    const found = Array.from(pane.querySelectorAll(selector))
      .filter((el) => isShown(el) && !el.closest(EDITING))
      .map(personOf)
      .filter((p) => p.email !== null);
    if (found.length) return found;
  }
  return [];
}

/** The conversation's messages in the reading pane: a list of "Email message" items (2025 fixture, `role` only: the label is localised). */
const PANE_MESSAGES = '[role="list"] > [role="listitem"]';

/**
 * Outlook's messages carry no id a page can read, so the newest is known by
 * the count of messages the reading pane lists (`count:<n>`). Outlook sorts
 * a conversation newest first or last (a setting): the newest is at one end,
 * so it is the customer's when neither end's sender is the agent. Without
 * the agent's address it can't tell.
 */
function outlookLastMessage(pane: ParentNode, agent: string | null): ConversationSnapshot['lastMessage'] {
  const messages = Array.from(pane.querySelectorAll(PANE_MESSAGES)).filter(isShown);
  if (!messages.length) return null;
  // A message's sender is its first persona, before the To and Cc lines.
  const senderOf = (message: Element) => {
    const persona = PERSONAS.map((p) => message.querySelector(p)).find((el) => el !== null);
    return persona ? personOf(persona).email : null;
  };
  const ends = [senderOf(messages[0]!), senderOf(messages[messages.length - 1]!)];
  const fromContact = agent !== null && ends.every((email) => email !== null && email !== agent);
  return { id: `count:${messages.length}`, count: messages.length, fromContact };
}

export const outlookAdapter: SiteAdapter = {
  id: 'outlook',
  label: 'Outlook',
  matches: OUTLOOK_MATCHES,
  // An app shell (#appRoot over the whole viewport); the document never scrolls.
  room: 'shell',
  detect(url) {
    return ['outlook.office.com', 'outlook.office365.com', 'outlook.cloud.microsoft', 'outlook.live.com'].includes(url.hostname);
  },
  // Site health: what `read` throws covers an open item (the address or a selected row says so).
  landmarks: ['reading pane', 'subject', 'sender email'],
  checked: '2026-11-25',
  read(root, url) {
    const fromUrl = urlItemId(url);
    const key = selectedConversation(root) ?? fromUrl;
    if (!key) return null;
    const pane = firstShown<HTMLElement>(root, READING_PANES);
    if (!pane) throw new SelectorError('outlook', 'reading pane');
    const heading = firstShown<HTMLElement>(pane, SUBJECTS);
    if (!heading) {
      // A row selected with nothing in the pane (reading pane off, several
      // rows picked) is no conversation; an item in the address bar is one.
      if (fromUrl) throw new SelectorError('outlook', 'subject');
      return null;
    }
    const personas = personasOf(pane);
    if (!personas.length) throw new SelectorError('outlook', 'sender email');
    const agent = agentAddress(root);
    const contact = personas.find((p) => p.email !== agent) ?? personas[0]!;
    return {
      source: 'outlook',
      key,
      subject: cleanText(heading.getAttribute('title') || heading.textContent),
      channel: 'email',
      hostUrl: url.href,
      contact: { name: contact.name, email: contact.email, handle: null },
      lastMessage: outlookLastMessage(pane, agent),
    };
  },
  composer(root) {
    const pane = firstShown<HTMLElement>(root, READING_PANES);
    return pane ? firstShown<HTMLElement>(pane, COMPOSERS) : null;
  },
  observeRoot(doc) {
    // The list and the reading pane are siblings deep in one React root that
    // re-renders both; the body is the narrowest element sure to survive.
    return doc.body;
  },
};

/* Test pages:
 * - https://outlook.office.com/mail/                         inbox, nothing selected → null
 * - https://outlook.office.com/mail/inbox/id/AAQkADAw…       a conversation selected in the list
 * - https://outlook.live.com/mail/0/inbox/id/AAQkADAw…       personal account, list hidden: key from the URL
 * - https://outlook.cloud.microsoft/mail/deeplink/read/…     a message popped out
 */
