import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { launchBrowser, openPage, waitForTestId, type Launched } from './harness';
import { ARTIFACTS_DIR, ROOT } from './paths';
import { command, extensionUrl, openDashboard, sendAll, seedTickets, waitForListSettled, type SeedTicket } from './dashboard-helpers';
import { openOptions, showSection } from './options-helpers';

/**
 * The dashboard (with its charts), the trash, the ticket record and the options, rendered
 * in light and dark: into the git-ignored artifacts folder on every run, and
 * into docs/ for the README with TIP_DOCS=1.
 */
const OUT = process.env.TIP_DOCS === '1' ? join(ROOT, 'docs') : join(ARTIFACTS_DIR, 'screens');

let launched: Launched | undefined;
beforeAll(() => mkdirSync(OUT, { recursive: true }));
afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

async function shoot(page: Page, name: string, scheme: 'light' | 'dark' = 'light', fullPage = false): Promise<void> {
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await new Promise((r) => setTimeout(r, 200));
  await page.screenshot({ path: join(OUT, `${name}.png`) as `${string}.png`, fullPage });
}

const PEOPLE = ['Daniel Okafor', 'Marta Ruiz', 'Noah Kim', 'Sofia Rossi', 'Omar Haddad', 'Grace Liu', 'Carlos Méndez', 'Ana López', 'Eve Martin', 'Priya Nair'];
const SUBJECTS = [
  'Refund for order #1042',
  'Cargo duplicado en mi tarjeta',
  'Locked out after 2FA reset',
  'Shipping delay on order #1038',
  'CSV export misses the VAT column',
  'Damaged standing desk on arrival',
  'API rate limits on the starter plan',
  'Cambio de plan a anual',
  'Shared replies for the team',
  'Invoice address is wrong',
  'Cannot log in from the mobile app',
  'Pedido retrasado #1033',
];

/** A small help desk that looks like a real one: two teammates, tickets in every stage, a few notes. */
async function seedHelpDesk(l: Launched): Promise<string[]> {
  const [sam, priya] = await sendAll(l, [
    { kind: 'tip.command', command: { type: 'agent.save', name: 'Sam Rivera', email: 'sam@example.com' } },
    { kind: 'tip.command', command: { type: 'agent.save', name: 'Priya Shah', email: 'priya@example.com' } },
  ]);
  const owners = [null, sam?.data.id as string, priya?.data.id as string];
  const stages = ['new', 'new', 'waiting-us', 'waiting-contact', 'closed', 'waiting-us', 'new', 'closed'];
  const priorities = ['medium', 'high', 'low', 'urgent', 'medium', 'medium', 'high'];
  const tickets: SeedTicket[] = Array.from({ length: 36 }, (_, i) => ({
    key: `seed-${i}`,
    name: SUBJECTS[i % SUBJECTS.length]!,
    contact: PEOPLE[i % PEOPLE.length],
    channel: i % 3 === 1 ? 'chat' : 'email',
    status: stages[i % stages.length],
    priority: priorities[i % priorities.length],
    ownerId: owners[i % owners.length],
  }));
  return seedTickets(l, tickets);
}

describe('screenshots of the dashboard, trash and record', () => {
  it('renders the dashboard with charts, the trash and the record, in light and dark', async () => {
    launched = await launchBrowser();
    const ids = await seedHelpDesk(launched);
    await command(launched, { type: 'note.add', ticketId: ids[0], text: 'Warehouse confirmed the return on Nov 23. Refund approved.' });
    await command(launched, { type: 'ticket.update', ticketId: ids[0], field: 'description', value: 'Customer returned the desk; refund of $389.00 pending.' });
    await command(launched, { type: 'ticket.update', ticketId: ids[0], field: 'category', value: 'Billing' });
    await command(launched, { type: 'tickets.bulk', ticketIds: ids.slice(30, 33), action: { type: 'delete' } });

    const page = await openDashboard(launched);
    await page.setViewport({ width: 1400, height: 1000 });
    await waitForListSettled(page);
    await shoot(page, 'dashboard', 'light', true);
    await shoot(page, 'dashboard-dark', 'dark', true);
    await (await waitForTestId(page, 'tip-select-row')).click();
    const boxes = await page.$$('[data-testid="tip-select-row"]');
    await boxes[2]?.click();
    await shoot(page, 'dashboard-selection');

    await (await waitForTestId(page, 'tip-tab-trash')).click();
    await waitForTestId(page, 'tip-trash-item');
    await shoot(page, 'dashboard-trash');
    await shoot(page, 'dashboard-trash-dark', 'dark');

    const record = await openPage(launched.browser, extensionUrl(launched, `/ticket.html?id=${encodeURIComponent(ids[0]!)}`));
    await record.setViewport({ width: 1400, height: 1000 });
    await waitForTestId(record, 'tip-activity-item');
    await shoot(record, 'record', 'light', true);
    await shoot(record, 'record-dark', 'dark', true);

    const options = await openOptions(launched, 'stages');
    await options.setViewport({ width: 1400, height: 900 });
    await shoot(options, 'options-stages');
    await shoot(options, 'options-stages-dark', 'dark');
    await showSection(options, 'data');
    await shoot(options, 'options-data');
  });

  it('renders the dashboard and the record in Spanish', async () => {
    launched = await launchBrowser({ locale: 'es' });
    const ids = await seedHelpDesk(launched);
    const page = await openDashboard(launched);
    await page.setViewport({ width: 1400, height: 1000 });
    await shoot(page, 'dashboard-es', 'light', true);
    const record = await openPage(launched.browser, extensionUrl(launched, `/ticket.html?id=${encodeURIComponent(ids[1]!)}`));
    await waitForTestId(record, 'tip-activity-item');
    await shoot(record, 'record-es');
  });
});
