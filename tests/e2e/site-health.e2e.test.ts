import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Page } from 'puppeteer';
import { describeViolations, seriousViolations, transitionsDone } from './axe';
import { extensionUrl } from './dashboard-helpers';
import { fixture, serveAtRealUrls, spaNavigate } from './fixture-host';
import { clickTestId, launchBrowser, openPage, sidebarHost, textOfTestId, waitFor, waitForAttr, waitForNoTestId, waitForTestId, type Launched } from './harness';
import { createTicket } from './sidebar-helpers';
import { ARTIFACTS_DIR } from './paths';

/**
 * Site health in real Chromium: Gmail served at its real address
 * (fixture-host.ts) with the thread markup a redesign renamed. The sidebar
 * says the site changed and reads the page in limited mode (generic mode,
 * keyed by the address), a ticket made there shows on the card, "Copy
 * diagnostics" puts names and an origin on the clipboard (never what the page
 * shows), the popup lists Gmail as changed, and the page heals back to Gmail's reader.
 */
const SHOTS = join(ARTIFACTS_DIR, 'screens', 'health');
const THREAD = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWfxkbPqLrqvTqBxvKsRlmdN';
const CHANGED = fixture('gmail', '2026-12-08-changed-thread-renamed.html');
const HEALTHY = fixture('gmail', '2026-11-25-thread-customer.html');
/** What the page shows about the customer and the thread: none of it may reach the diagnostics. */
const CUSTOMER_DATA = ['Marta', 'Ruiz', 'marta.ruiz@example.com', 'dana.agent@example.com', 'Order #4471', 'parcel', 'FMfcgzQX', '19ad0b8c4f2e114e', '/mail/u/0', '#inbox'];

let launched: Launched | undefined;
afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

async function readClipboard(page: Page): Promise<string> {
  await page.bringToFront();
  return page.evaluate(() => navigator.clipboard.readText());
}

function expectNoCustomerData(text: string): void {
  for (const secret of CUSTOMER_DATA) expect(text, secret).not.toContain(secret);
}

/** Light and dark; axe finds nothing serious in either. */
async function shoot(page: Page, name: string, testId: string, inSidebar: boolean): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await transitionsDone(page);
    const el = await waitForTestId(page, testId, { visible: true });
    await el.screenshot({ path: `${SHOTS}/${name}-${scheme}.png` });
    await el.dispose();
    const scope = inSidebar ? await sidebarHost(page) : `[data-testid="${testId}"]`;
    expect(describeViolations(await seriousViolations(page, scope)), `${name} ${scheme}`).toEqual([]);
  }
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
}

describe('site health: a changed Gmail says so and still works in limited mode', () => {
  it('shows tip-site-health, makes a generic ticket, copies clean diagnostics, lists Gmail as changed in the popup, and heals', async () => {
    mkdirSync(SHOTS, { recursive: true });
    launched = await launchBrowser();
    const context = launched.browser.defaultBrowserContext();
    await context.overridePermissions('https://mail.google.com', ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    const page = await launched.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await serveAtRealUrls(page, { [THREAD]: CHANGED });
    await page.goto(THREAD, { waitUntil: 'domcontentloaded' });
    await page.bringToFront();

    // The banner, and the page read by generic mode: keyed by its address, not a Gmail thread.
    expect(await waitForAttr(page, 'tip-site-health', 'data-state', 'changed')).toBe('changed');
    expect(await waitForAttr(page, 'tip-site-health', 'data-site', 'gmail')).toBe('gmail');
    expect(await textOfTestId(page, 'tip-site-health')).toContain('This site changed — limited mode');
    expect(await waitForAttr(page, 'tip-conversation', 'data-source', 'generic')).toBe('generic');
    expect(await waitForAttr(page, 'tip-conversation', 'data-key', 'mail.google.com/mail/u/0#inbox/FMfcgzQXJWfxkbPqLrqvTqBxvKsRlmdN')).toBeTruthy();
    expect(await page.$('pierce/[data-testid="tip-no-conversation"]')).toBeNull();

    // A ticket in limited mode, on the card.
    const ticket = await createTicket(page, 'Damaged parcel (limited mode)');
    expect(await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', ticket)).toBe(ticket);
    await shoot(page, 'sidebar-site-health', 'tip-sidebar', true);

    // Copy diagnostics: on the clipboard, names and the origin only.
    await clickTestId(page, 'tip-copy-diagnostics');
    await waitFor(() => textOfTestId(page, 'tip-site-health'), (t) => t.includes('Diagnostics copied'), 'the copied status');
    const copied = await readClipboard(page);
    const diag = JSON.parse(copied) as { version: string; browser: string; sites: { site: string; state: string; failed: string[]; origin: string }[] };
    expect(diag.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(diag.browser).toMatch(/^Chrome \d+$/);
    expect(diag.sites).toEqual([expect.objectContaining({ site: 'gmail', state: 'changed', failed: ['thread subject', 'sender email'], origin: 'https://mail.google.com' })]);
    expectNoCustomerData(copied);

    // The popup lists Gmail as changed, the sites not opened as not seen yet.
    const popup = await openPage(launched.browser, extensionUrl(launched, '/popup.html'), { window: true });
    await popup.setViewport({ width: 320, height: 720 });
    await waitForTestId(popup, 'tip-popup-site-health');
    const states = async () => popup.$$eval('[data-testid="tip-popup-site-health"] li', (lis) => lis.map((li) => `${li.getAttribute('data-site')}:${li.getAttribute('data-state')}`));
    expect(await waitFor(states, (s) => s.includes('gmail:changed'), 'gmail changed in the popup')).toEqual(['gmail:changed', 'outlook:unseen', 'roundcube:unseen', 'slack:unseen', 'whatsapp:unseen']);
    expect(await textOfTestId(popup, 'tip-popup-site-health')).toContain('Changed (limited mode)');
    await shoot(popup, 'popup-site-health', 'tip-popup-site-health', false);
    await context.overridePermissions(`chrome-extension://${launched.extensionId}`, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    await clickTestId(popup, 'tip-popup-copy-diagnostics');
    await waitFor(() => textOfTestId(popup, 'tip-popup-site-health'), (t) => t.includes('Diagnostics copied'), 'the popup copied status');
    const fromPopup = await readClipboard(popup);
    expect((JSON.parse(fromPopup) as typeof diag).sites).toEqual([expect.objectContaining({ site: 'gmail', state: 'changed', failed: ['thread subject', 'sender email'], origin: 'https://mail.google.com' })]);
    expectNoCustomerData(fromPopup);
    await popup.close();

    // Gmail fixed (the next read passes): back to Gmail's reader, no banner; the popup says working.
    await page.bringToFront();
    // The same thread opened from All Mail, the way Gmail navigates: no load, its address pushed.
    await spaNavigate(page, HEALTHY, THREAD.replace('#inbox/', '#all/'));
    await waitForAttr(page, 'tip-conversation', 'data-source', 'gmail');
    await waitForNoTestId(page, 'tip-site-health');
    const again = await openPage(launched.browser, extensionUrl(launched, '/popup.html'));
    await waitFor(
      () => again.$$eval('[data-testid="tip-popup-site-health"] li[data-site="gmail"]', (lis) => lis.map((li) => li.getAttribute('data-state'))),
      (s) => s[0] === 'ok',
      'gmail working again in the popup',
    );
  });
});
