// Northwind Support: the demo inbox bundled with Tickets in place.
//
// Vanilla ES module, no build step. Every piece of conversation data reaches the DOM through
// textContent / text nodes / setAttribute, never innerHTML, so markup in the data shows literally.
//
// Routes: `/` (list, nothing open) and `/c/<key>` (that conversation open). List links are
// `<a href="/c/<key>" data-demo-conversation="<key>">`; clicks use history.pushState.
// The open conversation is `<article data-demo-thread data-key data-channel>`; see demo/README.md.

import { AGENT, conversations } from './data.js';

// ---------------------------------------------------------------------------------------------
// DOM helpers
// ---------------------------------------------------------------------------------------------

/**
 * Create an element. `props`: `class`, `text` (textContent), `on<event>` (listener) or any other
 * attribute (set with setAttribute; `true` means present, null/false means absent).
 * Children: nodes or strings (strings become text nodes).
 */
function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An icon from the sprite in index.html (decorative). */
function icon(name, className = 'icon') {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const use = document.createElementNS(SVG_NS, 'use');
  use.setAttribute('href', `#i-${name}`);
  svg.append(use);
  return svg;
}

const $ = (selector, root = document) => root.querySelector(selector);

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

const LOCALE = 'en-US';
const fmtTime = new Intl.DateTimeFormat(LOCALE, { hour: 'numeric', minute: '2-digit' });
const fmtDay = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric' });
const fmtWeekday = new Intl.DateTimeFormat(LOCALE, { weekday: 'short' });
const fmtFull = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit',
});
const fmtRelative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });

/** Whole calendar days between `date` and today (0 = today, 1 = yesterday). */
function daysAgo(date) {
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  const day = new Date(date);
  day.setHours(0, 0, 0, 0);
  return Math.round((today.getTime() - day.getTime()) / 86_400_000);
}

function listTime(iso) {
  const d = new Date(iso);
  const n = daysAgo(d);
  if (n <= 0) return fmtTime.format(d);
  if (n === 1) return 'Yesterday';
  if (n < 7) return fmtWeekday.format(d);
  return fmtDay.format(d);
}

/** Email message time: `[absolute, relative]`, e.g. `['Nov 23, 4:40 PM', '2 days ago']`. */
function emailTime(iso) {
  const d = new Date(iso);
  const n = daysAgo(d);
  if (n <= 0) {
    const minutes = Math.round((Date.now() - d.getTime()) / 60_000);
    const rel = minutes < 60 ? fmtRelative.format(-Math.max(0, minutes), 'minute') : fmtRelative.format(-Math.round(minutes / 60), 'hour');
    return [fmtTime.format(d), rel];
  }
  return [`${fmtDay.format(d)}, ${fmtTime.format(d)}`, fmtRelative.format(-n, 'day')];
}

function chatTime(iso) {
  const d = new Date(iso);
  const n = daysAgo(d);
  if (n <= 0) return fmtTime.format(d);
  if (n === 1) return `Yesterday, ${fmtTime.format(d)}`;
  return `${fmtDay.format(d)}, ${fmtTime.format(d)}`;
}

function timeEl(iso, text, className) {
  return h('time', { class: className, datetime: iso, title: fmtFull.format(new Date(iso)) }, text);
}

function emailTimeEl(iso) {
  const [absolute, relative] = emailTime(iso);
  return h('time', { class: 'msg-time', datetime: iso, title: fmtFull.format(new Date(iso)) },
    absolute, h('span', { class: 'msg-time-rel' }, ` (${relative})`));
}

