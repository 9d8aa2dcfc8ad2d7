import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { describeViolations, seriousViolations, transitionsDone } from './axe';
import { clickTestId, launchBrowser, openPage, textOfTestId, waitFor, waitForAttr, waitForNoTestId, waitForTestId, type Launched } from './harness';
import { createTicket, editProperty, openConversation, selectByTestId } from './sidebar-helpers';
import { command, extensionUrl, recordOf, seedTickets } from './dashboard-helpers';
import { ARTIFACTS_DIR } from './paths';
import { useDemoInbox } from './demo-inbox';

/** R7 the ticket record page, beside the sidebar: the same ticket, live both ways. */

const REFUND = 'em-1042-refund';

const demo = useDemoInbox();
let launched: Launched | undefined;

afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

/** The record in a window of its own, so the inbox tab in the first window stays live. */
async function openRecord(l: Launched, ticketId: string): Promise<Page> {
  const page = await openPage(l.browser, extensionUrl(l, `/ticket.html?id=${encodeURIComponent(ticketId)}`), { window: true });
  await waitForAttr(page, 'tip-record', 'data-ticket-id', ticketId);
  await waitForTestId(page, 'tip-activity-item');
  return page;
}

/** The sidebar has no save in flight: its status dropdown is enabled again. */
async function sidebarIdle(page: Page): Promise<void> {
  await waitFor(async () => {
    const select = await waitForTestId(page, 'tip-status');
    const disabled = await select.evaluate((el) => (el as HTMLSelectElement).disabled);
    await select.dispose();
    return disabled;
  }, (d) => !d, 'sidebar busy');
}

/** The record's history, newest first: kind, field, and the old → new words. */
async function activity(page: Page) {
  return page.$$eval('[data-testid="tip-activity-item"]', (items) =>
    items.map((el) => ({
      kind: el.getAttribute('data-kind'),
      field: el.getAttribute('data-field'),
      from: el.querySelector('.timeline-from')?.textContent ?? null,
      to: el.querySelector('.timeline-to')?.textContent ?? null,
      line: el.querySelector('.timeline-line')?.textContent ?? '',
    })),
  );
}

