import type { Page } from 'puppeteer';
import { useDemoInbox } from './demo-inbox';
import { describeViolations, seriousViolations } from './axe';
import { clickTestId, launchBrowser, waitForAttr, waitForNoTestId, waitForTestId, type Launched } from './harness';
import { createTicket, openConversation, selectByTestId, switchTo } from './sidebar-helpers';
import {
  command,
  openDashboard,
  query,
  recordOf,
  seedTickets,
  sendAll,
  waitForListSettled,
  waitForRows,
  type SeedTicket,
} from './dashboard-helpers';
import { importCopies, type Variation } from './generated-export';

const REFUND = 'em-1042-refund';
const MARTA_EMAIL = 'em-1047-cargo-duplicado';
const MARTA_CHAT = 'ch-marta-ruiz';
const DAMAGED = 'em-1071-damaged-item';
const SHIPPING = 'em-1038-shipping-delay';
const CANCEL = 'em-1080-cancelar';

const demo = useDemoInbox();
let launched: Launched;

beforeEach(async () => {
  launched = await launchBrowser();
});
afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
});

const open = (key: string) => openConversation(launched.browser, demo.url, key);

async function typeSearch(page: Page, text: string): Promise<void> {
  const box = await waitForTestId(page, 'tip-search', { visible: true });
  await box.click({ count: 3 });
  await box.type(text);
}

/** Marta wrote by email and by chat: one ticket with both conversations (R3), made in the sidebar. */
async function martaTicket(page: Page, name: string): Promise<string> {
  await switchTo(page, MARTA_EMAIL);
  const id = await createTicket(page, name);
  await switchTo(page, MARTA_CHAT);
  await selectByTestId(page, 'tip-associate-select', id);
  await (await waitForTestId(page, 'tip-associate-submit', { visible: true })).click();
  await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', id);
  return id;
}