/** Words made only of letters (and ' . -): markup-ish fragments never make initials or first names. */
function nameWords(name) {
  return name.split(/\s+/).filter((w) => /^[\p{L}][\p{L}'’.-]*$/u.test(w));
}

function initials(name) {
  const words = nameWords(name);
  const picked = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return picked.map((w) => w[0].toUpperCase()).join('') || '?';
}

function firstName(name) {
  return nameWords(name)[0] ?? name;
}

function hue(text) {
  let hash = 0;
  for (const ch of text) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 8;
}

function avatar(name, size = '') {
  return h('span', { class: `avatar ${size}`.trim(), 'data-hue': hue(name), 'aria-hidden': 'true' }, initials(name));
}

function fold(text) {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/** Working copy: sending a reply, reading, starring change it in memory only. */
const convs = conversations.map((c) => ({
  ...c,
  contact: { ...c.contact },
  tags: [...c.tags],
  messages: c.messages.map((m) => ({ ...m })),
}));
const lastMessage = (c) => c.messages[c.messages.length - 1];
convs.sort((a, b) => Date.parse(lastMessage(b).at) - Date.parse(lastMessage(a).at));
const byKey = new Map(convs.map((c) => [c.key, c]));

const FOLDERS = {
  all: { title: 'Inbox', test: () => true },
  unread: { title: 'Unread', test: (c) => c.unread },
  starred: { title: 'Starred', test: (c) => c.starred },
  email: { title: 'Email', test: (c) => c.channel === 'email' },
  chat: { title: 'Chats', test: (c) => c.channel === 'chat' },
};

const ui = {
  /** `all`, `unread`, `starred`, `email`, `chat` or `tag:<name>` */
  folder: 'all',
  query: '',
  /** Key of the conversation rendered in the reading pane; undefined before the first render. */
  renderedKey: undefined,
  /** Unsent composer text per conversation key. */
  drafts: new Map(),
};

/** List links by conversation key. */
const listLinks = new Map();

const TAG_HUES = {
  Billing: 0, Shipping: 1, Account: 2, Returns: 3, Bug: 4, 'Feature request': 5, Technical: 6, Cancellation: 7,
};

// ---------------------------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------------------------

/** The conversation key in the URL: null for the list, '' for a malformed one. */
function routeKey() {
  const match = /^\/c\/([^/]+)\/?$/.exec(location.pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return '';
  }
}

function pathFor(key) {
  return key == null ? '/' : `/c/${encodeURIComponent(key)}`;
}

function navigate(path) {
  if (location.pathname !== path || location.search || location.hash) history.pushState(null, '', path);
  render();
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const target = event.target instanceof Element ? event.target : null;
  const link = target?.closest('a[data-demo-conversation], a[data-route]');
  if (!link) return;
  event.preventDefault();
  navigate(link.hasAttribute('data-demo-conversation') ? pathFor(link.getAttribute('data-demo-conversation')) : '/');
});

window.addEventListener('popstate', () => render({ fromHistory: true }));

// ---------------------------------------------------------------------------------------------
// Rail (folders and labels)
// ---------------------------------------------------------------------------------------------

function renderLabels() {
  const tags = [...new Set(convs.flatMap((c) => c.tags))].sort((a, b) => a.localeCompare(b));
  $('#labels').replaceChildren(
    ...tags.map((tag) =>
      h('li', {},
        h('button', { type: 'button', class: 'folder', 'data-folder': `tag:${tag}`, title: tag },
          h('span', { class: 'tag-dot', 'data-hue': TAG_HUES[tag] ?? hue(tag), 'aria-hidden': 'true' }),
          h('span', { class: 'label' }, tag),
          h('span', { class: 'count', 'data-count': `tag:${tag}` }),
        ),
      ),
    ),
  );
}

function renderRail() {
  for (const button of document.querySelectorAll('.rail .folder')) {
    button.setAttribute('aria-pressed', String(button.getAttribute('data-folder') === ui.folder));
  }
  const unread = (test) => convs.filter((c) => c.unread && test(c)).length;
  const counts = {
    all: unread(() => true),
    unread: unread(() => true),
    starred: convs.filter((c) => c.starred).length,
    email: unread(FOLDERS.email.test),
    chat: unread(FOLDERS.chat.test),
  };
  for (const el of document.querySelectorAll('.rail [data-count]')) {
    const name = el.getAttribute('data-count');
    const n = name.startsWith('tag:') ? unread((c) => c.tags.includes(name.slice(4))) : counts[name];
    el.textContent = n ? String(n) : '';
  }
}

$('.rail').addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('.folder') : null;
  if (!button) return;
  ui.folder = button.getAttribute('data-folder');
  renderRail();
  renderList();
});

