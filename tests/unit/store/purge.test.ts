import './setup';
import { TRASH_RETENTION_MS } from '../../../core/domain/defaults';
import type { Contact, Ticket } from '../../../core/domain/types';
import { dumpDatabase } from '../background/harness';
import { exportFile, fillHelpDesk, openBackground, thread, type Background } from './backup-fixtures';

/**
 * Deleted means deleted: after "Delete forever" or the 30-day purge, nothing
 * the agent or the customer wrote on that ticket is left in any object store
 * (history included) or in a later export.
 */

/** Text that only the doomed ticket ever held. */
const SECRETS = {
  name: 'Quokka-name-5521',
  renamed: 'Quokka-renamed-7734',
  note: 'Quokka-note: card ending 4242, call after 6pm',
  category: 'Quokka-category-1180',
  description: 'Quokka-description-9953',
  custom: 'Quokka-custom-6047',
  subject: 'Quokka-subject-3316',
  chatSubject: 'Quokka-chat-subject-2290',
  contactName: 'Oswaldo Quokka-contact-4471',
  contactEmail: 'quokka-4471@example.com',
} as const;

/** The ticket to purge, beside a help desk with every other kind of record. */
async function doomedTicket(bg: Background): Promise<{ ticket: Ticket; kept: Ticket; sharedContactId: string; blockedContactId: string }> {
  const { ticketIds } = await fillHelpDesk(bg);
  const blocked = (await bg.store.read((r) => r.ticket(ticketIds[2]!)))!;
  const settings = await bg.store.settings();
  await bg.run({ type: 'settings.update', properties: [...settings.properties, { id: 'custom.ref', name: 'Reference', type: 'text' }] });

  const { ticket } = await bg.run({
    type: 'ticket.create',
    conversation: thread('doomed', { subject: SECRETS.subject, contact: { name: SECRETS.contactName, email: SECRETS.contactEmail, handle: null } }),
    fields: { name: SECRETS.name, category: SECRETS.category, description: SECRETS.description },
  });
  // A second conversation, from a customer who also has a live ticket: that contact must stay.
  const shared = thread('shared-chat', { subject: SECRETS.chatSubject, source: 'slack', channel: 'chat', hostUrl: 'https://app.slack.com/client/T1/C9', contact: { name: 'Pat Shared', email: 'pat@example.com', handle: null } });
  await bg.run({ type: 'ticket.associate', conversation: shared, ticketId: ticket.id });
  const kept = await bg.run({ type: 'ticket.create', conversation: thread('kept', { contact: { name: 'Pat Shared', email: 'pat@example.com', handle: null } }), fields: { name: 'Kept ticket' } });
  await bg.run({ type: 'ticket.update', ticketId: ticket.id, field: 'name', value: SECRETS.renamed });
  await bg.run({ type: 'ticket.update', ticketId: ticket.id, field: 'custom.ref', value: SECRETS.custom });
  await bg.run({ type: 'ticket.update', ticketId: ticket.id, field: 'priority', value: 'urgent' });
  await bg.run({ type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
  await bg.run({ type: 'note.add', ticketId: ticket.id, text: SECRETS.note });
  await bg.run({ type: 'ticket.delete', ticketId: ticket.id });
  return { ticket, kept: kept.ticket, sharedContactId: kept.ticket.contactId!, blockedContactId: blocked.contactId! };
}

/** Every record of every object store (meta and prefs too), and a full export, as text. */
async function everything(bg: Background): Promise<{ stores: Record<string, string>; exported: string }> {
  const dump = await dumpDatabase(bg.factory);
  const stores = Object.fromEntries(Object.entries(dump).map(([name, records]) => [name, JSON.stringify(records)]));
  return { stores, exported: JSON.stringify(await exportFile(bg)) };
}

/** Each secret with the stores (and the export) it still appears in: empty when it is gone. */
async function leftovers(bg: Background, ticketId: string): Promise<Record<string, string[]>> {
  const { stores, exported } = await everything(bg);
  const found: Record<string, string[]> = {};
  for (const [what, text] of Object.entries({ ...SECRETS, ticketId })) {
    const where = Object.entries(stores)
      .filter(([, json]) => json.includes(text))
      .map(([name]) => name);
    if (exported.includes(text)) where.push('export');
    if (where.length > 0) found[what] = where;
  }
  return found;
}

async function checkKeptAndGone(bg: Background, ids: Awaited<ReturnType<typeof doomedTicket>>): Promise<void> {
  const dump = await dumpDatabase(bg.factory);
  const contacts = dump.contacts as Contact[];
  // Another ticket's customer stays, and so does a blocked sender (R12 still flags its next conversations).
  expect(contacts.map((c) => c.id)).toEqual(expect.arrayContaining([ids.sharedContactId, ids.blockedContactId]));
  expect(contacts.some((c) => c.email === SECRETS.contactEmail)).toBe(false);
  const record = await bg.store.ticketRecord(ids.kept.id);
  expect(record?.ticket.contactId).toBe(ids.sharedContactId);
  expect(record?.activity.map((a) => a.kind)).toEqual(['ticket.created', 'conversation.added']);
  // The canary: the scan does find text that is still there.
  const { stores } = await everything(bg);
  expect(stores.tickets).toContain('Kept ticket');
}

describe('purge leaves no trace of the ticket', () => {
  it('"Delete forever" removes its history, notes, conversations and its own contact from every store and from the export', async () => {
    const bg = await openBackground();
    const ids = await doomedTicket(bg);
    // Before the purge the scan sees the secrets (in the trash, they are still restorable).
    expect(Object.keys(await leftovers(bg, ids.ticket.id)).sort()).toEqual([...Object.keys(SECRETS), 'ticketId'].sort());

    const purged = await bg.run({ type: 'trash.purgeItem', id: ids.ticket.id });
    expect(purged.purged).toContain(ids.ticket.id);
    expect(await leftovers(bg, ids.ticket.id)).toEqual({});
    await checkKeptAndGone(bg, ids);
    bg.store.close();
  });

  it('the 30-day purge does the same once the retention has passed', async () => {
    const bg = await openBackground();
    const ids = await doomedTicket(bg);
    await bg.run({ type: 'trash.purge' });
    expect(Object.keys(await leftovers(bg, ids.ticket.id))).toContain('note');

    bg.clock.advance(TRASH_RETENTION_MS + 1);
    await bg.run({ type: 'trash.purge' });
    expect(await leftovers(bg, ids.ticket.id)).toEqual({});
    await checkKeptAndGone(bg, ids);
    bg.store.close();
  });
});
