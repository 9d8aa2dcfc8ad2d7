import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'puppeteer';
import { ulid } from 'ulidx';
import { startDemoServer } from '../../demo/serve.mjs';
import { clickTestId, launchBrowser, textOfTestId, waitFor, waitForAttr, waitForNoTestId, waitForTestId, type Launched } from './harness';
import { captureDownloads, chooseImportFile, exportViaPage, inRow, openOptions, retype, showSection, withoutExportedAt, type Downloads } from './options-helpers';
import { createTicket, editProperty, openConversation, openMenuItem, selectByTestId, switchTo } from './sidebar-helpers';
import { query, seedTickets } from './dashboard-helpers';
import { ARTIFACTS_DIR } from './paths';

/**
 * Options → Data, driven like an agent: export (JSON and CSV), erase, import
 * with its preview, and the files an import must refuse.
 */

const REFUND = 'em-1042-refund';
const MARTA_EMAIL = 'em-1047-cargo-duplicado';
const MARTA_CHAT = 'ch-marta-ruiz';
const SHIPPING = 'em-1038-shipping-delay';
const DAMAGED = 'em-1071-damaged-item';

const STORES = ['tickets', 'conversations', 'contacts', 'agents', 'notes', 'snippets', 'settings', 'activity'] as const;
type Store = (typeof STORES)[number];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- export files are broken on purpose, field by field
type AnyJson = Record<string, any>;

let demo: Awaited<ReturnType<typeof startDemoServer>>;
let launched: Launched | undefined;
let downloads: Downloads | undefined;
let scratch: string;

beforeAll(async () => {
  demo = await startDemoServer({ port: 0, host: '127.0.0.1' });
  scratch = mkdtempSync(join(tmpdir(), 'tip-data-'));
});
afterAll(async () => {
  await demo?.close();
  rmSync(scratch, { recursive: true, force: true });
});
afterEach(async ({ task }) => {
  downloads?.remove();
  downloads = undefined;
  await launched?.close({ failed: task });
  launched = undefined;
});

/** What each store holds in an export file. */
function storeOf(json: AnyJson, store: Store): AnyJson[] {
  return store === 'activity' ? json.activity : json.records[store];
}

async function ticketTotal(l: Launched): Promise<number> {
  const reply = await query(l, { type: 'tickets.count' });
  if (!reply.ok) throw new Error(reply.error?.message);
  return reply.data.total as number;
}

const noticeText = (page: Page) => textOfTestId(page, 'tip-data-notice');

/** Waits for the notice of a finished import; a tip-error instead fails with its text. */
async function waitForImported(page: Page, timeout = 30_000): Promise<string> {
  return waitFor(
    async () => {
      const error = await page.$eval('[data-testid="tip-error"]', (el) => el.textContent).catch(() => null);
      if (error) throw new Error(`the import was refused: ${error}`);
      return noticeText(page);
    },
    (t) => /^Imported/i.test(t),
    'import notice',
    timeout,
  );
}

/** Writes a file to pick in the import control. */
function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

