import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPage } from '../../core/adapters/page';
import { roundcubeAdapter } from '../../core/adapters/roundcube';
import { loadFixture, withoutLastMessage } from './load-fixture';

const BASE = 'https://mail.example.org/roundcube';
const LIST = `${BASE}/?_task=mail&_mbox=INBOX`;
const SHOW_12 = `${BASE}/?_task=mail&_action=show&_uid=12&_mbox=INBOX`;
const PREVIEW_13 = `${BASE}/?_task=mail&_uid=13&_mbox=INBOX&_framed=1&_action=preview`;
const PREVIEW_SENT_7 = `${BASE}/?_task=mail&_uid=7&_mbox=Sent&_framed=1&_action=preview`;

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'roundcube');
const html = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');

/** A parsed framed document that reports the address it was loaded from, as the real frame's document does. */
function framedDocument(file: string, href: string): Document {
  const doc = loadFixture('roundcube', file);
  Object.defineProperty(doc, 'URL', { value: href });
  return doc;
}

/** The list page with the preview frame's document stubbed (DOMParser documents have no browsing context). */
function listWithPreview(frame: Document | null | (() => never), list = '2026-11-25-list-preview.html'): Document {
  const doc = loadFixture('roundcube', list);
  const iframe = doc.querySelector('iframe#messagecontframe')!;
  Object.defineProperty(iframe, 'contentDocument', { get: typeof frame === 'function' ? frame : () => frame });
  return doc;
}

const show = (id: string) => `${BASE}/?_task=mail&_mbox=${id.split('/')[0]}&_uid=${id.split('/')[1]}&_action=show`;

