import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { waitFor } from './harness';
import { ROOT, RELEASE_BUILD_ENV } from './paths';

/** The Firefox test build: the e2e mode of the Firefox build (demo inbox, any local port, open shadow root). */
export const FIREFOX_E2E_DIR = `${ROOT}.output/firefox-mv2-e2e`;
/** The add-on's id (wxt.config.ts); Firefox gives each installed add-on a per-profile UUID for its pages. */
const GECKO_ID = 'tickets-in-place@tickets-in-place.org';
/** Pinned by a preference, so the tests know the extension pages' origin. */
export const FIREFOX_UUID = '6f1c7a52-4d1b-4d4e-9a57-1d2c3b4a5e6f';
export const firefoxPage = (path: string) => `moz-extension://${FIREFOX_UUID}${path}`;

/** FIREFOX_PATH, else Debian's firefox-esr or a firefox on the system. Never downloads one. */
export function findFirefox(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FIREFOX_PATH) {
    if (existsSync(env.FIREFOX_PATH)) return env.FIREFOX_PATH;
    throw new Error(`FIREFOX_PATH=${env.FIREFOX_PATH} does not exist. Fix: point FIREFOX_PATH at a Firefox binary, or apt-get install firefox-esr`);
  }
  for (const candidate of ['/usr/bin/firefox-esr', '/usr/bin/firefox']) if (existsSync(candidate)) return candidate;
  throw new Error('No Firefox found for the Firefox e2e tests. Fix: apt-get install firefox-esr (CI does it: .ci/run), or set FIREFOX_PATH.');
}

export function buildFirefoxE2e(): void {
  if (process.env.TIP_E2E_REUSE_BUILD === '1' && existsSync(`${FIREFOX_E2E_DIR}/manifest.json`)) return;
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mode', 'e2e'], { cwd: ROOT, stdio: 'pipe', env: RELEASE_BUILD_ENV });
}

/**
 * Headless Firefox over WebDriver BiDi with the Firefox test build installed as a temporary
 * add-on, the way `about:debugging` loads one. No network: only 127.0.0.1 is served.
 */
export async function launchFirefox(): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    protocol: 'webDriverBiDi',
    // TIP_FIREFOX_DUMPIO=1: Firefox's output, content scripts' console included, on the test's stderr.
    dumpio: process.env.TIP_FIREFOX_DUMPIO === '1',
    extraPrefsFirefox: {
      'devtools.console.stdout.content': process.env.TIP_FIREFOX_DUMPIO === '1',
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // Nothing reaches out: no updates, no telemetry, no remote settings.
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'network.connectivity-service.enabled': false,
      'extensions.getAddons.cache.enabled': false,
      // Headless Firefox can't show the "allow this site?" doorhanger: the options' request is granted
      // as if the agent clicked Allow (the Chromium tests' build holds local hosts for the same reason).
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  try {
    const id = await browser.installExtension(FIREFOX_E2E_DIR);
    if (id !== GECKO_ID) throw new Error(`installed ${id}, expected ${GECKO_ID}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return browser;
}

/**
 * The tab an extension page opened in (the record, say). Firefox's BiDi reports such a tab's
 * address as about:blank, yet scripts run there: found by asking each page where it is.
 */
export async function extensionPageOpened(browser: Browser, path: string): Promise<Page> {
  const where = (page: Page) => page.evaluate(() => location.href).catch(() => '');
  const found = await waitFor(
    async () => {
      for (const page of await browser.pages()) if ((await where(page)).startsWith(firefoxPage(path))) return page;
      return null;
    },
    (page) => page !== null,
    `a tab at ${path}`,
    15_000,
  );
  return found!;
}
