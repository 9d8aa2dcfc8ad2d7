import type { Page } from 'puppeteer';
import { startDemoServer } from '../../demo/serve.mjs';
import {
  launchBrowser,
  hasSidebar,
  openPage,
  screenshotOnFailure,
  sidebarHost,
  waitForAttr,
  waitForNoTestId,
  waitForTestId,
  type Launched,
} from './harness';

let launched: Launched | undefined;
let demo: Awaited<ReturnType<typeof startDemoServer>>;

beforeAll(async () => {
  demo = await startDemoServer({ port: 0, host: '127.0.0.1' });
  launched = await launchBrowser();
});
afterAll(async () => {
  await launched?.close();
  await demo?.close();
});
beforeEach(() => screenshotOnFailure(() => launched?.browser));

const firstKeys = async (page: Page, n: number) =>
  page.$$eval('[data-demo-conversation]', (links, count) => links.slice(0, count).map((a) => a.getAttribute('data-demo-conversation') ?? ''), n);

describe('foundation: the sidebar on the demo inbox', () => {
  it('mounts on the demo inbox with a shadow root', async () => {
    const page = await openPage(launched!.browser, demo.url);
    await waitForTestId(page, 'tip-sidebar', { visible: true });
    await waitForTestId(page, 'tip-toggle', { visible: true });
    // A child of <html>, outside the body: app shells contain their fixed roots in <body> to make room.
    const host = await (await sidebarHost(page)).evaluate((el) => ({ inRoot: el.parentElement === document.documentElement, open: el.shadowRoot !== null }));
    expect(host).toEqual({ inRoot: true, open: true }); // open only in the e2e build
    await page.close();
  });

  it('shows tip-no-conversation on the list with nothing open', async () => {
    const page = await openPage(launched!.browser, demo.url);
    await waitForTestId(page, 'tip-no-conversation', { visible: true });
    expect(await page.$('pierce/[data-testid="tip-conversation"]')).toBeNull();
    await page.close();
  });

  it('follows a conversation switch without a reload, and survives a reload', async () => {
    const page = await openPage(launched!.browser, demo.url);
    const [first, second] = await firstKeys(page, 2);
    expect(first && second && first !== second).toBe(true);
    // A marker on window survives in-page navigation but not a reload.
    await page.evaluate(() => ((window as unknown as { tipMarker: number }).tipMarker = 1));

    await page.click(`[data-demo-conversation="${first}"]`);
    await waitForAttr(page, 'tip-conversation', 'data-key', first!);
    expect(await waitForAttr(page, 'tip-conversation', 'data-source', 'demo')).toBe('demo');

    await page.click(`[data-demo-conversation="${second}"]`);
    await waitForAttr(page, 'tip-conversation', 'data-key', second!);
    expect(await page.evaluate(() => (window as unknown as { tipMarker?: number }).tipMarker)).toBe(1);

    await page.goBack();
    await waitForAttr(page, 'tip-conversation', 'data-key', first!);

    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForAttr(page, 'tip-conversation', 'data-key', first!);
    expect(await page.evaluate(() => (window as unknown as { tipMarker?: number }).tipMarker)).toBeUndefined();
    await page.close();
  });

  it('collapses and expands with tip-toggle', async () => {
    const page = await openPage(launched!.browser, demo.url);
    const host = await sidebarHost(page);
    const width = () => host.evaluate((el) => el.getBoundingClientRect().width);
    await waitForTestId(page, 'tip-no-conversation');
    const open = await width();
    const toggle = await waitForTestId(page, 'tip-toggle', { visible: true });
    await toggle.click();
    await waitForNoTestId(page, 'tip-no-conversation');
    expect(await width()).toBeLessThan(open);
    expect(await waitForAttr(page, 'tip-toggle', 'aria-expanded', 'false')).toBe('false');
    await (await waitForTestId(page, 'tip-toggle', { visible: true })).click();
    await waitForTestId(page, 'tip-no-conversation', { visible: true });
    expect(await width()).toBe(open);
    await page.close();
  });
});

/** Computed styles that say how something looks (layout sizes left out: the demo makes room for the sidebar). */
const LOOKS = ['display', 'visibility', 'color', 'background-color', 'font-family', 'font-size', 'font-weight', 'border-top-style', 'opacity', 'position', 'z-index'];

describe('foundation: style isolation', () => {
  it('hostile host CSS does not change the sidebar', async () => {
    const page = await openPage(launched!.browser, demo.url);
    const sidebar = await waitForTestId(page, 'tip-sidebar', { visible: true });
    const read = () =>
      page.$eval(
        'pierce/[data-testid="tip-sidebar"]',
        (el, props) => {
          const host = (el.getRootNode() as ShadowRoot).host;
          const parts = [host, el, ...Array.from(el.querySelectorAll('*'))];
          return parts.map((p) => {
            const cs = getComputedStyle(p);
            const r = p.getBoundingClientRect();
            return [p.tagName, props.map((n) => cs.getPropertyValue(n)).join('|'), Math.round(r.width), Math.round(r.height), Math.round(r.left)].join(' ');
          });
        },
        LOOKS,
      );
    const before = await read();
    await page.addStyleTag({
      content: `
        * { all: unset !important; }
        div, aside, section, header, button { display: none !important; }
        body > div { display: none !important; width: 0 !important; opacity: 0 !important; font: 40px serif !important; color: red !important; }
        :root { font-size: 40px !important; color: red !important; }`,
    });
    const after = await read();
    expect(after).toEqual(before);
    expect(await sidebar.isVisible()).toBe(true);
    await page.close();
  });

  it("the sidebar's CSS does not change the host page", async () => {
    // The same demo page at an address the extension does not run on
    // (served by request interception: no traffic leaves the machine).
    const plainOrigin = 'http://plain-demo.test';
    const readHost = (page: Page) =>
      page.evaluate((props) => {
        // The sidebar's host is the one element with a shadow root (open in the e2e build); its inside is not in this list.
        const els = Array.from(document.querySelectorAll('body *')).filter((el) => !el.shadowRoot);
        return els.map((el) => {
          const cs = getComputedStyle(el);
          return `${el.tagName}.${el.className} ${props.map((n) => cs.getPropertyValue(n)).join('|')}`;
        });
      }, LOOKS);

    const withExtension = await openPage(launched!.browser, demo.url);
    await waitForTestId(withExtension, 'tip-sidebar', { visible: true });
    const a = await readHost(withExtension);

    const plain = await launched!.browser.newPage();
    await plain.setRequestInterception(true);
    plain.on('request', (req) => {
      const u = new URL(req.url());
      if (u.origin !== plainOrigin) return void req.abort();
      fetch(`${demo.url.replace(/\/$/, '')}${u.pathname}`)
        .then(async (res) => req.respond({ status: res.status, contentType: res.headers.get('content-type') ?? undefined, body: Buffer.from(await res.arrayBuffer()) }))
        .catch(() => req.abort());
    });
    await plain.goto(`${plainOrigin}/`, { waitUntil: 'load' });
    await plain.bringToFront();
    expect(await hasSidebar(plain)).toBe(false);
    const b = await readHost(plain);
    expect(a).toEqual(b);
    await withExtension.close();
    await plain.close();
  });
});