// ---------------------------------------------------------------------------------------------
// Conversation list
// ---------------------------------------------------------------------------------------------

function folderTest(folder) {
  if (folder.startsWith('tag:')) {
    const tag = folder.slice(4);
    return (c) => c.tags.includes(tag);
  }
  return (FOLDERS[folder] ?? FOLDERS.all).test;
}

function folderTitle(folder) {
  return folder.startsWith('tag:') ? folder.slice(4) : (FOLDERS[folder] ?? FOLDERS.all).title;
}

function matchesQuery(c, query) {
  if (!query) return true;
  const haystack = [c.subject, c.contact.name, c.contact.address ?? '', c.contact.handle ?? '', ...c.tags, ...c.messages.map((m) => m.body)].join('\n');
  return fold(haystack).includes(fold(query));
}

/** (Re)fill one list link from its conversation; keeps the element itself so focus survives. */
function fillLink(link, c) {
  const last = lastMessage(c);
  const snippet = (last.from === 'agent' ? 'You: ' : '') + last.body.replace(/\s+/g, ' ').trim();
  link.classList.toggle('is-unread', c.unread);
  link.setAttribute('data-channel', c.channel);
  const line2 = c.channel === 'email' ? c.subject : c.contact.handle ?? c.subject;
  link.replaceChildren(
    avatar(c.contact.name),
    h('span', { class: 'conv-main' },
      h('span', { class: 'conv-top' },
        h('span', { class: 'conv-name' }, c.unread ? h('span', { class: 'sr-only' }, 'Unread: ') : null, c.contact.name),
        c.messages.length > 1 && c.channel === 'email' ? h('span', { class: 'conv-n', title: `${c.messages.length} messages` }, String(c.messages.length)) : null,
        timeEl(last.at, listTime(last.at), 'conv-time'),
      ),
      h('span', { class: 'conv-subject' }, line2),
      h('span', { class: 'conv-snippet' }, snippet),
      h('span', { class: 'conv-meta' },
        h('span', { class: `chip chip-channel chip-${c.channel}` }, icon(c.channel === 'email' ? 'mail' : 'chat', 'icon icon-xs'), c.channel === 'email' ? 'Email' : 'Chat'),
        ...c.tags.map((tag) => h('span', { class: 'chip chip-tag' }, h('span', { class: 'tag-dot', 'data-hue': TAG_HUES[tag] ?? hue(tag), 'aria-hidden': 'true' }), tag)),
        c.starred ? h('span', { class: 'conv-star', title: 'Starred' }, icon('star', 'icon icon-xs'), h('span', { class: 'sr-only' }, 'Starred')) : null,
      ),
    ),
  );
}

function renderList() {
  const test = folderTest(ui.folder);
  const visible = convs.filter((c) => test(c) && matchesQuery(c, ui.query));
  listLinks.clear();
  const items = visible.map((c) => {
    const link = h('a', { class: 'conv-link', href: pathFor(c.key), 'data-demo-conversation': c.key });
    fillLink(link, c);
    listLinks.set(c.key, link);
    return h('li', { class: 'conv-item' }, link);
  });
  $('#conv-list').replaceChildren(...items);
  $('#list-empty').hidden = visible.length > 0;
  $('#list-title').textContent = ui.query ? `Search: ${ui.query}` : folderTitle(ui.folder);
  const unread = visible.filter((c) => c.unread).length;
  $('#list-sub').textContent = `${visible.length} conversation${visible.length === 1 ? '' : 's'}${unread ? ` · ${unread} unread` : ''}`;
  syncSelection(routeKey());
}

