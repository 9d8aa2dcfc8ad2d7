import { gmailAdapter } from '../../core/adapters/gmail';
import { readPage } from '../../core/adapters/page';
import { loadFixture, withoutLastMessage } from './load-fixture';

const INBOX = 'https://mail.google.com/mail/u/0/#inbox';
const THREAD_A = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWfxkbPqLrqvTqBxvKsRlmdN';
const THREAD_B = 'https://mail.google.com/mail/u/0/#sent/KtbxLzGLmGwLkXBjShRlCqPnJpWvDdQq';
const THREAD_C = 'https://mail.google.com/mail/u/1/#inbox/FMfcgzQXKbNmVqTzHpGrLwSdXcFjKtZb';

const read = (file: string, href: string) => gmailAdapter.read(loadFixture('gmail', file), new URL(href));

describe('gmail adapter', () => {
  it.each([
    [true, 'https://mail.google.com/mail/u/0/#inbox'],
    [true, 'https://mail.google.com/mail/u/3/#label/support/FMfcgz'],
    [false, 'https://calendar.google.com/calendar/u/0/r'],
    [false, 'https://mail.example.org/roundcube/?_task=mail'],
  ])('detect → %s for %s', (expected, href) => {
    expect(gmailAdapter.detect(new URL(href), loadFixture('gmail', '2026-11-25-list-with-addon-panel.html'))).toBe(expected);
  });

  it.each([
    [
      '2026-11-25-thread-customer.html',
      THREAD_A,
      {
        key: '19ad0b8c4f2e114e',
        subject: 'Order #4471 arrived damaged 📦',
        contact: { name: 'Marta Ruiz', email: 'marta.ruiz@example.com', handle: null },
      },
    ],
    [
      // The phone the customer gives is mentioned; the shop's own number and address in the mail she quotes are not.
      '2026-12-07-thread-customer-mentions.html',
      THREAD_A,
      {
        key: '19ad0b8c4f2e114e',
        subject: 'Order #4471 arrived damaged 📦',
        contact: { name: 'Marta Ruiz', email: 'marta.ruiz@example.com', handle: null, mentioned: ['+34600111222'] },
      },
    ],
    [
      // The agent wrote every message: the other party is the first recipient who is not the agent.
      // The thread opened before it (19ad0b8c4f2e114e) is still in the DOM, hidden: not read.
      '2026-11-25-thread-agent-started.html',
      THREAD_B,
      {
        key: '19ab7e01c3d95a20',
        subject: 'Question about invoice INV-2231',
        contact: { name: 'Ikram Haddad', email: 'ikram.haddad@example.org', handle: null },
      },
    ],
    [
      // data-thread-perm-id="undefined" (gmail.js #814): keyed on the legacy id; the agent's
      // first message is skipped for the customer's reply; the address is lower-cased.
      '2026-11-25-thread-perm-id-undefined.html',
      THREAD_C,
      {
        key: '19ac2f6e8b1d7c03',
        subject: 'Re: <img src=x onerror=alert(1)> refund & "return" <b>label</b>',
        contact: { name: 'Émile Rousseau', email: 'emile.rousseau@example.org', handle: null },
      },
    ],
  ] as const)('reads %s', (file, href, expected) => {
    expect(withoutLastMessage(read(file, href))).toEqual({ source: 'gmail', channel: 'email', hostUrl: href, ...expected });
  });

  it('keeps one key across re-reads and a different key per thread', () => {
    const a1 = read('2026-11-25-thread-customer.html', THREAD_A)!.key;
    const a2 = read('2026-11-25-thread-customer.html', THREAD_A)!.key;
    const b = read('2026-11-25-thread-agent-started.html', THREAD_B)!.key;
    const c = read('2026-11-25-thread-perm-id-undefined.html', THREAD_C)!.key;
    expect(a2).toBe(a1);
    expect(new Set([a1, b, c]).size).toBe(3);
  });

  it('reads nothing on the list view, whose h2, span[email] senders and span[data-legacy-thread-id] subjects are no thread', () => {
    const doc = loadFixture('gmail', '2026-11-25-list-with-addon-panel.html');
    expect(doc.querySelectorAll('h2').length).toBeGreaterThan(0);
    expect(doc.querySelectorAll('span[email]').length).toBeGreaterThan(0);
    expect(doc.querySelectorAll('[data-legacy-thread-id]').length).toBeGreaterThan(0);
    expect(gmailAdapter.read(doc, new URL(INBOX))).toBeNull();
    expect(readPage(gmailAdapter, doc, INBOX)).toMatchObject({ kind: 'none', health: { ok: true } });
  });

  it('reads nothing when the only thread in the DOM is a hidden view', () => {
    const doc = loadFixture('gmail', '2026-11-25-thread-agent-started.html');
    doc.querySelector('h2[data-legacy-thread-id="19ab7e01c3d95a20"]')!.closest('div.aeF > div.nH > div.nH')!.remove();
    expect(gmailAdapter.read(doc, new URL(INBOX))).toBeNull();
  });

  it('keys a thread without a legacy id on its permanent id, in the same hex form', () => {
    const doc = loadFixture('gmail', '2026-11-25-thread-customer.html');
    doc.querySelector('h2.hP')!.removeAttribute('data-legacy-thread-id');
    expect(gmailAdapter.read(doc, new URL(THREAD_A))!.key).toBe('19ad0b8c4f2e114e');
  });

  it('takes the first sender when the agent address is not shown', () => {
    const doc = loadFixture('gmail', '2026-11-25-thread-perm-id-undefined.html');
    doc.querySelector('a[aria-label^="Google Account"]')!.removeAttribute('aria-label');
    doc.title = 'Inbox';
    expect(gmailAdapter.read(doc, new URL(THREAD_C))!.contact.email).toBe('dana.agent@example.com');
  });

  it('finds the agent by the tab title when the account button has no label', () => {
    const doc = loadFixture('gmail', '2026-11-25-thread-perm-id-undefined.html');
    doc.querySelector('a[aria-label^="Google Account"]')!.removeAttribute('aria-label');
    expect(gmailAdapter.read(doc, new URL(THREAD_C))!.contact.email).toBe('emile.rousseau@example.org');
  });

  it.each([
    ['both thread ids', (doc: Document) => {
      const h2 = doc.querySelector('h2.hP')!;
      h2.removeAttribute('data-legacy-thread-id');
      h2.setAttribute('data-thread-perm-id', 'undefined');
    }],
    ['the id attributes (Gmail renamed them)', (doc: Document) => {
      const h2 = doc.querySelector('h2.hP')!;
      h2.removeAttribute('data-legacy-thread-id');
      h2.removeAttribute('data-thread-perm-id');
    }],
    ['the message senders', (doc: Document) => {
      doc.querySelectorAll('[role="main"] span[email]').forEach((el) => el.removeAttribute('email'));
    }],
  ] as const)('is unreadable without %s', (_what, damage) => {
    const doc = loadFixture('gmail', '2026-11-25-thread-customer.html');
    damage(doc);
    const state = readPage(gmailAdapter, doc, THREAD_A);
    expect(state.kind).toBe('unreadable');
    expect(state.kind === 'unreadable' && state.reason).toMatch(/^gmail: could not find/);
  });

  it('finds the inline reply box of the open thread, not a new-message window, and none on the list', () => {
    const doc = loadFixture('gmail', '2026-11-25-thread-customer.html');
    const composer = gmailAdapter.composer(doc);
    expect(composer?.getAttribute('g_editable')).toBe('true');
    expect(composer?.closest('[role="main"]')).not.toBeNull();
    expect(composer?.closest('[role="dialog"]')).toBeNull();
    expect(gmailAdapter.composer(loadFixture('gmail', '2026-11-25-list-with-addon-panel.html'))).toBeNull();
  });

  it('observes the view stack, which outlives each view', () => {
    const doc = loadFixture('gmail', '2026-11-25-thread-customer.html');
    expect(gmailAdapter.observeRoot(doc)?.matches('div.aeF > div.nH')).toBe(true);
    const bare = new DOMParser().parseFromString('<body><p>loading</p></body>', 'text/html');
    expect(gmailAdapter.observeRoot(bare)).toBe(bare.body);
  });
});
