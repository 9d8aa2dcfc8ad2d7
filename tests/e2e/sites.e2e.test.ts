import { fixture, serveAtRealUrls, spaNavigate } from './fixture-host';
import { launchBrowser, waitForAttr, waitForTestId, type Launched } from './harness';
import { createTicket } from './sidebar-helpers';

/**
 * Each named site at its real URL (request interception serves the saved
 * pages; nothing leaves the machine): open a conversation, create a ticket,
 * switch to another conversation and back without a page load, and the right
 * ticket shows.
 */
interface SiteCase {
  site: string;
  a: { url: string; file: string; key: string };
  b: { url: string; file: string; key: string };
}

const OUTLOOK_A = 'AAQkADAwATM0MDAAMS1iMmQ4LTJkNjUtMDACLTAwCgAQANn5vQ9XkWdLrYFmyl0MYVI=';
const OUTLOOK_B = 'AAQkADAwATM0MDAAMS1iMmQ4LTJkNjUtMDACLTAwCgAQAP8wR3kS1hRCp2Hc3tB9m1g=';

const CASES: SiteCase[] = [
  {
    site: 'gmail',
    a: { url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWfxkbPqLrqvTqBxvKsRlmdN', file: '2026-11-25-thread-customer.html', key: '19ad0b8c4f2e114e' },
    b: { url: 'https://mail.google.com/mail/u/0/#sent/KtbxLzGLmGwLkXBjShRlCqPnJpWvDdQq', file: '2026-11-25-thread-agent-started.html', key: '19ab7e01c3d95a20' },
  },
  {
    site: 'outlook',
    a: { url: `https://outlook.office.com/mail/inbox/id/${encodeURIComponent(OUTLOOK_A)}`, file: '2026-11-25-conversation-selected.html', key: '' },
    b: { url: `https://outlook.office.com/mail/inbox/id/${encodeURIComponent(OUTLOOK_B)}`, file: '2026-11-25-reply-open.html', key: '' },
  },
  {
    site: 'slack',
    a: { url: 'https://app.slack.com/client/T0123ABCD/C0456EFGH', file: '2026-11-25-channel.html', key: 'slack:T0123ABCD/C0456EFGH' },
    b: { url: 'https://app.slack.com/client/T0123ABCD/D0789IJKL', file: '2026-11-25-direct-message.html', key: 'slack:T0123ABCD/D0789IJKL' },
  },
  {
    site: 'whatsapp',
    a: { url: 'https://web.whatsapp.com/', file: '2026-11-25-chat-phone-jid.html', key: '' },
    b: { url: 'https://web.whatsapp.com/', file: '2026-11-25-chat-lid-jid.html', key: '' },
  },
];

let launched: Launched | undefined;
afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

describe('named sites at their real URLs', () => {
  it.each(CASES)('$site: a ticket follows its conversation across SPA navigation', async ({ site, a, b }) => {
    launched = await launchBrowser();
    const page = await launched.browser.newPage();
    const htmlA = fixture(site, a.file);
    const htmlB = fixture(site, b.file);
    // Both URLs load A first; B arrives by SPA navigation, as in the real app.
    await serveAtRealUrls(page, { [a.url]: htmlA });
    await page.goto(a.url, { waitUntil: 'domcontentloaded' });
    await page.bringToFront();

    const keyA = await waitForAttr(page, 'tip-conversation', 'data-key', (v) => !!v && (a.key === '' || v === a.key));
    expect(await waitForAttr(page, 'tip-conversation', 'data-source', site)).toBe(site);
    const ticketA = await createTicket(page);

    await spaNavigate(page, htmlB, b.url);
    const keyB = await waitForAttr(page, 'tip-conversation', 'data-key', (v) => !!v && v !== keyA && (b.key === '' || v === b.key));
    expect(keyB).not.toBe(keyA);
    await waitForTestId(page, 'tip-create-ticket'); // B has no ticket

    await spaNavigate(page, htmlA, a.url);
    await waitForAttr(page, 'tip-conversation', 'data-key', keyA!);
    expect(await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', ticketA)).toBe(ticketA);

    // A reload at the real URL finds the same conversation and ticket (key stable).
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForAttr(page, 'tip-conversation', 'data-key', keyA!);
    expect(await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', ticketA)).toBe(ticketA);
  });
});
