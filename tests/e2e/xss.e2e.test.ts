import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { DEFAULT_DISPLAYED } from '../../core/domain/defaults';
import { OPTION_SECTIONS } from '../../components/models/options-model';
import { XSS_PAYLOADS, literalPrefix } from '../fixtures/xss/payloads';
import { extensionUrl, openDashboard, sendAll, waitForListSettled } from './dashboard-helpers';
import { clickTestId, launchBrowser, openPage, waitFor, waitForAttr, waitForNoTestId, waitForTestId, type Launched } from './harness';
import { captureDownloads, chooseImportFile, exportViaPage, inRow, openOptions, retype, showSection } from './options-helpers';
import { createTicket, selectByTestId, waitForLoaded, type AnyReply } from './sidebar-helpers';

/**
 * Hostile text never runs. Every payload of the corpus goes where text reaches the UI: the
 * subject and sender of a host page the demo reader reads (and pages generic mode reads, whose
 * chat lines are payloads too), and, through
 * the extension's own commands, notes, property names and values, saved replies, stage and
 * priority names and teammates; then an export file whose strings are payloads is imported.
 * Every surface is visited: the sidebar (card, details, editors, contact card, notes, saved
 * replies, the ⋯ menu), the ticket record, the dashboard (rows, search, filters, charts, trash),
 * the options and the popup. On each: no canary in the page's own world, no dialog, no
 * Content-Security-Policy refusal (an extension page's CSP would stop an injected handler
 * silently), no element or attribute that runs code, every link to a web page, the extension
 * or a mail address, and payloads shown as their literal text.
 */

const N = XSS_PAYLOADS.length;
const P = (i: number) => XSS_PAYLOADS[((i % N) + N) % N]!;
/** At most `max` characters of a payload (the stores' limits), never empty after trimming. */
const fit = (text: string, max: number) => (text.trim().slice(0, max).trim() === '' ? 'x' : text.slice(0, max));
/** A payload as a tag the rules take: no control characters or line breaks, trimmed, at most 40 characters. */
// eslint-disable-next-line no-control-regex -- exactly what a tag may not hold
const asTag = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim().slice(0, 40).trim() || 'x';

/** A host page shaped like the demo inbox (its reader's DOM contract), with nothing but text in it. */
function hostPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="tickets-in-place-demo" content="1"><title>Hostile inbox</title></head>
<body><div id="app"><p>Nothing open</p></div></body></html>`;
}

/** Text as HTML text: the page shows the payload, the browser never parses it as markup. */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A page no reader knows (generic mode): payload `i` as its title and heading, the next one as the
 * sender's name on a mailto link, the next three as the messages of the thread.
 */
function genericPage(i: number): string {
  const lines = [P(i + 2), P(i + 3), P(i + 4)].map((line) => `<p>${escapeHtml(line)}</p>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(P(i))}</title></head>
<body><header><a href="/">Forum</a></header><main><article><h1>${escapeHtml(P(i))}</h1>
<p>From <a href="mailto:writer${i}@example.com">${escapeHtml(P(i + 1))}</a></p>${lines}<textarea></textarea></article></main></body></html>`;
}

let server: Server;
let origin: string;
let launched: Launched | undefined;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'tip-xss-'));
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const generic = /^\/g\/(\d+)$/.exec(path);
    const ok = path === '/' || path.startsWith('/c/') || generic !== null;
    res.writeHead(ok ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(!ok ? 'not found' : generic ? genericPage(Number(generic[1])) : hostPage());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});
afterEach(async () => {
  // No screenshots on failure: with this many pages (one holds 100,000 characters) they outlast the hook's timeout.
  await launched?.close();
  launched = undefined;
});

/** What went wrong anywhere in the browser: dialogs opened and scripts the CSP refused, by page. */
interface Incidents {
  dialogs: string[];
  csp: string[];
}

/** Watches every page the browser opens (and those open now) for dialogs and CSP refusals. */
async function watch(l: Launched): Promise<Incidents> {
  const incidents: Incidents = { dialogs: [], csp: [] };
  const attach = (page: Page) => {
    page.on('dialog', (dialog) => {
      incidents.dialogs.push(`${page.url()}: ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to (execute|load|evaluate|frame|apply)/i.test(message.text())) incidents.csp.push(`${page.url()}: ${message.text()}`);
    });
  };
  for (const page of await l.browser.pages()) attach(page);
  l.browser.on('targetcreated', (target) => {
    if (target.type() !== 'page') return;
    void target.page().then((page) => page && attach(page));
  });
  return incidents;
}

