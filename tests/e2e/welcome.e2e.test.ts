import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { findChrome } from './chrome';
import { describeViolations, seriousViolations } from './axe';
import { CHROME_FLAGS, clickTestId, hasSidebar, launchBrowser, openPage, textOfTestId, waitFor, waitForAttr, waitForTestId, type Launched } from './harness';
import { openOptions, retype } from './options-helpers';
import { useDemoInbox } from './demo-inbox';
import { ARTIFACTS_DIR, E2E_BUILD_DIR } from './paths';
import { waitForLoaded } from './sidebar-helpers';

/** The first run: the welcome page's steps, and the sidebar in tabs that were open before the install. */

const demo = useDemoInbox();
const SHOTS = join(ARTIFACTS_DIR, 'screens', 'welcome');
let launched: Launched | undefined;
let bare: { browser: Browser; dir: string } | undefined;

afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
  await bare?.browser.close();
  if (bare) rmSync(bare.dir, { recursive: true, force: true });
  bare = undefined;
});

describe('first run', () => {
  it('the welcome page saves the agent name, lists the sites that work out of the box, enables a webmail in one step and refuses a bad address', async () => {
    launched = await launchBrowser();
    const page = await openPage(launched.browser, `chrome-extension://${launched.extensionId}/welcome.html`, { window: true });
    await waitForTestId(page, 'tip-welcome');
    expect(await textOfTestId(page, 'tip-welcome-sites')).toMatch(/Gmail[\s\S]*Outlook[\s\S]*Slack[\s\S]*WhatsApp Web/);
    // The test build carries the demo inbox: the page links it.
    expect(await page.$eval('[data-testid="tip-welcome-demo"]', (a) => (a as HTMLAnchorElement).href)).toBe('http://127.0.0.1:5174/');

    // The name, as the options have it.
    await retype(page, '[data-testid="tip-welcome-name"]', 'Lucía Ortega', null);
    await clickTestId(page, 'tip-welcome-name-save');
    await waitFor(() => page.$eval('[role="status"]', (el) => el.textContent ?? '').catch(() => ''), (text) => text.length > 0, 'the saved notice');

    // A bad address: a visible refusal, nothing enabled.
    await retype(page, '[data-testid="tip-welcome-webmail"]', 'ftp://mail.example.org', null);
    await clickTestId(page, 'tip-welcome-webmail-enable');
    expect(await textOfTestId(page, 'tip-error')).toMatch(/not a web address/);

    // A webmail on this machine (the test build may reach local ports without asking): enabled, folder and all.
    const webmail = new URL('/roundcube/?_task=mail', demo.url).href;
    await retype(page, '[data-testid="tip-welcome-webmail"]', webmail, null);
    await clickTestId(page, 'tip-welcome-webmail-enable');
    const pattern = `${new URL(demo.url).origin}/roundcube/*`;
    await waitFor(() => page.$eval('[data-testid="tip-welcome-webmail"]', (i) => (i as HTMLInputElement).value), (v) => v === '', 'the address to be taken');

    mkdirSync(SHOTS, { recursive: true });
    await page.setViewport({ width: 1100, height: 1000 });
    await page.screenshot({ path: join(SHOTS, 'welcome.png'), fullPage: true });
    expect(describeViolations(await seriousViolations(page, '[data-testid="tip-welcome"]'))).toEqual([]);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await new Promise((r) => setTimeout(r, 200)); // buttons fade their colours on a scheme change
    await page.screenshot({ path: join(SHOTS, 'welcome-dark.png'), fullPage: true });
    expect(describeViolations(await seriousViolations(page, '[data-testid="tip-welcome"]'))).toEqual([]);

    const options = await openOptions(launched, 'profile');
    await waitFor(() => options.$eval('[data-testid="tip-profile-name"]', (i) => (i as HTMLInputElement).value), (v) => v === 'Lucía Ortega', 'the name in the options');
    await options.goto(`chrome-extension://${launched.extensionId}/options.html#sites`);
    await waitForTestId(options, 'tip-section-sites');
    await options.waitForSelector(`[data-testid="tip-site-row"][data-pattern="${pattern}"]`);
  });

  it('a tab of a supported site that was open before the install gets the sidebar without a reload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tip-e2e-install-'));
    const browser = await puppeteer.launch({
      executablePath: await findChrome(),
      headless: true,
      pipe: true,
      // Extensions on, none loaded yet: the install happens below, with the inbox already open.
      enableExtensions: true,
      userDataDir: dir,
      defaultViewport: { width: 1400, height: 900 },
      args: CHROME_FLAGS,
    });
    bare = { browser, dir };
    const inbox = await openPage(browser, new URL('/c/em-1042-refund', demo.url).href);
    await inbox.waitForSelector('[data-demo-conversation]');
    expect(await hasSidebar(inbox)).toBe(false);
    // Marks this document: a reload would lose it.
    await inbox.evaluate(() => Object.assign(window, { beforeInstall: true }));

    await browser.installExtension(E2E_BUILD_DIR);
    await waitForAttr(inbox, 'tip-conversation', 'data-key', 'em-1042-refund', 20_000);
    await waitForLoaded(inbox);
    expect(await inbox.evaluate(() => (window as unknown as { beforeInstall?: boolean }).beforeInstall)).toBe(true);
  });
});
