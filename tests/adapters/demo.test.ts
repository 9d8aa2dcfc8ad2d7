import { demoAdapter } from '../../core/adapters/demo';
import { readPage } from '../../core/adapters/page';
import { loadFixture } from './load-fixture';

const BASE = 'http://127.0.0.1:5174';

describe('demo adapter', () => {
  it('detects the demo inbox by its marker, not by address alone', () => {
    const doc = loadFixture('demo', '2026-11-25-list.html');
    expect(demoAdapter.detect(new URL(`${BASE}/`), doc)).toBe(true);
    const plain = new DOMParser().parseFromString('<html><head></head><body><h1>Another local page</h1></body></html>', 'text/html');
    expect(demoAdapter.detect(new URL(`${BASE}/`), plain)).toBe(false);
    expect(demoAdapter.detect(new URL('https://mail.google.com/mail/u/0/'), doc)).toBe(false);
  });

  it('reads nothing on the list with no conversation open', () => {
    const doc = loadFixture('demo', '2026-11-25-list.html');
    expect(demoAdapter.read(doc, new URL(`${BASE}/`))).toBeNull();
  });

  it.each([
    ['2026-11-25-email-thread.html', '/c/em-1038-shipping-delay', { key: 'em-1038-shipping-delay', channel: 'email' }],
    ['2026-11-25-chat-thread.html', '/c/ch-marta-ruiz', { key: 'ch-marta-ruiz', channel: 'chat' }],
  ] as const)('reads %s: key, subject, contact, channel', (file, path, expected) => {
    const doc = loadFixture('demo', file);
    const snap = demoAdapter.read(doc, new URL(`${BASE}${path}`));
    expect(snap).toMatchObject({ source: 'demo', ...expected, hostUrl: `${BASE}${path}` });
    expect(snap!.subject.length).toBeGreaterThan(3);
    expect(snap!.contact.name.length).toBeGreaterThan(1);
  });

  it('reads the same customer by email in both channels (R13 matching)', () => {
    const email = demoAdapter.read(loadFixture('demo', '2026-11-25-email-thread.html'), new URL(`${BASE}/c/em-1038-shipping-delay`));
    const chat = demoAdapter.read(loadFixture('demo', '2026-11-25-chat-thread.html'), new URL(`${BASE}/c/ch-marta-ruiz`));
    expect(email!.contact.email).toMatch(/@example\.(com|org)$/);
    expect(chat!.contact).toEqual({ name: 'Marta Ruiz', email: 'marta.ruiz@example.com', handle: 'demo:@marta.ruiz' });
  });

  it('keeps markup in host text as text', () => {
    const doc = loadFixture('demo', '2026-11-25-hostile-chat.html');
    const snap = demoAdapter.read(doc, new URL(`${BASE}/c/ch-eve-markup`));
    expect(snap!.subject).toContain('<img src=x onerror=alert(1)>');
  });

  it('finds the composer of the open conversation, and none on the list', () => {
    const thread = loadFixture('demo', '2026-11-25-email-thread.html');
    expect(demoAdapter.composer(thread)?.tagName).toBe('TEXTAREA');
    expect(demoAdapter.composer(loadFixture('demo', '2026-11-25-list.html'))).toBeNull();
  });

  it('reports a thread without a key as unreadable rather than guessing', () => {
    const doc = loadFixture('demo', '2026-11-25-email-thread.html');
    doc.querySelector('article[data-demo-thread]')!.removeAttribute('data-key');
    const state = readPage(demoAdapter, doc, `${BASE}/c/em-1038-shipping-delay`);
    expect(state.kind).toBe('unreadable');
  });
});
