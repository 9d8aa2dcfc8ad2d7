import { emailOrNull, firstShown, mailtoAddress, mentionedIn, withMentioned } from './generic';
import type { ConversationSnapshot } from '../domain/types';
import { NotReadYet, SelectorError, cleanText, type SiteAdapter } from './types';

/**
 * Roundcube webmail (self-hosted: any origin the agent enables, so no default
 * match pattern; recognised by its DOM). Sources, read 2026-11-25: the
 * elastic skin and the PHP that fills it in roundcube/roundcubemail
 * (2026-08-16: `skins/elastic/templates/{mail,message,login,compose}.html`,
 * `includes/layout.html`, `program/actions/mail/show.php` `message_headers`,
 * `program/actions/mail/index.php` `address_string`,
 * `program/include/rcmail_action.php` folder list, `program/js/app.js` row ids),
 * and what a local install showed (Roundcube 1.6 Debian package, elastic).
 *
 * Two ways a message is shown: the full view (`?_task=mail&_action=show&_uid=N&_mbox=M`,
 * its own page), and the preview, loaded into the same-origin
 * `iframe#messagecontframe` of the list page (`?_task=mail&_uid=N&_mbox=M&_framed=1&_action=preview`)
 * without changing the top page's address. The adapter gets the top document
 * and reads the preview through `contentDocument`.
 */

/** Login form (login.html): a Roundcube page, but no mail. */
const LOGIN = '#rcmloginuser';
/** Ids only Roundcube uses: the preview frame, the folder and message lists, a shown message, the compose body. */
const MARKERS = ['iframe#messagecontframe', '#mailboxlist', '#messagelist', '#message-header', 'textarea#composebody'] as const;
/** layout.html: `<body class="task-<task> action-<action>">`. */
const TASK_BODY = 'body[class*="task-"]';
/** The preview frame of the list page (mail.html `contentframe` id). */
const PREVIEW_FRAME = 'iframe#messagecontframe';
/** A shown message's header block (message.html). */
const MESSAGE_HEADER = '#message-header';
/**
 * Its subject: own text of `h2.subject`, which also holds a hidden
 * "Subject: " (`span.voice`) and an "Open in new window" link (`a.extwin`).
 */
const SUBJECT = '#message-header h2.subject';
/**
 * Sender and recipients in the headers table (`message_headers`: `td.header.<name>`),
 * each an `a.rcmContactAddress` whose `href` is `mailto:<address>` (its
 * `title` holds the address too, unless the name is shown with it).
 */
const FROM = '#message-header td.header.from a.rcmContactAddress';
const TO = '#message-header td.header.to a.rcmContactAddress';
/** The summary line ("From X on <date>"; the smart column says "To" in Sent), used when the table is missing. */
const SUMMARY_ADDRESS = '#message-header .header-summary a.rcmContactAddress';
/** The agent's address in the folder pane header (mail.html `header-title username`). */
const USERNAME = '#layout-sidebar .header-title.username';
/** The list's selected message: `tr.message.selected`, id `rcmrow` + base64url(uid) (app.js `html_identifier_encode`). */
const SELECTED_ROW = '#messagelist tr.message.selected[id^="rcmrow"]';
/** The selected folder: `li.mailbox.selected > a[rel=<folder id>]` (rcmail_action.php). */
const SELECTED_FOLDER = '#mailboxlist li.selected > a[rel]';
/** The compose page's body (compose.html); in HTML mode TinyMCE hides it behind its own editor. */
const COMPOSERS = ['textarea#composebody'] as const;
const LAYOUT = '#layout';
/** The shown message's body (message.html `#messagebody`, one `div.message-part` per part). */
const BODY = '#messagebody';

interface Place {
  mbox: string;
  uid: string;
}

function placeInUrl(href: string | null | undefined): Place | null {
  if (!href) return null;
  try {
    const params = new URL(href).searchParams;
    const uid = params.get('_uid') ?? '';
    const mbox = params.get('_mbox') ?? '';
    return /^\d+$/.test(uid) && mbox ? { mbox, uid } : null;
  } catch {
    return null;
  }
}

/** The list selection, when the frame's address can't be read. */
function placeInList(root: ParentNode): Place | null {
  const rowId = root.querySelector(SELECTED_ROW)?.id.slice('rcmrow'.length) ?? '';
  const mbox = root.querySelector(SELECTED_FOLDER)?.getAttribute('rel') ?? '';
  if (!rowId || !mbox) return null;
  try {
    const padded = rowId.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(rowId.length / 4) * 4, '=');
    const uid = atob(padded);
    return /^\d+$/.test(uid) ? { mbox, uid } : null;
  } catch {
    return null;
  }
}

/** The preview frame's document, if it is loaded and readable (same origin). */
function previewDocument(root: ParentNode): Document | null {
  const frame = root.querySelector<HTMLIFrameElement>(PREVIEW_FRAME);
  if (!frame) return null;
  try {
    return frame.contentDocument;
  } catch {
    return null; // another origin: the browser refuses
  }
}

