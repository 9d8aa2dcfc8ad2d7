import type { Page } from 'puppeteer';
import { useDemoInbox } from './demo-inbox';
import {
  hasSidebar,
  launchBrowser,
  sidebarHost,
  textOfTestId,
  waitFor,
  waitForAttr,
  waitForNoTestId,
  waitForTestId,
  type Launched,
} from './harness';
import { createTicket, editProperty, openConversation, waitForLoaded } from './sidebar-helpers';

/**
 * The sidebar in a page that works against it: the demo inbox with a script of
 * the page's own, run in the page's world before any other (and before ours).
 */

const demo = useDemoInbox();
let launched: Launched;

beforeEach(async () => {
  launched = await launchBrowser();
});
afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
});

/** What the hostile scripts below leave on `window` for the test to read. */
interface Spy {
  leaks: string[];
  captured: { type: string; key: string; targetIsHost: boolean; data: string | null }[];
  shortcuts: number;
  heard: string[];
  trapped: number;
}

/** Opens a demo conversation with `script` run first in the page's own world. */
async function openHostile(key: string, script: () => void): Promise<Page> {
  const page = await launched.browser.newPage();
  await page.evaluateOnNewDocument(script);
  await page.goto(new URL(`/c/${key}`, demo.url).href, { waitUntil: 'domcontentloaded' });
  await page.bringToFront();
  await waitForAttr(page, 'tip-conversation', 'data-key', key);
  await waitForLoaded(page);
  return page;
}

const spy = (page: Page) => page.evaluate(() => (window as unknown as { tipSpy: Spy }).tipSpy);

