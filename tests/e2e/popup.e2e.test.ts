import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { describeViolations, seriousViolations, transitionsDone } from './axe';
import { clickTestId, launchBrowser, openPage, textOfTestId, waitForAttr, waitForTestId, type Launched } from './harness';
import { createTicket, openConversation, selectByTestId } from './sidebar-helpers';
import { command, extensionUrl, seedTickets } from './dashboard-helpers';
import { ARTIFACTS_DIR } from './paths';
import { useDemoInbox } from './demo-inbox';

/** The toolbar popup, opened as a page: its open-ticket count and its ways to the other pages. */

const REFUND = 'em-1042-refund';

const demo = useDemoInbox();
let launched: Launched | undefined;

afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

/** The popup at its real size (the browser fits it to its 320 px body), in a window of its own (the inbox tab stays live beside it). */
async function openPopup(l: Launched, { window = true } = {}): Promise<Page> {
  const page = await openPage(l.browser, extensionUrl(l, '/popup.html'), { window });
  await page.setViewport({ width: 320, height: 560 });
  await waitForTestId(page, 'tip-popup');
  return page;
}

const openCount = (page: Page, expected: number) => waitForAttr(page, 'tip-popup-open-count', 'data-value', String(expected));

describe('popup', () => {
  it('counts the open tickets live as they are created, closed and trashed', async () => {
    launched = await launchBrowser();
    const inbox = await openConversation(launched.browser, demo.url, REFUND);
    const popup = await openPopup(launched);
    expect(await openCount(popup, 0)).toBe('0');

    // One from the sidebar…
    await inbox.bringToFront();
    const refund = await createTicket(inbox);
    expect(await openCount(popup, 1)).toBe('1');
    expect(await textOfTestId(popup, 'tip-popup-open-count')).toMatch(/^1\s+open ticket$/);

    // …three more by commands, one of them already closed.
    const [a, , closed] = await seedTickets(launched, [
      { key: 'pop-a', name: 'Login broken' },
      { key: 'pop-b', name: 'Invoice copy', status: 'waiting-us' },
      { key: 'pop-c', name: 'Thanks!', status: 'closed' },
    ]);
    expect(closed).toMatch(/^ticket:/);
    expect(await openCount(popup, 3)).toBe('3');
    expect(await textOfTestId(popup, 'tip-popup-open-count')).toMatch(/^3\s+open tickets$/);
    // By stage: New 2 (the sidebar's and "Login broken"), Waiting on us 1.
    const stages = await popup.$$eval('.pop-stages li', (items) => items.map((li) => li.textContent));
    expect(stages).toEqual(['New2', 'Waiting on contact0', 'Waiting on us1']);

    // Closing in the sidebar (R8) and trashing another (R11) both take one off.
    await selectByTestId(inbox, 'tip-status', 'closed');
    expect(await openCount(popup, 2)).toBe('2');
    expect((await command(launched, { type: 'ticket.delete', ticketId: a })).ok).toBe(true);
    expect(await openCount(popup, 1)).toBe('1');
    // Reopening in the sidebar puts it back.
    await selectByTestId(inbox, 'tip-status', 'new');
    expect(await openCount(popup, 2)).toBe('2');
    expect(refund).toMatch(/^ticket:/);
  });

  it('its buttons open the dashboard and the options', async () => {
    launched = await launchBrowser();
    await seedTickets(launched, [{ key: 'pop-1', name: 'Login broken' }]);
    const base = extensionUrl(launched, '');
    let popup = await openPopup(launched);
    await openCount(popup, 1);
    const dashboard = launched.browser.waitForTarget((t) => t.url().startsWith(`${base}/dashboard.html`), { timeout: 10_000 });
    await clickTestId(popup, 'tip-popup-dashboard');
    const dashboardPage = await (await dashboard).page();
    await waitForTestId(dashboardPage!, 'tip-dashboard');
    await waitForTestId(dashboardPage!, 'tip-ticket-row');

    if (popup.isClosed()) popup = await openPopup(launched);
    else await popup.bringToFront();
    const options = launched.browser.waitForTarget((t) => t.url().startsWith(`${base}/options.html`), { timeout: 10_000 });
    await clickTestId(popup, 'tip-popup-options');
    const optionsPage = await (await options).page();
    await waitForTestId(optionsPage!, 'tip-options');
  });
});

describe('popup accessibility', () => {
  it.each(['en', 'es'])('axe finds no serious or critical violation, light and dark (%s)', async (locale) => {
    launched = await launchBrowser({ locale });
    await seedTickets(launched, [
      { key: 'pop-1', name: 'Login broken' },
      { key: 'pop-2', name: 'Invoice copy', status: 'waiting-us' },
    ]);
    // A tab beside the inbox, so the popup has a site to speak of (the tab the agent was on before).
    await openPage(launched.browser, demo.url);
    const popup = await openPopup(launched, { window: false });
    await openCount(popup, 2);
    expect(await popup.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${locale}`));
    const words = { en: ['Help desk', 'This site'], es: ['Centro de ayuda', 'Este sitio'] }[locale]!;
    expect(await textOfTestId(popup, 'tip-popup-dashboard')).toBe(words[0]);
    // The demo inbox is a page the extension knows out of the box.
    expect(await waitForAttr(popup, 'tip-popup-site', 'data-state', 'builtin')).toBe('builtin');
    expect(await popup.$eval('#pop-site-title', (h) => h.textContent)).toBe(words[1]);
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await transitionsDone(popup);
      expect(describeViolations(await seriousViolations(popup, 'body')), scheme).toEqual([]);
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      await popup.screenshot({ path: join(ARTIFACTS_DIR, `popup-${locale}-${scheme}.png`) });
    }
  });
});