interface Scan {
  canary: unknown;
  bad: string[];
  links: number;
  text: string;
}

/**
 * Looks at a page from its own world: the canary, then every element of the page (or, on a
 * host page, of the sidebar's shadow root only: the host's DOM is the test's) and every shadow root.
 */
function scanPage(page: Page, onlySidebar: boolean): Promise<Scan> {
  return page.evaluate((sidebarOnly) => {
    const bad: string[] = [];
    const texts: string[] = [];
    let links = 0;
    const RUNS = new Set(['IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'BASE', 'MATH', 'XMP', 'ISINDEX', 'NOSCRIPT', 'PORTAL']);
    const URL_ATTRS = ['href', 'xlink:href', 'src', 'srcset', 'srcdoc', 'action', 'formaction', 'data', 'poster', 'background', 'ping', 'style'];
    const OK_SCHEMES = new Set(['http:', 'https:', 'chrome-extension:', 'mailto:']);
    const describe = (el: Element) => `<${el.tagName.toLowerCase()}${Array.from(el.attributes, (a) => ` ${a.name}="${a.value.slice(0, 60)}"`).join('')}>`;
    const visit = (root: Document | ShadowRoot) => {
      texts.push(root instanceof Document ? (root.body?.textContent ?? '') : (root.textContent ?? ''));
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el.shadowRoot) visit(el.shadowRoot);
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) texts.push(el.value);
        if (RUNS.has(el.tagName)) bad.push(`element ${describe(el)}`);
        if (el.tagName === 'SCRIPT' && !(el.getAttribute('src') ?? '').startsWith('/') && !(el as HTMLScriptElement).src.startsWith('chrome-extension:')) bad.push(`script ${describe(el)}`);
        if (el.tagName === 'META' && el.closest('body')) bad.push(`meta in body ${describe(el)}`);
        if (el.tagName === 'TEMPLATE' && el.hasAttribute('shadowrootmode')) bad.push(`declarative shadow root ${describe(el)}`);
        if (el.tagName === 'STYLE' && /javascript:|expression\(|__tipXss/i.test(el.textContent ?? '')) bad.push(`style ${el.textContent?.slice(0, 80)}`);
        for (const attr of Array.from(el.attributes)) {
          if (/^on/i.test(attr.name)) bad.push(`handler ${attr.name} on ${describe(el)}`);
          if (URL_ATTRS.includes(attr.name.toLowerCase()) && /__tipXss|alert\(|javascript:|vbscript:|expression\(/i.test(attr.value)) bad.push(`attribute ${attr.name} on ${describe(el)}`);
        }
        const href = el.getAttribute('href') ?? el.getAttribute('xlink:href');
        if ((el.tagName === 'A' || el.tagName === 'AREA' || el.tagName.toLowerCase() === 'a') && href !== null) {
          links++;
          let scheme = 'unparseable:';
          try {
            scheme = new URL(href, document.baseURI).protocol;
          } catch {
            /* counted as bad below */
          }
          if (!OK_SCHEMES.has(scheme)) bad.push(`link ${scheme} ${describe(el)}`);
        }
      }
    };
    if (sidebarOnly) {
      // The host is a plain element kept by the content script (no tag to look for): the one whose root holds the sidebar.
      const host = [...document.querySelectorAll('body > *, html > *')].find((el) => el.shadowRoot?.querySelector('[data-testid="tip-sidebar"]'));
      if (!host?.shadowRoot) bad.push('no sidebar');
      else visit(host.shadowRoot);
    } else {
      visit(document);
    }
    return { canary: (window as unknown as { __tipXss?: unknown }).__tipXss, bad, links, text: texts.join(' \n ').replace(/\s+/g, ' ') };
  }, onlySidebar);
}

/** Scans a page and fails on anything that ran, or could. Returns its text (whitespace collapsed). */
async function expectInert(page: Page, where: string, incidents: Incidents, { sidebar = false } = {}): Promise<string> {
  const scan = await scanPage(page, sidebar);
  expect(scan.canary, `${where}: the canary was set`).toBeUndefined();
  expect(scan.bad, where).toEqual([]);
  expect(incidents.dialogs, where).toEqual([]);
  expect(incidents.csp, where).toEqual([]);
  return scan.text;
}

/** Each payload appears in `text` as itself (its first characters, whitespace collapsed). */
function expectLiteral(text: string, payloads: string[], where: string): void {
  for (const p of payloads) {
    const prefix = literalPrefix(p, 30);
    if (prefix.length >= 3) expect(text, `${where} shows ${JSON.stringify(prefix)}`).toContain(prefix);
  }
}

/**
 * Opens conversation `i` in the host page the way a single-page inbox does: the thread element
 * replaced (built with text nodes only, from the test's world) and the URL pushed.
 */
async function showConversation(page: Page, i: number): Promise<void> {
  const email = i % 2 === 0;
  await page.evaluate(
    (key, channel, subject, name, address, handle, lines) => {
      const el = (tag: string, attrs: Record<string, string>, text?: string) => {
        const node = document.createElement(tag);
        for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
        if (text !== undefined) node.textContent = text;
        return node;
      };
      const article = el('article', { 'data-demo-thread': '', 'data-key': key, 'data-channel': channel });
      article.append(
        el('h1', { 'data-demo-subject': '' }, subject),
        el('span', { 'data-demo-contact-name': '' }, name),
        el('span', { 'data-demo-contact-address': '' }, address),
        el('span', { 'data-demo-contact-handle': '' }, handle),
        ...lines.map((line) => el('p', { class: 'message' }, line)),
        el('textarea', { 'data-demo-composer': '' }),
      );
      document.getElementById('app')!.replaceChildren(article);
      history.pushState({}, '', `/c/${key}`);
    },
    `xss-${i}`,
    email ? 'email' : 'chat',
    P(i),
    P(i + 1),
    email ? `customer${i % 5}@example.com` : '',
    email ? '' : P(i + 2),
    [P(i + 3), P(i + 4), P(i + 5)],
  );
  await waitForAttr(page, 'tip-conversation', 'data-key', `xss-${i}`);
  await waitForLoaded(page);
}

async function run(l: Launched, messages: unknown[]): Promise<AnyReply[]> {
  const replies = await sendAll(l, messages);
  replies.forEach((r, i) => {
    if (!r.ok) throw new Error(`command ${i} (${JSON.stringify(messages[i]).slice(0, 200)}) refused: ${r.error?.message}`);
  });
  return replies;
}
const commandOf = (command: unknown) => ({ kind: 'tip.command', command });

describe('hostile text never runs', () => {
  it(`${N} payloads through the host page, the sidebar, commands and an import: nothing runs anywhere, links are web links, text is literal`, async () => {
    launched = await launchBrowser();
    const l = launched;
    const incidents = await watch(l);
    expect(N).toBeGreaterThanOrEqual(50);

    // 1. A host page whose subjects, senders and chat lines are payloads, one conversation per payload,
    //    each made a ticket through the sidebar's own form (its name prefilled from the hostile subject).
    const inbox = await openPage(l.browser, `${origin}/`);
    const tickets: string[] = [];
    for (let i = 0; i < N; i++) {
      await showConversation(inbox, i);
      tickets.push(await createTicket(inbox));
      const text = await expectInert(inbox, `sidebar, conversation ${i}`, incidents, { sidebar: true });
      expectLiteral(text, [P(i)], `sidebar, conversation ${i}`);
    }
    expect(await inbox.evaluate(() => (window as unknown as { __tipXss?: unknown }).__tipXss)).toBeUndefined();

    // 2. Everything a teammate or the agent types, sent as the extension's own pages send it.
    const mates = (await run(l, [0, 1, 2, 3, 4].map((k) => commandOf({ type: 'agent.save', name: fit(P(10 + k), 200), email: `mate${k}@example.com` })))).map((r) => r.data.id as string);
    const stageNames = [P(20), P(21), P(22), P(23)].map((p) => fit(p, 100));
    const priorityNames = [P(24), P(25), P(26), P(27)].map((p) => fit(p, 100));
    const options = [P(30), P(31), P(32)].map((p) => fit(p, 100).trim());
    await run(l, [
      commandOf({
        type: 'settings.update',
        stages: [
          { id: 'new', name: stageNames[0], closed: false },
          { id: 'waiting-contact', name: stageNames[1], closed: false },
          { id: 'waiting-us', name: stageNames[2], closed: false },
          { id: 'closed', name: stageNames[3], closed: true },
        ],
        priorities: ['low', 'medium', 'high', 'urgent'].map((id, k) => ({ id, name: priorityNames[k] })),
        properties: [
          { id: 'custom.xss-text', name: fit(P(28), 100), type: 'text' },
          { id: 'custom.xss-select', name: fit(P(29), 100), type: 'select', options },
        ],
        displayedProperties: [...DEFAULT_DISPLAYED, 'custom.xss-text', 'custom.xss-select'],
      }),
    ]);
    const snippetNames = [0, 1, 2, 3, 4].map((k) => fit(P(40 + k), 200));
    await run(l, snippetNames.map((name, k) => commandOf({ type: 'snippet.save', name, body: fit(P(45 + k), 10_000) })));
    const perTicket: unknown[] = [];
    tickets.forEach((ticketId, i) => {
      const update = (field: string, value: unknown) => perTicket.push(commandOf({ type: 'ticket.update', ticketId, field, value }));
      update('custom.xss-text', fit(P(i + 7), 10_000));
      update('custom.xss-select', options[i % 3]);
      update('category', fit(P(i + 8), 500).trim());
      update('description', fit(P(i + 9), 10_000));
      update('owner', mates[i % mates.length]);
      update('priority', ['low', 'medium', 'high', 'urgent'][i % 4]);
      perTicket.push(commandOf({ type: 'ticket.setStatus', ticketId, status: ['new', 'waiting-contact', 'waiting-us', 'closed'][i % 4] }));
      perTicket.push(commandOf({ type: 'note.add', ticketId, text: fit(P(i + 11), 10_000) }));
      perTicket.push(commandOf({ type: 'ticket.setTags', ticketId, tags: [asTag(P(i + 13)), asTag(P(i + 14))] }));
    });
    // The first ticket has every payload as a note.
    for (let k = 0; k < N; k++) perTicket.push(commandOf({ type: 'note.add', ticketId: tickets[0], text: fit(P(k), 10_000) }));
    await run(l, perTicket);
    // Two in the trash, for the dashboard's trash view.
    await run(l, [tickets[N - 1], tickets[N - 2]].map((ticketId) => commandOf({ type: 'ticket.delete', ticketId })));

    // 3. The sidebar on the first conversation: card, details and its editors, contact card, notes, saved replies, ⋯ menu.
    await inbox.bringToFront();
    await showConversation(inbox, 0);
    await waitForAttr(inbox, 'tip-ticket-card', 'data-ticket-id', tickets[0]!);
    await (await waitForTestId(inbox, 'tip-view-more', { visible: true })).click();
    await waitForTestId(inbox, 'tip-details', { visible: true });
    await (await waitForTestId(inbox, 'tip-prop-custom.xss-select', { visible: true })).click();
    await waitForTestId(inbox, 'tip-prop-input-custom.xss-select', { visible: true });
    let text = await expectInert(inbox, 'sidebar details with an editor open', incidents, { sidebar: true });
    expectLiteral(text, [P(0), stageNames[0]!, P(28), P(29), ...options, P(7), P(8), P(10), ...snippetNames.slice(0, 1), P(45), P(11), P(20), P(40)], 'sidebar details');
    expectLiteral(text, [asTag(P(13)), asTag(P(14))], 'sidebar tags');
    // The sidebar lists the newest notes.
    expectLiteral(text, XSS_PAYLOADS.slice(-20), 'sidebar notes');
    await inbox.keyboard.press('Escape');
    await (await waitForTestId(inbox, 'tip-menu', { visible: true })).click();
    await waitForTestId(inbox, 'tip-menu-trash', { visible: true });
    await expectInert(inbox, 'sidebar ⋯ menu', incidents, { sidebar: true });
    await inbox.keyboard.press('Escape');
    // A saved reply goes into the host's composer as its text.
    await selectByTestId(inbox, 'tip-snippet-select', (await inbox.$eval('pierce/[data-testid="tip-snippet-select"] option', (o) => (o as HTMLOptionElement).value))!);
    await clickTestId(inbox, 'tip-snippet-insert');
    const composed = await waitFor(() => inbox.$eval('textarea[data-demo-composer]', (t) => (t as HTMLTextAreaElement).value), (v) => v.length > 0, 'composer text');
    expect(XSS_PAYLOADS.slice(45, 50).map((p) => fit(p, 10_000))).toContain(composed);
    // A contact with several conversations (customer0@… wrote conversations 0, 10, 20…): the past ones are listed.
    await showConversation(inbox, 10);
    await waitForTestId(inbox, 'tip-past-conversations');
    text = await expectInert(inbox, 'sidebar contact card', incidents, { sidebar: true });
    expectLiteral(text, [P(0), P(20)], 'sidebar past conversations');

    // 4. The ticket record of several tickets (the first has every note), one in the trash.
    const record = await openPage(l.browser, extensionUrl(l, `/ticket.html?id=${encodeURIComponent(tickets[0]!)}`));
    for (const [k, ticketId] of [0, 1, 2, 3, 5, N - 1].map((k) => [k, tickets[k]!] as const)) {
      await record.goto(extensionUrl(l, `/ticket.html?id=${encodeURIComponent(ticketId)}`), { waitUntil: 'domcontentloaded' });
      await waitForTestId(record, 'tip-record');
      await waitForTestId(record, 'tip-activity-item');
      text = await expectInert(record, `record of ticket ${k}`, incidents);
      // (Not the sender's name: a contact keeps the name it was last seen with.)
      expectLiteral(text, [P(k), P(k + 7), P(k + 8), P(k + 11), asTag(P(k + 13))], `record of ticket ${k}`);
      if (k === 0) expectLiteral(text, XSS_PAYLOADS.slice(-40), 'record notes');
      const hrefs = await record.$$eval('[data-testid="tip-record-conversation"]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(href.startsWith(`${origin}/c/`), href).toBe(true);
    }

    // 5. The dashboard: rows, a hostile search, each filter, the charts as tables, the trash.
    const dash = await openDashboard(l);
    text = await expectInert(dash, 'dashboard', incidents);
    const search = await waitForTestId(dash, 'tip-search', { visible: true });
    for (const needle of ['<img src=x onerror', '"><svg', 'javascript:', '${', '{{']) {
      await search.click({ count: 3 });
      await dash.keyboard.press('Backspace');
      await search.type(needle);
      await waitForListSettled(dash);
      await expectInert(dash, `dashboard search ${needle}`, incidents);
    }
    await search.click({ count: 3 });
    await dash.keyboard.press('Backspace');
    await waitForListSettled(dash);
    await selectByTestId(dash, 'tip-filter-status', 'waiting-us');
    await waitForListSettled(dash);
    await selectByTestId(dash, 'tip-filter-owner', mates[1]!);
    await waitForListSettled(dash);
    text = await expectInert(dash, 'dashboard filtered', incidents);
    expectLiteral(text, [stageNames[2]!, P(11)], 'dashboard filters');
    await clickTestId(dash, 'tip-clear-filters');
    await waitForListSettled(dash);
    await clickTestId(dash, 'tip-chart-status-table-toggle');
    await clickTestId(dash, 'tip-chart-daily-table-toggle');
    text = await expectInert(dash, 'dashboard charts', incidents);
    expectLiteral(text, stageNames, 'dashboard charts');
    await clickTestId(dash, 'tip-tab-trash');
    await waitForTestId(dash, 'tip-trash-item');
    text = await expectInert(dash, 'dashboard trash', incidents);
    expectLiteral(text, [P(N - 1), P(N - 2)], 'dashboard trash');

    // 6. Every section of the options, and the popup.
    const opts = await openOptions(l, 'profile');
    for (const section of OPTION_SECTIONS) {
      await showSection(opts, section);
      text = await expectInert(opts, `options #${section}`, incidents);
      if (section === 'teammates') expectLiteral(text, [P(10), P(11), P(12)], 'options teammates');
      if (section === 'stages') expectLiteral(text, stageNames, 'options stages');
      if (section === 'snippets') expectLiteral(text, snippetNames, 'options snippets');
      if (section === 'properties') expectLiteral(text, [P(28), P(29)], 'options properties');
      if (section === 'tags') expectLiteral(text, [asTag(P(13)), asTag(P(14)), asTag(P(20))], 'options tags');
    }
    const popup = await openPage(l.browser, extensionUrl(l, '/popup.html'), { window: true });
    await waitForTestId(popup, 'tip-popup');
    await waitForAttr(popup, 'tip-popup-open-count', 'data-value', (v) => v !== null);
    text = await expectInert(popup, 'popup', incidents);
    expectLiteral(text, stageNames.slice(0, 3), 'popup');
    await popup.close();

    // 7. An export file whose strings are payloads: export, rewrite its free text, erase, import, look again.
    const downloads = await captureDownloads(l);
    try {
      await showSection(opts, 'data');
      const { json } = await exportViaPage(opts, downloads);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the file is rewritten field by field
      const file = json as any;
      const shift = 17;
      file.records.tickets.forEach((t: Record<string, unknown>, k: number) => Object.assign(t, { name: fit(P(k + shift), 10_000), description: fit(P(k + shift + 1), 10_000) }));
      file.records.contacts.forEach((c: Record<string, unknown>, k: number) => Object.assign(c, { name: fit(P(k + shift + 2), 1000) }));
      file.records.conversations.forEach((c: Record<string, unknown>, k: number) => Object.assign(c, { subject: fit(P(k + shift + 3), 10_000) }));
      file.records.notes.forEach((n: Record<string, unknown>, k: number) => Object.assign(n, { text: fit(P(k + shift + 4), 10_000) }));
      const imported = { tickets: file.records.tickets as { id: string; name: string; deletedAt: number | null }[] };
      const path = join(scratch, 'hostile-export.json');
      writeFileSync(path, JSON.stringify(file));
      expect(readFileSync(path, 'utf8')).toContain('onerror');

      await clickTestId(opts, 'tip-erase');
      await clickTestId(opts, 'tip-confirm');
      await waitFor(() => opts.$eval('[data-testid="tip-data-notice"]', (e) => e.textContent ?? ''), (t) => t === 'All data was erased.', 'erase notice', 15_000);
      await chooseImportFile(opts, path);
      await waitForTestId(opts, 'tip-import-preview', { visible: true, timeout: 30_000 });
      await expectInert(opts, 'import preview', incidents);
      await clickTestId(opts, 'tip-import-apply');
      await waitForNoTestId(opts, 'tip-import-preview', 30_000);
      await waitFor(() => opts.$eval('[data-testid="tip-data-notice"]', (e) => e.textContent ?? ''), (t) => /^Imported/i.test(t), 'import notice', 30_000);
      await expectInert(opts, 'options after import', incidents);

      const live = imported.tickets.filter((t) => t.deletedAt === null);
      const after = await openDashboard(l);
      text = await expectInert(after, 'dashboard after import', incidents);
      // The rows in view (a virtual list) are imported tickets, each named with its payload as text.
      const rowNames = await after.$$eval('[data-testid="tip-row-name"]', (as) => as.map((a) => a.textContent ?? ''));
      expect(rowNames.length).toBeGreaterThanOrEqual(5);
      const importedNames = new Set(live.map((t) => literalPrefix(t.name, 30)));
      for (const name of rowNames) expect(importedNames.has(literalPrefix(name, 30)), `row ${JSON.stringify(name.slice(0, 60))}`).toBe(true);
      expectLiteral(text, rowNames, 'dashboard after import');
      await after.goto(extensionUrl(l, `/ticket.html?id=${encodeURIComponent(live[0]!.id)}`), { waitUntil: 'domcontentloaded' });
      await waitForTestId(after, 'tip-activity-item');
      text = await expectInert(after, 'record after import', incidents);
      expectLiteral(text, [live[0]!.name], 'record after import');
      await inbox.bringToFront();
      await showConversation(inbox, 1);
      await expectInert(inbox, 'sidebar after import', incidents, { sidebar: true });
    } finally {
      downloads.remove();
    }
    // Nothing ran in any page still open, the host page included.
    for (const page of await l.browser.pages()) {
      if (page.url().startsWith('chrome-extension://') || page.url().startsWith(origin)) {
        expect(await page.evaluate(() => (window as unknown as { __tipXss?: unknown }).__tipXss), page.url()).toBeUndefined();
      }
    }
    expect(incidents).toEqual({ dialogs: [], csp: [] });
  }, 600_000);
  it('generic mode reads hostile pages as text, and hostile text typed into the options and the sidebar stays text', async () => {
    launched = await launchBrowser();
    const l = launched;
    const incidents = await watch(l);

    // The agent enables the test site in generic mode.
    const options = await openOptions(l, 'sites');
    const pattern = `${origin}/*`;
    await (await waitForTestId(options, 'tip-site-pattern', { visible: true })).type(pattern);
    await (await waitForTestId(options, 'tip-site-adapter')).select('generic');
    await clickTestId(options, 'tip-site-add');
    await waitForAttr(options, 'tip-site-row', 'data-pattern', pattern);

    // One page in seven of the corpus as a generic page, each made a ticket from the sidebar.
    const page = await openPage(l.browser, `${origin}/g/0`);
    const tickets: string[] = [];
    for (let i = 0; i < N; i += 7) {
      if (i > 0) await page.goto(`${origin}/g/${i}`, { waitUntil: 'domcontentloaded' });
      await waitForAttr(page, 'tip-conversation', 'data-key', (v) => !!v && v.endsWith(`/g/${i}`));
      // Generic mode records a conversation only once the agent acts: no owner picker before the ticket.
      tickets.push(await createTicket(page));
      const text = await expectInert(page, `generic sidebar, page ${i}`, incidents, { sidebar: true });
      expectLiteral(text, [P(i)], `generic sidebar, page ${i}`);
      expect(await page.evaluate(() => (window as unknown as { __tipXss?: unknown }).__tipXss), `generic page ${i}`).toBeUndefined();
    }
    expect(tickets.length).toBeGreaterThanOrEqual(10);

    // Typed by a person, key by key: printable payloads short enough for every field.
    const typed = XSS_PAYLOADS.filter((p) => /^[\x20-\x7E]+$/.test(p) && p.length <= 90 && p.trim() === p && !p.startsWith('@'));
    expect(typed.length).toBeGreaterThanOrEqual(20);
    const [mate, snippetName, snippetBody, stage, note] = [typed[0]!, typed[3]!, typed[6]!, typed[9]!, typed[12]!];
    // The inbox tab may have opened in the options' window: bring the options back in front.
    await options.bringToFront();
    await showSection(options, 'teammates');
    await options.type('[data-testid="tip-teammate-name"]', mate);
    await options.type('[data-testid="tip-teammate-email"]', 'typed.mate@example.com');
    await options.click('[data-testid="tip-teammate-add"]');
    await options.waitForSelector('[data-testid="tip-teammate-row"]:nth-child(2)');
    let text = await expectInert(options, 'options teammates, typed', incidents);
    expectLiteral(text, [mate], 'options teammates, typed');
    await showSection(options, 'snippets');
    await options.type('[data-testid="tip-snippet-name"]', snippetName);
    await options.type('[data-testid="tip-snippet-body"]', snippetBody);
    await options.click('[data-testid="tip-snippet-add"]');
    await options.waitForSelector('[data-testid="tip-snippet-row"]');
    text = await expectInert(options, 'options snippets, typed', incidents);
    expectLiteral(text, [snippetName, snippetBody], 'options snippets, typed');
    await showSection(options, 'stages');
    await retype(options, inRow('data-stage-id', 'new', 'tip-stage-name'), stage);
    await waitFor(() => options.$eval(inRow('data-stage-id', 'new', 'tip-stage-name'), (el) => (el as HTMLInputElement).value), (v) => v === stage, 'renamed stage');
    await expectInert(options, 'options stages, typed', incidents);

    // In the sidebar: a typed note; the renamed stage, the teammate and the saved reply show as text.
    await page.bringToFront();
    const input = await waitForTestId(page, 'tip-note-input', { visible: true });
    await input.type(note);
    await clickTestId(page, 'tip-note-add');
    await waitFor(() => page.$$eval('pierce/[data-testid="tip-note"]', (notes) => notes.map((n) => n.textContent ?? '').join(' ')), (t) => t.includes(note), 'typed note');
    await waitFor(() => page.$$eval('pierce/[data-testid="tip-status"] option', (os) => os.map((o) => o.textContent ?? '')), (t) => t.includes(stage), 'renamed stage in the sidebar');
    text = await expectInert(page, 'generic sidebar, typed', incidents, { sidebar: true });
    expectLiteral(text, [note, stage, snippetName, snippetBody], 'generic sidebar, typed');

    // The record of the last ticket and the dashboard show it all as text too.
    const record = await openPage(l.browser, extensionUrl(l, `/ticket.html?id=${encodeURIComponent(tickets.at(-1)!)}`));
    await waitForTestId(record, 'tip-activity-item');
    text = await expectInert(record, 'record, generic', incidents);
    expectLiteral(text, [P((tickets.length - 1) * 7), note, stage], 'record, generic');
    const hrefs = await record.$$eval('[data-testid="tip-record-conversation"]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs).toEqual([`${origin}/g/${(tickets.length - 1) * 7}`]);
    const dash = await openDashboard(l);
    text = await expectInert(dash, 'dashboard, generic', incidents);
    expectLiteral(text, [stage], 'dashboard, generic');
    expect(incidents).toEqual({ dialogs: [], csp: [] });
  }, 300_000);
});
