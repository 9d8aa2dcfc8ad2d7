import './store/setup';
import Papa from 'papaparse';
import * as v from 'valibot';
import { checkExportFile, checkRecord } from '../../core/domain/export-format';
import type { Agent, Contact, Settings, Ticket } from '../../core/domain/types';
import { SnapshotSchema } from '../../core/messages/schemas';
import { ticketsCsv, type CsvLabels } from '../../components/options/tickets-csv';
import { XSS_PAYLOADS } from '../fixtures/xss/payloads';
import { exportFile, fillHelpDesk, openBackground, thread } from './store/backup-fixtures';

/**
 * Hostile text at the data boundaries: the CSV export never hands a spreadsheet a formula,
 * and no link the pages build from stored data can carry a script or data URL, whichever
 * way it arrives (a content script's snapshot or an import file).
 */

const LABELS: CsvLabels = {
  headers: {
    id: 'Id',
    shortId: 'Short id',
    name: 'Name',
    status: 'Status',
    priority: 'Priority',
    owner: 'Owner',
    category: 'Category',
    description: 'Description',
    source: 'Source',
    contact: 'Contact',
    contactAddress: 'Contact address',
    created: 'Created',
    lastActivity: 'Last activity',
    closed: 'Closed',
    slaFirstResponse: 'SLA first response',
    slaBreached: 'SLA breached',
  },
  slaTarget: (target) => target,
  stage: (settings, id) => settings.stages.find((s) => s.id === id)?.name ?? id,
  priority: (settings, id) => settings.priorities.find((p) => p.id === id)?.name ?? id,
  owner: (agents, id) => agents.find((a) => a.id === id)?.name ?? '',
  source: (source) => source,
};

/** What a spreadsheet would run as a formula: OWASP's list of first characters. */
const FORMULA = /^[=+\-@\t\r]/;

/** The script, data and other non-web URLs in the corpus, plus look-alikes of a web URL. */
const NOT_WEB_URLS = [
  ...XSS_PAYLOADS.filter((p) => /script|data:|&#|&colon;/i.test(p)),
  'javascript://example.com/%0Aalert(1)',
  'data:text/html,https://example.com/',
  ' https://example.com/',
  '\u0000https://example.com/',
  'https:/\\example.com/',
  'file:///etc/passwd',
  'blob:https://example.com/0a1b',
  'chrome-extension://abcdefghijklmnop/options.html',
];

describe('hostile text (XSS corpus)', () => {
  it('has at least 50 payloads, all different', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(XSS_PAYLOADS).size).toBe(XSS_PAYLOADS.length);
  });

  it('the CSV export gives a spreadsheet every hostile string as text: formulas escaped, nothing else changed', async () => {
    const bg = await openBackground();
    await fillHelpDesk(bg);
    const file = await exportFile(bg);
    bg.store.close();
    const template = file.records.tickets.find((t) => t.deletedAt === null)!;
    const settings = file.records.settings[0] as Settings;
    const contact = file.records.contacts.find((c) => c.id === template.contactId)!;
    const contacts = new Map<string, Contact>();
    const tickets: Ticket[] = XSS_PAYLOADS.map((payload, i) => {
      const contactId = `contact:X${String(i).padStart(25, '0')}`;
      contacts.set(contactId, { ...contact, id: contactId, name: payload, email: null, handle: payload });
      return { ...template, id: `ticket:X${String(i).padStart(25, '0')}`, name: payload, category: payload, description: payload, contactId };
    });
    const csv = ticketsCsv(tickets, { settings, agents: file.records.agents as Agent[], contacts }, LABELS);
    const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(XSS_PAYLOADS.length);
    parsed.data.forEach((row, i) => {
      const payload = XSS_PAYLOADS[i]!;
      const expected = FORMULA.test(payload) ? `'${payload}` : payload;
      for (const column of ['Name', 'Category', 'Description', 'Contact', 'Contact address'] as const) {
        expect(row[column], `${column} of payload ${i}`).toBe(expected);
        expect(FORMULA.test(row[column]!), `${column} of payload ${i} starts a formula`).toBe(false);
      }
    });
    // The corpus does hold formulas, so the escape above was exercised.
    expect(XSS_PAYLOADS.filter((p) => FORMULA.test(p)).length).toBeGreaterThanOrEqual(5);
  });

  it('a conversation snapshot from a content script with a script, data or other non-web URL is refused', () => {
    for (const url of NOT_WEB_URLS) {
      const checked = v.safeParse(SnapshotSchema, thread('k', { hostUrl: url }));
      expect(checked.success, JSON.stringify(url)).toBe(false);
    }
    expect(v.safeParse(SnapshotSchema, thread('k', { hostUrl: 'https://example.com/inbox/1' })).success).toBe(true);
  });

  it('an import file is refused when a conversation links anywhere but a web page', async () => {
    const bg = await openBackground();
    await fillHelpDesk(bg);
    const file = await exportFile(bg);
    bg.store.close();
    const conversation = file.records.conversations[0]!;
    expect(checkRecord('conversations', conversation, 0).ok).toBe(true);
    for (const url of NOT_WEB_URLS) {
      const checked = checkRecord('conversations', { ...conversation, hostUrl: url }, 0);
      expect(checked.ok, JSON.stringify(url)).toBe(false);
    }
  });

  it('an import file whose free text is hostile is accepted as that exact text', async () => {
    const bg = await openBackground();
    await fillHelpDesk(bg);
    const file = await exportFile(bg);
    bg.store.close();
    const pick = (i: number) => XSS_PAYLOADS[i % XSS_PAYLOADS.length]!.slice(0, 100);
    let i = 0;
    const edited = JSON.parse(JSON.stringify(file)) as typeof file;
    for (const t of edited.records.tickets) Object.assign(t, { name: pick(i++), category: pick(i++), description: pick(i++) });
    for (const c of edited.records.conversations) Object.assign(c, { subject: pick(i++), key: pick(i++) || 'k' });
    for (const c of edited.records.contacts) Object.assign(c, { name: pick(i++), handle: c.handle === null ? null : pick(i++) });
    for (const n of edited.records.notes) Object.assign(n, { text: pick(i++) });
    for (const s of edited.records.snippets) Object.assign(s, { name: pick(i++), body: pick(i++) });
    for (const a of edited.records.agents) Object.assign(a, { name: pick(i++) });
    const checked = checkExportFile(JSON.parse(JSON.stringify(edited)));
    if (!checked.ok) throw new Error(checked.error);
    expect(checked.value.records.tickets.map((t) => t.name)).toEqual(edited.records.tickets.map((t) => t.name));
    expect(checked.value.records.notes.map((n) => n.text)).toEqual(edited.records.notes.map((n) => n.text));
    expect(checked.value.records.snippets.map((s) => s.body)).toEqual(edited.records.snippets.map((s) => s.body));
    expect(checked.value.records.contacts.map((c) => c.name)).toEqual(edited.records.contacts.map((c) => c.name));
  });
});