/** A help desk built the way an agent builds one, in the sidebar and the options. */
async function buildHelpDesk(l: Launched) {
  const inbox = await openConversation(l.browser, demo.url, REFUND);
  const refund = await createTicket(inbox, 'Refund for order #1042');
  await editProperty(inbox, 'priority', 'high');
  await waitForAttr(inbox, 'tip-prop-priority', 'data-value', 'high');
  const note = await waitForTestId(inbox, 'tip-note-input', { visible: true });
  await note.type('Refund approved by finance <img src=x onerror=alert(1)>.');
  await clickTestId(inbox, 'tip-note-add');
  await waitForTestId(inbox, 'tip-note');

  // Marta wrote by email and by chat: one ticket, two conversations (R3).
  await switchTo(inbox, MARTA_EMAIL);
  const marta = await createTicket(inbox, 'Charged twice');
  await switchTo(inbox, MARTA_CHAT);
  await selectByTestId(inbox, 'tip-associate-select', marta);
  await clickTestId(inbox, 'tip-associate-submit');
  await waitForAttr(inbox, 'tip-ticket-card', 'data-ticket-id', marta);

  // A closed ticket (R8) and a trashed one (R11).
  await switchTo(inbox, SHIPPING);
  const shipping = await createTicket(inbox, 'Shipping delay');
  await selectByTestId(inbox, 'tip-status', 'closed');
  await waitForAttr(inbox, 'tip-conversation-status', 'data-value', 'closed');
  await switchTo(inbox, DAMAGED);
  const damaged = await createTicket(inbox, 'Damaged item');
  await openMenuItem(inbox, 'tip-menu-trash');
  await clickTestId(inbox, 'tip-confirm');
  await waitForNoTestId(inbox, 'tip-ticket-card');

  // A teammate, a saved reply and a renamed stage, in the options.
  const options = await openOptions(l, 'teammates');
  await options.type('[data-testid="tip-teammate-name"]', 'Sam Rivera');
  await options.type('[data-testid="tip-teammate-email"]', 'sam@example.com');
  await options.click('[data-testid="tip-teammate-add"]');
  await options.waitForSelector('[data-testid="tip-teammate-row"]:nth-child(2)');
  await showSection(options, 'snippets');
  await options.type('[data-testid="tip-snippet-name"]', 'Refund on its way');
  await options.type('[data-testid="tip-snippet-body"]', 'Your refund is on its way: 5–7 working days.');
  await options.click('[data-testid="tip-snippet-add"]');
  await options.waitForSelector('[data-testid="tip-snippet-row"]');
  await showSection(options, 'stages');
  await retype(options, inRow('data-stage-id', 'new', 'tip-stage-name'), 'Triage');
  await waitFor(() => options.$eval(inRow('data-stage-id', 'new', 'tip-stage-name'), (el) => (el as HTMLInputElement).value), (v) => v === 'Triage', 'renamed stage');
  await showSection(options, 'data');
  return { inbox, options, ids: { refund, marta, shipping, damaged } };
}

