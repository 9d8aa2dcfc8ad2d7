import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeUlid } from '../../core/domain/memory';
import { seedTickets } from './dashboard-helpers';
import type { Page } from 'puppeteer';
import { waitForAttr, waitForTestId, type Launched } from './harness';
import { captureDownloads, chooseImportFile, exportViaPage, openOptions } from './options-helpers';

/**
 * A large help desk as an export file, for the import path at scale: one real
 * ticket (made by the extension and exported by it) copied `count` times with
 * fresh ids, its own conversation, contact pool and activity, so every record
 * is exactly what the extension writes and the import checks it like any file.
 */
type Json = Record<string, unknown>;

interface Template {
  ticket: Json;
  conversation: Json;
  contact: Json;
  activity: Json[];
}

export interface Variation {
  name: string;
  priority: string;
  channel: 'email' | 'chat';
  /** Index of the contact in a pool of `contacts`. */
  contact: number;
}

/**
 * The benches' help desk: every priority, a third of it chat, 97 contacts,
 * and every 500th ticket a "Needle" a search can look for.
 */
export const benchVariation = (i: number): Variation => ({
  name: i % 500 === 0 ? `Needle ticket ${i}` : `Generated ticket ${i}`,
  priority: ['low', 'medium', 'high', 'urgent'][i % 4]!,
  channel: i % 3 === 0 ? 'chat' : 'email',
  contact: i % 97,
});

const ulidOf = (id: unknown) => String(id).split(':').pop()!;

function templateOf(file: Json, ticketId: string): Template {
  const records = file.records as Record<string, Json[]>;
  const ticket = records.tickets!.find((t) => t.id === ticketId);
  if (!ticket) throw new Error(`the export has no ticket ${ticketId}`);
  const conversation = records.conversations!.find((c) => c.ticketId === ticketId)!;
  const contact = records.contacts!.find((c) => c.id === ticket.contactId)!;
  const activity = (file.activity as Json[]).filter((a) => a.ticketId === ticketId);
  return { ticket, conversation, contact, activity };
}

/**
 * Adds `count` tickets shaped like `ticketId` to an export. Ticket `i` is
 * created `i` minutes after the template's, so the newest is the last one;
 * contacts come from a pool of `contacts`, each a distinct person.
 */
export function withCopies(file: Json, ticketId: string, count: number, vary: (i: number) => Variation, contacts = 97): Json {
  const template = templateOf(file, ticketId);
  const records = file.records as Record<string, Json[]>;
  const start = Number(template.ticket.createdAt);
  let seq = 1;
  const id = (prefix: string, ms: number) => `${prefix}:${fakeUlid(ms, seq++)}`;

  const pool = Array.from({ length: contacts }, (_, k) => ({
    email: { ...template.contact, id: id('contact', start), name: `Customer ${k}`, email: `customer.${k}@example.com`, handle: null },
    chat: { ...template.contact, id: id('contact', start), name: `Customer ${k}`, email: null, handle: `demo:@customer${k}` },
  }));
  const tickets: Json[] = [];
  const conversations: Json[] = [];
  const activity: Json[] = [];
  for (let i = 0; i < count; i++) {
    const at = start + (i + 1) * 60_000;
    const v = vary(i);
    const contact = pool[v.contact % contacts]![v.channel];
    const ticket = id('ticket', at);
    const conversation = id('conversation', at);
    const key = `bulk-${i}`;
    tickets.push({ ...template.ticket, id: ticket, name: v.name, priority: v.priority, source: v.channel, contactId: contact.id, createdAt: at, updatedAt: at, lastActivityAt: at });
    conversations.push({
      ...template.conversation,
      id: conversation,
      ticketId: ticket,
      contactId: contact.id,
      key,
      subject: v.name,
      channel: v.channel,
      hostUrl: `http://127.0.0.1:5174/c/${key}`,
      createdAt: at,
      updatedAt: at,
    });
    for (const entry of template.activity) {
      const copy: Json = { ...entry, id: `activity:${ulidOf(ticket)}:${fakeUlid(at, seq++)}`, ticketId: ticket, at };
      if (entry.conversationId !== undefined) copy.conversationId = conversation;
      activity.push(copy);
    }
  }
  const contactRecords = pool.flatMap((p) => [p.email, p.chat]);
  return {
    ...file,
    records: { ...records, tickets: [...records.tickets!, ...tickets], conversations: [...records.conversations!, ...conversations], contacts: [...records.contacts!, ...contactRecords] },
    activity: [...(file.activity as Json[]), ...activity],
  };
}

export interface ImportTimings {
  /** Reading and checking the file in the options page, until its preview shows. */
  previewMs: number;
  /** Sending it to the background and writing it in one transaction, until the page says it is done. */
  applyMs: number;
  bytes: number;
}

/**
 * Through the real import path: a template ticket made by a command, the
 * help desk exported with tip-export, `count` copies added to the file, and
 * the file imported in the options page (tip-import → preview → apply).
 */
export async function importCopies(launched: Launched, count: number, vary: (i: number) => Variation, template = 'Template ticket'): Promise<ImportTimings> {
  const [ticketId] = await seedTickets(launched, [{ key: 'bulk-template', name: template, contact: 'Template customer', priority: 'medium' }]);
  const options = await openOptions(launched, 'data');
  const downloads = await captureDownloads(launched);
  try {
    const { json } = await exportViaPage(options, downloads);
    const path = join(downloads.dir, 'generated.json');
    const text = JSON.stringify(withCopies(json, ticketId!, count, vary));
    writeFileSync(path, text);
    let started = Date.now();
    await chooseImportFile(options, path);
    await waitForAttr(options, 'tip-import-count-tickets', 'data-value', String(count + 1), 600_000).catch(async (e) => {
      throw new Error(`${e instanceof Error ? e.message : e}; the page says: ${await pageError(options)}`);
    });
    const previewMs = Date.now() - started;
    started = Date.now();
    await (await waitForTestId(options, 'tip-import-apply', { visible: true })).click();
    await importSettled(options, 1_800_000);
    return { previewMs, applyMs: Date.now() - started, bytes: Buffer.byteLength(text) };
  } finally {
    await options.close();
    downloads.remove();
  }
}

const pageError = (page: Page) => page.$eval('[data-testid="tip-error"]', (e) => e.textContent ?? '').catch(() => '(no tip-error)');

/** Resolves when the Data section reports the import done; a tip-error there fails with its text. */
async function importSettled(page: Page, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.$('[data-testid="tip-error"]')) throw new Error(`the import was refused: ${await pageError(page)}`);
    const notice = await page.$eval('[data-testid="tip-data-notice"]', (e) => e.textContent ?? '');
    if (notice && !(await page.$('[data-testid="tip-progress"]'))) return;
    if (Date.now() > deadline) throw new Error(`the import did not finish in ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
