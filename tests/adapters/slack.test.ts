import { readPage } from '../../core/adapters/page';
import { slackAdapter } from '../../core/adapters/slack';
import { loadFixture, withoutLastMessage } from './load-fixture';

const ORIGIN = 'https://app.slack.com';
const CHANNEL = `${ORIGIN}/client/T0123ABCD/C0456EFGH`;
const DM = `${ORIGIN}/client/T0123ABCD/D0789IJKL`;
const ACTIVITY = `${ORIGIN}/client/T0123ABCD/activity-inbox`;
const ROOT_TS = '1795513751.218449';
const ROOT_TEXT = 'Customer says checkout shows <img src=x onerror=alert(1)> instead of the total — order #4471';

const read = (file: string, href: string) => slackAdapter.read(loadFixture('slack', file), new URL(href));

describe('slack adapter', () => {
  it.each([
    [true, CHANNEL],
    [true, `${ORIGIN}/client/E01DLHH5JM6/C0456EFGH`],
    [false, 'https://northwind.slack.com/archives/C0456EFGH/p1795513751218449'],
    [false, 'https://web.whatsapp.com/'],
  ])('detect → %s for %s', (expected, href) => {
    expect(slackAdapter.detect(new URL(href), loadFixture('slack', '2026-11-25-channel.html'))).toBe(expected);
  });

  it.each([
    [
      'a channel: its name, no single contact',
      '2026-11-25-channel.html',
      CHANNEL,
      {
        key: 'slack:T0123ABCD/C0456EFGH',
        subject: 'support-escalations',
        hostUrl: CHANNEL,
        contact: { name: '', email: null, handle: null },
      },
    ],
    [
      'a direct message: the other member, by id',
      '2026-11-25-direct-message.html',
      DM,
      {
        key: 'slack:T0123ABCD/D0789IJKL',
        subject: 'Marta Ruiz',
        hostUrl: DM,
        contact: { name: 'Marta Ruiz', email: null, handle: 'slack:U05MRUIZ01' },
      },
    ],
    [
      'the thread pane (the address stays on the channel): the thread, its root text as subject, its author',
      '2026-11-25-thread-open.html',
      CHANNEL,
      {
        key: `slack:T0123ABCD/C0456EFGH/thread/${ROOT_TS}`,
        subject: ROOT_TEXT,
        hostUrl: `${CHANNEL}/thread/C0456EFGH-${ROOT_TS}`,
        contact: { name: 'Jonas Berg', email: null, handle: 'slack:U07JBERG01' },
      },
    ],
  ] as const)('reads %s', (_what, file, href, expected) => {
    expect(withoutLastMessage(read(file, href))).toEqual({ source: 'slack', channel: 'chat', ...expected });
  });

  it("a customer's direct message: their member id and name, and what they wrote (not the agent's address, not what they quote)", () => {
    const href = `${ORIGIN}/client/T0123ABCD/D0CUST0042`;
    expect(read('2026-12-07-direct-message-mentions.html', href)).toEqual({
      source: 'slack',
      key: 'slack:T0123ABCD/D0CUST0042',
      subject: 'Kai Berg',
      channel: 'chat',
      hostUrl: href,
      contact: { name: 'Kai Berg', email: null, handle: 'slack:W07KBERG01', mentioned: ['billing@acme.example.com', '+4915123456789'] },
      // The customer's follow-up without a sender line is still theirs.
      lastMessage: { id: '1796635980.000400', count: 4, fromContact: true },
    });
  });

  it("a thread reports no mentioned addresses: its root's author may be a teammate passing on a customer's address", () => {
    expect(read('2026-11-25-thread-open.html', CHANNEL)!.contact.mentioned).toBeUndefined();
  });

  it('keeps one key across re-reads and a different key per channel, direct message and thread', () => {
    const channel = read('2026-11-25-channel.html', CHANNEL)!.key;
    expect(read('2026-11-25-channel.html', CHANNEL)!.key).toBe(channel);
    const keys = [channel, read('2026-11-25-direct-message.html', DM)!.key, read('2026-11-25-thread-open.html', CHANNEL)!.key];
    expect(new Set(keys).size).toBe(3);
  });

  it('trusts the page over the address bar (Slack shows /dms or /activity-inbox while a conversation is open)', () => {
    expect(read('2026-11-25-direct-message.html', `${ORIGIN}/client/T0123ABCD/dms`)!.key).toBe('slack:T0123ABCD/D0789IJKL');
  });

  it('reads a thread link whose pane has not rendered yet from the address', () => {
    const doc = loadFixture('slack', '2026-11-25-channel.html');
    const snap = slackAdapter.read(doc, new URL(`${CHANNEL}/thread/C0456EFGH-${ROOT_TS}`));
    expect(snap).toMatchObject({ key: `slack:T0123ABCD/C0456EFGH/thread/${ROOT_TS}`, subject: 'Thread in support-escalations' });
  });

  it('reads the thread from its composer when the root message is scrolled out of the pane', () => {
    const doc = loadFixture('slack', '2026-11-25-thread-open.html');
    doc.querySelectorAll('[data-qa="threads_flexpane"] [data-qa="message_container"]').forEach((m) => m.remove());
    expect(slackAdapter.read(doc, new URL(CHANNEL))).toMatchObject({
      key: `slack:T0123ABCD/C0456EFGH/thread/${ROOT_TS}`,
      subject: 'Thread in channel support-escalations',
    });
  });

  it('reads nothing on the activity inbox, even while the address still names the last channel', () => {
    expect(read('2026-11-25-activity.html', ACTIVITY)).toBeNull();
    expect(read('2026-11-25-activity.html', CHANNEL)).toBeNull();
    expect(readPage(slackAdapter, loadFixture('slack', '2026-11-25-activity.html'), ACTIVITY)).toMatchObject({ kind: 'none', health: { ok: true } });
  });

  it.each([
    ['the conversation name', '2026-11-25-channel.html', CHANNEL, (doc: Document) => doc.querySelector('[data-qa="channel_name"]')!.remove()],
    ['the workspace id (not a /client/ address)', '2026-11-25-channel.html', `${ORIGIN}/`, () => {}],
    ['a well-formed thread id', '2026-11-25-thread-open.html', CHANNEL, (doc: Document) =>
      doc.querySelector('.c-message_kit__thread_message--root')!.setAttribute('data-msg-ts', 'latest')],
  ] as const)('is unreadable without %s', (_what, file, href, damage) => {
    const doc = loadFixture('slack', file);
    damage(doc);
    const state = readPage(slackAdapter, doc, href);
    expect(state.kind).toBe('unreadable');
    expect(state.kind === 'unreadable' && state.reason).toMatch(/^slack: could not find/);
  });

  it('finds the thread composer while a thread is open, the channel composer otherwise, and none on activity', () => {
    const thread = slackAdapter.composer(loadFixture('slack', '2026-11-25-thread-open.html'));
    expect(thread?.getAttribute('aria-label')).toBe('Reply to thread in support-escalations');
    const channel = slackAdapter.composer(loadFixture('slack', '2026-11-25-channel.html'));
    expect(channel?.getAttribute('aria-label')).toBe('Message to support-escalations');
    expect(channel?.getAttribute('contenteditable')).toBe('true');
    expect(slackAdapter.composer(loadFixture('slack', '2026-11-25-activity.html'))).toBeNull();
  });
});
