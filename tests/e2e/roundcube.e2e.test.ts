import type { Page } from 'puppeteer';
import { startDemoServer } from '../../demo/serve.mjs';
import { launchBrowser, sidebarHost, textOfTestId, waitForAttr, waitForTestId, type Launched } from './harness';
import { fullViewUrl, loginRoundcube, previewMessage } from './roundcube/login';
import { startRoundcube, type RunningRoundcube } from './roundcube/server';
import { createTicket, openConversation, sendFromExtensionPage, waitForLoaded } from './sidebar-helpers';

/**
 * The sidebar on a real self-hosted Roundcube 1.6 (Debian's package, elastic
 * skin) with a real IMAP server (dovecot), both started by
 * tests/e2e/roundcube/server.ts on 127.0.0.1 with seeded support emails.
 * The agent enables the Roundcube origin as a site (adapter `auto`), logs in
 * through the real form and works as usual: the full message view, the
 * preview pane (an iframe), a hostile subject, and one contact across hosts
 * (R13). Skipped, with the reason, only where Roundcube isn't installed
 * (`sudo bash tests/e2e/roundcube/install.sh`).
 */

const started = await startRoundcube();
const skipped = 'skipped' in started ? started.skipped : null;
if (skipped) console.warn(skipped);
// At file level: runs whenever the file ran, whatever tests were filtered.
afterAll(async () => {
  if (!('skipped' in started)) await started.stop();
});

/** Seeded INBOX (tests/e2e/roundcube/mail, uids in file order). */
const MARTA = 1; // marta.ruiz@example.com, the demo inbox's Marta Ruiz
const PRIYA = 2;
const TOM = 3;
const EVE_MARKUP = 4; // Subject holds <img src=x onerror=alert(1)>
const MARKUP_SUBJECT = 'Preview broken <img src=x onerror=alert(1)> on my invoice page';
const DEMO_MARTA_EMAIL = 'em-1047-cargo-duplicado';

