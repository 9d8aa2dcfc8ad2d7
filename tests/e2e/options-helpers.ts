import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { openPage, waitForTestId, type Launched } from './harness';

/**
 * Opens the options page at one section (`options.html#stages`) in a window of its own
 * (an open inbox tab stays live beside it) and waits for its data.
 */
export async function openOptions(launched: Launched, section = 'profile'): Promise<Page> {
  const page = await openPage(launched.browser, `chrome-extension://${launched.extensionId}/options.html#${section}`, { window: true });
  await waitForTestId(page, `tip-section-${section}`);
  return page;
}

/** Shows another section the way an agent does: its link in the navigation. */
export async function showSection(page: Page, section: string): Promise<void> {
  await page.click(`[data-testid="tip-nav-${section}"]`);
  await waitForTestId(page, `tip-section-${section}`);
}

/** `[data-testid=…]` inside the row with this data attribute (options rows are not in a shadow root). */
export const inRow = (attr: string, value: string, testId: string) => `[${attr}="${value}"] [data-testid="${testId}"]`;

/** Replaces an input's text the way a person does: select all, type, then a key (Enter by default). */
export async function retype(page: Page, selector: string, text: string, key: 'Enter' | 'Tab' | null = 'Enter'): Promise<void> {
  const input = await page.waitForSelector(selector, { visible: true });
  await input!.click({ count: 3 });
  await page.keyboard.press('Backspace');
  await input!.type(text);
  if (key) await page.keyboard.press(key);
  await input!.dispose();
}

/**
 * Files the browser downloads land in a fresh folder; `next` waits for the next finished one.
 * Followed through the browser's download events, not the folder: Chrome overwrites a file of the
 * same name (two exports on one day), so each download is saved under its own id and then renamed
 * `<n>-<the name the page gave it>`.
 */
export async function captureDownloads(launched: Launched) {
  const dir = mkdtempSync(join(tmpdir(), 'tip-downloads-'));
  const session = await launched.browser.target().createCDPSession();
  await session.send('Browser.setDownloadBehavior', { behavior: 'allowAndName', downloadPath: dir, eventsEnabled: true });
  const names = new Map<string, string>();
  const finished: { guid: string; name: string }[] = [];
  const failed: string[] = [];
  session.on('Browser.downloadWillBegin', (e) => names.set(e.guid, e.suggestedFilename));
  session.on('Browser.downloadProgress', (e) => {
    if (e.state === 'completed') finished.push({ guid: e.guid, name: names.get(e.guid) ?? e.guid });
    else if (e.state === 'canceled') failed.push(names.get(e.guid) ?? e.guid);
  });
  let taken = 0;
  return {
    dir,
    /** Resolves with the path of the next completely downloaded file whose name ends with `suffix`. */
    async next(suffix: string, timeout = 30_000): Promise<string> {
      const deadline = Date.now() + timeout;
      for (;;) {
        const index = finished.findIndex((f) => f.name.endsWith(suffix));
        if (index >= 0) {
          const [done] = finished.splice(index, 1);
          const path = join(dir, `${++taken}-${done!.name}`);
          renameSync(join(dir, done!.guid), path);
          return path;
        }
        if (Date.now() > deadline) {
          throw new Error(`No *${suffix} download after ${timeout} ms (finished: ${finished.map((f) => f.name).join(', ') || 'none'}; canceled: ${failed.join(', ') || 'none'})`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export type Downloads = Awaited<ReturnType<typeof captureDownloads>>;

/** The export, through the real button (`tip-export`), parsed. */
export async function exportViaPage(page: Page, downloads: Downloads): Promise<{ path: string; json: Record<string, unknown> }> {
  await (await waitForTestId(page, 'tip-export', { visible: true })).click();
  const path = await downloads.next('.json');
  return { path, json: JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> };
}

/** An export without `exportedAt`: two exports of the same help desk must then be equal. */
export function withoutExportedAt(json: Record<string, unknown>): Record<string, unknown> {
  const { exportedAt: _at, ...rest } = json;
  return rest;
}

/** Picks a file in the import control (`tip-import`, a real file input). */
export async function chooseImportFile(page: Page, path: string): Promise<void> {
  if (!existsSync(path)) throw new Error(`no file ${path}`);
  const input = await waitForTestId(page, 'tip-import');
  await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
  await input.dispose();
}
