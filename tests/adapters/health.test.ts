/**
 * Site health: each site adapter checks the landmarks it reads. On every
 * saved page of its site it is healthy (no false alarm, lists included); on
 * a page whose markup changed (the `-changed-` fixtures) it names what is
 * missing, and the page is read in limited mode: keyed by its address, never
 * as a wrong conversation.
 */
import * as v from 'valibot';
import { genericAdapter, genericKey, limitedMode } from '../../core/adapters/generic';
import { gmailAdapter } from '../../core/adapters/gmail';
import { healthOf, readPage } from '../../core/adapters/page';
import { ADAPTERS } from '../../core/adapters/registry';
import { LANDMARK } from '../../core/domain/health';
import { SnapshotSchema } from '../../core/messages/schemas';
import { fixtureUrl, fixturesOf, loadFixture } from './load-fixture';

const SITES = ADAPTERS.filter((a) => a.id !== 'generic');
const changed = (file: string) => file.includes('-changed-');

describe('site health: every site adapter names its landmarks', () => {
  it.each(SITES.map((a) => [a.id, a]))('%s: landmark names and a version, never page text', (_id, adapter) => {
    expect(adapter.landmarks?.length).toBeGreaterThan(0);
    for (const name of adapter.landmarks!) expect(name).toMatch(LANDMARK);
    expect(adapter.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('generic mode relies on no landmark and reports no health', () => {
    expect(genericAdapter.landmarks).toBeUndefined();
    const doc = loadFixture('generic', fixturesOf('generic')[0]!);
    expect(healthOf(genericAdapter, doc, 'https://support.example.com/tickets/4812')).toBeUndefined();
  });
});

describe('site health: no false alarm on any saved page of a site', () => {
  const cases = SITES.flatMap((adapter) => fixturesOf(adapter.id).filter((f) => !changed(f)).map((file) => [`${adapter.id}/${file}`, adapter, file] as const));
  it.each(cases)('%s is ok', (_name, adapter, file) => {
    const doc = loadFixture(adapter.id, file);
    const href = fixtureUrl(adapter.id, doc);
    expect(healthOf(adapter, doc, href)).toEqual({ site: adapter.id, ok: true, failed: [], checked: adapter.checked, origin: new URL(href).origin });
  });

  it('Gmail: a list, a search, a page still loading (no app shell) at a thread address are fine', () => {
    const list = loadFixture('gmail', '2026-11-25-list-with-addon-panel.html');
    expect(healthOf(gmailAdapter, list, 'https://mail.google.com/mail/u/0/#inbox')?.ok).toBe(true);
    expect(healthOf(gmailAdapter, list, 'https://mail.google.com/mail/u/0/#search/averyveryverylongquery')?.ok).toBe(true);
    expect(healthOf(gmailAdapter, list, 'https://mail.google.com/mail/u/0/#label/Suppliers2026Quarterly')?.ok).toBe(true);
    const loading = new DOMParser().parseFromString('<title>Gmail</title><div id="loading">Loading…</div>', 'text/html');
    expect(healthOf(gmailAdapter, loading, 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWfxkbPqLrqvTqBxvKsRlmdN')?.ok).toBe(true);
  });
});

describe('site health: a changed page says what is missing and is read in limited mode', () => {
  it.each([
    ['gmail', '2026-12-08-changed-thread-renamed.html', ['thread subject', 'sender email']],
    ['outlook', '2026-12-08-changed-reading-pane.html', ['reading pane']],
    ['whatsapp', '2026-12-08-changed-chat-pane.html', ['chat pane']],
  ] as const)('%s/%s: changed, failing %j', (site, file, failed) => {
    const adapter = ADAPTERS.find((a) => a.id === site)!;
    const doc = loadFixture(site, file);
    const href = fixtureUrl(site, doc);
    const health = healthOf(adapter, doc, href)!;
    expect(health).toEqual({ site, ok: false, failed: [...failed], checked: adapter.checked, origin: new URL(href).origin });
    for (const name of health.failed) expect(adapter.landmarks).toContain(name);
    // Without generic mode to fall back on: nothing read, the reason shown.
    expect(readPage(adapter, doc, href).kind).toBe('unreadable');
  });

  it.each([
    ['the small reader the site scripts carry', limitedMode('email')],
    ['all of generic mode (site.js)', genericAdapter],
  ])('changed Gmail through %s: a page keyed by its address, never a Gmail thread', (_name, fallback) => {
    const doc = loadFixture('gmail', '2026-12-08-changed-thread-renamed.html');
    const href = fixtureUrl('gmail', doc);
    const state = readPage(gmailAdapter, doc, href, fallback);
    expect(state.kind).toBe('conversation');
    if (state.kind !== 'conversation') return;
    expect(state.health?.ok).toBe(false);
    expect(state.snapshot.source).toBe('generic');
    expect(state.snapshot.key).toBe(genericKey(new URL(href)));
    expect(state.snapshot.key).toBe('mail.google.com/mail/u/0#inbox/FMfcgzQXJWfxkbPqLrqvTqBxvKsRlmdN');
    expect(v.safeParse(SnapshotSchema, state.snapshot).issues).toBeUndefined();
  });

  it('limited mode guesses no contact: who is who on a changed page is not trusted', () => {
    const doc = loadFixture('gmail', '2026-12-08-changed-thread-renamed.html');
    const state = readPage(gmailAdapter, doc, fixtureUrl('gmail', doc), limitedMode('email'));
    expect(state.kind === 'conversation' && state.snapshot.contact).toEqual({ name: '', email: null, handle: null });
  });

  it('a healthy page never goes to the fallback, and heals back from limited mode on the next read', () => {
    const good = loadFixture('gmail', '2026-11-25-thread-customer.html');
    const href = fixtureUrl('gmail', good);
    const state = readPage(gmailAdapter, good, href, limitedMode('email'));
    expect(state.kind === 'conversation' && state.snapshot.source).toBe('gmail');
    expect(state.kind === 'conversation' && state.health?.ok).toBe(true);
  });

  it('off the web, even limited mode cannot read: unreadable, as before', () => {
    const doc = loadFixture('gmail', '2026-12-08-changed-thread-renamed.html');
    const state = readPage(gmailAdapter, doc, 'file:///tmp/saved.html#inbox/FMfcgzQXJWfxkbPqLrqvTqBxvKsRlmdN', limitedMode('email'));
    expect(state.kind).toBe('unreadable');
  });
});
