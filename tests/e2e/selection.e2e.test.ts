import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { ARTIFACTS_DIR } from './paths';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import type { Page } from 'puppeteer';
import { useDemoInbox } from './demo-inbox';
import { recordOf } from './dashboard-helpers';
import { fixture } from './fixture-host';
import { launchBrowser, openPage, waitFor, waitForAttr, waitForTestId, type Launched } from './harness';
import { openOptions } from './options-helpers';
import { openConversation, selectByTestId, sendFromExtensionPage } from './sidebar-helpers';

/**
 * A ticket from the page's selection (the sidebar's action and the context
 * menu), one chat message as its own conversation, and a customer's new
 * message reopening a closed ticket (R9), in real Chromium.
 */
/** Pictures of each step, to look at (README's pictures are copied from here). */
const SHOTS = join(ARTIFACTS_DIR, 'screens', 'selection');
const demo = useDemoInbox();
const PAGES: Record<string, string> = {
  '/tickets/1001': fixture('generic', '2026-11-25-helpdesk-ticket.html'),
  '/plain/notes': fixture('generic', '2026-11-25-forum-thread.html'),
};

let server: Server;
let origin: string;
let launched: Launched | undefined;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
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

/** Selects the text of the first element matching `selector` in the page, as a drag would. Returns the text. */
async function selectText(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const range = document.createRange();
    range.selectNodeContents(el);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString().trim();
  }, selector);
}

async function valueOf(page: Page, testId: string): Promise<string> {
  const el = await waitForTestId(page, testId, { visible: true });
  const value = await el.evaluate((e) => (e as HTMLInputElement | HTMLTextAreaElement).value);
  await el.dispose();
  return value;
}

