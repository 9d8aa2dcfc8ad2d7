import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixture } from './fixture-host';
import { launchBrowser, openPage, waitFor, waitForAttr, waitForTestId, type Launched } from './harness';
import { openOptions } from './options-helpers';
import { createTicket, sendFromExtensionPage } from './sidebar-helpers';

/**
 * Generic mode: a page no adapter knows, enabled by the agent in the options.
 * A small local site (served on 127.0.0.1 only) with two threads.
 */
const PAGES: Record<string, string> = {
  '/t/printer-jams/991': fixture('generic', '2026-11-25-forum-thread.html'),
  '/tickets/1001': fixture('generic', '2026-11-25-helpdesk-ticket.html'),
  // Another page of the enabled site that prints the same customer's address (a copy of the ticket page).
  '/shared/refund-notice': fixture('generic', '2026-11-25-helpdesk-ticket.html'),
  // A chat app whose customer writes their address inside a message.
  '/c/rosa-lind': fixture('generic', '2026-12-07-chat-email-in-message.html'),
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

  it("a page that merely shows a known customer's address adds nothing to their history; creating a ticket there does", async () => {
    launched = await launchBrowser();
    const options = await openOptions(launched, 'sites');
    const pattern = `${origin}/*`;
    await (await waitForTestId(options, 'tip-site-pattern', { visible: true })).type(pattern);
    await (await waitForTestId(options, 'tip-site-adapter')).select('generic');
    await (await waitForTestId(options, 'tip-site-add')).click();
    await waitForAttr(options, 'tip-site-row', 'data-pattern', pattern);

    // The customer's real conversation, worked on by the agent.
    const page = await openPage(launched.browser, `${origin}/tickets/1001`);
    const realKey = await waitForAttr(page, 'tip-conversation', 'data-key', (v) => !!v);
    const realTicket = await createTicket(page);

    // A page showing the same address: the sidebar reads it and has loaded its view (the create button shows).
    await page.goto(`${origin}/shared/refund-notice`, { waitUntil: 'domcontentloaded' });
    const shownKey = await waitForAttr(page, 'tip-conversation', 'data-key', (v) => !!v && v !== realKey);
    await waitForTestId(page, 'tip-create-ticket', { visible: true });
    await waitForTestId(page, 'tip-past-conversations');
    /** Whether the store holds a conversation for the shown page (read in the worker through the router). */
    const recorded = async () => {
      const reply = await sendFromExtensionPage(launched!, {
        kind: 'tip.query',
        query: { type: 'sidebar.view', conversation: { source: 'generic', key: shownKey, subject: 'x', channel: 'email', hostUrl: `${origin}/shared/refund-notice`, contact: { name: 'x', email: null, handle: null } } },
      });
      if (!reply.ok) throw new Error(JSON.stringify(reply));
      return (reply.data as { conversation: { key: string } | null }).conversation !== null;
    };
    /** What the real conversation's contact card lists as the customer's other conversations. */
    const pastKeys = () => page.$$eval('pierce/[data-testid="tip-past-conversations"] li[data-key]', (items) => items.map((li) => li.getAttribute('data-key')));

    // Back on the real conversation (the shown page's load, and anything it sent, long done): nothing new.
    await page.goto(`${origin}/tickets/1001`, { waitUntil: 'domcontentloaded' });
    await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', realTicket);
    await waitForTestId(page, 'tip-past-conversations');
    expect(await pastKeys()).toEqual([]);
    expect(await recorded()).toBe(false);

    // The agent acts on the shown page: now it is the customer's conversation.
    await page.goto(`${origin}/shared/refund-notice`, { waitUntil: 'domcontentloaded' });
    await waitForAttr(page, 'tip-conversation', 'data-key', shownKey!);
    await createTicket(page, 'Refund notice');
    expect(await recorded()).toBe(true);
    await page.goto(`${origin}/tickets/1001`, { waitUntil: 'domcontentloaded' });
    await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', realTicket);
    expect(await waitFor(pastKeys, (keys) => keys.length > 0, 'the past conversations list')).toEqual([shownKey]);
  });

  it("on a chat page the contact is the customer's author, not the message text around the address they wrote", async () => {
    launched = await launchBrowser();
    const options = await openOptions(launched, 'sites');
    const pattern = `${origin}/*`;
    await (await waitForTestId(options, 'tip-site-pattern', { visible: true })).type(pattern);
    await (await waitForTestId(options, 'tip-site-adapter')).select('generic');
    await (await waitForTestId(options, 'tip-site-add')).click();
    await waitForAttr(options, 'tip-site-row', 'data-pattern', pattern);

    const page = await openPage(launched.browser, `${origin}/c/rosa-lind`);
    await waitForAttr(page, 'tip-conversation', 'data-source', 'generic');
    const header = () =>
      page.$eval('pierce/[data-testid="tip-conversation"]', (el) => ({
        name: el.querySelector('.tip-contact-name')?.textContent ?? '',
        line: el.querySelector('.tip-contact-line')?.textContent ?? '',
        chat: !!el.querySelector('.tip-badge-chat'),
        email: !!el.querySelector('.tip-badge-email'),
      }));
    const shown = await waitFor(header, (h) => h.name !== '', 'the contact line');
    expect(shown).toMatchObject({ name: 'Rosa Lind', chat: true, email: false });
    expect(shown.line).not.toContain('parcel');
    expect(shown.line).not.toContain('rosa.lind@example.org');

    // Recorded by an action: the contact is the author, known by their handle on this site.
    await createTicket(page);
    const contact = await waitForTestId(page, 'tip-contact', { visible: true });
    const card = await contact.evaluate((el) => el.textContent ?? '');
    expect(card).toContain('Rosa Lind');
    expect(card).not.toContain('parcel');
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
