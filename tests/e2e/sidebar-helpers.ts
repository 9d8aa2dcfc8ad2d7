import type { Browser, Page } from 'puppeteer';
import { openPage, textOfTestId, waitForAttr, waitForNoTestId, waitForTestId, type Launched } from './harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are checked field by field by the tests
export type AnyReply = { ok: boolean; data?: any; error?: { code: string; message: string } };

/** Opens a demo conversation at its own URL and waits for the sidebar to show it with its data. */
export async function openConversation(browser: Browser, demoUrl: string, key: string): Promise<Page> {
  const page = await openPage(browser, new URL(`/c/${key}`, demoUrl).href);
  await waitForAttr(page, 'tip-conversation', 'data-key', key);
  await waitForLoaded(page);
  return page;
}

/** The sidebar has its background data once the conversation's owner picker or a ticket card shows. */
export async function waitForLoaded(page: Page): Promise<void> {
  await waitForTestId(page, 'tip-conversation-owner');
}

/** Switches conversation the way an agent does: a click in the host's list, no page load. */
export async function switchTo(page: Page, key: string): Promise<void> {
  await page.click(`[data-demo-conversation="${key}"]`);
  await waitForAttr(page, 'tip-conversation', 'data-key', key);
  await waitForLoaded(page);
}

/** R1 through the real form: Create ticket → (optionally rename) → submit. Returns the ticket id. */
export async function createTicket(page: Page, name?: string): Promise<string> {
  await (await waitForTestId(page, 'tip-create-ticket', { visible: true })).click();
  await waitForTestId(page, 'tip-create-form', { visible: true });
  if (name !== undefined) {
    const input = await waitForTestId(page, 'tip-create-name');
    await input.click({ count: 3 });
    await input.type(name);
  }
  await (await waitForTestId(page, 'tip-create-submit', { visible: true })).click();
  return (await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', (v) => !!v && v.startsWith('ticket:')))!;
}

export async function selectByTestId(page: Page, testId: string, value: string): Promise<void> {
  const el = await waitForTestId(page, testId, { visible: true });
  await el.select(value);
  await el.dispose();
}

/** R4: click the property, pick or type the new value, save with Enter / change. */
export async function editProperty(page: Page, id: string, value: string, how: 'select' | 'type' = 'select'): Promise<void> {
  await (await waitForTestId(page, `tip-prop-${id}`, { visible: true })).click();
  const input = await waitForTestId(page, `tip-prop-input-${id}`, { visible: true });
  if (how === 'select') {
    await input.select(value);
  } else {
    await input.click({ count: 3 });
    await input.type(value);
    await input.press('Enter');
  }
}

export async function openMenuItem(page: Page, item: string): Promise<void> {
  await (await waitForTestId(page, 'tip-menu', { visible: true })).click();
  await (await waitForTestId(page, item, { visible: true })).click();
}

export async function expectNoError(page: Page): Promise<void> {
  await waitForNoTestId(page, 'tip-error', 1000);
}

export { textOfTestId };

/** Sends a message from one of the extension's own pages (seeding teammates, snippets…). */
export async function sendFromExtensionPage(launched: Launched, message: unknown): Promise<AnyReply> {
  const page = await launched.browser.newPage();
  try {
    await page.goto(`chrome-extension://${launched.extensionId}/ticket.html?id=none`);
    return (await page.evaluate(
      (m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m),
      message,
    )) as AnyReply;
  } finally {
    await page.close();
  }
}