describe.skipIf(skipped !== null)(skipped ? `Roundcube e2e — ${skipped}` : 'sidebar on a real Roundcube 1.6 (dovecot IMAP, 127.0.0.1)', () => {
  const rc = started as RunningRoundcube;
  let launched: Launched;
  let dialogs: string[];

  // A fresh profile per test: every test starts from an empty help desk and no enabled site.
  beforeEach(async () => {
    launched = await launchBrowser();
    dialogs = [];
  });
  afterEach(async ({ task }) => {
    await launched?.close({ failed: task });
  });

  /**
   * The agent enables a site in the options (adapter auto) with the pattern
   * they would type for this one install, port included; the e2e build holds
   * the permission for http://127.0.0.1/*, so no prompt appears.
   */
  /** "Automatic" runs site.js, which picks Roundcube's reader; "roundcube" registers that reader itself. */
  async function enableSite(pattern = rc.pattern, adapter: 'auto' | 'roundcube' = 'auto'): Promise<void> {
    const reply = await sendFromExtensionPage(launched, { kind: 'tip.sites', action: 'add', pattern, adapter });
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });
  }

  async function login(): Promise<Page> {
    const page = await loginRoundcube(launched.browser, rc);
    // Dialogs from the page and its preview frame land here: none may fire.
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    return page;
  }

  /** The conversation the sidebar shows: Roundcube's, with its data loaded. */
  async function shownKey(page: Page, previous?: string, timeout = 10_000): Promise<string> {
    const key = await waitForAttr(page, 'tip-conversation', 'data-key', (v) => !!v && v !== previous, timeout);
    expect(await waitForAttr(page, 'tip-conversation', 'data-source', () => true)).toBe('roundcube');
    await waitForLoaded(page);
    return key!;
  }

  async function openFullView(page: Page, uid: number): Promise<void> {
    await page.goto(fullViewUrl(rc.url, uid), { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#message-header h2.subject');
  }

  async function openList(page: Page): Promise<void> {
    await page.goto(new URL('?_task=mail&_mbox=INBOX', rc.url).href, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#messagelist tr.message');
  }

  it('the Roundcube origin can be enabled with its port (http://127.0.0.1:<port>/*) and the sidebar reads it', async () => {
    await enableSite(rc.pattern, 'roundcube');
    const page = await login();
    await waitForTestId(page, 'tip-no-conversation'); // the list, nothing previewed yet
    await openFullView(page, PRIYA);
    expect(await shownKey(page)).toContain(`|INBOX/${PRIYA}`);
  });

  it('full view: the message is the conversation; a ticket created there is there again after a reload', async () => {
    await enableSite();
    const page = await login();
    await openFullView(page, PRIYA);
    const key = await shownKey(page);
    expect(key).toContain(`|INBOX/${PRIYA}`);
    expect(await textOfTestId(page, 'tip-conversation')).toContain('Invoice INV-2291 shows the wrong VAT number');
    expect(await textOfTestId(page, 'tip-conversation')).toContain('priya.natarajan@example.net');
    const ticketId = await createTicket(page);

    await page.reload({ waitUntil: 'domcontentloaded' });
    expect(await waitForAttr(page, 'tip-conversation', 'data-key', key)).toBe(key);
    expect(await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', ticketId)).toBe(ticketId);
    expect(dialogs).toEqual([]);
  });

  it('preview pane: the sidebar follows the message selected in the list (iframe), and back shows its ticket', async () => {
    await enableSite();
    const page = await login();
    await waitForTestId(page, 'tip-no-conversation'); // the list, nothing previewed yet

    await previewMessage(page, PRIYA);
    const priya = await shownKey(page);
    expect(priya).toContain(`|INBOX/${PRIYA}`);
    expect(page.url()).not.toContain('_uid='); // still the list page: only the frame navigated
    const ticketId = await createTicket(page);

    // No page load here: the sidebar must follow the frame promptly (generous bound for slow CI).
    await previewMessage(page, TOM);
    const tom = await shownKey(page, priya);
    expect(tom).toContain(`|INBOX/${TOM}`);
    expect(await textOfTestId(page, 'tip-conversation')).toContain('Order #2210 still not shipped after 9 days');
    await waitForTestId(page, 'tip-create-ticket', { visible: true }); // Tom's message has no ticket

    await previewMessage(page, PRIYA);
    expect(await shownKey(page, tom)).toBe(priya);
    expect(await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', ticketId)).toBe(ticketId);

    // The same message in the full view is the same conversation (one key for both views).
    await openFullView(page, PRIYA);
    expect(await shownKey(page)).toBe(priya);
    expect(await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', ticketId)).toBe(ticketId);
    expect(dialogs).toEqual([]);
  });

  it('a subject with markup shows as literal text: no img in the sidebar, no dialog', async () => {
    await enableSite();
    const page = await login();
    await openFullView(page, EVE_MARKUP);
    await shownKey(page);
    expect(await textOfTestId(page, 'tip-conversation')).toContain(MARKUP_SUBJECT);
    // The same subject in the preview pane.
    await openList(page);
    await previewMessage(page, EVE_MARKUP);
    await waitForAttr(page, 'tip-conversation', 'data-key', (v) => !!v && v.endsWith(`|INBOX/${EVE_MARKUP}`));
    expect(await textOfTestId(page, 'tip-conversation')).toContain(MARKUP_SUBJECT);
    const images = await (await sidebarHost(page)).evaluate((host) => (host.shadowRoot ? host.shadowRoot.querySelectorAll('img').length : -1));
    expect(images).toBe(0);
    await new Promise((r) => setTimeout(r, 300)); // an onerror would have fired by now
    expect(dialogs).toEqual([]);
  });

  it('R13 one contact across hosts: Marta’s ticket from the demo inbox shows among her past conversations in Roundcube', async () => {
    const demo = await startDemoServer({ port: 0, host: '127.0.0.1' });
    try {
      const demoPage = await openConversation(launched.browser, demo.url, DEMO_MARTA_EMAIL);
      const ticketId = await createTicket(demoPage, 'Cargo duplicado (demo inbox)');
      await demoPage.close();

      await enableSite();
      const page = await login();
      await openFullView(page, MARTA);
      await shownKey(page);
      expect(await textOfTestId(page, 'tip-conversation')).toContain('marta.ruiz@example.com');
      expect(await waitForAttr(page, 'tip-contact', 'data-contact-id', (v) => !!v)).toBeTruthy();
      const past = await waitForPastTicket(page, ticketId);
      expect(past).toContain('Cargo duplicado (demo inbox)');
      // Her Roundcube email has no ticket yet: it is suggested, not merged.
      await waitForTestId(page, 'tip-create-ticket', { visible: true });
      expect(dialogs).toEqual([]);
    } finally {
      await demo.close();
    }
  });
});

/** Waits for `tip-past-conversations` to list the ticket; returns that entry's text. */
async function waitForPastTicket(page: Page, ticketId: string, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await (await sidebarHost(page)).evaluate((host, id) => {
      const item = host.shadowRoot?.querySelector(`[data-testid="tip-past-conversations"] li[data-ticket-id="${CSS.escape(id)}"]`);
      return item ? (item.textContent ?? '') : null;
    }, ticketId);
    if (text !== null) return text;
    if (Date.now() > deadline) {
      const list = await textOfTestId(page, 'tip-past-conversations').catch(() => '(no tip-past-conversations)');
      throw new Error(`tip-past-conversations has no ticket ${ticketId} after ${timeout} ms: ${list}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
