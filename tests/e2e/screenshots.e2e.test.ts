import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { startDemoServer } from '../../demo/serve.mjs';
import { launchBrowser, waitForTestId, type Launched } from './harness';
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
