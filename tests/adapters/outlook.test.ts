import { outlookAdapter } from '../../core/adapters/outlook';
import { readPage } from '../../core/adapters/page';
import { loadFixture, withoutLastMessage } from './load-fixture';

const CONV_A = 'AAQkADAwATM0MDAAMS1iMmQ4LTJkNjUtMDACLTAwCgAQANn5vQ9XkWdLrYFmyl0MYVI=';
const CONV_B = 'AAQkADAwATM0MDAAMS1iMmQ4LTJkNjUtMDACLTAwCgAQAP8wR3kS1hRCp2Hc3tB9m1g=';
const URL_A = `https://outlook.office.com/mail/inbox/id/${encodeURIComponent(CONV_A)}`;
const URL_B = `https://outlook.office.com/mail/inbox/id/${encodeURIComponent(CONV_B)}`;
const URL_LIVE_A = `https://outlook.live.com/mail/0/inbox/id/${encodeURIComponent(CONV_A)}`;
const INBOX = 'https://outlook.office.com/mail/';

const read = (file: string, href: string) => outlookAdapter.read(loadFixture('outlook', file), new URL(href));

describe('outlook adapter', () => {
  it.each([
    [true, 'https://outlook.office.com/mail/'],
    [true, 'https://outlook.office365.com/mail/inbox'],
    [true, 'https://outlook.cloud.microsoft/mail/'],
    [true, 'https://outlook.live.com/mail/0/'],
    [false, 'https://outlook.example.com/mail/'],
    [false, 'https://mail.google.com/mail/u/0/'],
  ])('detect → %s for %s', (expected, href) => {
    expect(outlookAdapter.detect(new URL(href), loadFixture('outlook', '2026-11-25-inbox-nothing-selected.html'))).toBe(expected);
  });

  it.each([
    [
      '2026-11-25-conversation-selected.html',
      URL_A,
      { key: CONV_A, subject: 'Order #4471 arrived damaged', contact: { name: 'Marta Ruiz', email: 'marta.ruiz@example.com', handle: null } },
    ],
    [
      // Newest message first, from the agent: the other party is the first persona that is not the agent's.
      // The To picker of the open reply is skipped; the subject's markup stays text.
      '2026-11-25-reply-open.html',
      URL_B,
      {
        key: CONV_B,
        subject: 'Re: <img src=x onerror=alert(1)> Question about invoice INV-2231',
        contact: { name: 'Ikram Haddad', email: 'ikram.haddad@example.org', handle: null },
      },
    ],
    [
      // The message list hidden: the conversation comes from the address bar.
      '2026-11-25-live-list-hidden.html',
      URL_LIVE_A,
      { key: CONV_A, subject: 'Order #4471 arrived damaged', contact: { name: 'Marta Ruiz', email: 'marta.ruiz@example.com', handle: null } },
    ],
  ] as const)('reads %s', (file, href, expected) => {
    expect(withoutLastMessage(read(file, href))).toEqual({ source: 'outlook', channel: 'email', hostUrl: href, ...expected });
  });

  it('keeps one key across re-reads, list or address bar, and a different key per conversation', () => {
    const a = read('2026-11-25-conversation-selected.html', URL_A)!.key;
    expect(read('2026-11-25-conversation-selected.html', URL_A)!.key).toBe(a);
    expect(read('2026-11-25-conversation-selected.html', INBOX)!.key).toBe(a);
    expect(read('2026-11-25-live-list-hidden.html', URL_LIVE_A)!.key).toBe(a);
    expect(read('2026-11-25-reply-open.html', URL_B)!.key).not.toBe(a);
  });

  it('reads nothing with no conversation selected or in the address bar', () => {
    expect(read('2026-11-25-inbox-nothing-selected.html', INBOX)).toBeNull();
    expect(read('2026-11-25-inbox-nothing-selected.html', 'https://outlook.office.com/calendar/view/week')).toBeNull();
  });

  it('reads nothing for a row selected while the reading pane shows nothing (reading pane off, several rows)', () => {
    const doc = loadFixture('outlook', '2026-11-25-inbox-nothing-selected.html');
    doc.querySelector('[data-convid]')!.setAttribute('aria-selected', 'true');
    expect(outlookAdapter.read(doc, new URL(INBOX))).toBeNull();
  });

  it('takes the recipient when the agent sent the only message shown', () => {
    const doc = loadFixture('outlook', '2026-11-25-reply-open.html');
    doc.querySelectorAll('.aVla3')[1]!.remove();
    expect(outlookAdapter.read(doc, new URL(URL_B))!.contact.email).toBe('ikram.haddad@example.org');
  });

  it.each([
    ['the reading pane', (doc: Document) => doc.querySelector('#ReadingPaneContainerId')!.removeAttribute('id')],
    ['the subject (an item is in the address bar)', (doc: Document) => doc.querySelector('[role="heading"][title]')!.removeAttribute('role')],
    ['the sender', (doc: Document) => doc.querySelectorAll('#ReadingPaneContainerId [title*="@"]').forEach((el) => el.removeAttribute('title'))],
  ] as const)('is unreadable without %s', (_what, damage) => {
    const doc = loadFixture('outlook', '2026-11-25-conversation-selected.html');
    damage(doc);
    const state = readPage(outlookAdapter, doc, URL_A);
    expect(state.kind).toBe('unreadable');
    expect(state.kind === 'unreadable' && state.reason).toMatch(/^outlook: could not find/);
  });

  it('finds the open inline reply in the reading pane, and none when no reply is open', () => {
    const composer = outlookAdapter.composer(loadFixture('outlook', '2026-11-25-reply-open.html'));
    expect(composer?.getAttribute('role')).toBe('textbox');
    expect(composer?.isContentEditable || composer?.getAttribute('contenteditable')).toBeTruthy();
    expect(outlookAdapter.composer(loadFixture('outlook', '2026-11-25-conversation-selected.html'))).toBeNull();
    expect(outlookAdapter.composer(loadFixture('outlook', '2026-11-25-inbox-nothing-selected.html'))).toBeNull();
  });

  it('tries the SenderPersona hook first when Outlook ships it', () => {
    const doc = loadFixture('outlook', '2026-11-25-conversation-selected.html');
    const pane = doc.querySelector('#ReadingPaneContainerId .aVla3')!;
    pane.insertAdjacentHTML('afterbegin', '<div data-testid="SenderPersona"><span title="Rosa Lind <rosa.lind@example.com>">Rosa Lind</span></div>');
    expect(outlookAdapter.read(doc, new URL(URL_A))!.contact).toEqual({ name: 'Rosa Lind', email: 'rosa.lind@example.com', handle: null });
  });
});
