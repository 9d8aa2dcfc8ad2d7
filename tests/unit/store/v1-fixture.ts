import { openDatabase } from '../../../core/store/db';
import { META_ID, type MetaRecord, type PrefRecord } from '../../../core/store/schema';
import { activity, agent, contact, conversation, note, settingsRecord, snippet, ticket } from './fixtures';

/**
 * A database as version 1 of the extension left it: built by the v1
 * migration step alone (openDatabase at version 1 runs MIGRATIONS[0] only)
 * and filled with records of every kind, trashed ones included.
 */

export const V1_META: MetaRecord = {
  id: META_ID,
  deviceId: 'device:V1DEVICE',
  meId: agent(1).id,
  lastClock: '1600000000000-0003-device:V1DEVICE',
};

const ana = contact(10, { email: 'ana@example.com', handle: null });
const bot = contact(11, { email: null, handle: 'slack:UBOT' });
const open = ticket(20, { contactId: ana.id, priority: 'high', ownerId: agent(1).id, updatedAt: 3000, createdAt: 1000 });
const unassigned = ticket(21, { contactId: bot.id, priority: 'low', ownerId: null, updatedAt: 4000, createdAt: 1100, source: 'chat' });
const trashed = ticket(22, { priority: 'high', deletedAt: 5000, causeId: 'cmd:V1TRASH', status: 'closed' });

export const V1_RECORDS = {
  settings: [settingsRecord()],
  agents: [agent(1, { name: 'Me', email: '' }), agent(2, { name: 'Teammate' }), agent(3, { deletedAt: 4500 })],
  contacts: [ana, bot],
  tickets: [open, unassigned, trashed],
  conversations: [
    conversation(30, { ticketId: open.id, contactId: ana.id, source: 'gmail', key: 'thread-1' }),
    conversation(31, { ticketId: unassigned.id, contactId: bot.id, source: 'slack', key: 'D1', channel: 'chat' }),
    conversation(32, { ticketId: trashed.id, source: 'gmail', key: 'thread-2', deletedAt: 5000, causeId: 'cmd:V1TRASH' }),
  ],
  notes: [note(40, open.id), note(41, trashed.id, { deletedAt: 5000, causeId: 'cmd:V1TRASH' })],
  snippets: [snippet(50), snippet(51, { deletedAt: 4800 })],
  activity: [activity(60, open.id, { kind: 'ticket.created' }), activity(61, trashed.id, { kind: 'ticket.trashed' })],
  meta: [V1_META],
  prefs: [{ id: 'sidebar.collapsed', value: true } satisfies PrefRecord],
} as const;

export async function createV1Database(factory: IDBFactory, name = 'tickets-in-place'): Promise<void> {
  const db = await openDatabase(factory, name, 1);
  try {
    const stores = Object.keys(V1_RECORDS) as (keyof typeof V1_RECORDS)[];
    const tx = db.transaction(stores, 'readwrite');
    const puts = stores.flatMap((store) => V1_RECORDS[store].map((record) => tx.objectStore(store).put(record)));
    await Promise.all([...puts, tx.done]);
  } finally {
    db.close();
  }
}