/** The installation: origin and path without `index.php` or the trailing slash, so two installs never share keys. */
function installation(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/index\.php$/i, '').replace(/\/+$/, '')}`;
}

function ownText(el: Element): string {
  return cleanText(
    Array.from(el.childNodes)
      .filter((n) => n.nodeType === 3)
      .map((n) => n.nodeValue)
      .join(' '),
  );
}

interface Person {
  name: string;
  email: string | null;
}

function personOf(link: Element): Person {
  const email = mailtoAddress(link.getAttribute('href')) ?? emailOrNull(link.getAttribute('title'));
  // With `message_show_email` the text is "Name <address>".
  const text = cleanText(link.textContent, 300).replace(/\s*<[^<>]*>\s*$/, '');
  return { name: text && text.toLowerCase() !== email ? text.slice(0, 200) : '', email };
}

/** The other party: the sender, or the first recipient when the agent sent it (then the body is the agent's). */
function contactOf(doc: ParentNode, agent: string | null): Person & { wrote: boolean } {
  const from = doc.querySelector(FROM) ?? doc.querySelector(SUMMARY_ADDRESS);
  if (!from) throw new SelectorError('roundcube', 'sender email');
  const sender = personOf(from);
  if (agent && sender.email === agent) {
    const to = doc.querySelector(TO);
    if (to) return { ...personOf(to), wrote: false };
  }
  return { ...sender, wrote: true };
}

/** What the sender wrote: the message body without the mail it quotes (`blockquote`, plain text and HTML alike). */
function bodyText(doc: ParentNode): string {
  const body = doc.querySelector(BODY);
  if (!body) return '';
  const copy = body.cloneNode(true) as Element;
  copy.querySelectorAll('blockquote').forEach((el) => el.remove());
  return copy.textContent ?? '';
}

/**
 * Whether a page is Roundcube's (its login form, or a task page with one of
 * its own ids): how the "automatic" script (entrypoints/site.content) picks
 * Roundcube's reader.
 */
export function isRoundcube(doc: ParentNode): boolean {
  if (doc.querySelector(LOGIN)) return true;
  return doc.querySelector(TASK_BODY) !== null && MARKERS.some((m) => doc.querySelector(m) !== null);
}

/**
 * Roundcube shows one message per view, and that message is the
 * conversation (its uid is the key): the newest message is the one shown,
 * the customer's unless the agent sent it. A reply arrives as another
 * message, so another conversation.
 */
function roundcubeLastMessage(shown: ParentNode, place: Place, agent: string | null): ConversationSnapshot['lastMessage'] {
  const from = shown.querySelector(FROM) ?? shown.querySelector(SUMMARY_ADDRESS);
  const sender = from ? personOf(from).email : null;
  return { id: `uid:${place.uid}`, count: 1, fromContact: sender !== null && sender !== agent };
}

export const roundcubeAdapter: SiteAdapter = {
  id: 'roundcube',
  label: 'Roundcube',
  matches: [],
  // Elastic is a fixed full-viewport layout whose panes scroll, never the document.
  room: 'shell',
  detect: (_url, doc) => isRoundcube(doc),
  landmarks: ['message id', 'subject', 'sender email'],
  checked: '2026-11-25',
  read(root, url) {
    if (root.querySelector(LOGIN)) return null;
    let shown: ParentNode;
    let place: Place | null;
    if (root.querySelector(MESSAGE_HEADER)) {
      // The full view (or the preview frame's own document, read from inside it).
      shown = root;
      place = placeInUrl(url.href);
    } else {
      const frame = previewDocument(root);
      if (!frame?.querySelector(MESSAGE_HEADER)) {
        // A message arriving in the preview: its header is not parsed yet.
        if (frame && frame.readyState === 'loading' && placeInUrl(frame.URL)) throw new NotReadYet('roundcube');
        return null; // no preview: the list, settings, the watermark
      }
      shown = frame;
      place = placeInUrl(frame.URL) ?? placeInList(root);
    }
    if (!place) throw new SelectorError('roundcube', 'message id');
    const subject = shown.querySelector(SUBJECT);
    if (!subject) throw new SelectorError('roundcube', 'subject');
    const contact = contactOf(shown, emailOrNull(root.querySelector(USERNAME)?.textContent));
    const base = installation(url);
    const show = new URLSearchParams({ _task: 'mail', _mbox: place.mbox, _uid: place.uid, _action: 'show' });
    return {
      source: 'roundcube',
      key: `${base}|${place.mbox}/${place.uid}`.slice(0, 2000),
      subject: ownText(subject),
      channel: 'email',
      // A link that opens this message, even when it was only previewed.
      hostUrl: `${base}/?${show.toString()}`,
      contact: withMentioned(
        { name: contact.name, email: contact.email, handle: null },
        contact.wrote ? mentionedIn([bodyText(shown)], [contact.email]) : [],
      ),
      lastMessage: roundcubeLastMessage(shown, place, emailOrNull(root.querySelector(USERNAME)?.textContent)),
    };
  },
  composer(root) {
    return firstShown<HTMLElement>(root, COMPOSERS);
  },
  observeRoot(doc) {
    // The preview frame's document is another document: the content script
    // re-reads on the frame's `load` as well (seen on a local 1.6 install).
    return doc.querySelector(LAYOUT) ?? doc.body;
  },
};

/* Test pages (https://mail.example.org/roundcube/ stands for any install):
 * - ?_task=login                                           the login form → null
 * - ?_task=mail&_mbox=INBOX                                the list, nothing previewed → null
 * - the same, a message clicked: preview in iframe#messagecontframe (top address unchanged)
 * - ?_task=mail&_action=show&_uid=12&_mbox=INBOX           the full view
 * - ?_task=mail&_action=compose&_id=…                      compose: no conversation, #composebody is the composer
 */
