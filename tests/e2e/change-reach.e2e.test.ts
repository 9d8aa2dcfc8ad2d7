/**
 * In real Chromium: a change reaches only the sidebars it concerns (the
 * others make no `sidebar.view` query), and one conversation open at two URLs
 * is not rewritten by its tabs on every load. Queries are counted in the
 * service worker by a listener of its own beside the extension's (it answers
 * nothing); what a tab hears is read in the content script's own world.
 */
import type { Page, WebWorker } from 'puppeteer';
import { contentWorld, evaluateIn } from './content-world';
import { useDemoInbox } from './demo-inbox';
import { fixture, serveAtRealUrls } from './fixture-host';
import { launchBrowser, openPage, waitFor, waitForAttr, type Launched } from './harness';
import { createTicket, openConversation, selectByTestId, sendFromExtensionPage, waitForLoaded } from './sidebar-helpers';

const REFUND = 'em-1042-refund';
const LOCKED = 'em-1066-2fa-locked';

const demo = useDemoInbox();
let launched: Launched;

beforeEach(async () => {
  launched = await launchBrowser();
});
afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
});

/** Counts, in the service worker, the sidebar.view queries from each page URL. */
async function countViews(worker: WebWorker): Promise<() => Promise<Record<string, number>>> {
  await worker.evaluate(`
    globalThis.tipViews = {};
    chrome.runtime.onMessage.addListener((message, sender) => {
      if (message?.kind === 'tip.query' && message.query?.type === 'sidebar.view') {
        globalThis.tipViews[sender.url] = (globalThis.tipViews[sender.url] ?? 0) + 1;
      }
    });
    true`);
  return () => worker.evaluate('({ ...globalThis.tipViews })') as Promise<Record<string, number>>;
}


describe('a change reaches only the tabs it concerns', () => {
  it("a status change in one tab: the other conversation's tab makes no sidebar.view query, the same conversation's second tab shows the new status", async () => {
    const refund = await openConversation(launched.browser, demo.url, REFUND);
    await createTicket(refund);
    const locked = await openConversation(launched.browser, demo.url, LOCKED);
    await createTicket(locked);
    const again = await openConversation(launched.browser, demo.url, REFUND);
    await waitForAttr(again, 'tip-status', 'data-value', 'new');
    const views = await countViews(await launched.worker());
    const world = await contentWorld(locked, launched.extensionId);
    await evaluateIn(world, `globalThis.tipHeard = []; chrome.runtime.onMessage.addListener((m) => void globalThis.tipHeard.push(m)); true`);

    await refund.bringToFront();
    await selectByTestId(refund, 'tip-status', 'waiting-us');
    await waitForAttr(refund, 'tip-status', 'data-value', 'waiting-us');
    // The same conversation in another tab follows.
    await waitForAttr(again, 'tip-status', 'data-value', 'waiting-us');
    // The other tab heard the change (the sidebar's listener runs before this one, and would
    // have sent its query then); a round trip from that world after it lets such a query land.
    const heard = await waitFor(() => evaluateIn<unknown[]>(world, 'globalThis.tipHeard'), (e) => e.length > 0, 'the change event in the other tab');
    await evaluateIn(world, `chrome.runtime.sendMessage({ kind: 'tip.query', query: { type: 'prefs.get', key: 'sidebar.width' } }).then(() => true)`);

    const counted = await views();
    expect(counted[locked.url()] ?? 0).toBe(0);
    // The counter sees the tabs the change concerns: both of the refund's reloaded.
    expect(counted[again.url()] ?? 0).toBeGreaterThanOrEqual(1);
    // What the other tab heard: hashes, no id.
    expect(heard[0]).toMatchObject({ kind: 'tip.changed', tags: expect.any(Array) });
    expect(JSON.stringify(heard)).not.toMatch(/[0-9A-HJKMNP-TV-Z]{26}/);
    // The hashes' key is the worker's, in storage.session, which a content script can't read.
    const secret = (await (await launched.worker()).evaluate(`chrome.storage.session.get('changeTagSecret').then((v) => v.changeTagSecret)`)) as string;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const fromTab = await evaluateIn<string>(world, `chrome.storage.session.get(null).then((v) => JSON.stringify(v), (e) => 'refused: ' + e.message)`);
    expect(fromTab).toMatch(/^refused: /);
    expect(fromTab).not.toContain(secret);
  });
});

describe('one conversation open at two URLs', () => {
  const THREAD = 'FMfcgzQXJWfxkbPqLrqvTqBxvKsRlmdN';
  const AT_INBOX = `https://mail.google.com/mail/u/0/#inbox/${THREAD}`;
  const AT_LABEL = `https://mail.google.com/mail/u/0/#label/vip/${THREAD}`;
  const KEY = '19ad0b8c4f2e114e';

  async function openAt(url: string): Promise<Page> {
    const page = await launched.browser.newPage();
    await serveAtRealUrls(page, { [url]: fixture('gmail', '2026-11-25-thread-customer.html') });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.bringToFront();
    await waitForAttr(page, 'tip-conversation', 'data-key', KEY);
    await waitForLoaded(page);
    return page;
  }

  const stored = async () => {
    const snapshot = { source: 'gmail', key: KEY, subject: 'x', channel: 'email', hostUrl: AT_INBOX, contact: { name: '', email: null, handle: null } };
    const reply = await sendFromExtensionPage(launched, { kind: 'tip.query', query: { type: 'sidebar.view', conversation: snapshot } });
    expect(reply.ok).toBe(true);
    return reply.data.conversation as { id: string; version: number; hostUrl: string };
  };

  it('loading it alternately at #inbox/ID and #label/x/ID in two tabs: its record keeps its version and URL, and nothing is broadcast for it', async () => {
    const inbox = await openAt(AT_INBOX);
    const first = await waitFor(stored, (c) => c !== null, 'the conversation recorded');
    const label = await openAt(AT_LABEL);

    // An extension page hears every change, with the ids written.
    const listener = await openPage(launched.browser, `chrome-extension://${launched.extensionId}/ticket.html?id=none`);
    await listener.evaluate(`globalThis.tipHeard = []; chrome.runtime.onMessage.addListener((m) => void globalThis.tipHeard.push(m)); true`);

    for (let i = 0; i < 3; i++) {
      for (const page of [inbox, label]) {
        await page.bringToFront();
        await page.reload({ waitUntil: 'domcontentloaded' });
        await waitForAttr(page, 'tip-conversation', 'data-key', KEY);
        await waitForLoaded(page);
      }
    }
    // A change elsewhere: the listener hears it, so it heard everything broadcast before it.
    expect((await sendFromExtensionPage(launched, { kind: 'tip.command', command: { type: 'agent.save', name: 'Sam Rivera', email: 'sam@example.com' } })).ok).toBe(true);
    const heard = await waitFor(
      () => listener.evaluate('globalThis.tipHeard') as Promise<{ kind: string; ids?: string[] }[]>,
      (events) => events.some((e) => e.ids?.some((id) => id.startsWith('agent:'))),
      'the teammate change',
    );
    expect(heard.filter((e) => e.kind === 'tip.changed' && e.ids?.includes(first.id))).toEqual([]);
    expect(await stored()).toMatchObject({ id: first.id, version: first.version, hostUrl: AT_INBOX });
  });
});