describe('the sidebar in a hostile page', () => {
  it("what the agent types in the sidebar stays there: the page's bubble-phase listeners hear no key, input or paste, and its shortcuts don't fire", async () => {
    const page = await openHostile('em-1042-refund', () => {
      const tipSpy: Spy = { leaks: [], captured: [], shortcuts: 0, heard: [], trapped: 0 };
      Object.assign(window, { tipSpy });
      const types = ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'textInput', 'change', 'compositionstart', 'compositionupdate', 'compositionend', 'copy', 'cut', 'paste'];
      for (const [where, target] of [['window', window], ['document', document]] as const) {
        for (const type of types) {
          target.addEventListener(type, (e) => {
            const from = e.target === document.body ? 'body' : (e.target as Element).tagName?.toLowerCase();
            tipSpy.leaks.push(`${where} ${type} ${(e as KeyboardEvent).key ?? (e as InputEvent).data ?? ''} on ${from}`);
          });
        }
      }
      // A Gmail-like shortcut: `c` composes.
      document.addEventListener('keydown', (e) => {
        if (e.key === 'c') tipSpy.shortcuts++;
      });
      // Capture listeners on window run before the event reaches the sidebar's shadow root.
      for (const type of ['keydown', 'input', 'paste']) {
        window.addEventListener(
          type,
          (e) => {
            const target = e.target as Element;
            const data = e instanceof InputEvent ? e.data : e instanceof ClipboardEvent ? (e.clipboardData?.getData('text/plain') ?? null) : null;
            tipSpy.captured.push({ type, key: (e as KeyboardEvent).key ?? '', targetIsHost: target.shadowRoot !== null && !!target.shadowRoot.querySelector('.tip-root'), data });
          },
          true,
        );
      }
    });
    await createTicket(page);

    // A note typed and pasted into, then saved: the sidebar's own handlers still get every event.
    const input = await waitForTestId(page, 'tip-note-input', { visible: true });
    await input.click();
    await input.type('card 4242 cancelled');
    await input.evaluate((el) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', 'pasted secret');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, composed: true, cancelable: true }));
    });
    await (await waitForTestId(page, 'tip-note-add')).click();
    await waitForTestId(page, 'tip-note');
    expect(await textOfTestId(page, 'tip-notes')).toContain('card 4242 cancelled');
    const seen = await spy(page);
    expect(seen.leaks).toEqual([]);
    expect(seen.shortcuts).toBe(0);
    // What a capture-phase listener on window still gets (accepted, see SECURITY.md): each key,
    // each input's data and the pasted text, with the event retargeted to the host element.
    const keys = seen.captured.filter((c) => c.type === 'keydown');
    expect(keys.map((c) => c.key).join('')).toContain('card 4242 cancelled');
    expect(seen.captured.filter((c) => c.type === 'input').map((c) => c.data).join('')).toContain('card 4242 cancelled');
    expect(seen.captured.filter((c) => c.type === 'paste').map((c) => c.data)).toEqual(['pasted secret']);
    expect(seen.captured.every((c) => c.targetIsHost)).toBe(true);

    // Enter saves an inline editor and Escape cancels one.
    await (await waitForTestId(page, 'tip-view-more')).click();
    await editProperty(page, 'category', 'Billing', 'type');
    await waitForAttr(page, 'tip-prop-category', 'data-value', 'Billing');
    await (await waitForTestId(page, 'tip-prop-category', { visible: true })).click();
    const editor = await waitForTestId(page, 'tip-prop-input-category', { visible: true });
    await editor.type(' (draft)');
    await editor.press('Escape');
    await waitForNoTestId(page, 'tip-prop-input-category');
    expect(await waitForAttr(page, 'tip-prop-category', 'data-value', 'Billing')).toBe('Billing');
    // The ⋯ menu's keys (the extras' handlers) still work.
    await (await waitForTestId(page, 'tip-menu', { visible: true })).click();
    await waitForTestId(page, 'tip-menu-close-conversation', { visible: true });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await waitForNoTestId(page, 'tip-menu-close-conversation');

    // Nothing from inside the sidebar. (An inline editor that Enter or Escape closes leaves focus
    // on the page's body, so that key's keyup is the page's own, aimed at its body.)
    expect((await spy(page)).leaks.filter((leak) => !/^(window|document) keyup (Enter|Escape) on body$/.test(leak))).toEqual([]);
    expect((await spy(page)).shortcuts).toBe(0);

    // The page's own keys still reach the page.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('c');
    expect((await spy(page)).shortcuts).toBe(1);
  });

  it('a page that pre-creates the old host tag and defines it as a custom element still gets a working sidebar', async () => {
    const page = await openHostile('em-1047-cargo-duplicado', () => {
      const tipSpy: Spy = { leaks: [], captured: [], shortcuts: 0, heard: [], trapped: 0 };
      Object.assign(window, { tipSpy });
      // Its constructor runs on every such element, takes the shadow root first, and one is in the page before us.
      class Trap extends HTMLElement {
        constructor() {
          super();
          tipSpy.trapped++;
          this.attachShadow({ mode: 'closed' });
        }
      }
      customElements.define('tickets-in-place-sidebar', Trap);
      document.addEventListener('DOMContentLoaded', () => document.body.append(document.createElement('tickets-in-place-sidebar')));
    });
    await createTicket(page, 'Created beside a trap');
    expect(await textOfTestId(page, 'tip-ticket-name')).toContain('Created beside a trap');
    // Only the page's own element ran the page's constructor.
    expect((await spy(page)).trapped).toBe(1);
  });

  it("the page hears no event or message naming the extension's id, and replaying WXT's start-up event does not stop the sidebar", async () => {
    const page = await openHostile('em-1038-shipping-delay', () => {
      const tipSpy: Spy = { leaks: [], captured: [], shortcuts: 0, heard: [], trapped: 0 };
      Object.assign(window, { tipSpy });
      // Every event type window and document name (`on…`), and messages, in the capture phase.
      const types = new Set(['message', 'DOMContentLoaded']);
      for (const target of [window, document]) {
        for (const key in target) if (key.startsWith('on')) types.add(key.slice(2));
      }
      for (const target of [window, document]) {
        for (const type of types) {
          target.addEventListener(
            type,
            (e) => {
              const payload = (e as MessageEvent).data ?? (e as CustomEvent).detail;
              let text = e.type;
              try {
                text += ` ${JSON.stringify(payload ?? null)}`;
              } catch {
                text += ` ${String(payload)}`;
              }
              tipSpy.heard.push(text);
            },
            true,
          );
        }
      }
    });
    // Touch the sidebar so that its extras render too.
    await createTicket(page);
    await (await waitForTestId(page, 'tip-menu', { visible: true })).click();
    await waitForTestId(page, 'tip-menu-close-conversation', { visible: true });
    await page.keyboard.press('Escape');

    const id = launched.extensionId;
    const heard = (await spy(page)).heard;
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.filter((text) => text.includes(id))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(id);

    // The events an earlier build sent to stop an older copy of itself, replayed by the page for every script.
    const scripts = ['demo', 'gmail', 'outlook', 'slack', 'whatsapp', 'roundcube', 'generic', 'site'];
    await page.evaluate(
      (extensionId, names) => {
        for (const name of names) {
          const type = `${extensionId}:${name}:wxt:content-script-started`;
          const detail = { contentScriptName: name, messageId: 'replayed' };
          document.dispatchEvent(new CustomEvent(type, { detail }));
          window.postMessage({ type, ...detail }, '*');
        }
      },
      id,
      scripts,
    );
    // A message is delivered a task later: let it arrive, then the sidebar must still be there and answer.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(await hasSidebar(page)).toBe(true);
    await editProperty(page, 'priority', 'high');
    await waitForAttr(page, 'tip-prop-priority', 'data-value', 'high');
  });

  it('a page that removes the host, empties its body or replaces it gets the sidebar back', async () => {
    const page = await openConversation(launched.browser, demo.url, 'em-1051-login-reset');
    const attached = (host: Awaited<ReturnType<typeof sidebarHost>>) =>
      waitFor(() => host.evaluate((h) => h.parentNode === document.documentElement), (v) => v, 'the sidebar host back in <html>');
    const host = await sidebarHost(page);

    await host.evaluate((h) => h.remove());
    await attached(host);
    await page.evaluate(() => document.body.replaceChildren());
    await attached(host);
    await page.evaluate(() => document.documentElement.replaceChild(document.createElement('body'), document.body));
    await attached(host);

    // Still the working sidebar, not a husk.
    const toggle = await waitForTestId(page, 'tip-toggle', { visible: true });
    await toggle.click();
    await waitForAttr(page, 'tip-toggle', 'aria-expanded', 'false');
  });
});
