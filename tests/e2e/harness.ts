import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page, type WebWorker } from 'puppeteer';
import { onTestFailed } from 'vitest';
import { findChrome } from './chrome';
import { ARTIFACTS_DIR, E2E_BUILD_DIR } from './paths';

export interface Launched {
  browser: Browser;
  extensionId: string;
  userDataDir: string;
  /** The extension's service worker. */
  worker(): Promise<WebWorker>;
  /**
   * Closes the browser; when `failed` is the test that just ran and it failed,
   * its pages are saved first (an afterEach runs before onTestFailed handlers,
   * so screenshotOnFailure would find the browser closed).
   */
  close(opts?: { keepProfile?: boolean; failed?: TestLike }): Promise<void>;
}

/** What an afterEach gets as `task`: the test's name and how it went. */
export interface TestLike {
  name: string;
  result?: { state?: string };
}

/** DEVELOPERS.md: no traffic leaves the machine, no first-run UI, a fresh profile. */
export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
  '--window-size=1400,900',
];

/** Launches headless Chromium with the e2e build loaded and waits for its service worker. */
export async function launchBrowser(opts: { userDataDir?: string; extensionDir?: string; locale?: string } = {}): Promise<Launched> {
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'tip-e2e-'));
  const extensionDir = opts.extensionDir ?? E2E_BUILD_DIR;
  const browser = await puppeteer.launch({
    executablePath: await findChrome(),
    headless: true,
    pipe: true,
    enableExtensions: [extensionDir],
    userDataDir,
    defaultViewport: { width: 1400, height: 900 },
    args: [...CHROME_FLAGS, ...(opts.locale ? [`--lang=${opts.locale}`] : [])],
  });
  const target = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
    { timeout: 20_000 },
  );
  const extensionId = new URL(target.url()).host;
  return {
    browser,
    extensionId,
    userDataDir,
    async worker() {
      const t = await browser.waitForTarget((x) => x.type() === 'service_worker' && x.url().startsWith(`chrome-extension://${extensionId}/`));
      const w = await t.worker();
      if (!w) throw new Error('The extension service worker has no worker handle');
      return w;
    },
    async close({ keepProfile = false, failed } = {}) {
      if (failed?.result?.state === 'fail') await screenshotPages(browser, failed.name);
      await browser.close();
      if (!keepProfile && !opts.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A new tab in front: a background tab gets no animation frames and clicks there can hang.
 * `window: true` opens it in a window of its own, so the tab it would hide keeps working
 * (an agent with the options in one window and the inbox in another).
 */
export async function openPage(browser: Browser, url: string, { window = false }: { window?: boolean } = {}): Promise<Page> {
  const page = await browser.newPage(window ? { type: 'window' } : undefined);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.bringToFront();
  return page;
}

const pierce = (testId: string) => `pierce/[data-testid="${testId}"]`;

/**
 * Waits for an element by testid, looking inside shadow roots. Polls a pierce
 * query: more reliable here than waitForSelector for nodes in a shadow root.
 */
export async function waitForTestId(
  page: Page,
  testId: string,
  { timeout = 10_000, visible = false }: { timeout?: number; visible?: boolean } = {},
): Promise<ElementHandle<Element>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const handle = await page.$(pierce(testId));
    if (handle && (!visible || (await handle.isVisible()))) return handle;
    await handle?.dispose();
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for [data-testid="${testId}"]`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The sidebar's host element: a plain `div` in the page (components/sidebar/host/mount.ts),
 * with no tag or attribute of its own to find it by, so found from inside its shadow root.
 */
export async function sidebarHost(page: Page): Promise<ElementHandle<HTMLElement>> {
  const inside = await waitForTestId(page, 'tip-sidebar');
  const host = await inside.evaluateHandle((el) => (el.getRootNode() as ShadowRoot).host as HTMLElement);
  await inside.dispose();
  return host;
}

/** Whether the page shows a sidebar now (no waiting). */
export async function hasSidebar(page: Page): Promise<boolean> {
  const handle = await page.$(pierce('tip-sidebar'));
  await handle?.dispose();
  return handle !== null;
}

/** Resolves once no element with that testid exists. */
export async function waitForNoTestId(page: Page, testId: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (await page.$(pierce(testId))) {
    if (Date.now() > deadline) throw new Error(`[data-testid="${testId}"] still present after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the element's attribute satisfies `predicate` (or equals the value given). */
export async function waitForAttr(
  page: Page,
  testId: string,
  name: string,
  expected: string | ((value: string | null) => boolean),
  timeout = 10_000,
): Promise<string | null> {
  const ok = typeof expected === 'string' ? (v: string | null) => v === expected : expected;
  const deadline = Date.now() + timeout;
  let last: string | null = null;
  for (;;) {
    const handle = await page.$(pierce(testId));
    last = handle ? await handle.evaluate((el, n) => el.getAttribute(n), name) : null;
    await handle?.dispose();
    if (handle && ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`[data-testid="${testId}"] ${name}=${JSON.stringify(last)} after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function clickTestId(page: Page, testId: string): Promise<void> {
  const el = await waitForTestId(page, testId, { visible: true });
  await el.click();
  await el.dispose();
}

export async function textOfTestId(page: Page, testId: string): Promise<string> {
  const el = await waitForTestId(page, testId);
  const text = await el.evaluate((e) => e.textContent ?? '');
  await el.dispose();
  return text;
}

/** Saves a screenshot of each open page of `browser`, named after the test (git-ignored folder). */
async function screenshotPages(browser: Browser, testName: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const slug = testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
  const pages = await browser.pages().catch(() => []);
  await Promise.all(pages.map((p, i) => p.screenshot({ path: join(ARTIFACTS_DIR, `${slug}-${i}.png`) as `${string}.png` }).catch(() => undefined)));
}

/**
 * Saves a screenshot of each open page when the current test fails, for tests
 * whose browser is still open then (closed in afterAll or by the test itself).
 * Where an afterEach closes it, pass the test to `close({ failed: task })` instead.
 */
export function screenshotOnFailure(getBrowser: () => Browser | undefined): void {
  onTestFailed(async ({ task }) => {
    const browser = getBrowser();
    if (browser?.connected) await screenshotPages(browser, task.name);
  });
}

/** Polls `read` until `ok` holds; fails naming `what` and the last value. */
export async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
