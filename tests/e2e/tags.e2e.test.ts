import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { ElementHandle, Page } from 'puppeteer';
import { describeViolations, seriousViolations } from './axe';
import { launchBrowser, openPage, sidebarHost, textOfTestId, waitFor, waitForAttr, waitForNoTestId, waitForTestId, type Launched } from './harness';
import { createTicket, openConversation, selectByTestId, switchTo } from './sidebar-helpers';
import { command, extensionUrl, openDashboard, recordOf, seedTickets, waitForRows } from './dashboard-helpers';
import { openOptions, retype } from './options-helpers';
import { useDemoInbox } from './demo-inbox';
import { ARTIFACTS_DIR } from './paths';

/** Tags: typed and picked on the sidebar card, shown on the record page, filtered and changed in bulk on the dashboard. */

const REFUND = 'em-1042-refund';
const SHIPPING = 'em-1038-shipping-delay';
const SHOTS = join(ARTIFACTS_DIR, 'screens', 'tags');

const demo = useDemoInbox();
let launched: Launched | undefined;

afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

/** The chips shown (in the sidebar's shadow root or on a page): name and colour, in order. */
async function chips(page: Page): Promise<{ name: string; color: string }[]> {
  const handles = await page.$$('pierce/[data-testid="tip-tag"]');
  const out = await Promise.all(handles.map((h) => h.evaluate((el) => ({ name: el.getAttribute('data-name') ?? '', color: el.getAttribute('data-color') ?? '' }))));
  await Promise.all(handles.map((h) => h.dispose()));
  return out;
}

const names = async (page: Page) => (await chips(page)).map((c) => c.name);
const waitForChips = (page: Page, expected: string[]) =>
  waitFor(() => names(page), (n) => JSON.stringify(n) === JSON.stringify(expected), `chips ${expected.join(', ')}`);

async function typeTag(input: ElementHandle<Element>, text: string): Promise<void> {
  await input.click();
  await input.type(text);
  await input.press('Enter');
}

/** A screenshot in light and dark, each checked by axe (the chips' colours must read in both). */
async function shoot(page: Page, name: string, audit: string | ElementHandle<Element>, clip?: ElementHandle<Element>): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await new Promise((r) => setTimeout(r, 150));
    const path = `${SHOTS}/${name}-${scheme}.png` as `${string}.png`;
    if (clip) await clip.screenshot({ path });
    else await page.screenshot({ path });
    expect(describeViolations(await seriousViolations(page, audit)), `${name} (${scheme})`).toEqual([]);
  }
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
}

