import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer';
import { useDemoInbox } from './demo-inbox';
import { fixture, serveAtRealUrls } from './fixture-host';
import { launchBrowser, openPage, sidebarHost, waitFor, waitForAttr, waitForTestId, type Launched } from './harness';
import { ROOT } from './paths';
import { fullViewUrl, loginRoundcube } from './roundcube/login';
import { startRoundcube, type RunningRoundcube } from './roundcube/server';
import { openConversation, sendFromExtensionPage } from './sidebar-helpers';

/**
 * Room made, not taken (components/sidebar/host/mount.ts): with the sidebar
 * open, no visible control or text of the host page lies under it, on every
 * kind of host: the demo inbox (which makes room itself), the named sites'
 * fixtures at their real URLs laid out as the real apps are (a root fixed or
 * absolute over the whole viewport), a fixed-layout chat SPA and a plain page
 * enabled by the agent (generic), and a real Roundcube. Collapsing leaves the
 * rail's 44 px, over no control either; the sidebar leaving (its extension
 * reloaded) gives the whole width back.
 */

const COLLAPSED = 44;

/**
 * The named apps' shells as they lay out live (the saved fixtures carry no
 * CSS): html and body the viewport's size and not scrolling, the app's root
 * positioned over the whole viewport, panes inside it. Gmail's compose window
 * (`.dw`) is fixed at the bottom right, the corner the sidebar docks at.
 */
const SHELLS: Record<string, string> = {
  gmail:
    'html,body{margin:0;height:100%;overflow:hidden} #gb{position:absolute;top:0;left:0;right:0;height:56px;display:flex} #gb header{display:flex;flex:1;justify-content:space-between} .nH.w-asV{position:absolute;top:56px;left:0;right:0;bottom:0;display:flex} .nH.w-asV>[role=navigation]{flex:0 0 240px} .nH.w-asV>.no{flex:1;overflow:auto} .dw{position:fixed;right:0;bottom:0;width:480px}',
  outlook: 'html,body{margin:0;height:100%;overflow:hidden} #appRoot{position:fixed;inset:0} #app{display:flex;flex-direction:column;height:100%} #O365_NavHeader{display:flex;justify-content:space-between}',
  slack:
    'html,body{margin:0;height:100%;overflow:hidden} .p-client_container{position:fixed;inset:0} .p-ia4_client_container,.p-ia4_client,.p-client_workspace,.p-client_workspace__layout{height:100%} .p-ia4_client,.p-client_workspace__layout{display:flex} .p-tab_rail{flex:0 0 70px} .p-client_workspace_wrapper{flex:1;min-width:0} .p-view_contents--sidebar{flex:0 0 260px;overflow:auto} .p-view_contents--primary{flex:1;min-width:0;display:flex;flex-direction:column} .p-view_header{display:flex;justify-content:space-between} .p-workspace__primary_view_body{flex:1;overflow:auto} .c-wysiwyg_container__footer{display:flex;justify-content:flex-end}',
  whatsapp:
    'html,body{margin:0;height:100%;overflow:hidden} #app{position:absolute;top:0;left:0;width:100%;height:100%} #app>div,#app>div>div{height:100%} #app>div>div{display:flex} #app>div>div>:first-child{flex:0 0 64px} #side{flex:0 0 400px;overflow:auto} #app>div>div>:last-child{flex:1;min-width:0} #main{display:flex;flex-direction:column;height:100%} #main>header,footer ._ak1l{display:flex;justify-content:space-between} #main>header>._amig{flex:1} ._amjv{flex:1;overflow:auto} .message-out{text-align:right}',
};

interface Measured {
  /** Visible interactive elements checked, and those whose centre hits something else. */
  checked: number;
  covered: string[];
  /** Visible text checked, and text whose box meets the sidebar's. */
  texts: number;
  textUnder: string[];
  /** The app root's width, the sidebar's box, and the viewport's width. */
  rootWidth: number;
  sidebar: { left: number; width: number };
  viewport: number;
}

/**
 * Every visible interactive element inside the viewport: `elementFromPoint` at
 * its centre is that element or inside it (never the sidebar's host); every
 * visible text box inside the viewport stays clear of the sidebar's box.
 */
