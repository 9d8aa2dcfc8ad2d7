/**
 * One customer on two channels, in real Chromium: Lucía Fernández writes by
 * email in the demo inbox and by WhatsApp (a saved WhatsApp Web chat at its
 * real URL, no email on it). The WhatsApp sidebar suggests "Same person as
 * Lucía Fernández?"; the agent confirms; each sidebar then lists the other
 * conversation in the contact's history; the split undoes it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS_DIR } from './paths';
import type { Page } from 'puppeteer';
import { useDemoInbox } from './demo-inbox';
import { fixture, serveAtRealUrls } from './fixture-host';
import { openDashboard } from './dashboard-helpers';
import { clickTestId, launchBrowser, waitFor, waitForAttr, waitForNoTestId, waitForTestId, type Launched } from './harness';
import { expectNoError, openConversation } from './sidebar-helpers';

const LUCIA_MAIL = 'em-1029-cambio-plan';
const WHATSAPP_URL = 'https://web.whatsapp.com/';
/** Pictures of each step, to look at (README's pictures are copied from here). */
const SHOTS = join(ARTIFACTS_DIR, 'screens', 'contacts');

const demo = useDemoInbox();
let launched: Launched;

beforeEach(async () => {
  launched = await launchBrowser();
});
afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
});

async function openWhatsApp(): Promise<Page> {
  const page = await launched.browser.newPage();
  await serveAtRealUrls(page, { [WHATSAPP_URL]: fixture('whatsapp', '2026-11-25-chat-phone-jid.html') });
  await page.goto(WHATSAPP_URL, { waitUntil: 'domcontentloaded' });
  await page.bringToFront();
  await waitForAttr(page, 'tip-conversation', 'data-source', 'whatsapp');
  return page;
}

/** The data-key of each conversation the contact card lists in the contact's history (R13). */
async function pastKeys(page: Page): Promise<string[]> {
  const list = await waitForTestId(page, 'tip-past-conversations');
  const keys = await list.evaluate((el) => Array.from(el.querySelectorAll('li[data-key]')).map((li) => li.getAttribute('data-key') ?? ''));
  await list.dispose();
  return keys;
}

async function identities(page: Page): Promise<string[]> {
  const handles = await page.$$('pierce/[data-testid="tip-contact-identity"]');
  const out = await Promise.all(handles.map((h) => h.evaluate((el) => `${el.getAttribute('data-kind')}:${el.querySelector('.tip-identity-value')?.textContent ?? ''}`)));
  await Promise.all(handles.map((h) => h.dispose()));
  return out;
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await new Promise((r) => setTimeout(r, 150));
    await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png` });
  }
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
}

describe('one customer on email and WhatsApp', () => {
  it('suggests the same person by name, merges on confirm so each sidebar lists the other conversation, and splits again', async () => {
    const mail = await openConversation(launched.browser, demo.url, LUCIA_MAIL);
    await waitForAttr(mail, 'tip-contact', 'data-contact-id', (v) => !!v);
    const chat = await openWhatsApp();
    const chatKey = (await waitForAttr(chat, 'tip-conversation', 'data-key', (v) => !!v))!;

    // A suggestion, never a link: two contacts until the agent says so.
    const suggestion = await waitForTestId(chat, 'tip-contact-suggestion', { visible: true, timeout: 15_000 });
    expect(await suggestion.evaluate((el) => el.textContent)).toContain('Same person as Lucía Fernández?');
    expect(await suggestion.evaluate((el) => el.textContent)).toContain('Same name, on another channel.');
    await suggestion.dispose();
    expect(await pastKeys(chat)).not.toContain(LUCIA_MAIL);
    // The chat shows the number: its handle and its phone, both exact.
    expect((await identities(chat)).sort()).toEqual(['handle:whatsapp:+34600000001', 'phone:+34600000001']);
    await shoot(chat, 'suggestion');

    await clickTestId(chat, 'tip-contact-merge');
    await waitForTestId(chat, 'tip-contact-split', { visible: true });
    await waitForNoTestId(chat, 'tip-contact-suggestion');
    await expectNoError(chat);
    // The chat's contact now has the email too, and its history has the email conversation.
    await waitFor(() => identities(chat), (ids) => ids.includes('email:lucia.fernandez@example.org'), 'the merged identities');
    await waitFor(() => pastKeys(chat), (keys) => keys.includes(LUCIA_MAIL), 'the email conversation in the chat sidebar');
    await shoot(chat, 'merged');

    // The email's sidebar (another tab) follows: its contact's history has the WhatsApp chat.
    await mail.bringToFront();
    await waitFor(() => pastKeys(mail), (keys) => keys.includes(chatKey), 'the WhatsApp chat in the email sidebar');

    // Split from the chat's sidebar: two contacts again, each history without the other.
    await chat.bringToFront();
    await clickTestId(chat, 'tip-contact-split');
    await waitForNoTestId(chat, 'tip-contact-split');
    await expectNoError(chat);
    await waitFor(() => pastKeys(chat), (keys) => !keys.includes(LUCIA_MAIL), 'the chat sidebar without the email conversation');
    expect((await identities(chat)).sort()).toEqual(['handle:whatsapp:+34600000001', 'phone:+34600000001']);
    await mail.bringToFront();
    await waitFor(() => pastKeys(mail), (keys) => !keys.includes(chatKey), 'the email sidebar without the chat');
    expect(await identities(mail)).toEqual(['email:lucia.fernandez@example.org']);

    // Not the same person after all: dismissed, and not offered again after a reload.
    await chat.bringToFront();
    await clickTestId(chat, 'tip-contact-dismiss');
    await waitForNoTestId(chat, 'tip-contact-suggestion');
    await chat.reload({ waitUntil: 'domcontentloaded' });
    await waitForAttr(chat, 'tip-contact', 'data-contact-id', (v) => !!v);
    await waitForTestId(chat, 'tip-past-conversations');
    await waitForNoTestId(chat, 'tip-contact-suggestion', 1500);
  });

  it('the merged-away contact is in the dashboard’s trash; restoring it there splits the merge', async () => {
    const mail = await openConversation(launched.browser, demo.url, LUCIA_MAIL);
    await waitForAttr(mail, 'tip-contact', 'data-contact-id', (v) => !!v);
    const chat = await openWhatsApp();
    await clickTestId(chat, 'tip-contact-merge');
    await waitFor(() => pastKeys(chat), (keys) => keys.includes(LUCIA_MAIL), 'the email conversation in the chat sidebar');

    const dashboard = await openDashboard(launched, '#trash');
    const item = await waitForTestId(dashboard, 'tip-trash-item');
    expect(await item.evaluate((el) => [el.getAttribute('data-kind'), el.textContent?.includes('Lucía Fernández')])).toEqual(['contact', true]);
    await item.dispose();
    await shoot(dashboard, 'trash');
    await clickTestId(dashboard, 'tip-restore');
    await waitForTestId(dashboard, 'tip-trash-empty');

    await chat.bringToFront();
    await waitForNoTestId(chat, 'tip-contact-split');
    await waitFor(() => pastKeys(chat), (keys) => !keys.includes(LUCIA_MAIL), 'the chat sidebar without the email conversation');
  });
});
