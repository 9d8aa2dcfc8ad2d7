import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer';
import { startDemoServer } from '../../demo/serve.mjs';
import { fixture } from './fixture-host';
import { hasSidebar, launchBrowser, openPage, textOfTestId, waitForAttr, waitForTestId, type Launched } from './harness';
import { openConversation } from './sidebar-helpers';

/**
 * The manifest's keyboard shortcuts, from the background's command handler to
 * the sidebar of the tab in front. Headless Chromium has no window to take
 * browser-level key bindings, so the test calls the handler the commands API
 * calls (the e2e build exposes it on the worker as `tipShortcut`).
 */
let demo: Awaited<ReturnType<typeof startDemoServer>>;
let forum: Server;
let forumUrl: string;
let launched: Launched | undefined;

beforeAll(async () => {
  demo = await startDemoServer({ port: 0, host: '127.0.0.1' });
  const html = fixture('generic', '2026-11-25-forum-thread.html');
  forum = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => forum.listen(0, '127.0.0.1', resolve));
  forumUrl = `http://127.0.0.1:${(forum.address() as AddressInfo).port}/t/printer-jams/991`;
});
afterAll(async () => {
  await demo?.close();
  await new Promise((resolve) => forum.close(resolve));
});
afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

/** Presses one of our shortcuts on the tab in front, as the commands API would report it. */
async function press(page: Page, name: string): Promise<string> {
  await page.bringToFront();
  const worker = await launched!.worker();
  return worker.evaluate((n) => (globalThis as unknown as { tipShortcut(name: string): Promise<string> }).tipShortcut(n), name);
}

const expanded = (page: Page) => waitForAttr(page, 'tip-toggle', 'aria-expanded', () => true);

describe('keyboard shortcuts', () => {
  it('toggle, R1 create (the form opens on the name field) and R8 close act on the open conversation', async () => {
    launched = await launchBrowser();
    const page = await openConversation(launched.browser, demo.url, 'em-1042-refund');

    expect(await press(page, 'toggle-sidebar')).toBe('sent');
    expect(await waitForAttr(page, 'tip-toggle', 'aria-expanded', 'false')).toBe('false');
    // Create from a collapsed sidebar: it opens, with the prefilled form and the name field focused.
    expect(await press(page, 'create-ticket')).toBe('sent');
    await waitForTestId(page, 'tip-create-form', { visible: true });
    expect(await expanded(page)).toBe('true');
    const focused = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('data-testid'));
    expect(focused).toBe('tip-create-name');
    await page.keyboard.press('Enter');
    await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', (v) => !!v);

    // A second create: R2, said in tip-error; the ticket stays.
    await press(page, 'create-ticket');
    expect(await textOfTestId(page, 'tip-error')).toMatch(/already has a ticket/);

    expect(await press(page, 'close-ticket')).toBe('sent');
    expect(await waitForAttr(page, 'tip-status', 'data-value', 'closed')).toBe('closed');
    expect(await waitForAttr(page, 'tip-conversation-status', 'data-value', 'closed')).toBe('closed');
  });

  it('close-ticket without a ticket says so and changes nothing', async () => {
    launched = await launchBrowser();
    const page = await openConversation(launched.browser, demo.url, 'em-1042-refund');
    await press(page, 'close-ticket');
    expect(await textOfTestId(page, 'tip-error')).toMatch(/no ticket/i);
    await waitForTestId(page, 'tip-create-ticket', { visible: true });
  });

  it('toggle-sidebar on a page no site is enabled for opens the sidebar there once (generic)', async () => {
    launched = await launchBrowser();
    const page = await openPage(launched.browser, forumUrl);
    expect(await hasSidebar(page)).toBe(false);
    expect(await press(page, 'toggle-sidebar')).toBe('injected');
    expect(await waitForAttr(page, 'tip-conversation', 'data-source', 'generic')).toBe('generic');
    // Only once: a reload leaves the page as it was.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await new Promise((r) => setTimeout(r, 500));
    expect(await hasSidebar(page)).toBe(false);
  });
});
