import './setup';
import { IDBFactory } from 'fake-indexeddb';
import Papa from 'papaparse';
import { checkExportFile, type ExportFile } from '../../../core/domain/export-format';
import { tagsOf, type Agent, type Contact, type Settings, type Ticket } from '../../../core/domain/types';
import { sendImport } from '../../../core/messages/data-client';
import { ticketsCsv, type CsvLabels } from '../../../components/options/tickets-csv';
import { exportFile, fillHelpDesk, openBackground, type Background } from './backup-fixtures';

/** Tags on export and import, in the CSV, and the dashboard's tag filter and search over the real store. */

async function tagged(): Promise<{ bg: Background; ticketIds: string[] }> {
  const bg = await openBackground();
  const { ticketIds } = await fillHelpDesk(bg);
  await bg.run({ type: 'ticket.setTags', ticketId: ticketIds[0]!, tags: ['VIP', 'Facturación'] });
  await bg.run({ type: 'ticket.setTags', ticketId: ticketIds[1]!, tags: ['vip'] });
  return { bg, ticketIds };
}

/** A ticket as the store has it now, through the record page's query. */
async function stored(bg: Background, id: string): Promise<Ticket> {
  const reply = await bg.client.views.record<{ ticket: Ticket }>(id);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data.ticket;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('tags in the JSON backup', () => {
  it('an export carries the tickets’ tags and the catalog, and imports on another installation as they were', async () => {
    const { bg, ticketIds } = await tagged();
    const file = await exportFile(bg);
    bg.store.close();
    const ticket = file.records.tickets.find((t) => t.id === ticketIds[0])!;
    expect(ticket.tags).toEqual(['VIP', 'Facturación']);
    expect((file.records.settings[0] as Settings).tags?.map((d) => d.name)).toEqual(['VIP', 'Facturación']);
    expect(checkExportFile(file).ok).toBe(true);

    const fresh = await openBackground(new IDBFactory(), 50_000);
    await sendImport(fresh.client.data, file);
    expect(tagsOf(await stored(fresh, ticketIds[1]!))).toEqual(['VIP']);
    expect((await fresh.store.settings()).tags).toEqual((file.records.settings[0] as Settings).tags);
    fresh.store.close();
  });

  it('a file from before tags (no `tags` on tickets or settings) imports, and its tickets have none', async () => {
    const bg = await openBackground();
    const { ticketIds } = await fillHelpDesk(bg);
    const file = await exportFile(bg);
    bg.store.close();
    expect(file.records.tickets.every((t) => !('tags' in t))).toBe(true);
    expect('tags' in file.records.settings[0]!).toBe(false);
    const fresh = await openBackground(new IDBFactory(), 50_000);
    await sendImport(fresh.client.data, file);
    expect(tagsOf(await stored(fresh, ticketIds[0]!))).toEqual([]);
    fresh.store.close();
  });

  it.each<[string, (f: ExportFile) => void, RegExp]>([
    ['a 10 KB tag', (f) => (f.records.tickets[0]!.tags = ['x'.repeat(10_240)]), /ticket 1 .*field "tags\.0" .*tag of 1 to 40 characters/i],
    ['a tag with a control character', (f) => (f.records.tickets[0]!.tags = ['a\u0000b']), /field "tags\.0" .*control characters/i],
    ['a tag with a line break', (f) => (f.records.tickets[0]!.tags = ['<b>\nx</b>']), /field "tags\.0" .*control characters/i],
    ['a tag with spaces around it', (f) => (f.records.tickets[0]!.tags = [' vip']), /field "tags\.0"/i],
    ['the same tag twice', (f) => (f.records.tickets[0]!.tags = ['VIP', 'vip']), /field "tags" .*each tag once/i],
    ['21 tags', (f) => (f.records.tickets[0]!.tags = Array.from({ length: 21 }, (_, i) => `t${i}`)), /field "tags" is too long \(at most 20\)/i],
    ['a CSS colour', (f) => ((f.records.settings[0] as Settings).tags = [{ name: 'vip', color: 'url(x)' as 'red' }]), /settings record 1 .*field "tags\.0\.color"/i],
    ['markup too long for a tag in the catalog', (f) => ((f.records.settings[0] as Settings).tags = [{ name: `<img src=x onerror=alert(1)>${'x'.repeat(40)}`, color: 'red' }]), /field "tags\.0\.name"/i],
  ])('refuses %s, saying where, and imports nothing', async (_name, edit, message) => {
    const { bg } = await tagged();
    const file = copy(await exportFile(bg));
    edit(file);
    const checked = checkExportFile(file);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toMatch(message);
    bg.store.close();
  });

  it('markup that fits is kept as text (pages render it as text, never HTML)', async () => {
    const { bg } = await tagged();
    const file = copy(await exportFile(bg));
    file.records.tickets[0]!.tags = ['<b>bold</b>'];
    const checked = checkExportFile(file);
    expect(checked.ok && checked.value.records.tickets[0]!.tags).toEqual(['<b>bold</b>']);
    bg.store.close();
  });
});

describe('tags in the CSV', () => {
  it('has a Tags column, "; "-separated, that reads back as the ticket’s tags', async () => {
    const { bg, ticketIds } = await tagged();
    await bg.run({ type: 'ticket.setTags', ticketId: ticketIds[1]!, tags: ['vip', '=cmd|calc'] });
    const file = await exportFile(bg);
    bg.store.close();
    const labels: CsvLabels = {
      headers: {
        id: 'Id', shortId: 'Short id', name: 'Name', status: 'Status', priority: 'Priority', owner: 'Owner', category: 'Category',
        description: 'Description', source: 'Source', contact: 'Contact', contactAddress: 'Contact address', created: 'Created',
        lastActivity: 'Last activity', closed: 'Closed', tags: 'Tags', slaFirstResponse: 'SLA first response', slaBreached: 'SLA breached',
      },
      stage: (_s, id) => id,
      priority: (_s, id) => id,
      owner: () => '',
      source: (s) => s,
      slaTarget: (target) => target,
    };
    const contacts = new Map<string, Contact>(file.records.contacts.map((c) => [c.id, c as Contact]));
    const csv = ticketsCsv(file.records.tickets as Ticket[], { settings: file.records.settings[0] as Settings, agents: file.records.agents as Agent[], contacts }, labels);
    const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    const tagsBack = (id: string) => rows.find((r) => r.Id === id)!.Tags!.split(';').map((s) => s.trim()).filter(Boolean);
    expect(tagsBack(ticketIds[0]!)).toEqual(['VIP', 'Facturación']);
    // A tag a spreadsheet would run as a formula is escaped like every other cell that starts with one.
    expect(rows.find((r) => r.Id === ticketIds[1])!.Tags).toBe('VIP; =cmd|calc');
    const other = rows.find((r) => r.Id !== ticketIds[0] && r.Id !== ticketIds[1]);
    expect(other?.Tags ?? '').toBe('');
  });
});

describe('the dashboard list by tag', () => {
  it('filters by a tag in any case, and the search finds tickets by tag', async () => {
    const { bg, ticketIds } = await tagged();
    const byTag = await bg.client.views.list<{ items: Ticket[] }>({ tag: 'VIP' });
    expect(byTag.ok && byTag.data.items.map((t) => t.id).sort()).toEqual([ticketIds[0], ticketIds[1]].sort());
    const lower = await bg.client.views.list<{ items: Ticket[] }>({ tag: 'facturación' });
    expect(lower.ok && lower.data.items.map((t) => t.id)).toEqual([ticketIds[0]]);
    const searched = await bg.client.views.list<{ items: Ticket[] }>({ search: 'facturacion' });
    expect(searched.ok && searched.data.items.map((t) => t.id)).toEqual([ticketIds[0]]);
    const found = await bg.client.query<{ id: string }[]>({ type: 'tickets.find', text: 'vip' });
    expect(found.ok && found.data.map((h) => h.id).sort()).toEqual([ticketIds[0], ticketIds[1]].sort());
    bg.store.close();
  });
});