function measure(host: ElementHandle<HTMLElement>, root: string): Promise<Measured> {
  return host.evaluate((h, rootSelector) => {
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const side = h.getBoundingClientRect();
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40)}"`;
    const centre = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, empty: r.width <= 0 || r.height <= 0 };
    };
    const hits = (el: Element) => {
      const { x, y } = centre(el);
      const hit = document.elementFromPoint(x, y);
      return { ok: !!hit && (hit === el || el.contains(hit)), hit };
    };
    // A control the page disables with `pointer-events: none` is still shown: hit-testing passes
    // through it, so it is checked by its centre against the sidebar's box instead.
    const inert = (el: Element) => getComputedStyle(el).pointerEvents === 'none';
    // The page's own visible controls: what its own hit-testing reaches with the sidebar out of
    // the way (a menu the page keeps behind its toolbar is no visible control). Hiding the host
    // changes no layout: it is fixed, and the room sheet applies whatever the host's display.
    const style = h.getAttribute('style') ?? '';
    h.style.setProperty('display', 'none', 'important');
    const visible = Array.from(document.querySelectorAll('a, button, input, textarea, select, [role=button], [tabindex]')).filter((el) => {
      if (h.contains(el) || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
      const { x, y, empty } = centre(el);
      return !empty && x >= 0 && y >= 0 && x < vw && y < vh && (hits(el).ok || inert(el));
    });
    h.setAttribute('style', style);
    const checked = visible.length;
    const covered: string[] = [];
    for (const el of visible) {
      const { x, y } = centre(el);
      const underSidebar = x >= side.left && x < side.right && y >= side.top && y < side.bottom;
      const { ok, hit } = inert(el) ? { ok: true, hit: null } : hits(el);
      if (!ok || underSidebar) covered.push(`${name(el)} under ${underSidebar || hit === h ? 'the sidebar' : hit ? name(hit) : 'nothing'}`);
    }
    let texts = 0;
    const textUnder: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim() || !node.parentElement?.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      if (node.parentElement.closest('script, style, template')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      // What shows of the text: its boxes cut by every ancestor that clips (an ellipsis, a scroller).
      const clips: DOMRect[] = [];
      for (let el: Element | null = node.parentElement; el && el !== document.documentElement; el = el.parentElement) {
        if (getComputedStyle(el).overflowX !== 'visible') clips.push(el.getBoundingClientRect());
      }
      for (const box of Array.from(range.getClientRects())) {
        const r = { left: box.left, right: box.right, top: box.top, bottom: box.bottom };
        for (const c of clips) {
          r.left = Math.max(r.left, c.left);
          r.right = Math.min(r.right, c.right);
          r.top = Math.max(r.top, c.top);
          r.bottom = Math.min(r.bottom, c.bottom);
        }
        if (r.right - r.left <= 0 || r.bottom - r.top <= 0 || r.right <= 0 || r.bottom <= 0 || r.left >= vw || r.top >= vh) continue;
        texts++;
        const meets = r.right > side.left && r.left < side.right && r.bottom > side.top && r.top < side.bottom;
        if (meets) textUnder.push(`"${node.textContent.trim().slice(0, 40)}" at x ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
    }
    const rootEl = document.querySelector(rootSelector);
    return {
      checked,
      covered,
      texts,
      textUnder,
      rootWidth: rootEl ? rootEl.getBoundingClientRect().width : -1,
      sidebar: { left: side.left, width: side.width },
      viewport: vw,
    };
  }, root);
}

/** The app root's width with our room sheet (the host's light-DOM `<style>`) switched off: the page as it lays out without us. */
async function widthWithoutRoom(host: ElementHandle<HTMLElement>, root: string): Promise<number> {
  return host.evaluate((h, rootSelector) => {
    const sheet = h.querySelector('style');
    if (sheet) sheet.disabled = true;
    const width = document.querySelector(rootSelector)!.getBoundingClientRect().width;
    if (sheet) sheet.disabled = false;
    return width;
  }, root);
}

/** The toggle shortcut (Alt+Shift+T) as the commands API reports it (the e2e build exposes the handler on the worker). */
async function pressToggle(launched: Launched, page: Page): Promise<void> {
  await page.bringToFront();
  const worker = await launched.worker();
  await worker.evaluate(() => (globalThis as unknown as { tipShortcut(name: string): Promise<string> }).tipShortcut('toggle-sidebar'));
}

const settled = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** Open: nothing under the sidebar. */
async function expectRoomOpen(host: ElementHandle<HTMLElement>, root: string): Promise<Measured> {
  const open = await measure(host, root);
  expect(open.checked, 'visible controls checked').toBeGreaterThan(2);
  expect(open.texts, 'visible texts checked').toBeGreaterThan(2);
  expect(open.covered).toEqual([]);
  expect(open.textUnder).toEqual([]);
  expect(open.sidebar.width).toBeGreaterThan(COLLAPSED);
  expect(open.sidebar.left + open.sidebar.width).toBe(open.viewport);
  return open;
}

/**
 * The whole cycle on one page: open (checked), collapse by the shortcut (the
 * rail over no control, the root gets all but 44 px back), expand again, then
 * the sidebar leaves (its extension reloaded: the orphan removes itself at the
 * page's next change) and the root has its whole width back.
 */
async function checkRoom(launched: Launched, page: Page, root: string, { leave = true } = {}): Promise<void> {
  await waitForTestId(page, 'tip-sidebar', { visible: true });
  await waitForAttr(page, 'tip-toggle', 'aria-expanded', 'true');
  const host = await sidebarHost(page);
  await settled(page);
  const open = await expectRoomOpen(host, root);
  // The root spans the viewport without the sidebar (the plain page's body less its 8 px margins), and is narrower by the sidebar's width exactly.
  const before = await widthWithoutRoom(host, root);
  expect(before).toBe(open.viewport - (root === 'body' ? 16 : 0));
  expect(open.rootWidth).toBe(before - open.sidebar.width);

  await pressToggle(launched, page);
  await waitForAttr(page, 'tip-toggle', 'aria-expanded', 'false');
  await settled(page);
  const rail = await measure(host, root);
  expect(rail.sidebar.width).toBe(COLLAPSED);
  expect(rail.covered).toEqual([]);
  expect(rail.textUnder).toEqual([]);
  expect(rail.rootWidth).toBe(before - COLLAPSED);

  await pressToggle(launched, page);
  await waitForAttr(page, 'tip-toggle', 'aria-expanded', 'true');
  await settled(page);
  expect((await expectRoomOpen(host, root)).rootWidth).toBe(before - open.sidebar.width);

  if (!leave) return;
  const worker = await launched.worker();
  // The worker goes with the reload, so its evaluate may never answer.
  await worker.evaluate(() => void (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => undefined);
  await waitFor(
    () => page.evaluate(() => document.body.append(document.createElement('span'))).then(() => host.evaluate((h) => h.isConnected)),
    (connected) => !connected,
    'the orphaned sidebar to leave',
  );
  await settled(page);
  expect(await page.$eval(root, (el) => el.getBoundingClientRect().width)).toBe(before);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe('0px');
}

let launched: Launched | undefined;
afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

const demo = useDemoInbox();

/** A plain page and the fixed-layout chat SPA, on one local site the agent enables ("any page"). */
const LOCAL: Record<string, string> = {
  '/t/printer-jams/991': fixture('generic', '2026-11-25-forum-thread.html'),
  '/chat/billing': readFileSync(join(ROOT, 'tests', 'e2e', 'room', 'fixed-chat-spa.html'), 'utf8'),
};
let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const html = LOCAL[new URL(req.url ?? '/', 'http://x').pathname];
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const SITES = [
  { site: 'gmail', url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWfxkbPqLrqvTqBxvKsRlmdN', file: '2026-11-25-thread-customer.html', root: '.nH.w-asV' },
  { site: 'outlook', url: 'https://outlook.office.com/mail/inbox/id/AAQkADAwATM0MDAAMS1iMmQ4LTJkNjUtMDACLTAwCgAQANn5vQ9XkWdLrYFmyl0MYVI%3D', file: '2026-11-25-conversation-selected.html', root: '#appRoot' },
  { site: 'slack', url: 'https://app.slack.com/client/T0123ABCD/C0456EFGH', file: '2026-11-25-channel.html', root: '.p-client_container' },
  { site: 'whatsapp', url: 'https://web.whatsapp.com/', file: '2026-11-25-chat-phone-jid.html', root: '#app' },
];

describe('room made, not taken: the host page gets narrower beside the sidebar', () => {
  it('the demo inbox (it makes room itself)', async () => {
    launched = await launchBrowser();
    const page = await openConversation(launched.browser, demo.url, 'em-1051-login-reset');
    await checkRoom(launched, page, '.shell');
  });

  it.each(SITES)('$site at its real URL, laid out as its app shell', async ({ site, url, file, root }) => {
    launched = await launchBrowser();
    const page = await launched.browser.newPage();
    const html = fixture(site, file).replace('</head>', `<style>${SHELLS[site]}</style></head>`);
    await serveAtRealUrls(page, { [url]: html });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.bringToFront();
    await checkRoom(launched, page, root);
  });

  it("is there before the page's first layout (reserved at document_start), and is the sidebar's one sheet once it mounts", async () => {
    launched = await launchBrowser();
    const { site, url, file, root } = SITES[0]!;
    const page = await launched.browser.newPage();
    // The page's first script, in <head>, reads its layout while it is parsed: the room is already there.
    const probe = `<script>window.__atParse = { margin: getComputedStyle(document.documentElement).marginRight };</script>`;
    const html = fixture(site, file).replace('<head>', `<head>${probe}`).replace('</head>', `<style>${SHELLS[site]}</style></head>`);
    await serveAtRealUrls(page, { [url]: html });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.bringToFront();
    const atParse = await page.evaluate(() => (window as unknown as { __atParse: { margin: string } }).__atParse);
    expect(atParse.margin).toBe('360px');
    await waitForTestId(page, 'tip-sidebar', { visible: true });
    const sheets = await page.evaluate(() => [...document.querySelectorAll('style')].filter((s) => s.textContent?.includes('--tip-reserved-right')).map((s) => s.parentElement === document.documentElement));
    // One room sheet, kept in the sidebar's host (not left at the top of <html>).
    expect(sheets).toEqual([false]);
    await checkRoom(launched, page, root, { leave: false });
  });

  it('leaves no room on a local page that is not the demo inbox (the e2e build runs the room script on any local port)', async () => {
    launched = await launchBrowser();
    const page = await openPage(launched.browser, `${origin}/t/printer-jams/991`);
    await page.waitForFunction(() => document.readyState === 'complete');
    await settled(page);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--tip-reserved-right'))).toBe('');
    expect(await page.evaluate(() => document.querySelectorAll('style').length)).toBe(await page.evaluate(() => document.head.querySelectorAll('style').length));
  });

  it.each([
    { what: 'a fixed-layout chat SPA (position: fixed; inset: 0)', path: '/chat/billing', root: '.chat-app' },
    { what: 'a plain page in normal flow', path: '/t/printer-jams/991', root: 'body' },
  ])('$what enabled as any page', async ({ path, root }) => {
    launched = await launchBrowser();
    const reply = await sendFromExtensionPage(launched, { kind: 'tip.sites', action: 'add', pattern: `${origin}/*`, adapter: 'generic' });
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });
    const page = await openPage(launched.browser, `${origin}${path}`);
    await checkRoom(launched, page, root);
  });
});

const rc = await startRoundcube();
afterAll(async () => {
  if (!('skipped' in rc)) await rc.stop();
});

describe.skipIf('skipped' in rc)('room on a real Roundcube 1.6 (elastic, a fixed layout)', () => {
  it('the list and the full message view: toolbars and message text stay clear of the sidebar', async () => {
    const running = rc as RunningRoundcube;
    launched = await launchBrowser();
    const reply = await sendFromExtensionPage(launched, { kind: 'tip.sites', action: 'add', pattern: running.pattern, adapter: 'auto' });
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });
    const page = await loginRoundcube(launched.browser, running);
    // The list: its toolbar, search and the rows' flags run to the right edge.
    await waitForTestId(page, 'tip-no-conversation');
    await checkRoom(launched, page, '#layout', { leave: false });
    await page.goto(fullViewUrl(running.url, 2), { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#message-header h2.subject');
    await waitForAttr(page, 'tip-conversation', 'data-source', 'roundcube');
    await checkRoom(launched, page, '#layout');
  });
});
