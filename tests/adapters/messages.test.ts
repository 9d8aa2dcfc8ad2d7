import { demoAdapter } from '../../core/adapters/demo';
import { genericAdapter } from '../../core/adapters/generic';
import { gmailAdapter } from '../../core/adapters/gmail';
import { outlookAdapter } from '../../core/adapters/outlook';
import { roundcubeAdapter } from '../../core/adapters/roundcube';
import { slackAdapter } from '../../core/adapters/slack';
import type { SiteAdapter } from '../../core/adapters/types';
import { whatsappAdapter } from '../../core/adapters/whatsapp';
import { loadFixture } from './load-fixture';

/**
 * Message level: each reader's newest message (`lastMessage`: id, count,
 * from the customer?) and, on chat sites, one message as its own
 * conversation (`messageAt`), on the saved pages of tests/fixtures.
 */

const DEMO = 'http://127.0.0.1:5174';
const SLACK_CHANNEL = 'https://app.slack.com/client/T0123ABCD/C0456EFGH';
const SLACK_DM = 'https://app.slack.com/client/T0123ABCD/D0789IJKL';
const WHATSAPP = 'https://web.whatsapp.com/';
const CHAT_ROOM = 'https://chat.example.net/northwind/channels/support';

const last = (adapter: SiteAdapter, site: string, file: string, href: string, change?: (doc: Document) => void) => {
  const doc = loadFixture(site, file);
  change?.(doc);
  return adapter.read(doc, new URL(href))!.lastMessage;
};

/** `messageAt` on the text of the first element matching `selector`, as a selection starting there would give. */
function messageAt(adapter: SiteAdapter, doc: Document, selector: string, href: string) {
  const el = doc.querySelector(selector);
  if (!el) throw new Error(`no ${selector} in the fixture`);
  const text = Array.from(el.childNodes).find((n) => n.nodeType === 3) ?? el;
  return adapter.messageAt!(text, doc, new URL(href));
}

