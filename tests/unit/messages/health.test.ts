// @vitest-environment jsdom
/**
 * Site health on the wire and out of it: the report a content script sends
 * is refused unless it is landmark names and an origin; the background keeps
 * the last one per site for the popup; the diagnostics the agent copies hold
 * no customer data, even from a page full of it.
 */
import 'fake-indexeddb/auto';
import * as v from 'valibot';
import { gmailAdapter } from '../../../core/adapters/gmail';
import { limitedMode } from '../../../core/adapters/generic';
import { readPage, type PageHealth } from '../../../core/adapters/page';
import { browserOf, diagnosticsText, originOf, type SiteHealthRecord } from '../../../core/domain/health';
import { QuerySchema } from '../../../core/messages/schemas';
import { fixturesOf, loadFixture } from '../../adapters/load-fixture';
import { dataOf, EXT_ID, inMemoryBackground, ORIGIN, query, senders } from '../background/harness';

const GOOD = { type: 'health.report', site: 'gmail', ok: false, failed: ['thread subject', 'sender email'], checked: '2026-11-25', origin: 'https://mail.google.com' } as const;
const CHANGED_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWfxkbPqLrqvTqBxvKsRlmdN';

describe('health.report: the schema takes names and an origin, nothing else', () => {
  it('accepts a report as the sidebar sends it', () => {
    expect(v.safeParse(QuerySchema, GOOD).issues).toBeUndefined();
    expect(v.safeParse(QuerySchema, { ...GOOD, ok: true, failed: [], checked: '' }).issues).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>]>([
    ['generic mode (no site health)', { site: 'generic' }],
    ['an unknown site', { site: 'mail.google.com' }],
    ['page text as a landmark', { failed: ['Order #4471 arrived damaged'] }],
    ['an address as a landmark', { failed: ['marta.ruiz@example.com'] }],
    ['a landmark too long', { failed: ['a'.repeat(41)] }],
    ['too many landmarks', { failed: Array.from({ length: 21 }, () => 'subject') }],
    ['a path in the origin', { origin: 'https://mail.google.com/mail/u/0/' }],
    ['a query in the origin', { origin: 'https://mail.example.org/?_uid=12' }],
    ['a hash in the origin', { origin: 'https://mail.google.com#inbox/FMfcgzQX' }],
    ['not a web origin', { origin: 'javascript:alert(1)' }],
    ['a version that is not a date', { checked: 'Order #4471' }],
    ['ok that is not a boolean', { ok: 'yes' }],
    ['a field of its own (strict)', { subject: 'Order #4471 arrived damaged' }],
  ])('refuses %s', (_what, patch) => {
    expect(v.safeParse(QuerySchema, { ...GOOD, ...patch }).success).toBe(false);
  });
});

describe('health.report and health.list through the background', () => {
  it('keeps the last report per site, stamped with its own time, and lists it to pages only', async () => {
    const bg = inMemoryBackground();
    const { page, content: other } = senders(EXT_ID, ORIGIN);
    // Content scripts in a Gmail tab and a Slack tab, as the browser names them.
    const content = { ...other, url: 'https://mail.google.com/mail/u/0/#inbox', origin: 'https://mail.google.com' };
    const slack = { ...other, url: 'https://app.slack.com/client/T0123ABCD', origin: 'https://app.slack.com' };
    const before = Date.now();
    expect((await bg.send(query({ ...GOOD, ok: true, failed: [] }), content)).ok).toBe(true);
    expect((await bg.send(query(GOOD), content)).ok).toBe(true);
    expect((await bg.send(query({ ...GOOD, site: 'slack', ok: true, failed: [], origin: 'https://app.slack.com' }), slack)).ok).toBe(true);
    // A page reports for its own origin only: another site's tab can't mark Gmail healthy.
    const forged = await bg.send(query({ ...GOOD, ok: true, failed: [] }), other);
    expect(!forged.ok && forged.error.code).toBe('forbidden');
    const list = dataOf<SiteHealthRecord[]>(await bg.send(query({ type: 'health.list' }), page));
    expect(list.map(({ at: _at, ...r }) => r)).toEqual([
      { site: 'gmail', ok: false, failed: ['thread subject', 'sender email'], checked: '2026-11-25', origin: 'https://mail.google.com' },
      { site: 'slack', ok: true, failed: [], checked: '2026-11-25', origin: 'https://app.slack.com' },
    ]);
    for (const r of list) expect(r.at).toBeGreaterThanOrEqual(before);
    // A content script does not read other sites' health; a page has no health to report.
    const listed = await bg.send(query({ type: 'health.list' }), content);
    expect(!listed.ok && listed.error.code).toBe('forbidden');
    const reported = await bg.send(query(GOOD), page);
    expect(!reported.ok && reported.error.code).toBe('forbidden');
    // The sidebar's "Copy diagnostics" names its site and gets the text of what was kept.
    const text = dataOf<string>(await bg.send(query({ type: 'health.diagnostics', site: 'gmail', origin: 'https://mail.google.com' }), content));
    expect(JSON.parse(text).sites).toEqual([expect.objectContaining({ site: 'gmail', state: 'changed', failed: ['thread subject', 'sender email'], origin: 'https://mail.google.com' })]);
    expect(JSON.parse(dataOf<string>(await bg.send(query({ type: 'health.diagnostics', site: 'outlook', origin: 'https://mail.google.com' }), content))).sites).toEqual([]);
    // Another site's tab reads nothing of Gmail's: not by naming Gmail's origin, not by naming its own.
    const peek = await bg.send(query({ type: 'health.diagnostics', site: 'gmail', origin: 'https://mail.google.com' }), slack);
    expect(!peek.ok && peek.error.code).toBe('forbidden');
    expect(JSON.parse(dataOf<string>(await bg.send(query({ type: 'health.diagnostics', site: 'gmail', origin: 'https://app.slack.com' }), slack))).sites).toEqual([]);
    // Bad input: refused, nothing kept.
    const bad = await bg.send(query({ ...GOOD, site: 'outlook', failed: ['Marta Ruiz'] }), content);
    expect(!bad.ok && bad.error.code).toBe('invalid');
    expect(dataOf<SiteHealthRecord[]>(await bg.send(query({ type: 'health.list' }), page)).map((r) => r.site)).toEqual(['gmail', 'slack']);
  });
});

describe('diagnostics: what "Copy diagnostics" puts on the clipboard', () => {
  const ENV = { version: '0.1.0', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', now: Date.UTC(2026, 11, 8, 1, 2, 3) };

  /** Every piece of customer data the changed Gmail page shows: its text, title, addresses and ids. */
  function customerData(doc: Document): string[] {
    const found = new Set<string>();
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n as Text).data.trim();
      if (text.length >= 4) found.add(text);
    }
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) if (/@|^\d|thread|msg/.test(attr.value) && attr.value.length >= 6) found.add(attr.value);
    }
    found.add(doc.title);
    for (const word of ['Marta', 'Ruiz', 'marta.ruiz@example.com', 'dana.agent@example.com', 'Order #4471', 'FMfcgzQXJWfxkbPqLrqvTqBxvKsRlmdN', '/mail/u/0', 'inbox']) found.add(word);
    return [...found];
  }

  it('holds the version, browser, site, origin, missing landmark names and the time: no customer data from a page full of it', () => {
    const doc = loadFixture('gmail', fixturesOf('gmail').find((f) => f.includes('-changed-'))!);
    const state = readPage(gmailAdapter, doc, CHANGED_URL, limitedMode('email'));
    if (state.kind !== 'conversation') throw new Error(`expected a conversation, got ${state.kind}`);
    const health = state.health!;
    const text = diagnosticsText([{ ...health, at: ENV.now }], ENV);
    expect(JSON.parse(text)).toEqual({
      extension: 'Tickets in place',
      version: '0.1.0',
      browser: 'Chrome 131',
      time: '2026-12-08T01:02:03.000Z',
      sites: [{ site: 'gmail', state: 'changed', failed: ['thread subject', 'sender email'], adapter: '2026-11-25', origin: 'https://mail.google.com', seen: '2026-12-08T01:02:03.000Z' }],
    });
    const data = customerData(doc);
    expect(data.length).toBeGreaterThan(20);
    for (const secret of data) expect(text, secret).not.toContain(secret);
    // What limited mode read for the ticket (subject, key, address) stays out too.
    for (const read of [state.snapshot.subject, state.snapshot.key, state.snapshot.hostUrl]) expect(text).not.toContain(read);
  });

  it('rebuilds every field from its shape: a report carrying page data (a forged or buggy one) loses it', () => {
    const forged = {
      site: 'gmail',
      ok: false,
      failed: ['thread subject', 'Order #4471 arrived damaged', 'marta.ruiz@example.com'],
      checked: 'Marta Ruiz',
      origin: 'https://mail.google.com/mail/u/0/?q=marta.ruiz@example.com#inbox/FMfcgzQXJWfxkbPqLrqvTqBxvKsRlmdN',
      subject: 'Order #4471 arrived damaged',
      contact: { name: 'Marta Ruiz', email: 'marta.ruiz@example.com' },
    } as PageHealth & Record<string, unknown>;
    const text = diagnosticsText([forged], { ...ENV, version: 'Marta Ruiz' });
    for (const secret of ['Order', '4471', 'Marta', 'marta', 'FMfcg', '/mail/u/0', '?q=']) expect(text).not.toContain(secret);
    expect(JSON.parse(text).sites[0]).toMatchObject({ failed: ['thread subject'], origin: 'https://mail.google.com', adapter: '' });
  });

  it('names the browser by its family and major version only', () => {
    expect(browserOf(ENV.userAgent)).toBe('Chrome 131');
    expect(browserOf('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe('Firefox 133');
    expect(browserOf('Mozilla/5.0 … Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86')).toBe('Edge 131');
    expect(browserOf('curl/8')).toBe('unknown');
    expect(originOf('https://mail.google.com/mail/u/0/#inbox')).toBe('https://mail.google.com');
    expect(originOf('file:///tmp/x.html')).toBe('');
  });
});
