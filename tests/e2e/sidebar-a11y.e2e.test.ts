import type { Page } from 'puppeteer';
import { useDemoInbox } from './demo-inbox';
import { describeViolations, seriousViolations } from './axe';
import { launchBrowser, openPage, sidebarHost, textOfTestId, waitForAttr, waitForNoTestId, waitForTestId, type Launched } from './harness';
import { createTicket, openConversation, openMenuItem } from './sidebar-helpers';

const demo = useDemoInbox();
let launched: Launched | undefined;

afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

async function expectAccessible(page: Page): Promise<void> {
  expect(describeViolations(await seriousViolations(page, await sidebarHost(page)))).toEqual([]);
}

describe('sidebar accessibility and keyboard use', () => {
  it('axe finds no serious or critical violation: no ticket, ticket card, details, menu open, dark', async () => {
    launched = await launchBrowser();
    const page = await openConversation(launched.browser, demo.url, 'em-1042-refund');
    await expectAccessible(page);
    await (await waitForTestId(page, 'tip-create-ticket')).click();
    await waitForTestId(page, 'tip-create-form');
    await expectAccessible(page);
    await (await waitForTestId(page, 'tip-create-submit')).click();
    await waitForTestId(page, 'tip-ticket-card');
    await (await waitForTestId(page, 'tip-view-more')).click();
    await (await waitForTestId(page, 'tip-edit-displayed')).click();
    await expectAccessible(page);
    await (await waitForTestId(page, 'tip-menu')).click();
    await waitForTestId(page, 'tip-menu-trash');
    await expectAccessible(page);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await expectAccessible(page);
  });

  it('every control is reachable by Tab with a visible focus, and the menu closes on Escape', async () => {
    launched = await launchBrowser();
    const page = await openConversation(launched.browser, demo.url, 'em-1042-refund');
    await createTicket(page);
    // Tab from the toggle through the sidebar; collect the testids that get focus.
    await (await waitForTestId(page, 'tip-toggle')).focus();
    // Move by keyboard once, so the browser shows focus as it does for keyboard users (:focus-visible).
    await page.keyboard.press('Tab');
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    const reached = new Set<string>();
    const host = await sidebarHost(page);
    for (let i = 0; i < 40; i++) {
      const focused = await host.evaluate((h) => {
        const el = h.shadowRoot?.activeElement as HTMLElement | null;
        if (!el) return null;
        const style = getComputedStyle(el);
        return { id: el.closest('[data-testid]')?.getAttribute('data-testid') ?? el.tagName, outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
      });
      if (!focused) break;
      expect(focused.outline, `visible focus on ${focused.id}`).toBe(true);
      reached.add(focused.id);
      await page.keyboard.press('Tab');
    }
    for (const id of ['tip-toggle', 'tip-menu', 'tip-conversation-owner', 'tip-ticket-name', 'tip-status', 'tip-prop-priority', 'tip-view-more', 'tip-note-input', 'tip-note-add']) {
      expect(reached, `${id} reachable by Tab`).toContain(id);
    }
    await (await waitForTestId(page, 'tip-menu')).focus();
    await page.keyboard.press('Enter');
    await waitForTestId(page, 'tip-menu-close-conversation', { visible: true });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await waitForNoTestId(page, 'tip-menu-close-conversation');
    expect(await host.evaluate((h) => h.shadowRoot?.activeElement?.getAttribute('data-testid'))).toBe('tip-menu');
  });

  it('collapsed state and width are remembered across reloads', async () => {
    launched = await launchBrowser();
    const page = await openConversation(launched.browser, demo.url, 'em-1042-refund');
    const width = async () => (await sidebarHost(page)).evaluate((el) => Math.round(el.getBoundingClientRect().width));
    const handle = await waitForTestId(page, 'tip-resize', { visible: true });
    await handle.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    await waitForAttr(page, 'tip-resize', 'aria-valuenow', '440');
    expect(await width()).toBe(440);
    await page.reload();
    await waitForAttr(page, 'tip-resize', 'aria-valuenow', '440');
    await (await waitForTestId(page, 'tip-toggle')).click();
    await waitForAttr(page, 'tip-toggle', 'aria-expanded', 'false');
    await page.reload();
    await waitForAttr(page, 'tip-toggle', 'aria-expanded', 'false');
    expect(await width()).toBeLessThan(100);
  });

  it('follows the browser language: Spanish', async () => {
    launched = await launchBrowser({ locale: 'es' });
    const page = await openPage(launched.browser, new URL('/c/em-1042-refund', demo.url).href);
    await waitForTestId(page, 'tip-create-ticket', { visible: true });
    expect(await textOfTestId(page, 'tip-create-ticket')).toBe('Crear ticket');
    await openMenuItem(page, 'tip-menu-close-conversation');
    await waitForAttr(page, 'tip-conversation-status', 'data-value', 'closed');
    expect(await textOfTestId(page, 'tip-conversation-status')).toBe('Cerrada');
  });
});