describe('lastMessage: the newest message each site shows', () => {
  it('demo: the last message of the thread, by its id; who wrote it from its direction', () => {
    expect(last(demoAdapter, 'demo', '2026-11-25-email-thread.html', `${DEMO}/c/em-1038-shipping-delay`)).toEqual({ id: 'm4', count: 4, fromContact: false });
    expect(last(demoAdapter, 'demo', '2026-11-25-chat-thread.html', `${DEMO}/c/ch-marta-ruiz`)).toEqual({ id: 'm4', count: 4, fromContact: true });
  });

  it('demo: a message added to the thread is a newer one; without ids the position stands in', () => {
    const added = last(demoAdapter, 'demo', '2026-11-25-email-thread.html', `${DEMO}/c/em-1038-shipping-delay`, (doc) => {
      const li = doc.createElement('li');
      li.setAttribute('data-demo-message', '');
      li.setAttribute('data-demo-message-id', 'm5');
      li.setAttribute('data-direction', 'in');
      doc.querySelector('[data-demo-messages]')!.append(li);
    });
    expect(added).toEqual({ id: 'm5', count: 5, fromContact: true });
    const bare = last(demoAdapter, 'demo', '2026-11-25-chat-thread.html', `${DEMO}/c/ch-marta-ruiz`, (doc) => {
      for (const li of Array.from(doc.querySelectorAll('[data-demo-message-id]'))) li.removeAttribute('data-demo-message-id');
    });
    expect(bare).toEqual({ id: 'count:4', count: 4, fromContact: true });
  });

  it("gmail: the thread's last message by its legacy id; the customer's unless the agent sent it", () => {
    expect(last(gmailAdapter, 'gmail', '2026-11-25-thread-customer.html', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWfxkbPqLrqvTqBxvKsRlmdN')).toEqual({
      id: '19ad0b8c4f2e114e',
      count: 1,
      fromContact: true,
    });
    expect(last(gmailAdapter, 'gmail', '2026-11-25-thread-agent-started.html', 'https://mail.google.com/mail/u/0/#sent/KtbxLzGLmGwLkXBjShRlCqPnJpWvDdQq')).toEqual({
      id: '19ab9f30aa0c71d5',
      count: 2,
      fromContact: false,
    });
  });

  it('outlook: counted (no message id on the page); the newest is at one end, the agent at either end means not the customer', () => {
    const url = 'https://outlook.office.com/mail/inbox/id/AAQkADAw';
    expect(last(outlookAdapter, 'outlook', '2026-11-25-conversation-selected.html', url)).toEqual({ id: 'count:1', count: 1, fromContact: true });
    // Newest first, and the newest is the agent's reply.
    expect(last(outlookAdapter, 'outlook', '2026-11-25-reply-open.html', url)).toEqual({ id: 'count:2', count: 2, fromContact: false });
    // The agent's address unknown: can't tell.
    const unknown = last(outlookAdapter, 'outlook', '2026-11-25-conversation-selected.html', url, (doc) => doc.querySelector('[id^="primaryMailboxRoot"]')!.remove());
    expect(unknown).toEqual({ id: 'count:1', count: 1, fromContact: false });
  });

  it('roundcube: one message per view, and it is the conversation', () => {
    const show = 'https://mail.example.org/roundcube/?_task=mail&_action=show&_uid=12&_mbox=INBOX';
    expect(last(roundcubeAdapter, 'roundcube', '2026-11-25-message-show.html', show)).toEqual({ id: 'uid:12', count: 1, fromContact: true });
  });

  it("slack: the list's newest message by its ts; the customer's when its author is the conversation's member", () => {
    // A thread: the root's author is the contact, and the last reply is theirs.
    expect(last(slackAdapter, 'slack', '2026-11-25-thread-open.html', SLACK_CHANNEL)).toEqual({ id: '1795515302.331907', count: 3, fromContact: true });
    // A direct message whose last message is the agent's.
    expect(last(slackAdapter, 'slack', '2026-11-25-direct-message.html', SLACK_DM)).toEqual({ id: '1795594851.000200', count: 2, fromContact: false });
    // A channel has no contact: nothing there is "the customer's".
    expect(last(slackAdapter, 'slack', '2026-11-25-channel.html', SLACK_CHANNEL)).toMatchObject({ id: '1795519845.100300', fromContact: false });
  });

  it('slack: a follow-up without a sender name is by the author above it', () => {
    const followUp = last(slackAdapter, 'slack', '2026-11-25-direct-message.html', SLACK_DM, (doc) => {
      const [marta, agent] = Array.from(doc.querySelectorAll('[data-qa="message_pane"] [data-qa="message_container"][data-msg-ts]'));
      // Marta writes again right after her first message: Slack names her once for both.
      const again = marta!.cloneNode(true) as Element;
      again.setAttribute('data-msg-ts', '1795594900.000300');
      for (const sender of Array.from(again.querySelectorAll('[data-message-sender]'))) sender.remove();
      agent!.replaceWith(again);
    });
    expect(followUp).toEqual({ id: '1795594900.000300', count: 2, fromContact: true });
  });

  it('whatsapp: the last row by its message id; fromMe (or the bubble side, for bare ids) says who wrote it', () => {
    expect(last(whatsappAdapter, 'whatsapp', '2026-11-25-chat-phone-jid.html', WHATSAPP)).toEqual({ id: '3EB0AA11BB22CC33DD44', count: 3, fromContact: true });
    expect(last(whatsappAdapter, 'whatsapp', '2026-11-25-chat-lid-jid.html', WHATSAPP)).toEqual({ id: '3EB0F1E2D3C4B5A69788', count: 2, fromContact: false });
    expect(last(whatsappAdapter, 'whatsapp', '2026-11-25-chat-bare-ids.html', WHATSAPP)).toEqual({ id: '3EB0A1B2C3D4E5F60718', count: 2, fromContact: false });
  });

  it("generic: any page can't tell which message is the customer's", () => {
    expect(last(genericAdapter, 'generic', '2026-12-07-team-chat.html', CHAT_ROOM)).toBeUndefined();
  });
});

