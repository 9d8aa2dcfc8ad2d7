import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS_DIR } from './paths';
import type { Page } from 'puppeteer';
import { clickTestId, launchBrowser, openPage, textOfTestId, waitFor, waitForAttr, waitForNoTestId, waitForTestId, type Launched } from './harness';
import { describeViolations, seriousViolations, transitionsDone } from './axe';
import { useDemoInbox } from './demo-inbox';
import { createTicket, openConversation, switchTo } from './sidebar-helpers';
import { command, extensionUrl, openDashboard, recordOf, seedTickets, waitForRows } from './dashboard-helpers';

/** Merging tickets and its undo, from the record page and from the dashboard's bulk bar, in real Chromium. */

/** Pictures of each step, to look at (README's pictures are copied from here). */
const SHOTS = join(ARTIFACTS_DIR, 'screens', 'merge');

const demo = useDemoInbox();
let launched: Launched | undefined;

afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

/** A screenshot for people to look at, after axe found no serious or critical violation in that scheme. */
async function shoot(page: Page, name: string, scheme: 'light' | 'dark' = 'light'): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await transitionsDone(page);
  // With the dialog open, the page behind its backdrop is inert: check the dialog.
  const scope = (await page.$('[data-testid="tip-merge-dialog"]')) ? '[data-testid="tip-merge-dialog"]' : 'body';
  expect(describeViolations(await seriousViolations(page, scope)), `${name}, ${scheme}`).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png`, fullPage: true });
}

async function openRecord(l: Launched, ticketId: string): Promise<Page> {
  const page = await openPage(l.browser, extensionUrl(l, `/ticket.html?id=${encodeURIComponent(ticketId)}`));
  await waitForAttr(page, 'tip-record', 'data-ticket-id', ticketId);
  await waitForTestId(page, 'tip-activity-item');
  return page;
}

const optionIds = (page: Page) => page.$$eval('[data-testid="tip-merge-option"]', (els) => els.map((e) => e.getAttribute('data-ticket-id')));

const countOf = (page: Page, testId: string) => page.$$eval(`[data-testid="${testId}"]`, (els) => els.length);

describe('merging tickets', () => {
  it('from the record page: search the other ticket, keep this one, confirm; the other says where it went and its undo restores both', async () => {
    launched = await launchBrowser();
    const [keep, other, unrelated] = await seedTickets(launched, [
      { key: 'mrg-mail', name: 'Refund for order #2001', contact: 'Marta Ruiz' },
      { key: 'mrg-chat', name: 'Charged twice (chat)', contact: 'Marta Ruiz', channel: 'chat' },
      { key: 'mrg-other', name: 'Cannot log in', contact: 'Ben Ode' },
    ]);
    const l = launched;
    const page = await openRecord(l, keep!);

    await clickTestId(page, 'tip-merge');
    const search = await waitForTestId(page, 'tip-merge-search', { visible: true });
    await search.type('charged');
    await waitFor(() => optionIds(page), (ids) => ids.length === 1 && ids[0] === other, 'search narrowed to the chat ticket');
    expect(await optionIds(page)).not.toContain(unrelated);
    await clickTestId(page, 'tip-merge-option');
    await waitForTestId(page, 'tip-merge-keep', { visible: true });
    // This ticket is the one kept unless the agent picks the other.
    expect(await page.$eval(`[data-testid="tip-merge-keep"][data-ticket-id="${keep}"]`, (el) => (el as HTMLInputElement).checked)).toBe(true);
    await shoot(page, 'record-merge-dialog');
    await shoot(page, 'record-merge-dialog', 'dark');
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await clickTestId(page, 'tip-merge-confirm');

    await waitFor(() => countOf(page, 'tip-record-conversation'), (n) => n === 2, 'both conversations on the kept ticket');
    await waitFor(() => page.$$eval('[data-testid="tip-activity-item"]', (els) => els.map((e) => e.getAttribute('data-kind'))), (kinds) => kinds.filter((k) => k === 'ticket.merged').length === 2, 'the merge entries (this ticket’s and the merged one’s)');
    // The merged ticket's own history is part of this one's, marked with its short id.
    expect(await countOf(page, 'tip-activity-merged-from')).toBeGreaterThan(0);
    await shoot(page, 'record-after-merge');

    // The merged-away ticket's page: where it went, and the undo.
    const away = await openRecord(l, other!);
    const link = await waitForTestId(away, 'tip-merged-into');
    expect(await link.evaluate((a) => a.getAttribute('href'))).toBe(`/ticket.html?id=${encodeURIComponent(keep!)}`);
    expect(await textOfTestId(away, 'tip-merged-into')).toContain('Refund for order #2001');
    expect(await countOf(away, 'tip-merge')).toBe(0);
    await shoot(away, 'record-merged-away');
    await shoot(away, 'record-merged-away', 'dark');
    await away.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);

    await clickTestId(away, 'tip-merge-undo');
    await waitForNoTestId(away, 'tip-merged-into');
    await waitFor(() => countOf(away, 'tip-record-conversation'), (n) => n === 1, 'its conversation is back');
    // The kept ticket's page follows the change without a reload.
    await waitFor(() => countOf(page, 'tip-record-conversation'), (n) => n === 1, 'the kept ticket has its own conversation only');
    const kept = await recordOf(l, keep!);
    expect(kept.conversations.map((c) => c.key)).toEqual(['mrg-mail']);
    const back = await recordOf(l, other!);
    expect(back.ticket.deletedAt).toBeNull();
    expect(back.activity.map((a) => a.kind)).toContain('ticket.unmerged');

    // Following the link of a merged-away ticket opens the kept one (merge again, then click through).
    await clickTestId(away, 'tip-merge');
    await (await waitForTestId(away, 'tip-merge-search', { visible: true })).type('refund');
    await waitFor(() => optionIds(away), (ids) => ids.length === 1 && ids[0] === keep, 'search narrowed to the first ticket');
    await (await away.waitForSelector(`[data-testid="tip-merge-option"][data-ticket-id="${keep}"]`))!.click();
    await (await away.waitForSelector(`[data-testid="tip-merge-keep"][data-ticket-id="${keep}"]`))!.click();
    await away.waitForSelector('[data-testid="tip-merge-confirm"]:not([disabled])');
    expect(await away.$eval(`[data-testid="tip-merge-keep"][data-ticket-id="${keep}"]`, (el) => (el as HTMLInputElement).checked)).toBe(true);
    await clickTestId(away, 'tip-merge-confirm');
    await waitForTestId(away, 'tip-merged-into', { timeout: 30_000 });
    await Promise.all([away.waitForNavigation(), clickTestId(away, 'tip-merged-into')]);
    await waitForAttr(away, 'tip-record', 'data-ticket-id', keep!);
    // The kept ticket lists what was merged into it, each with its own undo.
    await waitForAttr(away, 'tip-merge-undo', 'data-ticket-id', other!);
    await shoot(away, 'record-merged-here');
    await shoot(away, 'record-merged-here', 'dark');
    await away.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await clickTestId(away, 'tip-merge-undo');
    await waitForNoTestId(away, 'tip-merged-here');
    await waitFor(() => countOf(away, 'tip-record-conversation'), (n) => n === 1, 'the kept ticket has its own conversation again');
    expect((await recordOf(l, other!)).conversations.map((c) => c.key)).toEqual(['mrg-chat']);
  });

  it('from the dashboard: select two tickets, Merge, pick the one to keep; the list and the trash say so', async () => {
    launched = await launchBrowser();
    const [first, second, third] = await seedTickets(launched, [
      { key: 'bulk-1', name: 'Parcel lost', contact: 'Ana Ruiz' },
      { key: 'bulk-2', name: 'Parcel lost again', contact: 'Ana Ruiz' },
      { key: 'bulk-3', name: 'Invoice copy', contact: 'Ben Ode' },
    ]);
    const l = launched;
    const page = await openDashboard(l);
    await waitForRows(page, (ids) => ids.length === 3);
    expect(await page.$eval('[data-testid="tip-bulk-merge"]', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    for (const id of [first, second]) {
      await (await page.waitForSelector(`[data-ticket-id="${id}"] [data-testid="tip-select-row"]`))!.click();
    }
    await waitForAttr(page, 'tip-selected-count', 'data-value', '2');
    await clickTestId(page, 'tip-bulk-merge');
    await waitForTestId(page, 'tip-merge-dialog', { visible: true });
    expect(await countOf(page, 'tip-merge-search')).toBe(0);
    await (await page.waitForSelector(`[data-testid="tip-merge-keep"][data-ticket-id="${second}"]`))!.click();
    await shoot(page, 'dashboard-merge-dialog');
    await clickTestId(page, 'tip-merge-confirm');

    await waitForRows(page, (ids) => ids.length === 2 && !ids.includes(first!) && ids.includes(third!));
    await waitForAttr(page, 'tip-selected-count', 'data-value', '0');
    const kept = await recordOf(l, second!);
    expect(kept.conversations.map((c) => c.key).sort()).toEqual(['bulk-1', 'bulk-2']);

    await clickTestId(page, 'tip-tab-trash');
    const merged = await waitForTestId(page, 'tip-trash-merged-into');
    expect(await merged.evaluate((a) => a.getAttribute('data-ticket-id'))).toBe(second);
    await shoot(page, 'dashboard-trash-merged');
    // The trash's restore is the merge's undo.
    await clickTestId(page, 'tip-restore');
    await waitForNoTestId(page, 'tip-trash-merged-into');
    expect((await recordOf(l, first!)).conversations.map((c) => c.key)).toEqual(['bulk-1']);
  });

  it('an undo the rules refuse (the kept ticket went to the trash since) shows why, and changes nothing', async () => {
    launched = await launchBrowser();
    const [keep, other] = await seedTickets(launched, [
      { key: 'ref-1', name: 'Kept one', contact: 'Ana Ruiz' },
      { key: 'ref-2', name: 'Merged one', contact: 'Ana Ruiz' },
    ]);
    expect((await command(launched, { type: 'ticket.merge', keepId: keep, mergeIds: [other] })).ok).toBe(true);
    expect((await command(launched, { type: 'ticket.delete', ticketId: keep })).ok).toBe(true);
    const away = await openRecord(launched, other!);
    await clickTestId(away, 'tip-merge-undo');
    expect(await waitFor(() => textOfTestId(away, 'tip-error'), (text) => text.length > 0, 'the refusal')).toMatch(/in the trash: restore/);
    expect(await textOfTestId(away, 'tip-merged-into')).toContain('Kept one');
    expect((await recordOf(launched, other!)).ticket.deletedAt).not.toBeNull();
  });

  it('a sidebar open on a merged ticket’s conversation follows it to the kept ticket, and back on undo', async () => {
    launched = await launchBrowser();
    const inbox = await openConversation(launched.browser, demo.url, 'em-1047-cargo-duplicado');
    const merged = await createTicket(inbox, 'Charged twice');
    await switchTo(inbox, 'em-1042-refund');
    const kept = await createTicket(inbox, 'Refund for order #1042');
    await switchTo(inbox, 'em-1047-cargo-duplicado');
    await waitForAttr(inbox, 'tip-ticket-card', 'data-ticket-id', merged);
    expect((await command(launched, { type: 'ticket.merge', keepId: kept, mergeIds: [merged] })).ok).toBe(true);
    expect(await waitForAttr(inbox, 'tip-ticket-card', 'data-ticket-id', kept)).toBe(kept);
    expect((await command(launched, { type: 'ticket.unmerge', id: merged })).ok).toBe(true);
    expect(await waitForAttr(inbox, 'tip-ticket-card', 'data-ticket-id', merged)).toBe(merged);
  });
});