describe('options → data', () => {
  it('export → erase → import gives back the same help desk; the CSV lists the live tickets', async () => {
    launched = await launchBrowser();
    downloads = await captureDownloads(launched);
    const { inbox, options, ids } = await buildHelpDesk(launched);

    // JSON export through the button: everything, trashed records included.
    const first = await exportViaPage(options, downloads);
    expect(await noticeText(options)).toBe('Export saved to your downloads.');
    const tickets = storeOf(first.json, 'tickets');
    expect(tickets.map((t) => t.id).sort()).toEqual(Object.values(ids).sort());
    expect(tickets.find((t) => t.id === ids.damaged)?.deletedAt).not.toBeNull();
    expect(tickets.find((t) => t.id === ids.shipping)?.closedAt).not.toBeNull();
    expect(tickets.find((t) => t.id === ids.refund)?.priority).toBe('high');
    expect(storeOf(first.json, 'conversations').filter((c) => c.ticketId === ids.marta).map((c) => c.channel).sort()).toEqual(['chat', 'email']);
    expect(storeOf(first.json, 'notes').map((n) => n.text)).toEqual(['Refund approved by finance <img src=x onerror=alert(1)>.']);
    expect(storeOf(first.json, 'agents').map((a) => a.name)).toContain('Sam Rivera');
    expect(storeOf(first.json, 'snippets').map((s) => s.name)).toEqual(['Refund on its way']);
    expect(storeOf(first.json, 'settings')[0]!.stages[0]).toMatchObject({ id: 'new', name: 'Triage' });

    // CSV: one row per live ticket (not the trashed one), names instead of ids.
    await clickTestId(options, 'tip-export-csv');
    const csvPath = await downloads.next('.csv');
    const csv = Papa.parse<Record<string, string>>(readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(csv.errors).toEqual([]);
    const live = tickets.filter((t) => t.deletedAt === null);
    expect(csv.data.map((r) => r.Id).sort()).toEqual(live.map((t) => t.id).sort());
    const stageName = (id: string) => storeOf(first.json, 'settings')[0]!.stages.find((s: { id: string }) => s.id === id).name as string;
    for (const t of live) {
      const row = csv.data.find((r) => r.Id === t.id)!;
      expect(row).toMatchObject({ Name: t.name, Status: stageName(t.status), 'Close date': t.closedAt ? new Date(t.closedAt).toISOString() : '' });
    }
    expect(csv.data.find((r) => r.Id === ids.refund)).toMatchObject({ Name: 'Refund for order #1042', Status: 'Triage', Priority: 'High', Source: 'Email' });
    expect(csv.data.find((r) => r.Id === ids.shipping)?.Status).toBe('Closed');

    // Erase, after the confirmation: nothing left, and the open sidebar offers to create a ticket again.
    await clickTestId(options, 'tip-erase');
    await clickTestId(options, 'tip-confirm');
    await waitFor(() => noticeText(options), (t) => t === 'All data was erased.', 'erase notice', 15_000);
    expect(await ticketTotal(launched)).toBe(0);
    await waitForTestId(inbox, 'tip-create-ticket', { visible: true });
    await switchTo(inbox, REFUND);
    await waitForTestId(inbox, 'tip-create-ticket', { visible: true });
    const empty = await exportViaPage(options, downloads);
    for (const s of ['tickets', 'notes', 'snippets', 'activity'] as const) expect(storeOf(empty.json, s), s).toEqual([]);
    // The open sidebar records the conversation it shows again (conversation.observe), with no ticket.
    expect(storeOf(empty.json, 'conversations').every((c) => c.ticketId === null)).toBe(true);
    expect(storeOf(empty.json, 'settings')[0]!.stages[0].name).toBe('New');

    // Import the first export: the preview counts each store, then apply.
    await chooseImportFile(options, first.path);
    await waitForTestId(options, 'tip-import-preview', { visible: true });
    for (const s of STORES) {
      expect(await waitForAttr(options, `tip-import-count-${s}`, 'data-value', (v) => v !== null), s).toBe(String(storeOf(first.json, s).length));
    }
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await options.screenshot({ path: join(ARTIFACTS_DIR, 'data-import-preview.png'), fullPage: true });
    await clickTestId(options, 'tip-import-apply');
    await waitForNoTestId(options, 'tip-import-preview', 30_000);
    await waitForImported(options);
    await waitForNoTestId(options, 'tip-error', 500);

    // The help desk is the one exported: a second export equals the first, and the sidebar shows the ticket again.
    const second = await exportViaPage(options, downloads);
    expect(withoutExportedAt(second.json)).toEqual(withoutExportedAt(first.json));
    expect(await ticketTotal(launched)).toBe(3);
    await inbox.bringToFront();
    await switchTo(inbox, MARTA_EMAIL);
    expect(await waitForAttr(inbox, 'tip-ticket-card', 'data-ticket-id', ids.marta)).toBe(ids.marta);
  });

  it('refuses a malformed, truncated, wrong-version or hostile file with a clear tip-error and changes nothing', async () => {
    launched = await launchBrowser();
    downloads = await captureDownloads(launched);
    await seedTickets(launched, [
      { key: 'refund-1', name: 'Refund for order #1042' },
      { key: 'chat-1', name: 'Where is my parcel?', channel: 'chat', contact: 'Noah Kim' },
    ]);
    const options = await openOptions(launched, 'data');
    const before = await exportViaPage(options, downloads);
    const text = readFileSync(before.path, 'utf8');
    const edited = (edit: (f: AnyJson) => void) => {
      const copy = JSON.parse(text) as AnyJson;
      edit(copy);
      return JSON.stringify(copy);
    };
    const firstTicket = (before.json as AnyJson).records.tickets[0] as AnyJson;
    const cases: [string, string, RegExp][] = [
      ['malformed.json', '{ "format": "tickets-in-place", this is not JSON', /can't be imported: The file is not complete JSON/],
      ['truncated.json', text.slice(0, Math.floor(text.length / 2)), /not complete JSON .*It may have been cut off while saving or downloading/],
      ['version.json', edited((f) => (f.formatVersion = 2)), /Export format version 2 is unknown: this version of Tickets in place reads version 1\./],
      ['other.json', JSON.stringify({ hello: 'world' }), /The file is not a Tickets in place export \("format" is missing\)/],
      // JSON.parse keeps "__proto__" as an own key: it must be refused, not merged into a prototype.
      ['proto.json', text.replace(`{"id":"${firstTicket.id}"`, `{"__proto__":{"isAdmin":true},"id":"${firstTicket.id}"`), /Ticket 1 .*has the field "__proto__": field names starting with "_" or naming a prototype are not allowed/],
      ['extra-field.json', edited((f) => (f.records.tickets[0].isAdmin = true)), /Ticket 1 \(ticket:\w+\): field "isAdmin" is not a known field/],
      [
        'orphan.json',
        edited((f) => (f.records.conversations[0].ticketId = `ticket:${ulid()}`)),
        /Conversation 1 \(conversation:\w+\) has "ticketId": ticket:\w+, but the file has no such ticket/,
      ],
      ['enormous.json', edited((f) => (f.records.tickets[0].name = 'x'.repeat(2_000_000))), /Ticket 1 .*field "name" is too long \(at most 10000\)/],
      ['duplicate.json', edited((f) => f.records.tickets.push(f.records.tickets[0])), /The ticket ticket:\w+ appears twice/],
      ['script-url.json', edited((f) => (f.records.conversations[0].hostUrl = 'javascript:alert(document.cookie)')), /field "hostUrl" is wrong: expected an http\(s\) URL/],
    ];
    expect(firstTicket.id).toMatch(/^ticket:/);
    expect(text).toContain(`{"id":"${firstTicket.id}"`);
    for (const [name, content, message] of cases) {
      await chooseImportFile(options, file(name, content));
      await waitForTestId(options, 'tip-error', { visible: true, timeout: 15_000 }).catch(async (e: Error) => {
        throw new Error(`${name}: ${e.message}; the section says: ${await textOfTestId(options, 'tip-section-data')}`);
      });
      const error = await textOfTestId(options, 'tip-error');
      expect(error, name).toMatch(/^This file can't be imported: /);
      expect(error, name).toMatch(message);
      expect(await options.$('[data-testid="tip-import-preview"]'), name).toBeNull();
      expect(await options.$('[data-testid="tip-import-apply"]'), name).toBeNull();
      // Dismiss, as an agent would, so the next file's message is its own.
      await options.click('[data-testid="tip-error"] button');
      await waitForNoTestId(options, 'tip-error');
    }

    // Markup in a name is only text: that file is fine, previewed, and cancelled.
    await chooseImportFile(options, file('markup.json', edited((f) => (f.records.tickets[0].name = '<img src=x onerror=alert(1)>'))));
    await waitForTestId(options, 'tip-import-preview', { visible: true });
    expect(await waitForAttr(options, 'tip-import-count-tickets', 'data-value', '2')).toBe('2');
    await clickTestId(options, 'tip-import-cancel');
    await waitForNoTestId(options, 'tip-import-preview');

    const after = await exportViaPage(options, downloads);
    expect(withoutExportedAt(after.json)).toEqual(withoutExportedAt(before.json));
  });

  it('shows tip-progress while a large import runs, then has every ticket', async () => {
    launched = await launchBrowser();
    downloads = await captureDownloads(launched);
    await seedTickets(launched, [{ key: 'big-0', name: 'The first ticket' }]);
    const options = await openOptions(launched, 'data');
    const base = (await exportViaPage(options, downloads)).json as AnyJson;

    // Three thousand copies of the ticket under new ids (same contact, no conversation: a valid file).
    const N = 3000;
    const model = base.records.tickets[0] as AnyJson;
    base.records.tickets = [model, ...Array.from({ length: N }, (_, i) => ({ ...model, id: `ticket:${ulid()}`, name: `Bulk ticket ${i + 1}` }))];
    const path = file('large.json', JSON.stringify(base));

    // Every tip-progress the page shows is recorded by the page itself, however briefly it shows.
    await options.evaluate(() => {
      const seen: { label: string; max: string | null }[] = [];
      (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="tip-progress"]');
        if (bar) seen.push({ label: bar.closest('.opt-progress')?.querySelector('label')?.textContent ?? '', max: bar.getAttribute('max') });
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await chooseImportFile(options, path);
    await waitForTestId(options, 'tip-import-preview', { visible: true, timeout: 30_000 });
    expect(await waitForAttr(options, 'tip-import-count-tickets', 'data-value', String(N + 1))).toBe(String(N + 1));
    await clickTestId(options, 'tip-import-apply');
    // While it runs, the bar is there to see.
    await waitForTestId(options, 'tip-progress', { timeout: 5_000 });
    await waitForImported(options, 60_000);
    await waitForNoTestId(options, 'tip-progress');
    const seen = await options.evaluate(() => (window as unknown as { progressSeen: { label: string; max: string | null }[] }).progressSeen);
    expect(seen.length).toBeGreaterThan(0);
    // The writing phase knows its total: every record in the file.
    const total = ['tickets', 'conversations', 'contacts', 'agents', 'notes', 'snippets', 'settings'].reduce((n, s) => n + base.records[s].length, 0) + base.activity.length;
    expect(seen.some((p) => p.max === String(total))).toBe(true);
    expect(await ticketTotal(launched)).toBe(N + 1);
    await waitForNoTestId(options, 'tip-error', 500);

    // The export of these 3,000 tickets reads in batches: its bar counts records done out of all, by name.
    await options.evaluate(() => {
      const seen: { name: string; role: string; max: string | null; value: string | null; text: string | null }[] = [];
      (window as unknown as { exportSeen: typeof seen }).exportSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="tip-export-progress"]') as HTMLProgressElement | null;
        if (!bar) return;
        const name = bar.labels?.[0]?.textContent ?? '';
        seen.push({ name, role: bar.tagName === 'PROGRESS' ? 'progressbar' : (bar.getAttribute('role') ?? ''), max: bar.getAttribute('max'), value: bar.getAttribute('value'), text: bar.getAttribute('aria-valuetext') });
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const exported = (await exportViaPage(options, downloads)).json as AnyJson;
    expect(exported.records.tickets).toHaveLength(N + 1);
    await waitForNoTestId(options, 'tip-export-progress');
    const bars = await options.evaluate(() => (window as unknown as { exportSeen: { name: string; role: string; max: string | null; value: string | null; text: string | null }[] }).exportSeen);
    const records = ['tickets', 'conversations', 'contacts', 'agents', 'notes', 'snippets', 'settings'].reduce((n, s) => n + exported.records[s].length, 0) + exported.activity.length;
    expect(bars.length).toBeGreaterThan(0);
    expect(bars.every((b) => b.role === 'progressbar' && b.name.trim() !== '')).toBe(true);
    // Out of every record in the file, counted batch by batch (2,000 records each), never past the total.
    const counted = bars.filter((b) => b.max === String(records)).map((b) => Number(b.value));
    expect(new Set(counted).size).toBeGreaterThan(1);
    expect(counted.every((n) => n >= 0 && n <= records)).toBe(true);
    expect(bars.some((b) => b.text?.includes('records exported'))).toBe(true);
  });
});
