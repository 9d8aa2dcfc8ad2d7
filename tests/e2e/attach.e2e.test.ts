import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS_DIR } from './paths';
import type { Page } from 'puppeteer';
import { describeViolations, seriousViolations, transitionsDone } from './axe';
import { clickTestId, launchBrowser, openPage, sidebarHost, textOfTestId, waitFor, waitForAttr, waitForNoTestId, waitForTestId, type Launched } from './harness';
import { createTicket, expectNoError, openConversation, openMenuItem, selectByTestId, switchTo } from './sidebar-helpers';
import { extensionUrl, openDashboard } from './dashboard-helpers';
import { useDemoInbox } from './demo-inbox';

/**
 * R3 add a conversation to any ticket (a closed one of another contact: R9),
 * the duplicate offer, R12 unblocking makes a conversation creatable again,
 * R14 a note edited and deleted by its author, and restored from the trash.
 */

const REFUND = 'em-1042-refund';
const LOCKED = 'em-1066-2fa-locked';
const MARTA_EMAIL = 'em-1047-cargo-duplicado';
const MARTA_CHAT = 'ch-marta-ruiz';
/** Pictures of each step, to look at (README's pictures are copied from here). */
const SHOTS = join(ARTIFACTS_DIR, 'screens', 'attach');

const demo = useDemoInbox();
let launched: Launched | undefined;

beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

const shortIdOf = (ticketId: string) => `#${ticketId.slice(-6)}`;

