import { emailOrNull, genericAdapter, genericKey, isShown, mailtoAddress } from '../../core/adapters/generic';
import { readPage } from '../../core/adapters/page';
import { loadFixture } from './load-fixture';

const TICKET = 'https://support.example.com/tickets/4812?utm_source=mail&utm_medium=email';
const FORUM = 'https://forum.example.org/t/printer-jams/991#post-4';
const INBOX = 'https://app.example.net/#/inbox/c/77';
const CHAT = 'https://chat.example.com/c/rosa-lind';
const TEAM = 'https://team.example.net/messages/@omar.h';
const MAIL = 'https://mail.example.org/?view=message&id=2291';

const read = (file: string, href: string) => genericAdapter.read(loadFixture('generic', file), new URL(href));

describe('generic adapter', () => {
  it.each([
    [true, 'https://support.example.com/tickets/1'],
    [true, 'http://127.0.0.1:8080/ticket/1'],
    [false, 'file:///home/dana/ticket.html'],
    [false, 'chrome-extension://abcdefghijklmnop/options.html'],
  ])('detect → %s for %s', (expected, href) => {
    expect(genericAdapter.detect(new URL(href), loadFixture('generic', '2026-11-25-helpdesk-ticket.html'))).toBe(expected);
  });

  it.each([
    [
      'a help-desk ticket: the mailto requester in the content, not the site’s own addresses in header, nav or footer',
      '2026-11-25-helpdesk-ticket.html',
      TICKET,
      {
        key: 'support.example.com/tickets/4812',
        subject: 'Printer jams on page 2',
        channel: 'email',
        contact: { name: 'Ana López', email: 'ana.lopez@example.com', handle: null },
      },
    ],
    [
      'a forum thread: the first @handle in the content; the heading’s markup stays text',
      '2026-11-25-forum-thread.html',
      FORUM,
      {
        key: 'forum.example.org/t/printer-jams/991',
        subject: 'Printer jams on page 2 <b>again</b>',
        channel: 'chat',
        contact: { name: '', email: null, handle: 'generic:forum.example.org/@rosa_lind' },
      },
    ],
    [
      'a hash-routed inbox without landmarks: the title, and "Name <address>" text outside the top bar',
      '2026-11-25-hash-routed-inbox.html',
      INBOX,
      {
        key: 'app.example.net/#/inbox/c/77',
        subject: 'Delivery window for order 5120 — Example Inbox',
        channel: 'email',
        contact: { name: 'Jo Park', email: 'jo.park@example.net', handle: null },
      },
    ],
    [
      // The customer's address inside a message is no identity and no name: only a mention, beside the phone they wrote.
      'a chat app (role="log", article rows): the author of the customer’s messages, channel chat, what they wrote as mentioned',
      '2026-12-07-chat-email-in-message.html',
      CHAT,
      {
        key: 'chat.example.com/c/rosa-lind',
        subject: 'Rosa Lind',
        channel: 'chat',
        contact: { name: 'Rosa Lind', email: null, handle: 'generic:chat.example.com/@rosa_lind', mentioned: ['rosa.lind@example.org', '+15550104477'] },
      },
    ],
    [
      'a chat without landmarks (li rows, data-username, follow-ups without a sender): not the app’s own address in its top bar',
      '2026-12-07-chat-list-rows.html',
      TEAM,
      {
        key: 'team.example.net/messages/@omar.h',
        subject: 'Omar Haddad - Team Chat',
        channel: 'chat',
        contact: { name: 'Omar Haddad', email: null, handle: 'generic:team.example.net/@omar.h', mentioned: ['omar.haddad@example.com', 'omar@haddad.example.net'] },
      },
    ],
    [
      'a webmail message: From/To headers make it email, whatever the message list beside it looks like',
      '2026-12-07-webmail-message.html',
      MAIL,
      {
        key: 'mail.example.org/?id=2291&view=message',
        subject: 'Invoice 5120 is wrong - Example Mail',
        channel: 'email',
        contact: { name: 'Ana López', email: 'ana.lopez@example.com', handle: null },
      },
    ],
  ] as const)('reads %s', (_what, file, href, expected) => {
    expect(read(file, href)).toEqual({ source: 'generic', hostUrl: href, ...expected });
  });

  it.each([
    // Tracking parameters and plain anchors never split a page; routes, ids and real queries do.
    ['https://support.example.com/tickets/4812', 'https://support.example.com/tickets/4812/?utm_campaign=x&fbclid=abc#reply', true],
    ['https://support.example.com/t?id=1&view=full', 'https://support.example.com/t?view=full&id=1&gclid=zz', true],
    ['https://support.example.com/tickets/4812', 'https://support.example.com/tickets/4813', false],
    ['https://support.example.com/t?id=1', 'https://support.example.com/t?id=2', false],
    ['https://app.example.net/#/inbox/c/77', 'https://app.example.net/#/inbox/c/78', false],
    ['https://mail.example.net/#inbox/FMfcgzA', 'https://mail.example.net/#inbox/FMfcgzB', false],
    ['https://support.example.com/tickets/4812', 'https://help.example.com/tickets/4812', false],
  ])('keys %s and %s alike: %s', (a, b, same) => {
    expect(genericKey(new URL(a)) === genericKey(new URL(b))).toBe(same);
  });

  it('keeps one key across re-reads of the same page', () => {
    expect(read('2026-11-25-helpdesk-ticket.html', TICKET)!.key).toBe(read('2026-11-25-helpdesk-ticket.html', TICKET)!.key);
  });

  it('still reads a bare page: its title, no contact', () => {
    const doc = new DOMParser().parseFromString('<title>Status</title><body><p>All systems normal.</p></body>', 'text/html');
    expect(genericAdapter.read(doc, new URL('https://status.example.com/'))).toEqual({
      source: 'generic',
      key: 'status.example.com/',
      subject: 'Status',
      channel: 'chat',
      hostUrl: 'https://status.example.com/',
      contact: { name: '', email: null, handle: null },
    });
  });

  it("skips the site's banner (its logo h1, its address) but reads a section's own header", () => {
    const doc = new DOMParser().parseFromString(
      `<title>Case 7 - Acme</title><body><header><h1>Acme Intranet</h1><a href="mailto:it@acme.example.com">IT</a></header>
       <section><header><h1>Case 7: VPN drops</h1><p>From <a href="mailto:kai.berg@example.com">Kai Berg</a></p></header></section></body>`,
      'text/html',
    );
    expect(genericAdapter.read(doc, new URL('https://intranet.example.com/cases/7'))).toMatchObject({
      subject: 'Case 7: VPN drops',
      contact: { name: 'Kai Berg', email: 'kai.berg@example.com', handle: null },
    });
  });

  it('is unreadable off the web (generic mode serves http and https pages only)', () => {
    const state = readPage(genericAdapter, loadFixture('generic', '2026-11-25-helpdesk-ticket.html'), 'file:///tmp/ticket.html');
    expect(state.kind).toBe('unreadable');
    expect(state.kind === 'unreadable' && state.reason).toMatch(/^generic: could not find/);
  });

  it('finds the first visible reply box in the content, and none where there is none', () => {
    expect(genericAdapter.composer(loadFixture('generic', '2026-11-25-helpdesk-ticket.html'))?.id).toBe('reply-body');
    expect(genericAdapter.composer(loadFixture('generic', '2026-11-25-forum-thread.html'))?.getAttribute('aria-label')).toBe('Reply');
    expect(genericAdapter.composer(loadFixture('generic', '2026-11-25-hash-routed-inbox.html'))).toBeNull();
  });

  describe('chat pages', () => {
    const chat = () => loadFixture('generic', '2026-12-07-chat-email-in-message.html');
    const contactOf = (doc: Document, href = CHAT) => genericAdapter.read(doc, new URL(href))!.contact;

    it('a second customer writing in the same chat (a group) leaves it without a contact', () => {
      const doc = chat();
      const last = doc.querySelectorAll('article.message--incoming')[1]!;
      last.querySelector('.message-author')!.textContent = 'Omar Haddad';
      last.querySelector('.message-author')!.setAttribute('href', '/u/omar_h');
      expect(genericAdapter.read(doc, new URL(CHAT))).toMatchObject({ channel: 'chat', contact: { name: '', email: null, handle: null } });
    });

    it('rows that say nothing of whose side they are on, by two authors: no contact (the agent is no customer)', () => {
      const doc = chat();
      doc.querySelectorAll('article.message').forEach((row) => row.setAttribute('class', 'message'));
      expect(contactOf(doc)).toEqual({ name: '', email: null, handle: null });
    });

    it.each([
      ['an aria label', (row: Element) => row.setAttribute('aria-label', 'Message from you')],
      ['the author shown as "You"', (row: Element) => (row.querySelector('.message-author')!.textContent = 'You')],
      ['a data attribute', (row: Element) => row.setAttribute('data-outgoing', 'true')],
      ['a camel-case class', (row: Element) => row.setAttribute('class', 'messageOut')],
    ])("tells the agent's own rows by %s", (_how, mark) => {
      const doc = chat();
      doc.querySelectorAll('article.message').forEach((row) => row.setAttribute('class', 'message'));
      mark(doc.querySelectorAll('article.message')[1]!);
      expect(contactOf(doc)).toMatchObject({ name: 'Rosa Lind', handle: 'generic:chat.example.com/@rosa_lind' });
    });

    it('an address the chat app links inside a message is still only mentioned', () => {
      const doc = chat();
      const body = doc.querySelector('article.message--incoming .message-body p')!;
      body.innerHTML = 'My email is <a href="mailto:rosa.lind@example.org">rosa.lind@example.org</a> if you need it';
      expect(genericAdapter.read(doc, new URL(CHAT))).toMatchObject({
        channel: 'chat',
        contact: { name: 'Rosa Lind', email: null, handle: 'generic:chat.example.com/@rosa_lind', mentioned: ['rosa.lind@example.org', '+15550104477'] },
      });
    });

    it("a help desk's requester linked above a comment list keeps the page about that address (email)", () => {
      const doc = new DOMParser().parseFromString(
        `<title>#88 Refund</title><body><main><h1>Refund for order 5120</h1>
         <p>Requester: <a href="mailto:kai.berg@example.com">Kai Berg</a></p>
         <article class="comment"><span class="author">Kai Berg</span> <time>09:00</time><p>Where is my refund?</p></article>
         <article class="comment"><span class="author">Dana</span> <time>09:10</time><p>On its way.</p></article></main></body>`,
        'text/html',
      );
      expect(genericAdapter.read(doc, new URL('https://desk.example.com/tickets/88'))).toMatchObject({
        channel: 'email',
        contact: { name: 'Kai Berg', email: 'kai.berg@example.com', handle: null },
      });
    });

    it('one message in a message list is enough; a name alone gives no handle', () => {
      const doc = new DOMParser().parseFromString(
        `<title>Support chat</title><body><main><div role="log"><div class="msg"><b class="sender">Lee Kim</b> <time>10:02</time>
         <p>Hello, write me at lee.kim@example.com, order 7731</p></div></div></main></body>`,
        'text/html',
      );
      expect(genericAdapter.read(doc, new URL('https://help.example.com/chat/9'))).toMatchObject({
        channel: 'chat',
        contact: { name: 'Lee Kim', email: null, handle: null, mentioned: ['lee.kim@example.com'] },
      });
    });

    it('an @handle author and a profile link both name the handle', () => {
      const doc = new DOMParser().parseFromString(
        `<body><ul><li><span class="username">@kai_b</span><span class="time">9:00</span> hi</li>
         <li><a rel="author" href="https://x.example.com/people/kai_b">Kai Berg</a><time>9:01</time> there</li></ul></body>`,
        'text/html',
      );
      expect(genericAdapter.read(doc, new URL('https://x.example.com/dm/1'))!.contact).toMatchObject({ handle: 'generic:x.example.com/@kai_b' });
    });
  });

  it('takes no words around an address in running text as a name (only "Name <address>")', () => {
    const doc = new DOMParser().parseFromString(
      '<title>Case 12</title><body><main><p>Hi, my order never came, my email is rosa.lind@example.org thanks</p></main></body>',
      'text/html',
    );
    expect(genericAdapter.read(doc, new URL('https://cases.example.com/12'))!.contact).toEqual({ name: '', email: 'rosa.lind@example.org', handle: null });
  });

  it.each([
    ['Ana.Lopez@Example.com', 'ana.lopez@example.com'],
    ['  rosa+support@mail.example.org ', 'rosa+support@mail.example.org'],
    ['not an address', null],
    ['a@b', null],
    ['<ana@example.com>', null],
    [null, null],
  ])('emailOrNull(%j) → %j (what the background accepts)', (value, expected) => {
    expect(emailOrNull(value)).toBe(expected);
  });

  it.each([
    ['mailto:Ana.Lopez%40example.com?subject=Hi', 'ana.lopez@example.com'],
    ['MAILTO:jo@example.net,lee@example.net', 'jo@example.net'],
    ['mailto:%E0%A4%A', null],
    ['https://example.com/', null],
  ])('mailtoAddress(%j) → %j', (href, expected) => {
    expect(mailtoAddress(href)).toBe(expected);
  });

  it('tells hidden markup from shown markup', () => {
    const doc = new DOMParser().parseFromString(
      '<div id="a"><p id="shown">x</p></div><div style="display: none;"><p id="b">x</p></div><div hidden><p id="c">x</p></div><p id="d" style="visibility:hidden">x</p>',
      'text/html',
    );
    expect(['shown', 'b', 'c', 'd'].map((id) => isShown(doc.getElementById(id)!))).toEqual([true, false, false, false]);
  });
});