describe('dashboard', () => {
  it('R8 through the bulk path: filter + search, then a bulk close of 3 tickets closes all their conversations', async () => {
    // Five tickets made in the sidebar on the demo inbox, one of them with two conversations.
    const inbox = await open(REFUND);
    const refund = await createTicket(inbox, 'Refund for order #1042');
    const marta = await martaTicket(inbox, 'Refund: charged twice');
    await switchTo(inbox, DAMAGED);
    const damaged = await createTicket(inbox, 'Refund for the damaged desk');
    await switchTo(inbox, SHIPPING);
    const shipping = await createTicket(inbox, 'Shipping delay on #1038');
    await switchTo(inbox, CANCEL);
    const waiting = await createTicket(inbox, 'Refund after cancelling');
    await selectByTestId(inbox, 'tip-status', 'waiting-contact');
    await waitForAttr(inbox, 'tip-status', 'data-value', 'waiting-contact');

    const page = await openDashboard(launched);
    expect(new Set(await waitForRows(page, (ids) => ids.length === 5))).toEqual(new Set([refund, marta, damaged, shipping, waiting]));
    expect(await waitForAttr(page, 'tip-count-new', 'data-value', '4')).toBe('4');

    // Filter: status New leaves out the ticket waiting on the contact.
    await selectByTestId(page, 'tip-filter-status', 'new');
    await waitForRows(page, (ids) => ids.length === 4 && !ids.includes(waiting));
    // Search (debounced): "refund" leaves out the shipping ticket.
    await typeSearch(page, 'refund');
    const found = await waitForRows(page, (ids) => ids.length === 3);
    expect(new Set(found)).toEqual(new Set([refund, marta, damaged]));

    // Select all three and close them in one bulk command.
    await clickTestId(page, 'tip-select-all');
    await waitForAttr(page, 'tip-selected-count', 'data-value', '3');
    await selectByTestId(page, 'tip-bulk-status', 'closed');
    await waitForAttr(page, 'tip-selected-count', 'data-value', '0');
    // They leave the "New" list at once (live update), and the counts follow.
    await waitForTestId(page, 'tip-list-empty', { visible: true });
    expect(await waitForAttr(page, 'tip-count-new', 'data-value', '1')).toBe('1');
    expect(await waitForAttr(page, 'tip-count-closed', 'data-value', '3')).toBe('3');

    // R8: every conversation of the three tickets is closed, Marta's two included…
    for (const id of [refund, marta, damaged]) {
      const record = await recordOf(launched, id);
      expect(record.ticket.status).toBe('closed');
      expect(record.conversations.length).toBeGreaterThan(0);
      for (const c of record.conversations) expect(c.status).toBe('closed');
      expect(record.activity.filter((a) => a.kind === 'conversation.closed')).toHaveLength(record.conversations.length);
    }
    expect((await recordOf(launched, marta)).conversations).toHaveLength(2);
    // …the others are untouched…
    for (const id of [shipping, waiting]) {
      const record = await recordOf(launched, id);
      expect(record.ticket.status).not.toBe('closed');
      for (const c of record.conversations) expect(c.status).toBe('open');
    }
    // …and the sidebar on Marta's chat shows it.
    await inbox.bringToFront();
    await switchTo(inbox, MARTA_CHAT);
    expect(await waitForAttr(inbox, 'tip-conversation-status', 'data-value', 'closed')).toBe('closed');
    expect(await waitForAttr(inbox, 'tip-status', 'data-value', 'closed')).toBe('closed');
  });

  it('R11 a ticket deleted from the dashboard appears in the trash and restores with its conversations; delete forever purges', async () => {
    const inbox = await open(REFUND);
    const keep = await createTicket(inbox, 'Refund for order #1042');
    const marta = await martaTicket(inbox, 'Charged twice');

    const page = await openDashboard(launched);
    await waitForRows(page, (ids) => ids.length === 2);
    const box = await page.$(`[data-ticket-id="${marta}"] [data-testid="tip-select-row"]`);
    await box?.click();
    await waitForAttr(page, 'tip-selected-count', 'data-value', '1');
    await clickTestId(page, 'tip-bulk-delete');
    await clickTestId(page, 'tip-confirm');
    await waitForRows(page, (ids) => ids.length === 1 && ids[0] === keep);

    // In the trash: the ticket, with its two conversations under it.
    await clickTestId(page, 'tip-tab-trash');
    await waitForTestId(page, 'tip-trash');
    const item = await waitForTestId(page, 'tip-trash-item');
    expect(await item.evaluate((el) => [el.getAttribute('data-id'), el.getAttribute('data-kind')])).toEqual([marta, 'ticket']);
    expect(await page.$$eval('[data-testid="tip-trash-item"]', (els) => els.length)).toBe(1);
    let record = await recordOf(launched, marta);
    expect(record.ticket.deletedAt).not.toBeNull();
    expect(record.conversations.map((c) => c.deletedAt !== null)).toEqual([true, true]);
    // The sidebar shows the conversation in the trash.
    await inbox.bringToFront();
    await switchTo(inbox, MARTA_CHAT);
    await waitForNoTestId(inbox, 'tip-ticket-card');
    await page.bringToFront();

    // Restore brings back the ticket and both conversations (R11), and the sidebar shows them again.
    await clickTestId(page, 'tip-restore');
    await waitForTestId(page, 'tip-trash-empty');
    record = await recordOf(launched, marta);
    expect(record.ticket.deletedAt).toBeNull();
    expect(record.conversations.map((c) => c.deletedAt)).toEqual([null, null]);
    expect(await waitForAttr(inbox, 'tip-ticket-card', 'data-ticket-id', marta)).toBe(marta);
    await clickTestId(page, 'tip-tab-tickets');
    await waitForRows(page, (ids) => ids.length === 2);

    // Delete forever: trashed from the record page, purged from the trash after a confirmation.
    expect((await command(launched, { type: 'ticket.delete', ticketId: keep })).ok).toBe(true);
    await clickTestId(page, 'tip-tab-trash');
    await waitForAttr(page, 'tip-trash-item', 'data-id', keep);
    await clickTestId(page, 'tip-purge');
    await clickTestId(page, 'tip-confirm');
    await waitForTestId(page, 'tip-trash-empty');
    const gone = await query(launched, { type: 'ticket.record', ticketId: keep });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('filters by priority, owner, channel and dates, sorts, bulk-assigns, and shows changes from elsewhere live', async () => {
    const [sam] = await sendAll(launched, [{ kind: 'tip.command', command: { type: 'agent.save', name: 'Sam Rivera', email: 'sam@example.com' } }]);
    const samId = sam?.data.id as string;
    const tickets: SeedTicket[] = [
      { key: 'a', name: 'Alpha', priority: 'urgent', ownerId: samId, channel: 'email' },
      { key: 'b', name: 'Bravo', priority: 'low', ownerId: null, channel: 'chat', contact: 'Zoe Quinn' },
      { key: 'c', name: 'Charlie', priority: 'urgent', ownerId: null, channel: 'chat' },
      { key: 'd', name: 'Delta', priority: 'medium', ownerId: samId, channel: 'email', description: 'Needs a courier pickup' },
    ];
    const [alpha, bravo, charlie, delta] = await seedTickets(launched, tickets);
    expect((await command(launched, { type: 'note.add', ticketId: charlie, text: 'Customer prefers a phone call' })).ok).toBe(true);

    const page = await openDashboard(launched);
    // Default sort: most recently updated first (Charlie got a note last).
    expect((await waitForRows(page, (ids) => ids.length === 4))[0]).toBe(charlie);
    await selectByTestId(page, 'tip-sort', 'createdAt:asc');
    expect(await waitForRows(page, (ids) => ids[0] === alpha)).toEqual([alpha, bravo, charlie, delta]);

    await selectByTestId(page, 'tip-filter-priority', 'urgent');
    await waitForRows(page, (ids) => ids.join() === [alpha, charlie].join());
    await selectByTestId(page, 'tip-filter-owner', 'unassigned');
    await waitForRows(page, (ids) => ids.join() === charlie);
    await selectByTestId(page, 'tip-filter-priority', '');
    await selectByTestId(page, 'tip-filter-source', 'chat');
    await waitForRows(page, (ids) => ids.join() === [bravo, charlie].join());
    await clickTestId(page, 'tip-clear-filters');
    await waitForRows(page, (ids) => ids.length === 4);

    // Search reaches the contact's name, the description and the notes.
    await typeSearch(page, 'zoe');
    await waitForRows(page, (ids) => ids.join() === bravo);
    await typeSearch(page, 'courier');
    await waitForRows(page, (ids) => ids.join() === delta);
    await typeSearch(page, 'phone call');
    await waitForRows(page, (ids) => ids.join() === charlie);
    await clickTestId(page, 'tip-clear-filters');
    await waitForRows(page, (ids) => ids.length === 4);

    // Date ranges: everything was created today; nothing was created or updated after tomorrow.
    const day = (offset: number) => {
      const d = new Date();
      d.setDate(d.getDate() + offset);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    // A date picker's value, set as picking a day does (the field's own UI differs by locale and platform).
    const typeDate = async (testId: string, offset: number) => {
      const input = await waitForTestId(page, testId, { visible: true });
      await input.evaluate((el, value) => {
        (el as HTMLInputElement).value = value;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }, day(offset));
    };
    await typeDate('tip-filter-created-from', 0);
    await typeDate('tip-filter-created-to', 0);
    await waitForRows(page, (ids) => ids.length === 4);
    await typeDate('tip-filter-created-to', -1);
    await waitForTestId(page, 'tip-list-empty', { visible: true });
    await typeDate('tip-filter-created-to', 0);
    await waitForRows(page, (ids) => ids.length === 4);
    await typeDate('tip-filter-updated-from', 1);
    await waitForTestId(page, 'tip-list-empty', { visible: true });
    await clickTestId(page, 'tip-clear-filters');
    await waitForRows(page, (ids) => ids.length === 4);

    // Bulk owner: two tickets to Sam; their conversations keep their owner (R5).
    for (const id of [bravo, charlie]) await (await page.$(`[data-ticket-id="${id}"] [data-testid="tip-select-row"]`))?.click();
    await waitForAttr(page, 'tip-selected-count', 'data-value', '2');
    await selectByTestId(page, 'tip-bulk-owner', samId);
    await waitForAttr(page, 'tip-selected-count', 'data-value', '0');
    await selectByTestId(page, 'tip-filter-owner', samId);
    await waitForRows(page, (ids) => ids.length === 4);
    await selectByTestId(page, 'tip-bulk-priority', ''); // nothing selected: nothing happens
    for (const id of [bravo, charlie]) expect((await recordOf(launched, id!)).ticket.ownerId).toBe(samId);

    // A ticket made elsewhere (another page, the sidebar…) shows up without a reload.
    const [echo] = await seedTickets(launched, [{ key: 'e', name: 'Echo', ownerId: samId }]);
    await waitForRows(page, (ids) => ids.length === 5 && ids.includes(echo!));
    expect(await waitForAttr(page, 'tip-count-open', 'data-value', '5')).toBe('5');
  });

  it('refuses a bulk change on a ticket deleted elsewhere, changing none of the selection', async () => {
    const [one, two] = await seedTickets(launched, [
      { key: 'one', name: 'One' },
      { key: 'two', name: 'Two' },
    ]);
    const page = await openDashboard(launched);
    await waitForRows(page, (ids) => ids.length === 2);
    await clickTestId(page, 'tip-select-all');
    await waitForAttr(page, 'tip-selected-count', 'data-value', '2');
    // Deleted in another tab after the agent selected it: the broadcast reloads the list, the selection stays.
    await command(launched, { type: 'ticket.delete', ticketId: two });
    await waitForRows(page, (ids) => ids.join() === one);
    await selectByTestId(page, 'tip-bulk-priority', 'urgent');
    const error = await waitForTestId(page, 'tip-error', { visible: true });
    expect(await error.evaluate((el) => el.textContent)).toMatch(/no longer in the help desk.*Nothing was changed/);
    expect((await recordOf(launched, one!)).ticket.priority).toBe('medium');
  });

  it.each([['en'], ['es']])('has no serious or critical accessibility violation (%s)', async (locale) => {
    await launched.close();
    launched = await launchBrowser({ locale });
    const ids = await seedTickets(launched, [
      { key: 'x1', name: 'Refund for order #1042', priority: 'urgent' },
      { key: 'x2', name: 'Cargo duplicado', channel: 'chat', status: 'waiting-us' },
      { key: 'x3', name: 'Login reset', status: 'closed' },
    ]);
    await command(launched, { type: 'ticket.delete', ticketId: ids[2] });
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openDashboard(launched);
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await waitForRows(page, (r) => r.length === 2);
      await (await page.$('[data-testid="tip-select-row"]'))?.click();
      await clickTestId(page, 'tip-chart-daily-table-toggle');
      await clickTestId(page, 'tip-chart-status-table-toggle');
      let violations = await seriousViolations(page, '[data-testid="tip-dashboard"]');
      expect(describeViolations(violations)).toEqual([]);
      await clickTestId(page, 'tip-tab-trash');
      await waitForTestId(page, 'tip-trash-item');
      violations = await seriousViolations(page, '[data-testid="tip-dashboard"]');
      expect(describeViolations(violations)).toEqual([]);
      await clickTestId(page, 'tip-purge');
      await waitForTestId(page, 'tip-confirm', { visible: true });
      violations = await seriousViolations(page, 'body');
      expect(describeViolations(violations)).toEqual([]);
      await page.close();
    }
    if (locale === 'es') {
      const page = await openDashboard(launched);
      expect(await page.$eval('html', (el) => el.lang)).toMatch(/^es/);
      expect(await page.$eval('[data-testid="tip-tab-trash"]', (el) => el.textContent)).toContain('Papelera');
    }
  });
});

/** Scrolls to the end of the list again and again (each time the next pages load) until the list says it is done. */
async function scrollToEnd(page: Page): Promise<void> {
  const scroller = await waitForTestId(page, 'tip-list-scroll');
  for (let i = 0; i < 1000; i++) {
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await new Promise((r) => setTimeout(r, 60));
    const done = await page.$eval('[data-testid="tip-ticket-list"]', (el) => el.getAttribute('data-done'));
    if (done === 'true') break;
  }
  await waitForAttr(page, 'tip-ticket-list', 'data-done', 'true', 60_000);
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await waitForListSettled(page);
}

describe('dashboard with thousands of tickets', () => {
  // Generated through the real import path: an export file of N tickets, imported in the options page.
  const N = 10_000;
  const vary = (i: number): Variation => ({
    name: i % 500 === 0 ? `Needle ticket ${i}` : `Generated ticket ${i}`,
    priority: ['low', 'medium', 'high', 'urgent'][i % 4]!,
    channel: i % 3 === 0 ? 'chat' : 'email',
    contact: i % 97,
  });
  const all = Array.from({ length: N }, (_, i) => vary(i));

  it(`opens, scrolls to the bottom and filters ${N} imported tickets, rendering only the rows in view`, { timeout: 600_000 }, async () => {
    await importCopies(launched, N, vary, 'Template ticket');
    const count = await query(launched, { type: 'tickets.count' });
    expect(count.data.total).toBe(N + 1);

    const page = await openDashboard(launched);
    expect(Number(await waitForAttr(page, 'tip-count-open', 'data-value', () => true))).toBe(N + 1);
    const scroller = await waitForTestId(page, 'tip-list-scroll');
    await scrollToEnd(page);
    expect(await waitForAttr(page, 'tip-ticket-list', 'data-count', String(N + 1), 60_000)).toBe(String(N + 1));
    await waitForListSettled(page);
    // The oldest ticket (the template the copies were made from) is at the bottom, and only a screenful of rows is in the DOM.
    const rows = await waitForRows(page, (ids) => ids.length > 0 && ids.length < 100);
    const oldest = await page.$eval(`[data-ticket-id="${rows[rows.length - 1]}"] [data-testid="tip-row-name"]`, (el) => el.textContent);
    expect(oldest).toBe('Template ticket');
    expect(await page.$$eval('[data-testid="tip-ticket-row"]', (els) => els.length)).toBeLessThan(100);

    // Scrolling back to the top shows the newest again (rows dropped from memory are fetched again).
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    // Until the scroll is handled the bottom rows are still there: wait for the oldest to leave the DOM.
    const bottom = rows[rows.length - 1]!;
    const top = await waitForRows(page, (ids) => ids.length > 0 && ids.length < 100 && !ids.includes(bottom));
    expect(await page.$eval(`[data-ticket-id="${top[0]}"] [data-testid="tip-row-name"]`, (el) => el.textContent)).toBe(`Generated ticket ${N - 1}`);

    // Filter and search over the whole help desk: the needles are every 500th ticket (all of them "low").
    await selectByTestId(page, 'tip-filter-priority', 'low');
    await waitForAttr(page, 'tip-ticket-list', 'data-count', (v) => Number(v) > 0);
    await typeSearch(page, 'needle');
    const needles = await waitForRows(page, (ids) => ids.length === N / 500);
    const names = await Promise.all(needles.map((id) => page.$eval(`[data-ticket-id="${id}"] [data-testid="tip-row-name"]`, (el) => el.textContent ?? '')));
    expect(names).toEqual(Array.from({ length: N / 500 }, (_, k) => `Needle ticket ${N - 500 * (k + 1)}`));
    await selectByTestId(page, 'tip-filter-source', 'chat');
    await waitForRows(page, (ids) => ids.length === all.filter((t) => t.name.startsWith('Needle') && t.channel === 'chat').length);
    // A search on the contact's name reaches through the contacts, not the tickets' own text.
    await clickTestId(page, 'tip-clear-filters');
    await typeSearch(page, 'customer 96');
    await waitForRows(page, (ids) => ids.length > 0);
    await scrollToEnd(page);
    expect(Number(await waitForAttr(page, 'tip-ticket-list', 'data-count', (v) => Number(v) > 0))).toBe(all.filter((t) => t.contact === 96).length);
  });
});
