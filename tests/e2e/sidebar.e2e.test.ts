import type { Page } from 'puppeteer';
import { useDemoInbox } from './demo-inbox';
import { launchBrowser, sidebarHost, textOfTestId, waitForAttr, waitForNoTestId, waitForTestId, type Launched } from './harness';
import {
  createTicket,
  editProperty,
  openConversation,
  openMenuItem,
  selectByTestId,
  sendFromExtensionPage,
  switchTo,
} from './sidebar-helpers';

const REFUND = 'em-1042-refund';
const MARTA_EMAIL = 'em-1047-cargo-duplicado';
const MARTA_CHAT = 'ch-marta-ruiz';
const THREE_REPLIES = 'em-1038-shipping-delay';
const LOGIN = 'em-1051-login-reset';
const HOSTILE = 'ch-eve-markup';

const demo = useDemoInbox();
let launched: Launched;

// A fresh profile per test: every rule starts from an empty help desk.
beforeEach(async () => {
  launched = await launchBrowser();
});
afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
});

const open = (key: string) => openConversation(launched.browser, demo.url, key);
const statusOf = (page: Page) => waitForAttr(page, 'tip-conversation-status', 'data-value', () => true);

/** Adds a teammate the way the options page will: one agent.save command from an extension page. */
async function addTeammate(name: string, email: string): Promise<string> {
  const reply = await sendFromExtensionPage(launched, { kind: 'tip.command', command: { type: 'agent.save', name, email } });
  expect(reply.ok).toBe(true);
  return reply.data.id as string;
}

/** Marta wrote by email and by chat: one ticket with both conversations (R3). */
async function martaTicketWithTwoConversations(): Promise<{ page: Page; ticketId: string }> {
  const page = await open(MARTA_EMAIL);
  const ticketId = await createTicket(page);
  await switchTo(page, MARTA_CHAT);
  await selectByTestId(page, 'tip-associate-select', ticketId);
  await (await waitForTestId(page, 'tip-associate-submit', { visible: true })).click();
  await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', ticketId);
  return { page, ticketId };
}