/** Light and dark, of the sidebar only; axe finds nothing serious in either. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await transitionsDone(page);
    const sidebar = await waitForTestId(page, 'tip-sidebar', { visible: true });
    await sidebar.screenshot({ path: `${SHOTS}/${name}-${scheme}.png` });
    await sidebar.dispose();
    expect(describeViolations(await seriousViolations(page, await sidebarHost(page))), `${name} ${scheme}`).toEqual([]);
  }
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
}

async function optionIds(page: Page): Promise<string[]> {
  return page.$$eval('pierce/[data-testid="tip-associate-option"]', (els) => els.map((el) => el.getAttribute('data-ticket-id') ?? ''));
}

describe('R3 add to any ticket', () => {
  it('R3 R9 a search finds a closed ticket of another contact; adding this open conversation reopens it, its own conversation stays closed', async () => {
    launched = await launchBrowser();
    const page = await openConversation(launched.browser, demo.url, REFUND);
    const ticketId = await createTicket(page, 'Refund for order 1042');
    await selectByTestId(page, 'tip-status', 'closed');
    await waitForAttr(page, 'tip-conversation-status', 'data-value', 'closed');

    // Another customer, another conversation: no ticket, and none of its contact's to offer.
    await switchTo(page, LOCKED);
    await waitForNoTestId(page, 'tip-associate-select');
    // Escape closes the search and gives focus back to the button that opened it.
    await clickTestId(page, 'tip-associate-find');
    await waitForTestId(page, 'tip-associate-search', { visible: true });
    await page.keyboard.press('Escape');
    await waitForNoTestId(page, 'tip-associate-search');
    const focused = async () => (await sidebarHost(page)).evaluate((host) => host.shadowRoot?.activeElement?.getAttribute('data-testid') ?? null);
    expect(await waitFor(focused, (id) => id === 'tip-associate-find', 'focus back on the find button')).toBe('tip-associate-find');
    await clickTestId(page, 'tip-associate-find');
    const search = await waitForTestId(page, 'tip-associate-search', { visible: true });
    // Found by the short id the UI shows, as an agent reads it off a record.
    await search.type(shortIdOf(ticketId));
    await waitFor(() => optionIds(page), (ids) => ids.length === 1 && ids[0] === ticketId, 'the search result');
    expect(await waitForAttr(page, 'tip-associate-option', 'data-closed', 'true')).toBe('true');
    // By name too, with the keyboard: the input names the active option.
    await search.click({ count: 3 });
    await search.type('refund 1042');
    await waitFor(() => optionIds(page), (ids) => ids[0] === ticketId, 'the search result by name');
    const active = await search.evaluate((el) => el.getAttribute('aria-activedescendant'));
    expect(await page.$eval(`pierce/#${active}`, (el) => el.getAttribute('data-ticket-id'))).toBe(ticketId);
    await shoot(page, 'associate-search');
    await search.press('Enter');

    const confirm = await waitForTestId(page, 'tip-associate-confirm', { visible: true });
    expect(await confirm.evaluate((el) => el.getAttribute('data-ticket-id'))).toBe(ticketId);
    await shoot(page, 'associate-confirm-closed');
    await confirm.click();

    // R9: the ticket reopens; this conversation is open, the ticket's first one stays closed.
    expect(await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', ticketId)).toBe(ticketId);
    expect(await waitForAttr(page, 'tip-status', 'data-value', 'new')).toBe('new');
    expect(await waitForAttr(page, 'tip-conversation-status', 'data-value', 'open')).toBe('open');
    await expectNoError(page);
    await switchTo(page, REFUND);
    expect(await waitForAttr(page, 'tip-status', 'data-value', 'new')).toBe('new');
    expect(await waitForAttr(page, 'tip-conversation-status', 'data-value', 'closed')).toBe('closed');

    // The history says what happened, in order.
    const record = await openPage(launched.browser, extensionUrl(launched, `/ticket.html?id=${encodeURIComponent(ticketId)}`), { window: true });
    await waitForTestId(record, 'tip-activity-item');
    const kinds = await record.$$eval('[data-testid="tip-activity-item"]', (els) => els.map((el) => el.getAttribute('data-kind')));
    expect(kinds.slice(0, 3)).toEqual(['ticket.reopened', 'ticket.property', 'conversation.added']);
  });

  it('R3 the duplicate offer: the contact’s recent open ticket, attached in one click', async () => {
    launched = await launchBrowser();
    const page = await openConversation(launched.browser, demo.url, MARTA_EMAIL);
    const ticketId = await createTicket(page, 'Cargo duplicado en marzo');
    await switchTo(page, MARTA_CHAT);
    await clickTestId(page, 'tip-create-ticket');
    const offer = await waitForTestId(page, 'tip-duplicate-offer', { visible: true });
    expect(await offer.evaluate((el) => el.getAttribute('data-ticket-id'))).toBe(ticketId);
    expect(await textOfTestId(page, 'tip-duplicate-offer')).toContain('Cargo duplicado en marzo');
    // "Create anyway" stays possible: the form is there below the offer.
    await waitForTestId(page, 'tip-create-submit', { visible: true });
    await shoot(page, 'duplicate-offer');
    await clickTestId(page, 'tip-duplicate-attach');
    expect(await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', ticketId)).toBe(ticketId);
    await expectNoError(page);
  });
});

describe('R12 corrections', () => {
  it('R12 unblocking the sender makes a conversation first seen while blocked creatable again', async () => {
    launched = await launchBrowser();
    const page = await openConversation(launched.browser, demo.url, MARTA_EMAIL);
    await openMenuItem(page, 'tip-menu-block-sender');
    await waitForTestId(page, 'tip-flag', { visible: true });
    // Seen while blocked: stored flagged.
    await switchTo(page, MARTA_CHAT);
    expect(await waitForAttr(page, 'tip-flag', 'data-value', 'blocked')).toBe('blocked');
    await openMenuItem(page, 'tip-menu-unblock-sender');
    await waitForNoTestId(page, 'tip-flag');
    const ticketId = await createTicket(page, 'Cargo duplicado (chat)');
    expect(ticketId).toMatch(/^ticket:/);
    await expectNoError(page);
  });
});

describe('R14 notes edited and deleted by their author', () => {
  it('R14 R11 edit a note (old → new in the history), delete it, restore it from the trash', async () => {
    launched = await launchBrowser();
    const page = await openConversation(launched.browser, demo.url, REFUND);
    const ticketId = await createTicket(page);
    const input = await waitForTestId(page, 'tip-note-input', { visible: true });
    await input.type('Called him back.');
    await clickTestId(page, 'tip-note-add');
    await waitForTestId(page, 'tip-note');

    await clickTestId(page, 'tip-note-edit');
    const editor = await waitForTestId(page, 'tip-note-edit-input', { visible: true });
    await editor.click({ count: 3 });
    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.up('Control');
    await editor.type('Called him back; refund approved.');
    await shoot(page, 'note-edit');
    await clickTestId(page, 'tip-note-edit-save');
    await waitForNoTestId(page, 'tip-note-edit-input');
    expect(await textOfTestId(page, 'tip-notes')).toContain('Called him back; refund approved.');
    await shoot(page, 'note-actions');

    const record = await openPage(launched.browser, extensionUrl(launched, `/ticket.html?id=${encodeURIComponent(ticketId)}`), { window: true });
    await waitForTestId(record, 'tip-activity-item');
    const edited = await record.$eval('[data-testid="tip-activity-item"][data-kind="note.edited"]', (el) => ({
      from: el.querySelector('.timeline-from')?.textContent,
      to: el.querySelector('.timeline-to')?.textContent,
    }));
    expect(edited).toEqual({ from: 'Called him back.', to: 'Called him back; refund approved.' });
    // On the record too: the author edits it there, and the sidebar follows.
    await clickTestId(record, 'tip-note-edit');
    const recordEditor = await waitForTestId(record, 'tip-note-edit-input', { visible: true });
    await recordEditor.focus();
    await record.keyboard.down('Control');
    await record.keyboard.press('End');
    await record.keyboard.up('Control');
    await recordEditor.type(' Card refunded.');
    await clickTestId(record, 'tip-note-edit-save');
    await waitForNoTestId(record, 'tip-note-edit-input');
    await record.screenshot({ path: `${SHOTS}/record-note.png`, fullPage: true });
    await record.close();
    await waitFor(() => textOfTestId(page, 'tip-notes'), (text) => text.includes('refund approved. Card refunded.'), 'the sidebar shows the record’s edit');

    await clickTestId(page, 'tip-note-delete');
    await waitForNoTestId(page, 'tip-note');

    const dashboard = await openDashboard(launched, '#trash');
    await waitForTestId(dashboard, 'tip-trash');
    const item = await waitForTestId(dashboard, 'tip-trash-item');
    expect(await item.evaluate((el) => el.getAttribute('data-kind'))).toBe('note');
    await dashboard.screenshot({ path: `${SHOTS}/trash-note.png` });
    await clickTestId(dashboard, 'tip-restore');
    await waitForTestId(dashboard, 'tip-trash-empty');

    await page.bringToFront();
    await waitForTestId(page, 'tip-note');
    expect(await textOfTestId(page, 'tip-notes')).toContain('Called him back; refund approved. Card refunded.');
  });
});