describe('tags', () => {
  it('typed and picked on the card, refused when bad, shown on the record page; filtered and bulk-changed on the dashboard', async () => {
    launched = await launchBrowser();
    const inbox = await openConversation(launched.browser, demo.url, REFUND);
    const refund = await createTicket(inbox, 'Refund for order #1042');

    // The card: "+ Tag" opens the input; Enter adds what was typed.
    await (await waitForTestId(inbox, 'tip-tag-add', { visible: true })).click();
    const input = await waitForTestId(inbox, 'tip-tag-input', { visible: true });
    await typeTag(input, 'VIP');
    await waitForChips(inbox, ['VIP']);
    await typeTag(input, 'billing');
    await waitForChips(inbox, ['VIP', 'billing']);
    await typeTag(input, 'refund');
    await waitForChips(inbox, ['VIP', 'billing', 'refund']);
    const colours = await chips(inbox);
    // Each new tag takes the next palette colour.
    expect(new Set(colours.map((c) => c.color)).size).toBe(3);

    // A bad tag: the refusal shows in tip-error and the chips stay as they were.
    await typeTag(input, 'x'.repeat(45));
    expect(await waitFor(() => textOfTestId(inbox, 'tip-error'), (t) => t.length > 0, 'tip-error')).toMatch(/at most 40 characters/);
    expect(await names(inbox)).toEqual(['VIP', 'billing', 'refund']);

    // The × removes one.
    const x = await inbox.$('pierce/[data-testid="tip-tag"][data-name="refund"] button');
    await x!.click();
    await waitForChips(inbox, ['VIP', 'billing']);
    const card = await waitForTestId(inbox, 'tip-ticket-card');
    await shoot(inbox, 'card-chips', await sidebarHost(inbox), card);

    // Another ticket: typing suggests the catalog's tags; arrows and Enter pick one, in the catalog's spelling and colour.
    await switchTo(inbox, SHIPPING);
    const shipping = await createTicket(inbox, 'Shipping delay');
    await (await waitForTestId(inbox, 'tip-tag-add', { visible: true })).click();
    const second = await waitForTestId(inbox, 'tip-tag-input', { visible: true });
    await second.click();
    await second.type('BIL');
    const option = await waitForTestId(inbox, 'tip-tag-option', { visible: true });
    expect(await option.evaluate((el) => el.textContent)).toBe('billing');
    await second.press('ArrowDown');
    expect(await second.evaluate((el) => el.getAttribute('aria-activedescendant'))).toBeTruthy();
    await second.press('Enter');
    await waitForChips(inbox, ['billing']);
    expect((await chips(inbox))[0]!.color).toBe(colours[1]!.color);
    await shoot(inbox, 'card-suggestions', await sidebarHost(inbox));
    // Escape closes the suggestions, a second Escape the input ("+ Tag" again).
    await second.press('Escape');
    await waitForNoTestId(inbox, 'tip-tag-option', 2000);
    await second.press('Escape');
    await waitForTestId(inbox, 'tip-tag-add', { visible: true });
    await waitForNoTestId(inbox, 'tip-tag-input', 2000);

    // The record page: the same tags, and its own input.
    const record = await openPage(launched.browser, extensionUrl(launched, `/ticket.html?id=${encodeURIComponent(refund)}`), { window: true });
    await waitForAttr(record, 'tip-record', 'data-ticket-id', refund);
    await waitForChips(record, ['VIP', 'billing']);
    await typeTag(await waitForTestId(record, 'tip-tag-input', { visible: true }), 'urgent');
    await waitForChips(record, ['VIP', 'billing', 'urgent']);
    await shoot(record, 'record-tags', '[data-testid="tip-record"]');
    const history = await recordOf(launched, refund);
    expect(history.activity.filter((a) => a.kind === 'ticket.property' && a.field === 'tags').length).toBeGreaterThanOrEqual(5);
    // The sidebar follows the record page's change.
    await switchTo(inbox, REFUND);
    await waitForChips(inbox, ['VIP', 'billing', 'urgent']);

    // The dashboard: a Tags column, the tag filter, and bulk add / remove on the selection.
    const dash = await openDashboard(launched);
    await waitForRows(dash, (ids) => ids.length === 2);
    await selectByTestId(dash, 'tip-filter-tag', 'VIP');
    await waitForRows(dash, (ids) => ids.length === 1 && ids[0] === refund);
    await selectByTestId(dash, 'tip-filter-tag', 'billing');
    await waitForRows(dash, (ids) => ids.length === 2);
    for (const box of await dash.$$('[data-testid="tip-select-row"]')) await box.click();
    await waitForAttr(dash, 'tip-selected-count', 'data-value', '2');
    await selectByTestId(dash, 'tip-bulk-tag-add', 'VIP');
    await waitFor(async () => (await recordOf(launched!, shipping)).ticket as unknown as { tags?: string[] }, (t) => (t.tags ?? []).includes('VIP'), 'bulk add');
    // A bulk change that succeeded clears the selection.
    await waitForAttr(dash, 'tip-selected-count', 'data-value', '0');
    await selectByTestId(dash, 'tip-filter-tag', '');
    await waitForRows(dash, (ids) => ids.length === 2);
    await waitFor(() => dash.$$eval('[data-testid="tip-ticket-row"] [data-testid="tip-tag"][data-name="VIP"]', (els) => els.length), (n) => n === 2, 'VIP on both rows');
    await shoot(dash, 'dashboard-tags', '[data-testid="tip-dashboard"]');

    // Bulk remove on both tickets.
    const boxes = await dash.$$('[data-testid="tip-select-row"]');
    for (const box of boxes) if (!(await box.evaluate((el) => (el as HTMLInputElement).checked))) await box.click();
    await waitForAttr(dash, 'tip-selected-count', 'data-value', '2');
    await selectByTestId(dash, 'tip-bulk-tag-remove', 'billing');
    await waitFor(() => dash.$$eval('[data-testid="tip-tag"][data-name="billing"]', (els) => els.length), (n) => n === 0, 'billing removed');
    const after = (await recordOf(launched, refund)).ticket as unknown as { tags?: string[] };
    expect(after.tags).toEqual(['VIP', 'urgent']);
    await waitForNoTestId(dash, 'tip-error', 500);

    // "New tag…" asks for the name, then adds it to the selection like a catalog tag.
    for (const box of await dash.$$('[data-testid="tip-select-row"]')) if (!(await box.evaluate((el) => (el as HTMLInputElement).checked))) await box.click();
    await waitForAttr(dash, 'tip-selected-count', 'data-value', '2');
    dash.once('dialog', (dialog) => void dialog.accept('follow-up'));
    await selectByTestId(dash, 'tip-bulk-tag-add', '\nnew');
    await waitFor(() => dash.$$eval('[data-testid="tip-tag"][data-name="follow-up"]', (els) => els.length), (n) => n === 2, 'new tag on both rows');
    expect(((await recordOf(launched, shipping)).ticket as unknown as { tags?: string[] }).tags).toEqual(['VIP', 'follow-up']);
  });

  it('options → Tags renames a tag on every ticket, recolours it, and removes it from every ticket after a confirmation', async () => {
    launched = await launchBrowser();
    const [a, b] = await seedTickets(launched, [
      { key: 'tags-a', name: 'Invoice wrong' },
      { key: 'tags-b', name: 'Card declined' },
    ]);
    for (const [id, tags] of [[a!, ['vip', 'billing']], [b!, ['billing']]] as const) {
      expect((await command(launched, { type: 'ticket.setTags', ticketId: id, tags: [...tags] })).ok).toBe(true);
    }
    const tagsOf = async (id: string) => ((await recordOf(launched!, id)).ticket as unknown as { tags?: string[] }).tags ?? [];

    const options = await openOptions(launched, 'tags');
    await waitForTestId(options, 'tip-section-tags');
    await waitForTestId(options, 'tip-tag-row');
    // Rename: typed over the name, saved with Enter.
    await retype(options, '[data-name="billing"] [data-testid="tip-tag-name"]', 'Invoices');
    await waitFor(() => tagsOf(b!), (t) => t[0] === 'Invoices', 'renamed on ticket b');
    expect(await tagsOf(a!)).toEqual(['vip', 'Invoices']);
    // Recolour from the palette.
    await waitForTestId(options, 'tip-tag-row');
    const colour = await options.waitForSelector('[data-name="Invoices"] [data-testid="tip-tag-color"]');
    await colour!.select('purple');
    await waitFor(() => options.$eval('[data-name="Invoices"] .tip-tag', (el) => el.getAttribute('data-color')), (c) => c === 'purple', 'purple chip');
    await shoot(options, 'options-tags', '[data-testid="tip-options"]');
    // Remove from all tickets: confirmed first, then gone from every ticket and from the list.
    await (await options.waitForSelector('[data-name="vip"] [data-testid="tip-tag-remove-all"]'))!.click();
    await (await waitForTestId(options, 'tip-confirm', { visible: true })).click();
    await waitFor(() => tagsOf(a!), (t) => JSON.stringify(t) === '["Invoices"]', 'vip removed');
    await waitForNoTestId(options, 'tip-error', 500);
    const history = await recordOf(launched, a!);
    expect(history.activity.filter((e) => e.kind === 'ticket.property' && e.field === 'tags')).toHaveLength(3);
    await waitFor(() => options.$$eval('[data-testid="tip-tag-row"]', (rows) => rows.map((r) => r.getAttribute('data-name'))), (n) => JSON.stringify(n) === '["Invoices"]', 'catalog rows');
  });
});