function refreshListItem(c) {
  const link = listLinks.get(c.key);
  if (link) fillLink(link, c);
  renderRail();
  const visible = [...listLinks.keys()].map((k) => byKey.get(k));
  const unread = visible.filter((x) => x.unread).length;
  $('#list-sub').textContent = `${visible.length} conversation${visible.length === 1 ? '' : 's'}${unread ? ` · ${unread} unread` : ''}`;
}

function syncSelection(key, { reveal = false } = {}) {
  for (const [k, link] of listLinks) {
    if (k === key) {
      link.setAttribute('aria-current', 'true');
      if (reveal) link.scrollIntoView({ block: 'nearest' });
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

const search = $('#search');
search.addEventListener('input', () => {
  ui.query = search.value.trim();
  renderList();
});
search.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && search.value) {
    search.value = '';
    ui.query = '';
    renderList();
  }
});

// ---------------------------------------------------------------------------------------------
// Reading pane
// ---------------------------------------------------------------------------------------------

function renderEmailMessage(c, m) {
  const fromContact = m.from === 'contact';
  const author = fromContact ? c.contact.name : AGENT.name;
  return h('li', { class: `msg msg-email ${fromContact ? 'is-in' : 'is-out'}`, 'data-demo-message': true, 'data-direction': fromContact ? 'in' : 'out' },
    h('div', { class: 'msg-head' },
      avatar(author, fromContact ? '' : 'avatar-agent'),
      h('div', { class: 'msg-from' },
        h('div', { class: 'msg-from-line' },
          h('span', { class: 'msg-author', 'data-demo-message-author': true }, author),
          fromContact && c.contact.address ? h('span', { class: 'msg-address' }, `<${c.contact.address}>`) : h('span', { class: 'msg-address' }, AGENT.team),
        ),
        h('div', { class: 'msg-to' }, `to ${fromContact ? AGENT.team : c.contact.name}`),
      ),
      emailTimeEl(m.at),
    ),
    h('div', { class: 'msg-body', 'data-demo-message-body': true }, m.body),
    m.attachments?.length
      ? h('ul', { class: 'attachments', 'aria-label': 'Attachments' },
          ...m.attachments.map((a) => h('li', { class: 'attachment' }, icon('clip', 'icon icon-sm'), h('span', { class: 'attachment-name' }, a.name), h('span', { class: 'attachment-size' }, a.size))))
      : null,
  );
}

function renderChatMessage(c, m, previous) {
  const fromContact = m.from === 'contact';
  const author = fromContact ? c.contact.name : AGENT.name;
  const grouped = previous && previous.from === m.from && Date.parse(m.at) - Date.parse(previous.at) < 5 * 60_000;
  return h('li', { class: `msg msg-chat ${fromContact ? 'is-in' : 'is-out'}${grouped ? ' is-grouped' : ''}`, 'data-demo-message': true, 'data-direction': fromContact ? 'in' : 'out' },
    h('div', { class: 'msg-meta' },
      h('span', { class: 'msg-author', 'data-demo-message-author': true }, author),
      timeEl(m.at, chatTime(m.at), 'msg-time'),
    ),
    h('div', { class: 'bubble', 'data-demo-message-body': true }, m.body),
  );
}

function renderMessage(c, index) {
  const m = c.messages[index];
  const li = c.channel === 'email' ? renderEmailMessage(c, m) : renderChatMessage(c, m, c.messages[index - 1]);
  // A stable id per message, as Gmail (data-message-id) and Slack (data-msg-ts) give theirs.
  li.setAttribute('data-demo-message-id', `m${index + 1}`);
  return li;
}

