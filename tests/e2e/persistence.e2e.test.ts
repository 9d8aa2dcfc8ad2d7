import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { launchBrowser, screenshotOnFailure, type Launched } from './harness';

const snapshot = {
  source: 'demo',
  key: 'persist-1',
  subject: 'Printer on fire',
  channel: 'email',
  hostUrl: 'http://127.0.0.1:5174/c/persist-1',
  contact: { name: 'Pat Doe', email: 'pat@example.com', handle: null },
};

/** Sends one message from an extension page, as the dashboard or record page would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are checked field by field below
type AnyReply = { ok: boolean; data?: any; error?: { code: string; message: string } };
const send = (page: Page, message: unknown) =>
  page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), message) as Promise<AnyReply>;

async function extensionPage(launched: Launched): Promise<Page> {
  const page = await launched.browser.newPage();
  // Any page of ours is an extension context; the record page for a missing id is the lightest.
  await page.goto(`chrome-extension://${launched.extensionId}/ticket.html?id=none`);
  await page.bringToFront();
  return page;
}

let launched: Launched | undefined;
beforeEach(() => screenshotOnFailure(() => launched?.browser));

describe('persistence: the background is the only writer and loses nothing', () => {
  const profile = mkdtempSync(join(tmpdir(), 'tip-profile-'));
  afterAll(() => rmSync(profile, { recursive: true, force: true }));

  it('persists a command from an extension page across a stopped service worker and a browser restart', async () => {
    launched = await launchBrowser({ userDataDir: profile });
    let page = await extensionPage(launched);
    const created = await send(page, { kind: 'tip.command', command: { type: 'ticket.create', conversation: snapshot, fields: { name: 'Printer on fire' } } });
    expect(created.ok).toBe(true);
    const ticketId: string = created.data.ticket.id;
    expect(ticketId).toMatch(/^ticket:[0-9A-HJKMNP-TV-Z]{26}$/);

    // Stop the service worker the way the browser does when idle.
    const cdp = await page.createCDPSession();
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();

    const afterStop = await send(page, { kind: 'tip.query', query: { type: 'sidebar.view', conversation: snapshot } });
    expect(afterStop.ok).toBe(true);
    expect(afterStop.data.ticket.id).toBe(ticketId);
    expect(afterStop.data.conversation.ticketId).toBe(ticketId);

    await launched.close({ keepProfile: true });
    launched = await launchBrowser({ userDataDir: profile });
    page = await extensionPage(launched);
    const record = await send(page, { kind: 'tip.query', query: { type: 'ticket.record', ticketId } });
    expect(record.ok).toBe(true);
    expect(record.data.ticket.name).toBe('Printer on fire');
    expect(record.data.activity.map((a: { kind: string }) => a.kind)).toContain('ticket.created');
    await launched.close({ keepProfile: true });
    launched = undefined;
  });

  it('refuses a malformed message with a typed error and changes nothing', async () => {
    launched = await launchBrowser();
    const page = await extensionPage(launched);
    const before = await send(page, { kind: 'tip.query', query: { type: 'tickets.count' } });
    const bad = await send(page, { kind: 'tip.command', command: { type: 'ticket.create', conversation: { ...snapshot, hostUrl: 'javascript:alert(1)' }, fields: { name: 'x' } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const after = await send(page, { kind: 'tip.query', query: { type: 'tickets.count' } });
    expect(after).toEqual(before);
    await launched.close();
    launched = undefined;
  });
});