describe('sidebar rules on the demo inbox', () => {
  it('R1 creates a ticket from the open conversation, prefilled and editable before saving', async () => {
    const teammate = await addTeammate('Sam Rivera', 'sam@example.com');
    const page = await open(REFUND);
    // R1: owner = the conversation's owner.
    await selectByTestId(page, 'tip-conversation-owner', teammate);
    await waitForAttr(page, 'tip-conversation-owner', 'data-value', teammate);
    await (await waitForTestId(page, 'tip-create-ticket', { visible: true })).click();
    const name = await waitForTestId(page, 'tip-create-name', { visible: true });
    const subject = await page.$eval('[data-demo-subject]', (h) => h.textContent?.trim());
    expect(await name.evaluate((el) => (el as HTMLInputElement).value)).toBe(subject);
    expect(await page.$eval('pierce/[data-testid="tip-create-owner"]', (el) => (el as HTMLSelectElement).value)).toBe(teammate);
    await name.click({ count: 3 });
    await name.type('Refund for order #1042 (double charge)');
    await (await waitForTestId(page, 'tip-create-submit')).click();
    await waitForTestId(page, 'tip-ticket-card', { visible: true });
    expect(await textOfTestId(page, 'tip-ticket-name')).toBe('Refund for order #1042 (double charge)');
    expect(await waitForAttr(page, 'tip-prop-owner', 'data-value', teammate)).toBe(teammate);
    expect(await waitForAttr(page, 'tip-status', 'data-value', 'new')).toBe('new');
  });

  it('R2 a conversation has one ticket: no second create, a second ticket is refused, it cannot be dissociated', async () => {
    const page = await open(REFUND);
    const ticketId = await createTicket(page);
    await waitForNoTestId(page, 'tip-create-ticket');
    const snapshot = await page.evaluate(() => ({
      source: 'demo',
      key: 'em-1042-refund',
      subject: document.querySelector('[data-demo-subject]')!.textContent!.trim(),
      channel: 'email',
      hostUrl: location.href,
      contact: { name: 'Daniel Okafor', email: document.querySelector('[data-demo-contact-address]')!.textContent!.trim(), handle: null },
    }));
    const second = await sendFromExtensionPage(launched, { kind: 'tip.command', command: { type: 'ticket.create', conversation: snapshot, fields: { name: 'Another' } } });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(second.error!.message).toMatch(/already has a ticket/i);
    const other = await sendFromExtensionPage(launched, { kind: 'tip.command', command: { type: 'ticket.create', conversation: { ...snapshot, key: 'elsewhere' }, fields: { name: 'Other' } } });
    const moved = await sendFromExtensionPage(launched, { kind: 'tip.command', command: { type: 'ticket.associate', conversation: snapshot, ticketId: other.data.ticket.id } });
    expect(moved).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await page.reload();
    await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', ticketId);
  });

  it('R3 a ticket gathers the same customer’s email and chat', async () => {
    const { page, ticketId } = await martaTicketWithTwoConversations();
    await switchTo(page, MARTA_EMAIL);
    expect(await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', ticketId)).toBe(ticketId);
  });

  it('R4 edits card properties inline: Enter or change saves, Escape cancels', async () => {
    const page = await open(REFUND);
    await createTicket(page);
    await editProperty(page, 'priority', 'high');
    await waitForAttr(page, 'tip-prop-priority', 'data-value', 'high');

    await page.keyboard.press('Escape'); // nothing open: harmless
    await (await waitForTestId(page, 'tip-view-more')).click();
    await editProperty(page, 'category', 'Billing', 'type');
    await waitForAttr(page, 'tip-prop-category', 'data-value', 'Billing');

    await (await waitForTestId(page, 'tip-prop-category', { visible: true })).click();
    const input = await waitForTestId(page, 'tip-prop-input-category', { visible: true });
    await input.type(' (draft)');
    await input.press('Escape');
    await waitForNoTestId(page, 'tip-prop-input-category');
    expect(await waitForAttr(page, 'tip-prop-category', 'data-value', 'Billing')).toBe('Billing');

    await page.reload();
    await waitForAttr(page, 'tip-prop-priority', 'data-value', 'high');
  });

  it('R5 the conversation owner sets the ticket owner, never the reverse', async () => {
    const sam = await addTeammate('Sam Rivera', 'sam@example.com');
    const lee = await addTeammate('Lee Chen', 'lee@example.com');
    const page = await open(REFUND);
    await createTicket(page);
    await selectByTestId(page, 'tip-conversation-owner', sam);
    await waitForAttr(page, 'tip-prop-owner', 'data-value', sam);
    await editProperty(page, 'owner', lee);
    await waitForAttr(page, 'tip-prop-owner', 'data-value', lee);
    expect(await waitForAttr(page, 'tip-conversation-owner', 'data-value', sam)).toBe(sam);
  });

  it('R6 view more shows the details panel, and the displayed properties are kept', async () => {
    const page = await open(REFUND);
    await createTicket(page);
    await (await waitForTestId(page, 'tip-view-more', { visible: true })).click();
    await waitForTestId(page, 'tip-details', { visible: true });
    await waitForTestId(page, 'tip-prop-description');
    await (await waitForTestId(page, 'tip-edit-displayed')).click();
    await (await waitForTestId(page, 'tip-displayed-description', { visible: true })).click();
    await waitForNoTestId(page, 'tip-prop-description');
    // The card's own set is fixed.
    for (const id of ['status', 'priority', 'owner', 'createDate']) await waitForTestId(page, `tip-prop-${id}`);
    await page.reload();
    await (await waitForTestId(page, 'tip-view-more', { visible: true })).click();
    await waitForTestId(page, 'tip-details', { visible: true });
    await waitForTestId(page, 'tip-prop-category');
    expect(await page.$('pierce/[data-testid="tip-prop-description"]')).toBeNull();
  });

  it('R7 the ticket name opens the ticket record in a new tab', async () => {
    const page = await open(REFUND);
    const ticketId = await createTicket(page, 'Refund request');
    await (await waitForTestId(page, 'tip-ticket-name', { visible: true })).click();
    const target = await launched.browser.waitForTarget((t) => t.url().includes('/ticket.html?id='));
    const record = (await target.page())!;
    await record.bringToFront();
    expect(await waitForAttr(record, 'tip-record', 'data-ticket-id', ticketId)).toBe(ticketId);
    await waitForTestId(record, 'tip-activity-item');
    await waitForTestId(record, 'tip-record-conversation');
  });

  it('R8 closing a ticket from the status dropdown closes all its conversations', async () => {
    const { page } = await martaTicketWithTwoConversations();
    expect(await statusOf(page)).toBe('open');
    await selectByTestId(page, 'tip-status', 'closed');
    await waitForAttr(page, 'tip-status', 'data-value', 'closed');
    await waitForAttr(page, 'tip-conversation-status', 'data-value', 'closed');
    await switchTo(page, MARTA_EMAIL);
    expect(await waitForAttr(page, 'tip-conversation-status', 'data-value', 'closed')).toBe('closed');
  });

  it('R9 reopening reopens the only conversation of a one-conversation ticket', async () => {
    const page = await open(REFUND);
    await createTicket(page);
    await selectByTestId(page, 'tip-status', 'closed');
    await waitForAttr(page, 'tip-conversation-status', 'data-value', 'closed');
    await selectByTestId(page, 'tip-status', 'waiting-us');
    await waitForAttr(page, 'tip-status', 'data-value', 'waiting-us');
    expect(await waitForAttr(page, 'tip-conversation-status', 'data-value', 'open')).toBe('open');
  });

  it('R9 reopening a ticket with several conversations reopens none of them', async () => {
    const { page } = await martaTicketWithTwoConversations();
    await selectByTestId(page, 'tip-status', 'closed');
    await waitForAttr(page, 'tip-conversation-status', 'data-value', 'closed');
    await selectByTestId(page, 'tip-status', 'new');
    await waitForAttr(page, 'tip-status', 'data-value', 'new');
    expect(await waitForAttr(page, 'tip-conversation-status', 'data-value', 'closed')).toBe('closed');
    await switchTo(page, MARTA_EMAIL);
    expect(await waitForAttr(page, 'tip-conversation-status', 'data-value', 'closed')).toBe('closed');
  });

  it('R10 close conversation (⋯ menu) closes only that conversation; the ticket stays open', async () => {
    const page = await open(REFUND);
    await createTicket(page);
    await openMenuItem(page, 'tip-menu-close-conversation');
    await waitForAttr(page, 'tip-conversation-status', 'data-value', 'closed');
    expect(await waitForAttr(page, 'tip-status', 'data-value', 'new')).toBe('new');
  });

  it('R11 move to trash (⋯ menu, confirmed) removes the ticket too, and it can be restored', async () => {
    const page = await open(REFUND);
    const ticketId = await createTicket(page);
    await openMenuItem(page, 'tip-menu-trash');
    await (await waitForTestId(page, 'tip-confirm', { visible: true })).click();
    await waitForNoTestId(page, 'tip-ticket-card');
    const record = await sendFromExtensionPage(launched, { kind: 'tip.query', query: { type: 'ticket.record', ticketId } });
    expect(record.data.ticket.deletedAt).toEqual(expect.any(Number));
    // The cascade took the conversation along (R11).
    expect(record.data.conversations.map((c: { deletedAt: number | null }) => c.deletedAt)).toEqual([expect.any(Number)]);
    await (await waitForTestId(page, 'tip-restore', { visible: true })).click();
    expect(await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', ticketId)).toBe(ticketId);
  });

  it('R11 the trash confirmation can be cancelled with Escape and nothing is lost', async () => {
    const page = await open(REFUND);
    const ticketId = await createTicket(page);
    await openMenuItem(page, 'tip-menu-trash');
    await waitForTestId(page, 'tip-confirm', { visible: true });
    // The confirmation covers the whole sidebar (it once sat clipped inside the ⋯ button's box), not the host page.
    const boxes = await (await sidebarHost(page)).evaluate((host) => {
      const root = host.shadowRoot!;
      // The sidebar's padding box (inside its left border): what a fixed box in it covers.
      const box = (selector: string) => {
        const el = root.querySelector(selector)!;
        const { x, y } = el.getBoundingClientRect();
        return [x + el.clientLeft, y + el.clientTop, el.clientWidth, el.clientHeight].map(Math.round);
      };
      return { backdrop: box('.tip-dialog-backdrop'), sidebar: box('.tip-sidebar') };
    });
    expect(boxes.backdrop).toEqual(boxes.sidebar);
    await page.keyboard.press('Escape');
    await waitForNoTestId(page, 'tip-confirm');
    expect(await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', ticketId)).toBe(ticketId);
  });

  it('R12 a blocked sender’s conversations are flagged and no ticket is suggested', async () => {
    const page = await open(MARTA_EMAIL);
    await openMenuItem(page, 'tip-menu-block-sender');
    await waitForTestId(page, 'tip-flag', { visible: true });
    await waitForNoTestId(page, 'tip-create-ticket');
    await switchTo(page, MARTA_CHAT);
    expect(await waitForAttr(page, 'tip-flag', 'data-value', 'blocked')).toBe('blocked');
    expect(await page.$('pierce/[data-testid="tip-create-ticket"]')).toBeNull();
  });

  it('R12 mark as spam flags the contact', async () => {
    const page = await open(LOGIN);
    await openMenuItem(page, 'tip-menu-spam');
    expect(await waitForAttr(page, 'tip-flag', 'data-value', 'spam')).toBe('spam');
  });

  it('R13 the contact card shows the contact’s past conversations and tickets', async () => {
    const page = await open(MARTA_EMAIL);
    await createTicket(page, 'Cargo duplicado en marzo');
    await switchTo(page, MARTA_CHAT);
    await waitForTestId(page, 'tip-contact', { visible: true });
    const past = await textOfTestId(page, 'tip-past-conversations');
    expect(past).toContain('Cargo duplicado en marzo');
  });

  it('R14 internal notes are kept on the ticket', async () => {
    const page = await open(THREE_REPLIES);
    await createTicket(page);
    const input = await waitForTestId(page, 'tip-note-input', { visible: true });
    await input.type('Courier confirmed a 3-day delay.');
    await (await waitForTestId(page, 'tip-note-add')).click();
    await waitForTestId(page, 'tip-note');
    expect(await textOfTestId(page, 'tip-notes')).toContain('Courier confirmed a 3-day delay.');
    expect(await input.evaluate((el) => (el as HTMLTextAreaElement).value)).toBe('');
  });

  it('R14 a saved reply lands in the demo composer, with the input events the host listens to', async () => {
    const saved = await sendFromExtensionPage(launched, {
      kind: 'tip.command',
      command: { type: 'snippet.save', name: 'Refund on its way', body: 'Your refund is on its way: 5–7 working days.' },
    });
    expect(saved.ok).toBe(true);
    const page = await open(REFUND);
    await page.type('[data-demo-composer]', 'Hi Daniel, ');
    await (await waitForTestId(page, 'tip-snippet-insert', { visible: true })).click();
    // The first click may wait for the sidebar's extras (the composer insert comes with them): poll, then check exactly.
    const composer = () => page.$eval('[data-demo-composer]', (el) => (el as HTMLTextAreaElement).value);
    await page.waitForFunction(() => (document.querySelector('[data-demo-composer]') as HTMLTextAreaElement).value !== 'Hi Daniel, ');
    expect(await composer()).toBe('Hi Daniel, Your refund is on its way: 5–7 working days.');
    // The demo enables Send on its own `input` listener: it saw the text.
    expect(await page.$eval('[data-demo-reply] button[type="submit"]', (b) => (b as HTMLButtonElement).disabled)).toBe(false);
  });

  it('R15 done: closing the ticket marks the case resolved everywhere', async () => {
    const page = await open(REFUND);
    const ticketId = await createTicket(page);
    await selectByTestId(page, 'tip-status', 'closed');
    await waitForAttr(page, 'tip-conversation-status', 'data-value', 'closed');
    const record = await sendFromExtensionPage(launched, { kind: 'tip.query', query: { type: 'ticket.record', ticketId } });
    expect(record.data.ticket.closedAt).toEqual(expect.any(Number));
  });
});

describe('sidebar extras (loaded on first use)', () => {
  /** The shadow root's stylesheets: the sidebar's own, then the extras' once they came. */
  const sheets = async (page: Page) => (await sidebarHost(page)).evaluate((host) => host.shadowRoot!.querySelectorAll('style').length);

  it('a page the agent does not touch runs only the content script; the first reach for the sidebar brings the menu, form and editors', async () => {
    const page = await open(REFUND);
    await waitForTestId(page, 'tip-create-ticket', { visible: true });
    expect(await sheets(page)).toBe(1);
    // The ⋯ menu opens with its items focused, styled by the extras' sheet.
    await (await waitForTestId(page, 'tip-menu', { visible: true })).click();
    await waitForTestId(page, 'tip-menu-close-conversation', { visible: true });
    expect(await sheets(page)).toBe(2);
    const host = await sidebarHost(page);
    expect(await host.evaluate((h) => h.shadowRoot!.activeElement?.getAttribute('data-testid'))).toBe('tip-menu-close-conversation');
    const menu = await host.evaluate((h) => getComputedStyle(h.shadowRoot!.querySelector('.tip-menu')!).position);
    expect(menu).toBe('absolute');
    await page.keyboard.press('Escape');
    await waitForNoTestId(page, 'tip-menu-close-conversation');
    // Loaded once: the create form and an inline editor need nothing more.
    const ticketId = await createTicket(page);
    await editProperty(page, 'priority', 'high');
    await waitForAttr(page, 'tip-prop-priority', 'data-value', 'high');
    expect(await sheets(page)).toBe(2);
    expect(ticketId).toMatch(/^ticket:/);
  });
});

describe('sidebar live across tabs', () => {
  it('two tabs on the same conversation stay in sync for a status change and a property edit', async () => {
    const a = await open(REFUND);
    const ticketId = await createTicket(a);
    const b = await open(REFUND);
    await waitForAttr(b, 'tip-ticket-card', 'data-ticket-id', ticketId);

    await a.bringToFront();
    await selectByTestId(a, 'tip-status', 'waiting-contact');
    await waitForAttr(b, 'tip-status', 'data-value', 'waiting-contact');

    await b.bringToFront();
    await editProperty(b, 'priority', 'urgent');
    await waitForAttr(a, 'tip-prop-priority', 'data-value', 'urgent');
  });
});

describe('sidebar errors and hostile text', () => {
  it('a refused action shows tip-error and leaves the ticket as it was', async () => {
    const page = await open(REFUND);
    await createTicket(page);
    await selectByTestId(page, 'tip-status', 'closed');
    await waitForAttr(page, 'tip-conversation-status', 'data-value', 'closed');
    // Reopening a conversation of a closed ticket is refused (the ticket must be reopened first).
    await openMenuItem(page, 'tip-menu-reopen-conversation');
    const error = await textOfTestId(page, 'tip-error');
    expect(error).toMatch(/reopen the ticket first/i);
    expect(await waitForAttr(page, 'tip-conversation-status', 'data-value', 'closed')).toBe('closed');
  });

  it('markup in a subject, a sender name and a chat message shows as literal text and runs nothing', async () => {
    let dialogs = 0;
    const page = await launched.browser.newPage();
    page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    await page.goto(new URL(`/c/${HOSTILE}`, demo.url).href);
    await page.bringToFront();
    await waitForAttr(page, 'tip-conversation', 'data-key', HOSTILE);
    const header = await textOfTestId(page, 'tip-conversation');
    expect(header).toContain('<img src=x onerror=alert(1)>');
    const ticketId = await createTicket(page);
    expect(await textOfTestId(page, 'tip-ticket-name')).toContain('<img src=x onerror=alert(1)>');
    const injected = await (await sidebarHost(page)).evaluate((host) => host.shadowRoot!.querySelectorAll('img, script').length);
    expect(injected).toBe(0);
    const record = await sendFromExtensionPage(launched, { kind: 'tip.query', query: { type: 'ticket.record', ticketId } });
    expect(record.data.contact.name).toContain('<');
    expect(dialogs).toBe(0);
  });
});