async function submitForm(page: Page): Promise<string> {
  await (await waitForTestId(page, 'tip-create-submit', { visible: true })).click();
  return (await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', (v) => !!v && v.startsWith('ticket:')))!;
}

async function enableGeneric(l: Launched): Promise<void> {
  const options = await openOptions(l, 'sites');
  const pattern = `${origin}/tickets/*`;
  await (await waitForTestId(options, 'tip-site-pattern', { visible: true })).type(pattern);
  await (await waitForTestId(options, 'tip-site-adapter')).select('generic');
  await (await waitForTestId(options, 'tip-site-add')).click();
  await waitForAttr(options, 'tip-site-row', 'data-pattern', pattern);
  await options.close();
}

describe('a ticket from a selection', () => {
  it('on a plain enabled page (generic mode): the sidebar action opens the form with the selection as the description', async () => {
    launched = await launchBrowser();
    await enableGeneric(launched);
    const page = await openPage(launched.browser, `${origin}/tickets/1001`);
    const key = await waitForAttr(page, 'tip-conversation', 'data-key', (v) => !!v);
    await waitForTestId(page, 'tip-create-ticket');

    const text = await selectText(page, '.entry.customer p:not(.from)');
    expect(text).toBe('Every second page jams since the firmware update. Model LX-200.');
    await (await waitForTestId(page, 'tip-create-from-selection', { visible: true })).click();
    await waitForTestId(page, 'tip-create-form', { visible: true });
    expect(await valueOf(page, 'tip-create-description')).toBe(text);
    await page.screenshot({ path: `${SHOTS}/generic-selection-form.png` });

    const ticketId = await submitForm(page);
    // The page itself is the conversation in generic mode.
    expect(await waitForAttr(page, 'tip-conversation', 'data-key', key!)).toBe(key);
    const record = await recordOf(launched, ticketId);
    expect((record.ticket as unknown as { description: string }).description).toBe(text);
  });

  it('from the context menu on a page that is not enabled: the sidebar opens there once, with the form and the selection', async () => {
    launched = await launchBrowser();
    const page = await openPage(launched.browser, `${origin}/plain/notes`);
    const text = await selectText(page, 'main p, article p, p');
    expect(text.length).toBeGreaterThan(5);
    await page.bringToFront();
    const worker = await launched.worker();
    const how = await worker.evaluate(() => (globalThis as unknown as { tipSelectionMenu(): Promise<string> }).tipSelectionMenu());
    expect(how).toBe('injected');
    await waitForTestId(page, 'tip-create-form', { visible: true, timeout: 15_000 });
    expect(await valueOf(page, 'tip-create-description')).toBe(text);

    // Asked again with the sidebar there: it is sent to it, not injected twice.
    const again = await worker.evaluate(() => (globalThis as unknown as { tipSelectionMenu(): Promise<string> }).tipSelectionMenu());
    expect(again).toBe('sent');
  });

  it("from one message of a chat (demo chat): the conversation is that message, the contact its author", async () => {
    launched = await launchBrowser();
    const page = await openConversation(launched.browser, demo.url, 'ch-marta-ruiz');
    const text = await selectText(page, 'li[data-demo-message-id="m1"] [data-demo-message-body]');
    await (await waitForTestId(page, 'tip-create-from-selection', { visible: true })).click();
    expect(await waitForAttr(page, 'tip-conversation', 'data-key', 'ch-marta-ruiz/m1')).toBe('ch-marta-ruiz/m1');
    await waitForTestId(page, 'tip-create-form', { visible: true });
    expect(await valueOf(page, 'tip-create-description')).toBe(text);
    // The name is the message's first words.
    const name = await valueOf(page, 'tip-create-name');
    expect(name.endsWith('…') && text.startsWith(name.slice(0, -1))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/chat-message-form.png` });
    const ticketId = await submitForm(page);
    await page.screenshot({ path: `${SHOTS}/chat-message-ticket.png` });

    const record = (await recordOf(launched, ticketId)) as unknown as {
      ticket: { description: string };
      conversations: { key: string }[];
      contact: { name: string; email: string | null } | null;
    };
    expect(record.ticket.description).toBe(text);
    expect(record.conversations.map((c) => c.key)).toEqual(['ch-marta-ruiz/m1']);
    expect(record.contact).toMatchObject({ name: 'Marta Ruiz', email: 'marta.ruiz@example.com' });

    // Back to the whole chat: it has no ticket of its own.
    await (await waitForTestId(page, 'tip-selection-back', { visible: true })).click();
    expect(await waitForAttr(page, 'tip-conversation', 'data-key', 'ch-marta-ruiz')).toBe('ch-marta-ruiz');
    await waitForTestId(page, 'tip-create-ticket', { visible: true });
  });
});

describe('a new customer message reopens (R9)', () => {
  it("the agent's reply leaves the closed ticket closed; the customer's next message reopens it, with the reason in the history", async () => {
    launched = await launchBrowser();
    const page = await openConversation(launched.browser, demo.url, 'em-1042-refund');
    await (await waitForTestId(page, 'tip-create-ticket', { visible: true })).click();
    const ticketId = await submitForm(page);
    await selectByTestId(page, 'tip-status', 'closed');
    await waitForAttr(page, 'tip-conversation-status', 'data-value', 'closed');

    // The agent replies through the demo's composer: a newer message, not the customer's.
    await page.type('textarea[data-demo-composer]', 'We are on it.');
    await page.click('form[data-demo-reply] button[type="submit"]');
    await waitFor(
      async () => (await recordOf(launched!, ticketId)).conversations[0] as unknown as { lastMessage?: { id: string } },
      (c) => c.lastMessage?.id === 'm4',
      'the reply stored as the newest message',
    );
    expect(await waitForAttr(page, 'tip-status', 'data-value', 'closed')).toBe('closed');

    // The customer writes again (the demo has no live backend: the message is added as the page would render it).
    await page.evaluate(() => {
      const li = document.createElement('li');
      li.setAttribute('data-demo-message', '');
      li.setAttribute('data-demo-message-id', 'm5');
      li.setAttribute('data-direction', 'in');
      const body = document.createElement('div');
      body.setAttribute('data-demo-message-body', '');
      body.textContent = 'Any news? Still nothing on my statement.';
      li.append(body);
      document.querySelector('[data-demo-messages]')!.append(li);
    });
    expect(await waitForAttr(page, 'tip-status', 'data-value', 'new')).toBe('new');
    expect(await waitForAttr(page, 'tip-conversation-status', 'data-value', 'open')).toBe('open');
    await page.screenshot({ path: `${SHOTS}/reopened-by-message.png` });
    const record = (await recordOf(launched, ticketId)) as unknown as { activity: { kind: string; text?: string }[] };
    expect(record.activity.find((a) => a.kind === 'conversation.reopened')?.text).toBe('reopened by a new message');
    expect(record.activity.at(-1)?.kind).toBe('ticket.reopened');

    // The record page says why, in words.
    const recordPage = await openPage(launched.browser, `chrome-extension://${launched.extensionId}/ticket.html?id=${encodeURIComponent(ticketId)}`);
    await waitFor(
      async () => recordPage.$$eval('pierce/[data-testid="tip-activity-item"]', (els) => els.map((e) => e.textContent ?? '').join('\n')).catch(() => ''),
      (text) => text.includes('the customer wrote again'),
      'the history entry',
    );
    await recordPage.screenshot({ path: `${SHOTS}/record-reopened.png`, fullPage: true });
  });

  it('the option in the options page turns it off', async () => {
    launched = await launchBrowser();
    const options = await openOptions(launched, 'stages');
    const box = await waitForTestId(options, 'tip-option-reopen-on-message', { visible: true });
    expect(await box.evaluate((e) => (e as HTMLInputElement).checked)).toBe(true);
    await options.screenshot({ path: `${SHOTS}/options-reopen.png`, fullPage: true });
    await box.click();
    const settings = await waitFor(
      async () => ((await sendFromExtensionPage(launched!, { kind: 'tip.query', query: { type: 'settings.get' } })).data as { settings: { reopenOnMessage?: boolean } }).settings,
      (s) => s?.reopenOnMessage === false,
      'the setting saved',
    );
    expect(settings.reopenOnMessage).toBe(false);
  });
});