describe('messageAt: one chat message as its own conversation', () => {
  it("demo chat: the contact's message, keyed <thread>/<message id>, its author the contact; the agent's own and emails are not", () => {
    const doc = loadFixture('demo', '2026-11-25-chat-thread.html');
    const url = `${DEMO}/c/ch-marta-ruiz`;
    const snap = messageAt(demoAdapter, doc, '[data-demo-message-id="m2"] [data-demo-message-body]', url);
    expect(snap).toMatchObject({
      source: 'demo',
      key: 'ch-marta-ruiz/m2',
      channel: 'chat',
      contact: { name: 'Marta Ruiz', email: 'marta.ruiz@example.com', handle: 'demo:@marta.ruiz' },
      lastMessage: { id: 'm2', count: 1, fromContact: true },
    });
    expect(snap!.subject).toMatch(/^Me dijeron/);
    expect(messageAt(demoAdapter, doc, '[data-demo-message-id="m3"] [data-demo-message-body]', url)).toBeNull();
    expect(messageAt(demoAdapter, doc, '[data-demo-subject]', url)).toBeNull();
    const email = loadFixture('demo', '2026-11-25-email-thread.html');
    expect(messageAt(demoAdapter, email, '[data-demo-message-id="m1"] [data-demo-message-body]', `${DEMO}/c/em-1038-shipping-delay`)).toBeNull();
  });

  it('slack: keyed like its permalink (p<ts>), the contact its author, also in a thread reply', () => {
    const doc = loadFixture('slack', '2026-11-25-channel.html');
    const snap = messageAt(slackAdapter, doc, '[data-msg-ts="1795519845.100300"] [data-qa="message-text"]', SLACK_CHANNEL);
    expect(snap).toMatchObject({
      source: 'slack',
      key: 'slack:T0123ABCD/C0456EFGH/p1795519845100300',
      channel: 'chat',
      hostUrl: SLACK_CHANNEL,
      contact: { name: 'Lee Kim', email: null, handle: 'slack:U09LEEKIM1' },
      lastMessage: { id: '1795519845.100300', count: 1, fromContact: true },
    });
    expect(snap!.subject.length).toBeGreaterThan(3);
    const thread = loadFixture('slack', '2026-11-25-thread-open.html');
    const reply = messageAt(slackAdapter, thread, '[data-qa="threads_flexpane"] [data-msg-ts="1795515302.331907"] [data-qa="message-text"]', SLACK_CHANNEL);
    expect(reply).toMatchObject({ key: 'slack:T0123ABCD/C0456EFGH/p1795515302331907', contact: { name: 'Jonas Berg', handle: 'slack:U07JBERG01' } });
    // Outside any message (the channel header): none.
    expect(messageAt(slackAdapter, doc, '[data-qa="channel_name"]', SLACK_CHANNEL)).toBeNull();
  });

  it("whatsapp: keyed <chat>/<message id>; in a chat its author is the other party, in a group the participant; the agent's own is none", () => {
    const chat = loadFixture('whatsapp', '2026-11-25-chat-phone-jid.html');
    const snap = messageAt(whatsappAdapter, chat, '[data-id="false_34600000001@c.us_3EB0C7A9D1E2F3A4B5C6"] span.selectable-text span', WHATSAPP);
    expect(snap).toMatchObject({
      source: 'whatsapp',
      key: '34600000001@c.us/3EB0C7A9D1E2F3A4B5C6',
      subject: 'Hola, ¿ya salió mi pedido #5120?',
      contact: { handle: 'whatsapp:+34600000001' },
      lastMessage: { id: '3EB0C7A9D1E2F3A4B5C6', count: 1, fromContact: true },
    });
    expect(messageAt(whatsappAdapter, chat, '[data-id^="true_"] span.selectable-text span', WHATSAPP)).toBeNull();

    const group = loadFixture('whatsapp', '2026-11-25-group.html');
    const inGroup = messageAt(whatsappAdapter, group, '[data-id^="false_"] span.selectable-text span', WHATSAPP);
    expect(inGroup).toMatchObject({
      key: '120363040000000001@g.us/3EB0123456789ABCDEF0',
      contact: { name: 'Ana Costa', email: null, handle: 'whatsapp:+34600000002' },
    });
  });

  it('generic chat page: a message with an id, its author (not the address written in it) the contact; a follow-up takes the author above', () => {
    const doc = loadFixture('generic', '2026-12-07-team-chat.html');
    const first = messageAt(genericAdapter, doc, '[data-message-id="88123"] .message_content p', CHAT_ROOM);
    expect(first).toMatchObject({
      source: 'generic',
      key: 'chat.example.net/northwind/channels/support#88123',
      channel: 'chat',
      contact: { name: 'Ana López', email: null, handle: 'generic:chat.example.net/@u-3017' },
      lastMessage: { id: '88123', count: 1, fromContact: true },
    });
    expect(first!.subject).toBe('Hi! My invoice #2231 shows VAT twice. You can reach me at ana.lopez@example.com');
    expect(messageAt(genericAdapter, doc, '[data-message-id="88124"] p', CHAT_ROOM)).toMatchObject({
      key: 'chat.example.net/northwind/channels/support#88124',
      contact: { name: 'Ana López', handle: 'generic:chat.example.net/@u-3017' },
    });
    expect(messageAt(genericAdapter, doc, '[data-message-id="88126"] p', CHAT_ROOM)?.contact.name).toBe('Bo Chen');
  });

  it('generic: a page whose text is in no message with an id (a forum post section) has none: the page is the conversation', () => {
    const doc = loadFixture('generic', '2026-11-25-forum-thread.html');
    expect(messageAt(genericAdapter, doc, 'p', 'https://forum.example.org/t/printer-jams/991')).toBeNull();
  });

  it('email sites offer none: the thread is the conversation', () => {
    expect(gmailAdapter.messageAt).toBeUndefined();
    expect(outlookAdapter.messageAt).toBeUndefined();
    expect(roundcubeAdapter.messageAt).toBeUndefined();
  });
});
