import { readPage } from '../../core/adapters/page';
import { whatsappAdapter } from '../../core/adapters/whatsapp';
import { loadFixture, withoutLastMessage } from './load-fixture';

// WhatsApp's address never changes: every state is served at the same URL.
const HERE = 'https://web.whatsapp.com/';

const read = (file: string) => whatsappAdapter.read(loadFixture('whatsapp', file), new URL(HERE));

describe('whatsapp adapter', () => {
  it.each([
    [true, HERE],
    [true, 'https://web.whatsapp.com/send?phone=34600000001'],
    [false, 'https://www.whatsapp.com/'],
    [false, 'https://app.slack.com/client/T0123ABCD/C0456EFGH'],
  ])('detect → %s for %s', (expected, href) => {
    expect(whatsappAdapter.detect(new URL(href), loadFixture('whatsapp', '2026-11-25-start-screen.html'))).toBe(expected);
  });

  it.each([
    [
      'a chat keyed by the phone jid',
      '2026-11-25-chat-phone-jid.html',
      {
        key: '34600000001@c.us',
        subject: 'Lucía Fernández',
        contact: { name: 'Lucía Fernández', email: null, handle: 'whatsapp:+34600000001', phone: '+34600000001' },
      },
    ],
    [
      'a chat keyed by a LID (no phone number in the page)',
      '2026-11-25-chat-lid-jid.html',
      { key: '204817394650123@lid', subject: 'Ravi Patel', contact: { name: 'Ravi Patel', email: null, handle: 'whatsapp:204817394650123@lid' } },
    ],
    [
      // Group rows are `<fromMe>_<group jid>_<message id>_<author jid>`: the chat is the group; the contact the one customer who writes in it.
      'a group, whose name keeps its markup as text',
      '2026-11-25-group.html',
      {
        key: '120363040000000001@g.us',
        subject: 'Returns <b>team</b> & co',
        contact: { name: 'Ana Costa', email: null, handle: 'whatsapp:+34600000002', phone: '+34600000002' },
      },
    ],
    [
      'a group where two customers write: no one contact',
      '2026-12-07-group-two-authors.html',
      { key: '120363040000000002@g.us', subject: 'Pickup & returns', contact: { name: '', email: null, handle: null } },
    ],
    [
      // The customer's own messages only: not the agent's address, not the agent's words quoted in a reply; one entry per address.
      'a saved contact who writes an address and a number',
      '2026-12-07-chat-saved-contact-mentions.html',
      {
        key: '34600000003@c.us',
        subject: 'Marta Ruiz',
        contact: {
          name: 'Marta Ruiz',
          email: null,
          handle: 'whatsapp:+34600000003',
          phone: '+34600000003',
          mentioned: ['marta.ruiz@example.com', '+34600111222', 'm.ruiz@work.example.org'],
        },
      },
    ],
    [
      'an unsaved number (the header shows the number)',
      '2026-12-07-chat-unsaved-number.html',
      {
        key: '34622334455@c.us',
        subject: '+34 622 33 44 55',
        contact: { name: '+34 622 33 44 55', email: null, handle: 'whatsapp:+34622334455', phone: '+34622334455' },
      },
    ],
    [
      // Migrated to phone-number hiding (2026-08): no jid anywhere; the chat name is the key, an unsaved number the handle.
      'a chat whose rows carry bare message ids',
      '2026-11-25-chat-bare-ids.html',
      {
        key: 'title:+34 611 22 33 44',
        subject: '+34 611 22 33 44',
        contact: { name: '+34 611 22 33 44', email: null, handle: 'whatsapp:+34611223344', phone: '+34611223344' },
      },
    ],
  ] as const)('reads %s', (_what, file, expected) => {
    expect(withoutLastMessage(read(file))).toEqual({ source: 'whatsapp', channel: 'chat', hostUrl: HERE, ...expected });
  });

  it('keeps one key across re-reads and a different key per chat', () => {
    const a = read('2026-11-25-chat-phone-jid.html')!.key;
    expect(read('2026-11-25-chat-phone-jid.html')!.key).toBe(a);
    const files = [
      '2026-11-25-chat-phone-jid.html',
      '2026-11-25-chat-lid-jid.html',
      '2026-11-25-group.html',
      '2026-11-25-chat-bare-ids.html',
      '2026-12-07-chat-saved-contact-mentions.html',
      '2026-12-07-chat-unsaved-number.html',
      '2026-12-07-group-two-authors.html',
    ];
    expect(new Set(files.map((f) => read(f)!.key)).size).toBe(files.length);
  });

  it('a group with one customer author reads them even when the rows carry no author jid (after the phone-number hiding)', () => {
    const doc = loadFixture('whatsapp', '2026-11-25-group.html');
    doc.querySelectorAll('#main [data-id]').forEach((row, i) => row.setAttribute('data-id', `3EB0BARE${i}`));
    expect(whatsappAdapter.read(doc, new URL(HERE))!.contact).toEqual({ name: 'Ana Costa', email: null, handle: null });
  });

  it('a group whose customers are several has no contact and reports nothing they mentioned', () => {
    const contact = read('2026-12-07-group-two-authors.html')!.contact;
    expect(contact.mentioned).toBeUndefined();
    expect(contact.phone).toBeUndefined();
  });

  it('reads the name, not the status line after it', () => {
    expect(read('2026-11-25-chat-lid-jid.html')!.subject).not.toContain('contact info');
  });

  it('reads nothing on the start screen, and nothing while an open chat has no rows yet', () => {
    expect(read('2026-11-25-start-screen.html')).toBeNull();
    const loading = loadFixture('whatsapp', '2026-11-25-chat-phone-jid.html');
    loading.querySelectorAll('#main [data-id]').forEach((row) => row.remove());
    expect(whatsappAdapter.read(loading, new URL(HERE))).toBeNull();
  });

  it('is unreadable when the open chat shows no name', () => {
    const doc = loadFixture('whatsapp', '2026-11-25-chat-phone-jid.html');
    doc.querySelectorAll('#main header span').forEach((span) => span.remove());
    const state = readPage(whatsappAdapter, doc, HERE);
    expect(state.kind).toBe('unreadable');
    expect(state.kind === 'unreadable' && state.reason).toMatch(/^whatsapp: could not find/);
  });

  it('falls back to the 2023 header test id', () => {
    const doc = loadFixture('whatsapp', '2026-11-25-chat-phone-jid.html');
    const name = doc.querySelector('#main header span[dir="auto"]')!;
    name.removeAttribute('dir');
    name.setAttribute('data-testid', 'conversation-info-header-chat-title');
    expect(whatsappAdapter.read(doc, new URL(HERE))!.subject).toBe('Lucía Fernández');
  });

  it("finds the open chat's message box, and none on the start screen", () => {
    const composer = whatsappAdapter.composer(loadFixture('whatsapp', '2026-11-25-chat-phone-jid.html'));
    expect(composer?.getAttribute('aria-label')).toBe('Type a message');
    expect(composer?.closest('footer')).not.toBeNull();
    expect(whatsappAdapter.composer(loadFixture('whatsapp', '2026-11-25-start-screen.html'))).toBeNull();
  });

  it('observes the app root, which outlives #main', () => {
    const doc = loadFixture('whatsapp', '2026-11-25-chat-phone-jid.html');
    expect(whatsappAdapter.observeRoot(doc)?.id).toBe('app');
  });
});
