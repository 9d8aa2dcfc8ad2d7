import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer';
import { useDemoInbox } from './demo-inbox';
import { openDashboard, waitForRows } from './dashboard-helpers';
import { launchBrowser, textOfTestId, waitFor, waitForAttr, waitForTestId, type Launched } from './harness';
import { inRow, openOptions, retype } from './options-helpers';
import { ARTIFACTS_DIR } from './paths';
import { createTicket, openConversation, selectByTestId, sendFromExtensionPage } from './sidebar-helpers';

/**
 * SLA end to end, by clicking: a policy set in the options section, the
 * card's `tip-sla` on a new ticket, "Mark first response sent", the SLA
 * column and filter on the dashboard, and a refused business-hours range.
 * Screenshots of the card and the section, light and dark, go to the
 * git-ignored artifacts folder.
 */

const demo = useDemoInbox();
const SHOTS = join(ARTIFACTS_DIR, 'screens');
let launched: Launched | undefined;

beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

const REFUND = 'em-1042-refund';

async function shoot(page: Page, name: string, element?: ElementHandle<Element>): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await new Promise((r) => setTimeout(r, 150));
    const path = join(SHOTS, `sla-${name}-${scheme}.png`) as `${string}.png`;
    await (element ?? page).screenshot({ path });
    if (process.env.TIP_SHOTS_DIR) copyFileSync(path, join(process.env.TIP_SHOTS_DIR, `${name}-${scheme}.png`));
  }
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
}

async function slaSettings(l: Launched) {
  const reply = await sendFromExtensionPage(l, { kind: 'tip.query', query: { type: 'settings.get' } });
  return reply.data.settings.sla;
}

