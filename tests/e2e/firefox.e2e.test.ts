import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { fixture } from './fixture-host';
import { buildFirefoxE2e, extensionPageOpened, launchFirefox } from './firefox';
import { textOfTestId, waitFor, waitForAttr, waitForTestId } from './harness';
import { useDemoInbox } from './demo-inbox';
import { ARTIFACTS_DIR } from './paths';
import { createTicket, selectByTestId, waitForLoaded } from './sidebar-helpers';

/**
 * The Firefox build in real Firefox (Debian's firefox-esr), driven over WebDriver BiDi:
 * the sidebar on the demo inbox, a ticket made and closed there, its record page, and a site
 * enabled in the options. Rules: R1 (create from the conversation), R8 (closing closes its
 * conversation), the options' sites.
 */

const demo = useDemoInbox();
const SHOTS = join(ARTIFACTS_DIR, 'screens', 'firefox');
let browser: Browser | undefined;

/** A page the agent enables as "any page": the generic reader. */
let server: Server;
let origin: string;
beforeAll(async () => {
  buildFirefoxE2e();
  const forum = fixture('generic', '2026-11-25-forum-thread.html');
  server = createServer((req, res) => {
    const ok = new URL(req.url ?? '/', 'http://x').pathname === '/t/printer-jams/991';
    res.writeHead(ok ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(ok ? forum : 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 240_000);
afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));
afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

async function open(url: string): Promise<Page> {
  const page = await browser!.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page;
}

describe('Firefox', () => {
  it('shows the sidebar on the demo inbox, creates a ticket there, closes it (R8) and opens its record', async () => {
    browser = await launchFirefox();
    const inbox = await open(new URL('/c/em-1042-refund', demo.url).href);
    await waitForAttr(inbox, 'tip-conversation', 'data-key', 'em-1042-refund', 20_000);
    await waitForLoaded(inbox);
    const ticketId = await createTicket(inbox, 'Refund for order 1042');
    expect(ticketId).toMatch(/^ticket:/);
    expect(await textOfTestId(inbox, 'tip-ticket-name')).toBe('Refund for order 1042');

    await selectByTestId(inbox, 'tip-status', 'closed');
    await waitForAttr(inbox, 'tip-status', 'data-value', 'closed');
    await waitForAttr(inbox, 'tip-conversation-status', 'data-value', 'closed');
    mkdirSync(SHOTS, { recursive: true });
    await inbox.screenshot({ path: join(SHOTS, 'sidebar.png') });

    // The record opens in a new tab (the background opens extension pages: a test can't navigate to one).
    await (await waitForTestId(inbox, 'tip-ticket-name', { visible: true })).click();
    const recordPage = await extensionPageOpened(browser, '/ticket.html');
    await waitForAttr(recordPage, 'tip-record', 'data-ticket-id', ticketId);
    expect(await textOfTestId(recordPage, 'tip-record-conversation')).toMatch(/refund/i);
  });

  it('enables a site in the options, and the sidebar reads that page with the generic reader', async () => {
    browser = await launchFirefox();
    const inbox = await open(new URL('/c/em-1042-refund', demo.url).href);
    await waitForLoaded(inbox);
    await createTicket(inbox);
    // From the record page, the options are the extension's own page: the page itself may go there.
    await (await waitForTestId(inbox, 'tip-ticket-name', { visible: true })).click();
    const page = await extensionPageOpened(browser, '/ticket.html');
    await waitForTestId(page, 'tip-record');
    await page.evaluate(() => void location.assign('/options.html#sites'));
    await waitForTestId(page, 'tip-section-sites', { timeout: 15_000 });

    // With its port: Firefox matches nothing with a port in the pattern, so the build hands it the host's (browserPattern).
    const pattern = `${origin}/*`;
    const input = await waitForTestId(page, 'tip-site-pattern', { visible: true });
    await input.type(pattern);
    await selectByTestId(page, 'tip-site-adapter', 'generic');
    await (await waitForTestId(page, 'tip-site-add', { visible: true })).click();
    await waitFor(() => page.$(`[data-testid="tip-site-row"][data-pattern="${pattern}"]`).then(Boolean), (found) => found, 'the enabled site');
    await page.screenshot({ path: join(SHOTS, 'options-sites.png') });

    const forum = await open(`${origin}/t/printer-jams/991`);
    await waitForAttr(forum, 'tip-conversation', 'data-source', 'generic', 20_000);
  });
});