function renderThread(c) {
  const { contact } = c;
  const messages = h('ol', { class: `messages messages-${c.channel}`, 'data-demo-messages': true, 'aria-label': 'Messages', tabindex: '0' },
    ...c.messages.map((_, i) => renderMessage(c, i)));

  const star = h('button', {
    type: 'button', class: 'icon-btn star-btn', 'aria-pressed': String(c.starred), 'aria-label': 'Starred', title: 'Star',
  }, icon('star'));
  star.addEventListener('click', () => {
    c.starred = !c.starred;
    star.setAttribute('aria-pressed', String(c.starred));
    refreshListItem(c);
  });

  const close = h('a', { class: 'icon-btn', href: '/', 'data-route': true, 'aria-label': 'Close conversation', title: 'Close' }, icon('close'));

  const identity = c.channel === 'email'
    ? [
        h('span', { class: 'contact-line' },
          h('span', { class: 'contact-name', 'data-demo-contact-name': true }, contact.name),
          h('span', { class: 'contact-address', 'data-demo-contact-address': true }, contact.address ?? ''),
        ),
        h('span', { class: 'contact-extra' }, `${c.messages.length} message${c.messages.length === 1 ? '' : 's'} · Email`),
      ]
    : [
        h('span', { class: 'contact-line' },
          h('span', { class: 'contact-name', 'data-demo-contact-name': true }, contact.name),
          h('span', { class: 'contact-handle', 'data-demo-contact-handle': true }, contact.handle ?? ''),
        ),
        h('span', { class: 'contact-extra' },
          contact.address
            ? [h('span', { class: 'contact-extra-label' }, 'Email'), ' ', h('span', { class: 'contact-address', 'data-demo-contact-address': true }, contact.address), ' · ']
            : null,
          'Chat',
        ),
      ];

  const header = h('div', { class: 'thread-contact' },
    avatar(contact.name, 'avatar-lg'),
    h('div', { class: 'contact-id' }, ...identity),
    h('div', { class: 'thread-tags' }, ...c.tags.map((tag) => h('span', { class: 'chip chip-tag' }, h('span', { class: 'tag-dot', 'data-hue': TAG_HUES[tag] ?? hue(tag), 'aria-hidden': 'true' }), tag))),
    h('div', { class: 'thread-actions' }, star, close),
  );

  // Composer. The extension may insert text and fire `input`: the Send button follows it.
  const composerId = `composer-${c.key}`;
  const textarea = h('textarea', {
    id: composerId,
    class: 'composer',
    'data-demo-composer': true,
    rows: '2',
    placeholder: `Reply to ${firstName(contact.name)}…`,
    'aria-label': `Reply to ${contact.name}`,
    'aria-keyshortcuts': 'Control+Enter Meta+Enter',
  });
  textarea.value = ui.drafts.get(c.key) ?? '';
  const send = h('button', { type: 'submit', class: 'btn btn-primary send-btn' }, icon('send', 'icon icon-sm'), 'Send');
  const counter = h('span', { class: 'reply-hint' });
  const form = h('form', { class: 'reply', 'data-demo-reply': true, 'aria-label': 'Reply' },
    h('div', { class: 'reply-box' },
      h('div', { class: 'reply-to' }, icon('reply', 'icon icon-sm'),
        h('span', {}, c.channel === 'email' ? `Reply to ${contact.name}` : `Message ${contact.handle ?? contact.name}`)),
      textarea,
      h('div', { class: 'reply-bar' }, counter, send),
    ),
  );

  const sync = () => {
    const text = textarea.value;
    send.disabled = text.trim() === '';
    if (text) ui.drafts.set(c.key, text);
    else ui.drafts.delete(c.key);
    counter.textContent = text.trim() ? `${text.trim().length} characters · Ctrl+Enter to send` : `Replying as ${AGENT.name} · Ctrl+Enter to send`;
    autosize(textarea);
  };
  textarea.addEventListener('input', sync);
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = textarea.value.trim();
    if (!body) return;
    c.messages.push({ from: 'agent', at: new Date().toISOString(), body });
    messages.append(renderMessage(c, c.messages.length - 1));
    textarea.value = '';
    sync();
    messages.scrollTop = messages.scrollHeight;
    refreshListItem(c);
    const extra = header.querySelector('.contact-extra');
    if (c.channel === 'email' && extra) extra.textContent = `${c.messages.length} messages · Email`;
    toast(c.channel === 'email' ? 'Reply sent' : 'Message sent');
  });

  const article = h('article', { class: `thread thread-${c.channel}`, 'data-demo-thread': true, 'data-key': c.key, 'data-channel': c.channel, 'aria-labelledby': 'thread-subject' },
    h('h1', { class: 'thread-subject', id: 'thread-subject', 'data-demo-subject': true }, c.subject),
    header,
    messages,
    form,
  );
  return { article, messages, sync };
}