describe('SLA', () => {
  it('a policy set in the options applies to a new ticket: tip-sla on the card, the SLA column and filter on the dashboard', async () => {
    launched = await launchBrowser();
    const options = await openOptions(launched, 'sla');
    await options.setViewport({ width: 1100, height: 1500 });

    // Medium: first response in 2 hours, open every hour of every day, in UTC.
    await retype(options, '[data-testid="tip-sla-first-medium"]', '2', null);
    await options.select('[data-testid="tip-sla-first-medium-unit"]', 'hours');
    await options.click('[data-testid="tip-sla-always"]');
    await options.select('[data-testid="tip-sla-timezone"]', 'UTC');
    await options.type('[data-testid="tip-sla-holiday-input"]', '12252030');
    await options.click('[data-testid="tip-sla-holiday-add"]');
    await options.waitForSelector('[data-testid="tip-sla-holiday"][data-value="2030-12-25"]');
    await options.click('[data-testid="tip-sla-pause-waiting-us"]');
    await options.click('[data-testid="tip-sla-save"]');
    const sla = await waitFor(() => slaSettings(launched!), (s) => s?.policies?.medium?.firstResponse === 120, 'saved SLA settings');
    expect(sla).toMatchObject({
      policies: { medium: { firstResponse: 120, resolution: 1440 }, urgent: { firstResponse: 60, resolution: 240 } },
      timeZone: 'UTC',
      holidays: ['2030-12-25'],
      pauseStages: ['waiting-contact', 'waiting-us'],
    });
    expect(sla.hours).toEqual(Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]));
    await shoot(options, 'options-section', (await waitForTestId(options, 'tip-section-sla')) as ElementHandle<Element>);

    // A new ticket (Medium by default): the card says which target, and how long is left.
    const sidebar = await openConversation(launched.browser, demo.url, REFUND);
    const ticketId = await createTicket(sidebar);
    expect(await waitForAttr(sidebar, 'tip-sla', 'data-state', 'ok')).toBe('ok');
    expect(await waitForAttr(sidebar, 'tip-sla', 'data-target', 'firstResponse')).toBe('firstResponse');
    expect(await textOfTestId(sidebar, 'tip-sla')).toMatch(/First response.*\d+ h( \d+ m)? left|First response.*\d+ m left/);
    await shoot(sidebar, 'card', (await waitForTestId(sidebar, 'tip-ticket-card')) as ElementHandle<Element>);

    // The demo can't show the agent's reply as sent: marked by hand, the card moves on to resolution.
    await (await waitForTestId(sidebar, 'tip-sla-responded', { visible: true })).click();
    expect(await waitForAttr(sidebar, 'tip-sla', 'data-target', 'resolution')).toBe('resolution');

    // Waiting on us pauses the clock now (the option ticked above).
    await selectByTestId(sidebar, 'tip-status', 'waiting-us');
    expect(await waitForAttr(sidebar, 'tip-sla', 'data-phase', 'paused')).toBe('paused');
    expect(await sidebar.$eval('pierce/[data-testid="tip-sla"]', (el) => el.getAttribute('data-state'))).toBe('ok');
    await selectByTestId(sidebar, 'tip-status', 'new');
    expect(await waitForAttr(sidebar, 'tip-sla', 'data-state', 'ok')).toBe('ok');

    // The dashboard: the SLA column shows the same state; the filter keeps it under "on time", not under "breached".
    const dashboard = await openDashboard(launched);
    await waitForRows(dashboard, (ids) => ids.includes(ticketId));
    expect(await dashboard.$eval(inRow('data-ticket-id', ticketId, 'tip-sla'), (el) => el.getAttribute('data-state'))).toBe('ok');
    await selectByTestId(dashboard, 'tip-filter-sla', 'breached');
    await waitForTestId(dashboard, 'tip-list-empty');
    await selectByTestId(dashboard, 'tip-filter-sla', 'ok');
    expect(await waitForRows(dashboard, (ids) => ids.length === 1)).toEqual([ticketId]);
    await selectByTestId(dashboard, 'tip-sort', 'slaDue:asc');
    expect(await waitForRows(dashboard, (ids) => ids.length === 1)).toEqual([ticketId]);
    await shoot(dashboard, 'dashboard');

    // The record page shows it too, with the history of the mark.
    // The row's link opens the record in this tab: wait for that page, not the dashboard's badge still there.
    await Promise.all([dashboard.waitForNavigation({ waitUntil: 'domcontentloaded' }), dashboard.click(inRow('data-ticket-id', ticketId, 'tip-row-name'))]);
    await waitForTestId(dashboard, 'tip-record');
    expect(await waitForAttr(dashboard, 'tip-sla', 'data-state', 'ok')).toBe('ok');
    await shoot(dashboard, 'record');
    const kinds = await waitFor(
      () => dashboard.$$eval('[data-testid="tip-activity-item"]', (items) => items.map((i) => i.getAttribute('data-kind'))),
      (k) => k.includes('ticket.sla'),
      'the ticket.sla history entry',
    );
    expect(kinds).toContain('ticket.sla');
    expect(await dashboard.$eval('[data-testid="tip-activity-item"][data-kind="ticket.sla"]', (el) => el.textContent)).toMatch(/marked the first response as sent/);
  });

  it('business hours that end before they start show tip-error, and nothing is saved', async () => {
    launched = await launchBrowser();
    const before = await slaSettings(launched);
    const options = await openOptions(launched, 'sla');
    // Monday (weekday 1): 17:00–09:00.
    await retype(options, '[data-testid="tip-sla-day-1"] [data-testid="tip-sla-range-start"]', '17:00', null);
    await retype(options, '[data-testid="tip-sla-day-1"] [data-testid="tip-sla-range-end"]', '09:00', null);
    await options.click('[data-testid="tip-sla-save"]');
    expect(await textOfTestId(options, 'tip-error')).toMatch(/Business hours must end after they start \(17:00–09:00\)/);
    expect(await slaSettings(launched)).toEqual(before);
    // What the agent typed is still there to fix.
    expect(await options.$eval('[data-testid="tip-sla-day-1"] [data-testid="tip-sla-range-start"]', (el) => (el as HTMLInputElement).value)).toBe('17:00');

    // Overlapping ranges on one day are refused too.
    await retype(options, '[data-testid="tip-sla-day-1"] [data-testid="tip-sla-range-start"]', '09:00', null);
    await retype(options, '[data-testid="tip-sla-day-1"] [data-testid="tip-sla-range-end"]', '13:00', null);
    await options.click('[data-testid="tip-sla-range-add-1"]');
    const second = '[data-testid="tip-sla-day-1"] [data-testid="tip-sla-range"]:nth-of-type(2) [data-testid="tip-sla-range-start"]';
    await retype(options, second, '12:00', null);
    await options.click('[data-testid="tip-sla-save"]');
    await waitFor(() => textOfTestId(options, 'tip-error'), (text) => /overlap/.test(text), 'the overlap refusal');
    expect(await slaSettings(launched)).toEqual(before);
  });
});
