import type { Page } from 'puppeteer';
import { openPage, waitForAttr, waitForTestId, type Launched } from './harness';
import type { AnyReply } from './sidebar-helpers';

/** Helpers for the dashboard and record e2e tests: extension pages and seeding through commands. */

export const extensionUrl = (launched: Launched, path: string) => `chrome-extension://${launched.extensionId}${path}`;

/** Opens the dashboard and waits until the first page of the list has come back. */
export async function openDashboard(launched: Launched, hash = ''): Promise<Page> {
  const page = await openPage(launched.browser, extensionUrl(launched, `/dashboard.html${hash}`));
  await waitForTestId(page, 'tip-dashboard');
  if (hash !== '#trash') await waitForListSettled(page);
  return page;
}

/** The list is not loading and shows what it has (rows, or its empty state). */
export async function waitForListSettled(page: Page, timeout = 15_000): Promise<void> {
  await waitForAttr(page, 'tip-ticket-list', 'aria-busy', 'false', timeout);
}

/** The ids of the rows in the DOM (the virtual list renders only those in and near view). */
export async function rowIds(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="tip-ticket-row"]', (rows) =>
    rows
      .map((r) => ({ id: r.getAttribute('data-ticket-id') ?? '', y: new DOMMatrix(getComputedStyle(r).transform).m42 }))
      .sort((a, b) => a.y - b.y)
      .map((r) => r.id),
  );
}

/** Waits until the rendered rows are exactly `ids` (in order), e.g. after a filter. */
export async function waitForRows(page: Page, expected: (ids: string[]) => boolean, timeout = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeout;
  let last: string[] = [];
  for (;;) {
    last = await rowIds(page);
    const busy = await page.$eval('[data-testid="tip-ticket-list"]', (el) => el.getAttribute('aria-busy')).catch(() => 'true');
    if (busy === 'false' && expected(last)) return last;
    if (Date.now() > deadline) throw new Error(`rows not as expected after ${timeout} ms: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Sends messages one after another from one extension page (as the
 * dashboard or options page would), returning every reply. Much faster than
 * a page per message when seeding thousands of tickets.
 */
export async function sendAll(launched: Launched, messages: unknown[]): Promise<AnyReply[]> {
  const page = await launched.browser.newPage();
  try {
    await page.goto(extensionUrl(launched, '/ticket.html?id=none'));
    return (await page.evaluate(async (batch) => {
      const rt = (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }).chrome.runtime;
      const out: unknown[] = [];
      for (const m of batch) out.push(await rt.sendMessage(m));
      return out;
    }, messages)) as AnyReply[];
  } finally {
    await page.close();
  }
}

export interface SeedTicket {
  key: string;
  name: string;
  contact?: string;
  email?: string | null;
  channel?: 'email' | 'chat';
  status?: string;
  priority?: string;
  ownerId?: string | null;
  description?: string;
}

/** `ticket.create` for a made-up conversation at the demo inbox's address (never fetched). */
export function createCommand(t: SeedTicket) {
  const channel = t.channel ?? 'email';
  const contact = t.contact ?? 'Pat Doe';
  return {
    kind: 'tip.command',
    command: {
      type: 'ticket.create',
      conversation: {
        source: 'demo',
        key: t.key,
        subject: t.name,
        channel,
        hostUrl: `http://127.0.0.1:5174/c/${encodeURIComponent(t.key)}`,
        contact: {
          name: contact,
          email: channel === 'email' ? (t.email ?? `${contact.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com`) : null,
          handle: channel === 'chat' ? `demo:@${contact.toLowerCase().replace(/[^a-z0-9]+/g, '')}` : null,
        },
      },
      fields: {
        name: t.name,
        ...(t.status ? { status: t.status } : {}),
        ...(t.priority ? { priority: t.priority } : {}),
        ...(t.ownerId !== undefined ? { ownerId: t.ownerId } : {}),
        ...(t.description ? { description: t.description } : {}),
      },
    },
  };
}

/** Creates the tickets through `ticket.create` commands; returns their ids in order. */
export async function seedTickets(launched: Launched, tickets: SeedTicket[]): Promise<string[]> {
  const replies = await sendAll(launched, tickets.map(createCommand));
  return replies.map((r, i) => {
    if (!r.ok) throw new Error(`seeding ${tickets[i]?.key} failed: ${r.error?.message}`);
    return r.data.ticket.id as string;
  });
}

export async function query(launched: Launched, q: unknown): Promise<AnyReply> {
  const [reply] = await sendAll(launched, [{ kind: 'tip.query', query: q }]);
  if (!reply) throw new Error('no reply');
  return reply;
}

export async function command(launched: Launched, c: unknown): Promise<AnyReply> {
  const [reply] = await sendAll(launched, [{ kind: 'tip.command', command: c }]);
  if (!reply) throw new Error('no reply');
  return reply;
}

/** The ticket record view (`ticket.record`): the ticket, its conversations (with their status), notes, activity. */
export async function recordOf(launched: Launched, ticketId: string) {
  const reply = await query(launched, { type: 'ticket.record', ticketId });
  if (!reply.ok) throw new Error(`ticket.record ${ticketId}: ${reply.error?.message}`);
  return reply.data as {
    ticket: { id: string; status: string; priority: string; ownerId: string | null; name: string; deletedAt: number | null };
    conversations: { id: string; key: string; status: string; deletedAt: number | null }[];
    activity: { kind: string; field?: string }[];
  };
}