describe('ticket record ↔ sidebar', () => {
  it('R7 R4 edits on the record show in the sidebar, edits in the sidebar on the record with their history; R11 trash and restore', async () => {
    launched = await launchBrowser();
    const inbox = await openConversation(launched.browser, demo.url, REFUND);
    const id = await createTicket(inbox);
    const record = await openRecord(launched, id);
    expect(await textOfTestId(record, 'tip-record-conversation')).toContain('Refund for order #1042');

    // On the record: status, priority and name, each through its field; the sidebar follows without a reload.
    await editProperty(record, 'status', 'waiting-us');
    await waitForAttr(record, 'tip-record-status', 'data-value', 'waiting-us');
    await editProperty(record, 'priority', 'urgent');
    await waitForAttr(record, 'tip-prop-priority', 'data-value', 'urgent');
    await editProperty(record, 'name', 'Refund #1042 — card charged', 'type');
    await waitFor(() => record.$eval('h1', (h) => h.textContent), (t) => t === 'Refund #1042 — card charged', 'record heading');
    expect(await waitForAttr(inbox, 'tip-status', 'data-value', 'waiting-us')).toBe('waiting-us');
    expect(await waitForAttr(inbox, 'tip-prop-priority', 'data-value', 'urgent')).toBe('urgent');
    expect(await waitFor(() => textOfTestId(inbox, 'tip-ticket-name'), (t) => t.includes('Refund #1042 — card charged'), 'sidebar name')).toContain(
      'Refund #1042 — card charged',
    );

    // In the sidebar: status and priority; the record shows them, and its history lists each change old → new.
    await selectByTestId(inbox, 'tip-status', 'waiting-contact');
    // The card's fields take no clicks while a save is in flight (they are disabled): wait for it to land.
    await sidebarIdle(inbox);
    await editProperty(inbox, 'priority', 'low');
    expect(await waitForAttr(record, 'tip-record-status', 'data-value', 'waiting-contact')).toBe('waiting-contact');
    expect(await waitForAttr(record, 'tip-prop-priority', 'data-value', 'low')).toBe('low');
    expect(await textOfTestId(record, 'tip-record-status')).toBe('Waiting on contact');
    const history = await waitFor(() => activity(record), (items) => items.filter((a) => a.kind === 'ticket.property').length >= 5, 'history');
    const changes = history.filter((a) => a.kind === 'ticket.property').map(({ field, from, to }) => ({ field, from, to }));
    // Newest first.
    expect(changes.slice(0, 2)).toEqual([
      { field: 'priority', from: 'Urgent', to: 'Low' },
      { field: 'status', from: 'Waiting on us', to: 'Waiting on contact' },
    ]);
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: 'status', from: 'New', to: 'Waiting on us' },
        { field: 'priority', from: 'Medium', to: 'Urgent' },
        { field: 'name', from: 'Refund for order #1042', to: 'Refund #1042 — card charged' },
      ]),
    );
    expect(history.at(-1)?.kind).toBe('ticket.created');

    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await record.screenshot({ path: join(ARTIFACTS_DIR, 'record-live.png'), fullPage: true });

    // Delete from the record (after its confirmation): the sidebar has no ticket any more.
    await clickTestId(record, 'tip-record-delete');
    await clickTestId(record, 'tip-confirm');
    await waitForTestId(record, 'tip-restore', { visible: true });
    await waitForNoTestId(inbox, 'tip-ticket-card');
    expect((await recordOf(launched, id)).ticket.deletedAt).not.toBeNull();
    // The record says it is in the trash and offers nothing to edit.
    expect(await record.$('[data-testid="tip-record-delete"]')).toBeNull();
    expect(await record.$eval('[data-testid="tip-prop-priority"] button', () => true).catch(() => false)).toBe(false);
    await record.screenshot({ path: join(ARTIFACTS_DIR, 'record-trashed.png'), fullPage: true });

    // Restore from the record: the ticket is back in the sidebar, as it was.
    await clickTestId(record, 'tip-restore');
    expect(await waitForAttr(inbox, 'tip-ticket-card', 'data-ticket-id', id)).toBe(id);
    expect(await waitForAttr(inbox, 'tip-status', 'data-value', 'waiting-contact')).toBe('waiting-contact');
    await waitForTestId(record, 'tip-record-delete', { visible: true });
    expect(await waitFor(() => activity(record), (items) => items[0]?.kind === 'conversation.restored' || items[0]?.kind === 'ticket.restored', 'restored in history')).toBeTruthy();
  });

  it('a record of a ticket that does not exist says so', async () => {
    launched = await launchBrowser();
    const page = await openPage(launched.browser, extensionUrl(launched, '/ticket.html?id=ticket:01J00000000000000000000000'));
    expect(await textOfTestId(page, 'tip-error')).toMatch(/\S/);
    expect(await page.$('[data-testid="tip-activity"]')).toBeNull();
  });
});

describe('ticket record accessibility', () => {
  it.each(['en', 'es'])('axe finds no serious or critical violation, light and dark, dialog included (%s)', async (locale) => {
    launched = await launchBrowser({ locale });
    const [id] = await seedTickets(launched, [{ key: 'a11y-1', name: 'Refund for order #1042', description: 'The card was charged twice.' }]);
    expect((await command(launched, { type: 'note.add', ticketId: id, text: 'Finance approved the refund.' })).ok).toBe(true);
    expect((await command(launched, { type: 'ticket.setStatus', ticketId: id, status: 'waiting-us' })).ok).toBe(true);
    const record = await openRecord(launched, id!);
    expect(await record.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${locale}`));
    if (locale === 'es') expect(await textOfTestId(record, 'tip-record-status')).toBe('Esperando por nosotros');
    for (const scheme of ['light', 'dark'] as const) {
      await record.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await transitionsDone(record);
      expect(describeViolations(await seriousViolations(record, 'body')), scheme).toEqual([]);
      // An open editor and the delete dialog too.
      await (await waitForTestId(record, 'tip-prop-priority', { visible: true })).click();
      await waitForTestId(record, 'tip-prop-input-priority', { visible: true });
      expect(describeViolations(await seriousViolations(record, 'body')), `${scheme}, editing`).toEqual([]);
      await record.keyboard.press('Escape');
      await clickTestId(record, 'tip-record-delete');
      await waitForTestId(record, 'tip-confirm', { visible: true });
      expect(describeViolations(await seriousViolations(record, 'body')), `${scheme}, dialog`).toEqual([]);
      await record.keyboard.press('Escape');
      await waitForNoTestId(record, 'tip-confirm');
    }
  });
});