function autosize(textarea) {
  textarea.style.height = 'auto';
  textarea.style.height = `${Math.min(textarea.scrollHeight + 2, 240)}px`;
}

function renderReading(key) {
  if (key === ui.renderedKey) return;
  ui.renderedKey = key;
  const pane = $('#reading');
  const c = key == null ? undefined : byKey.get(key);
  if (!c) {
    const tpl = /** @type {HTMLTemplateElement} */ ($(key == null ? '#tpl-empty' : '#tpl-not-found'));
    pane.replaceChildren(tpl.content.cloneNode(true));
    document.title = key == null ? inboxTitle() : 'Not found — Northwind Support';
    return;
  }
  const { article, messages, sync } = renderThread(c);
  pane.replaceChildren(article);
  sync();
  if (c.channel === 'chat') messages.scrollTop = messages.scrollHeight;
  if (c.unread) {
    c.unread = false;
    refreshListItem(c);
  }
  document.title = `${c.subject} — Northwind Support`;
  announce(`Opened ${c.subject}`);
}

function inboxTitle() {
  const unread = convs.filter((c) => c.unread).length;
  return `Inbox${unread ? ` (${unread})` : ''} — Northwind Support`;
}

// ---------------------------------------------------------------------------------------------
// Feedback
// ---------------------------------------------------------------------------------------------

function announce(text) {
  $('#announcer').textContent = text;
}

let toastTimer = 0;
function toast(text) {
  const el = $('#toast');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.hidden = true;
  }, 2400);
}

// ---------------------------------------------------------------------------------------------
// Keyboard shortcuts: j / k next / previous conversation, / search.
// Ignored while typing anywhere, including inside other scripts' shadow roots (the extension).
// ---------------------------------------------------------------------------------------------

function isTyping(event) {
  const origin = event.composedPath()[0];
  if (!(origin instanceof Element)) return false;
  if (origin.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return true;
  // Keys from inside a shadow root (e.g. the extension's sidebar) or outside the app are not ours.
  return origin.getRootNode() !== document || !(origin === document.body || origin.closest('#app'));
}

document.addEventListener('keydown', (event) => {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
  if (event.key === '/') {
    event.preventDefault();
    search.focus();
    search.select();
  } else if (event.key === 'j' || event.key === 'k') {
    const keys = [...listLinks.keys()];
    if (!keys.length) return;
    const current = keys.indexOf(routeKey() ?? '');
    const next = current === -1 ? 0 : Math.min(keys.length - 1, Math.max(0, current + (event.key === 'j' ? 1 : -1)));
    event.preventDefault();
    navigate(pathFor(keys[next]));
    const link = listLinks.get(keys[next]);
    link?.focus();
  }
});

// ---------------------------------------------------------------------------------------------
// Boot
// ---------------------------------------------------------------------------------------------

function render({ fromHistory = false } = {}) {
  const key = routeKey();
  renderReading(key);
  syncSelection(key, { reveal: fromHistory });
  if (key == null) document.title = inboxTitle();
}

renderLabels();
renderRail();
renderList();
render({ fromHistory: true });
