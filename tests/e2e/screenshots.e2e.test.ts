import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { startDemoServer } from '../../demo/serve.mjs';
import { launchBrowser, openPage, waitForTestId, type Launched } from './harness';
import { command, extensionUrl, openDashboard, seedTickets, waitForRows } from './dashboard-helpers';
import { ARTIFACTS_DIR, ROOT } from './paths';
import { createTicket, openConversation, sendFromExtensionPage } from './sidebar-helpers';

/**
 * The screens an agent sees, rendered and saved as pictures: into the
 * git-ignored artifacts folder on every run (look at them), and into docs/
 * for the README with `npm run screenshots`.
 */
const OUT = process.env.TIP_DOCS === '1' ? join(ROOT, 'docs') : join(ARTIFACTS_DIR, 'screens');

let demo: Awaited<ReturnType<typeof startDemoServer>>;
let launched: Launched | undefined;
beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  demo = await startDemoServer({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await demo?.close();
});
afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

async function shoot(page: Page, name: string, scheme: 'light' | 'dark' = 'light'): Promise<void> {
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await new Promise((r) => setTimeout(r, 150)); // let the color-scheme change paint
  await page.screenshot({ path: join(OUT, `${name}.png`) as `${string}.png` });
}

async function seed(l: Launched): Promise<void> {
  await sendFromExtensionPage(l, { kind: 'tip.command', command: { type: 'agent.save', name: 'Sam Rivera', email: 'sam@example.com' } });
  await sendFromExtensionPage(l, { kind: 'tip.command', command: { type: 'snippet.save', name: 'Refund on its way', body: 'Your refund is on its way: it reaches your card in 5–7 working days.' } });
}

describe('screenshots of the sidebar', () => {
  it('renders no ticket, ticket, details and the menu, in light and dark', async () => {
    launched = await launchBrowser();
    await seed(launched);
    const page = await openConversation(launched.browser, demo.url, 'em-1042-refund');
    await shoot(page, 'sidebar-no-ticket');
    await createTicket(page, 'Refund for order #1042');
    const note = await waitForTestId(page, 'tip-note-input');
    await note.type('Warehouse confirmed the return on Nov 23.');
    await (await waitForTestId(page, 'tip-note-add')).click();
    await waitForTestId(page, 'tip-note');
    await shoot(page, 'sidebar-demo');
    await shoot(page, 'sidebar-ticket-dark', 'dark');
    await (await waitForTestId(page, 'tip-view-more')).click();
    await waitForTestId(page, 'tip-details', { visible: true });
    await shoot(page, 'sidebar-details');
    await (await waitForTestId(page, 'tip-menu')).click();
    await waitForTestId(page, 'tip-menu-trash', { visible: true });
    await shoot(page, 'sidebar-menu');
    await shoot(page, 'sidebar-menu-dark', 'dark');
  });

  it('renders in Spanish', async () => {
    launched = await launchBrowser({ locale: 'es' });
    const page = await openConversation(launched.browser, demo.url, 'em-1047-cargo-duplicado');
    await createTicket(page);
    await (await waitForTestId(page, 'tip-view-more')).click();
    await waitForTestId(page, 'tip-details', { visible: true });
    await shoot(page, 'sidebar-es');
  });
});

describe('screenshots of follow-up in time', () => {
  it('renders the card with its SLA, due date, tags and the snooze form, the SLA options and the dashboard columns', async () => {
    launched = await launchBrowser();
    const l = launched;
    await seed(l);
    // Business hours all week, so the countdown runs whatever the hour the pictures are taken.
    const week = Array.from({ length: 7 }, () => [{ start: '08:00', end: '20:00' }]);
    const sla = { policies: { urgent: { firstResponse: 60, resolution: 240 }, high: { firstResponse: 240, resolution: 480 }, medium: { firstResponse: 480, resolution: 1440 }, low: { firstResponse: 480, resolution: 2400 } }, hours: week, timeZone: 'UTC', holidays: [], pauseStages: ['waiting-contact'] };
    expect((await command(l, { type: 'settings.update', sla })).ok).toBe(true);
    const ids = await seedTickets(l, [
      { key: 'fu-1', name: 'Invoice shows the wrong VAT number', priority: 'high', contact: 'Lena Fischer' },
      { key: 'fu-2', name: 'Cannot log in after password reset', priority: 'urgent', contact: 'Priya Raman' },
      { key: 'fu-3', name: 'Where is my order #1033?', priority: 'medium', contact: 'Javier Morales', status: 'waiting-contact' },
      { key: 'fu-4', name: 'Bulk discount for 40 seats', priority: 'low', contact: 'Tom Becker' },
    ]);
    const day = 24 * 60 * 60 * 1000;
    const tags = [['billing', 'VIP'], ['login'], ['shipping'], ['sales', 'VIP']];
    for (const [i, id] of ids.entries()) {
      await command(l, { type: 'ticket.setTags', ticketId: id, tags: tags[i] });
      await command(l, { type: 'ticket.update', ticketId: id, field: 'due', value: Date.now() + (i === 0 ? -day / 4 : (i + 1) * day) });
    }

    const page = await openConversation(l.browser, demo.url, 'em-1042-refund');
    const ticketId = await createTicket(page, 'Refund for order #1042');
    await command(l, { type: 'ticket.setTags', ticketId, tags: ['refund', 'VIP'] });
    await command(l, { type: 'ticket.update', ticketId, field: 'due', value: Date.now() + 2 * day });
    await waitForTestId(page, 'tip-tag');
    await (await waitForTestId(page, 'tip-menu')).click();
    await (await waitForTestId(page, 'tip-menu-snooze', { visible: true })).click();
    await waitForTestId(page, 'tip-snooze-until', { visible: true });
    await shoot(page, 'sidebar-follow-up');

    const options = await openPage(l.browser, extensionUrl(l, '/options.html#sla'), { window: true });
    await waitForTestId(options, 'tip-section-sla');
    await options.setViewport({ width: 1280, height: 1100 });
    await shoot(options, 'options-sla');

    const dashboard = await openDashboard(l);
    await dashboard.setViewport({ width: 1400, height: 900 });
    await waitForRows(dashboard, (rows) => rows.length === 5);
    await dashboard.evaluate(() => document.querySelector('[data-testid="tip-ticket-list"]')?.scrollIntoView({ block: 'start' }));
    await shoot(dashboard, 'dashboard-follow-up');
  }, 120_000);
});
