import type { Page, WebWorker } from 'puppeteer';
import { launchBrowser, screenshotOnFailure, type Launched } from './harness';

/**
 * The trash's 30-day purge runs on a chrome.alarms schedule, not only at
 * browser start: a browser left open for weeks must still empty old trash.
 * What is under test is the real browser's alarm registry (and the manifest's
 * `alarms` permission, without which chrome.alarms is undefined).
 */

/** entrypoints/background/purge-schedule.ts: PURGE_ALARM, twice a day. */
const PURGE_ALARM = 'tip.purge-trash';
const PERIOD_MINUTES = 720;

interface Alarm {
  name: string;
  scheduledTime: number;
  periodInMinutes?: number;
}

const alarmsOf = (worker: WebWorker) =>
  worker.evaluate(() => (globalThis as unknown as { chrome: { alarms: { getAll(): Promise<unknown[]> } } }).chrome.alarms.getAll()) as Promise<Alarm[]>;

const send = (page: Page, message: unknown) =>
  page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), message);

let launched: Launched | undefined;
beforeEach(() => screenshotOnFailure(() => launched?.browser));
afterEach(async () => {
  await launched?.close();
  launched = undefined;
});

describe('trash purge schedule', () => {
  it('lists the purge alarm in the service worker after it starts, and a restarted worker keeps that one alarm', async () => {
    launched = await launchBrowser();
    const worker = await launched.worker();
    await vi.waitFor(async () => expect((await alarmsOf(worker)).map((a) => a.name)).toContain(PURGE_ALARM), { timeout: 10_000, interval: 100 });
    const [alarm, ...others] = await alarmsOf(worker);
    expect(others).toEqual([]);
    expect(alarm).toMatchObject({ name: PURGE_ALARM, periodInMinutes: PERIOD_MINUTES });

    // Stop the worker (puppeteer closes its target and detaches, so nothing keeps it alive), then wake it with a message.
    await worker.evaluate(() => void ((globalThis as unknown as { tipMarker: number }).tipMarker = 1));
    await worker.close();
    const page = await launched.browser.newPage();
    await page.goto(`chrome-extension://${launched.extensionId}/ticket.html?id=none`);
    expect(await send(page, { kind: 'tip.query', query: { type: 'tickets.count' } })).toMatchObject({ ok: true });

    // The woken worker ran its start again and found the alarm: same one, not pushed back by a new create.
    const woken = await launched.worker();
    // A fresh worker (the marker is gone), so its start-up ran again.
    expect(await woken.evaluate(() => (globalThis as unknown as { tipMarker?: number }).tipMarker)).toBeUndefined();
    expect(await alarmsOf(woken)).toEqual([alarm]);
  });
});
