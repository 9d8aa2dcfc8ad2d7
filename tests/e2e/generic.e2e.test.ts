import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixture } from './fixture-host';
import { launchBrowser, openPage, waitForAttr, waitForTestId, type Launched } from './harness';
import { openOptions } from './options-helpers';
import { createTicket } from './sidebar-helpers';

/**
 * Generic mode: a page no adapter knows, enabled by the agent in the options.
 * A small local site (served on 127.0.0.1 only) with two threads.
 */
const PAGES: Record<string, string> = {
  '/t/printer-jams/991': fixture('generic', '2026-11-25-forum-thread.html'),
  '/tickets/1001': fixture('generic', '2026-11-25-helpdesk-ticket.html'),
};

let server: Server;
let origin: string;
let launched: Launched | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    const html = PAGES[new URL(req.url ?? '/', 'http://x').pathname];
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

describe('generic mode', () => {
  it('a page enabled in the options gets tickets; keys are stable across reloads and differ per thread', async () => {
    launched = await launchBrowser();
    const options = await openOptions(launched, 'sites');
    const pattern = `${origin}/*`;
    const input = await waitForTestId(options, 'tip-site-pattern', { visible: true });
    await input.type(pattern);
    await (await waitForTestId(options, 'tip-site-adapter')).select('generic');
    await (await waitForTestId(options, 'tip-site-add')).click();
    await waitForAttr(options, 'tip-site-row', 'data-pattern', pattern);

    const page = await openPage(launched.browser, `${origin}/t/printer-jams/991`);
    const forumKey = await waitForAttr(page, 'tip-conversation', 'data-key', (v) => !!v);
    expect(await waitForAttr(page, 'tip-conversation', 'data-source', 'generic')).toBe('generic');
    const ticketId = await createTicket(page);

    await page.reload({ waitUntil: 'domcontentloaded' });
    expect(await waitForAttr(page, 'tip-conversation', 'data-key', forumKey!)).toBe(forumKey);
    expect(await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', ticketId)).toBe(ticketId);

    await page.goto(`${origin}/tickets/1001`, { waitUntil: 'domcontentloaded' });
    const otherKey = await waitForAttr(page, 'tip-conversation', 'data-key', (v) => !!v && v !== forumKey);
    expect(otherKey).not.toBe(forumKey);
    await waitForTestId(page, 'tip-create-ticket');
  });

  it('a bad match pattern is refused with a visible error and nothing is enabled', async () => {
    launched = await launchBrowser();
    const options = await openOptions(launched, 'sites');
    const input = await waitForTestId(options, 'tip-site-pattern', { visible: true });
    await input.type('mail.example.org');
    await (await waitForTestId(options, 'tip-site-add')).click();
    await waitForTestId(options, 'tip-error', { visible: true });
    expect(await options.$('pierce/[data-testid="tip-site-row"]')).toBeNull();
  });
});