describe('roundcube adapter', () => {
  afterEach(() => {
    document.documentElement.innerHTML = '<head></head><body></body>';
  });

  it.each([
    ['2026-11-25-login.html', true],
    ['2026-11-25-list.html', true],
    ['2026-11-25-message-show.html', true],
    ['2026-11-25-preview-frame.html', true],
    ['2026-11-25-compose.html', true],
  ])('detects %s by its DOM on any origin', (file, expected) => {
    expect(roundcubeAdapter.detect(new URL('https://webmail.example.net/'), loadFixture('roundcube', file))).toBe(expected);
  });

  it('does not take a page for Roundcube for one borrowed id', () => {
    const page = new DOMParser().parseFromString('<body><div id="message-header"><h2 class="subject">Hi</h2></div></body>', 'text/html');
    expect(roundcubeAdapter.detect(new URL('https://blog.example.com/'), page)).toBe(false);
  });

  it.each([
    [
      'the full view, keyed by install, folder and uid; markup in the subject stays text',
      () => loadFixture('roundcube', '2026-11-25-message-show.html'),
      SHOW_12,
      {
        key: `${BASE}|INBOX/12`,
        subject: 'Re: <img src=x onerror=alert(1)> Question about invoice INV-2231',
        hostUrl: show('INBOX/12'),
        contact: { name: 'Ikram Haddad', email: 'ikram.haddad@example.org', handle: null },
      },
    ],
    [
      'the preview in iframe#messagecontframe (the top address is the list)',
      () => listWithPreview(framedDocument('2026-11-25-preview-frame.html', PREVIEW_13)),
      LIST,
      {
        key: `${BASE}|INBOX/13`,
        subject: 'Order #4471 arrived damaged',
        hostUrl: show('INBOX/13'),
        contact: { name: 'Marta Ruiz', email: 'marta.ruiz@example.com', handle: null },
      },
    ],
    [
      'a message the agent sent: the other party is the recipient',
      () => listWithPreview(framedDocument('2026-11-25-preview-frame-sent.html', PREVIEW_SENT_7)),
      LIST,
      {
        key: `${BASE}|Sent/7`,
        subject: 'Your replacement lid',
        hostUrl: show('Sent/7'),
        contact: { name: 'Marta Ruiz', email: 'marta.ruiz@example.com', handle: null },
      },
    ],
    [
      'the preview document itself (a script running inside the frame)',
      () => loadFixture('roundcube', '2026-11-25-preview-frame.html'),
      PREVIEW_13,
      {
        key: `${BASE}|INBOX/13`,
        subject: 'Order #4471 arrived damaged',
        hostUrl: show('INBOX/13'),
        contact: { name: 'Marta Ruiz', email: 'marta.ruiz@example.com', handle: null },
      },
    ],
  ] as const)('reads %s', (_what, load, href, expected) => {
    expect(withoutLastMessage(roundcubeAdapter.read(load(), new URL(href)))).toEqual({ source: 'roundcube', channel: 'email', ...expected });
  });

  it("mentions what the sender wrote in the body, not the mail they quote; nothing from the agent's own sent message", () => {
    const write = (doc: Document, markup: string) => {
      doc.querySelector('#messagebody .pre')!.innerHTML = markup;
      return doc;
    };
    const customer = write(
      framedDocument('2026-11-25-preview-frame.html', PREVIEW_13),
      'Call me on +34 600 111 222 or at marta@home.example.org<br><blockquote>Dana wrote: ring +34 910 000 000, help@example.com</blockquote>',
    );
    expect(roundcubeAdapter.read(listWithPreview(customer), new URL(LIST))!.contact.mentioned).toEqual(['+34600111222', 'marta@home.example.org']);
    const sent = write(framedDocument('2026-11-25-preview-frame-sent.html', PREVIEW_SENT_7), 'Ring us on +34 910 000 000');
    expect(roundcubeAdapter.read(listWithPreview(sent), new URL(LIST))!.contact.mentioned).toBeUndefined();
  });

  it('reads a preview written into a live same-origin frame, whose address is about:blank, by the list selection', () => {
    document.documentElement.innerHTML = html('2026-11-25-list-preview.html').replace(/^[\s\S]*?<html[^>]*>/, '').replace(/<\/html>\s*$/, '');
    const frame = document.querySelector<HTMLIFrameElement>('iframe#messagecontframe')!;
    expect(roundcubeAdapter.read(document, new URL(LIST))).toBeNull(); // the watermark: nothing previewed yet
    frame.contentDocument!.open();
    frame.contentDocument!.write(html('2026-11-25-preview-frame.html'));
    frame.contentDocument!.close();
    expect(roundcubeAdapter.read(document, new URL(LIST))).toMatchObject({ key: `${BASE}|INBOX/13`, subject: 'Order #4471 arrived damaged' });
  });

  it('keeps one key across re-reads and views, and a different key per message and per install', () => {
    const preview = () => roundcubeAdapter.read(listWithPreview(framedDocument('2026-11-25-preview-frame.html', PREVIEW_13)), new URL(LIST))!.key;
    const inside = roundcubeAdapter.read(loadFixture('roundcube', '2026-11-25-preview-frame.html'), new URL(`${BASE}/index.php?_task=mail&_uid=13&_mbox=INBOX&_action=show`))!.key;
    expect(preview()).toBe(preview());
    expect(inside).toBe(preview());
    const full = roundcubeAdapter.read(loadFixture('roundcube', '2026-11-25-message-show.html'), new URL(SHOW_12))!.key;
    const otherInstall = roundcubeAdapter.read(loadFixture('roundcube', '2026-11-25-message-show.html'), new URL(`https://mail.example.org/webmail/?_task=mail&_action=show&_uid=12&_mbox=INBOX`))!.key;
    expect(new Set([preview(), full, otherInstall]).size).toBe(3);
  });

  it.each([
    ['the login page', () => loadFixture('roundcube', '2026-11-25-login.html'), `${BASE}/?_task=login`],
    ['the list with nothing previewed (the frame shows the watermark)', () => listWithPreview(loadFixture('roundcube', '2026-11-25-list.html'), '2026-11-25-list.html'), LIST],
    ['the list whose frame has no document yet', () => listWithPreview(null), LIST],
    ['the list whose frame is another origin', () => listWithPreview(() => { throw new DOMException('Blocked a frame', 'SecurityError'); }), LIST],
    ['the compose page', () => loadFixture('roundcube', '2026-11-25-compose.html'), `${BASE}/?_task=mail&_action=compose&_id=1931664dd5d1d8cbb5e6`],
  ] as const)('reads nothing on %s', (_what, load, href) => {
    expect(roundcubeAdapter.read(load(), new URL(href))).toBeNull();
  });

  it.each([
    ['the message id', () => loadFixture('roundcube', '2026-11-25-message-show.html'), `${BASE}/?_task=mail&_action=show`],
    ['the subject', () => {
      const doc = loadFixture('roundcube', '2026-11-25-message-show.html');
      doc.querySelector('h2.subject')!.remove();
      return doc;
    }, SHOW_12],
    ['the sender', () => {
      const doc = loadFixture('roundcube', '2026-11-25-message-show.html');
      doc.querySelectorAll('a.rcmContactAddress').forEach((a) => a.classList.remove('rcmContactAddress'));
      return doc;
    }, SHOW_12],
    ['the message id of a preview (frame address and list selection both unreadable)', () => {
      const doc = listWithPreview(framedDocument('2026-11-25-preview-frame.html', 'about:blank'));
      doc.querySelector('#messagelist tr.selected')!.classList.remove('selected');
      return doc;
    }, LIST],
  ] as const)('is unreadable without %s', (_what, load, href) => {
    const state = readPage(roundcubeAdapter, load(), href);
    expect(state.kind).toBe('unreadable');
    expect(state.kind === 'unreadable' && state.reason).toMatch(/^roundcube: could not find/);
  });

  it('finds the compose body on the compose page, and none on a message', () => {
    expect(roundcubeAdapter.composer(loadFixture('roundcube', '2026-11-25-compose.html'))?.id).toBe('composebody');
    expect(roundcubeAdapter.composer(loadFixture('roundcube', '2026-11-25-message-show.html'))).toBeNull();
  });

  it('observes #layout', () => {
    expect(roundcubeAdapter.observeRoot(loadFixture('roundcube', '2026-11-25-list.html'))?.id).toBe('layout');
  });
});

describe('roundcube adapter: a preview mid-load', () => {
  it('keeps the previous state (pending) while the next message is still loading in the frame', () => {
    const doc = new DOMParser().parseFromString(
      '<html><body class="task-mail action-none"><table id="messagelist"></table><iframe id="messagecontframe"></iframe></body></html>',
      'text/html',
    );
    const loading = new DOMParser().parseFromString('<html><body></body></html>', 'text/html');
    Object.defineProperty(loading, 'readyState', { value: 'loading' });
    Object.defineProperty(loading, 'URL', { value: 'https://mail.example.org/roundcube/?_task=mail&_uid=14&_mbox=INBOX&_framed=1&_action=preview' });
    Object.defineProperty(doc.querySelector('iframe')!, 'contentDocument', { value: loading });
    expect(readPage(roundcubeAdapter, doc, 'https://mail.example.org/roundcube/?_task=mail&_mbox=INBOX')).toEqual({ kind: 'pending' });
  });
});
