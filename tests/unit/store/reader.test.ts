import './setup';
import { SETTINGS_ID } from '../../../core/domain/defaults';
import { StorageError } from '../../../core/store/errors';
import { agent, contact, conversation, note, openTestDesk, seed, snippet, ticket } from './fixtures';

/** The rules' Reader, as the store implements it inside a transaction. */
describe('store reader', () => {
  async function deskWithRecords() {
    const desk = await openTestDesk();
    const t = ticket(1, { contactId: contact(10).id });
    await seed(desk.store, [
      t,
      ticket(2, { deletedAt: 500, causeId: 'cmd:trash' }),
      conversation(3, { ticketId: t.id, source: 'gmail', key: 'thread-a' }),
      conversation(4, { ticketId: t.id, source: 'slack', key: 'C1' }),
      conversation(5, { source: 'gmail', key: 'thread-b', deletedAt: 1500, causeId: 'cmd:trash' }),
      contact(10, { email: 'ana@example.com', handle: 'slack:U1' }),
      contact(11, { email: null, handle: 'whatsapp:+34600' }),
      agent(20),
      agent(21, { deletedAt: 999 }),
      snippet(30),
      snippet(31, { deletedAt: 1000 }),
      note(40, t.id),
      note(41, t.id, { deletedAt: 2000, causeId: 'cmd:trash' }),
      note(42, ticket(2).id),
    ]);
    return desk;
  }

  it('gets records by id, including trashed ones', async () => {
    const { store } = await deskWithRecords();
    await store.read(async (r) => {
      expect(await r.ticket(ticket(1).id)).toMatchObject({ name: 'Ticket 1' });
      expect(await r.ticket(ticket(2).id)).toMatchObject({ deletedAt: 500 });
      expect(await r.ticket('ticket:missing')).toBeUndefined();
      expect(await r.conversation(conversation(3).id)).toMatchObject({ key: 'thread-a' });
      expect(await r.contact(contact(10).id)).toMatchObject({ email: 'ana@example.com' });
      expect(await r.agent(agent(21).id)).toMatchObject({ deletedAt: 999 });
      expect(await r.snippet(snippet(30).id)).toMatchObject({ name: 'Snippet 30' });
      expect((await r.settings()).id).toBe(SETTINGS_ID);
    });
  });

  it('finds a conversation by source and key, and a ticket’s conversations', async () => {
    const { store } = await deskWithRecords();
    await store.read(async (r) => {
      expect((await r.conversationByKey('gmail', 'thread-a'))?.id).toBe(conversation(3).id);
      expect(await r.conversationByKey('slack', 'thread-a')).toBeUndefined();
      expect((await r.conversationsOfTicket(ticket(1).id)).map((c) => c.id).sort()).toEqual(
        [conversation(3).id, conversation(4).id].sort(),
      );
    });
  });

  it('finds contacts by email (any case) and by handle', async () => {
    const { store } = await deskWithRecords();
    await store.read(async (r) => {
      expect((await r.contactByEmail('Ana@Example.COM'))?.id).toBe(contact(10).id);
      expect((await r.contactByHandle('whatsapp:+34600'))?.id).toBe(contact(11).id);
      expect(await r.contactByEmail('nobody@example.com')).toBeUndefined();
    });
  });

  it('lists trashed records deleted strictly before a time, across every trashable store', async () => {
    const { store } = await deskWithRecords();
    await store.read(async (r) => {
      const ids = async (before: number) => (await r.trashedBefore(before)).map((x) => x.id).sort();
      expect(await ids(500)).toEqual([]);
      expect(await ids(501)).toEqual([ticket(2).id]);
      expect(await ids(1500)).toEqual([agent(21).id, snippet(31).id, ticket(2).id].sort());
      expect(await ids(10_000)).toEqual(
        [ticket(2).id, conversation(5).id, agent(21).id, snippet(31).id, note(41, '').id].sort(),
      );
    });
  });

  it('lists the tickets of a stage, trashed ones included (for settings.update)', async () => {
    const { store } = await deskWithRecords();
    await store.read(async (r) => {
      expect((await r.ticketsByStatus('new')).map((t) => t.id)).toEqual([ticket(1).id, ticket(2).id]);
      expect(await r.ticketsByStatus('closed')).toEqual([]);
    });
  });

  it('lists a ticket’s notes, and the records one cascade touched', async () => {
    const { store } = await deskWithRecords();
    await store.read(async (r) => {
      expect((await r.notesOfTicket(ticket(1).id)).map((n) => n.id)).toEqual([note(40, '').id, note(41, '').id]);
      expect((await r.recordsOfCause('cmd:trash')).map((x) => x.id).sort()).toEqual(
        [ticket(2).id, conversation(5).id, note(41, '').id].sort(),
      );
    });
    expect(await store.recordsOfCause('cmd:none')).toEqual([]);
  });

  it('rejects with a StorageError naming the DOMException when IndexedDB refuses a read', async () => {
    const { store } = await openTestDesk();
    const late = store.read(async (r) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return r.ticket(ticket(1).id);
    });
    await expect(late).rejects.toThrow(StorageError);
    await expect(late).rejects.toThrow(/^InvalidStateError: /);
    store.close();
    await expect(store.settings()).rejects.toThrow(StorageError);
    // Not an IndexedDB failure: a bad list cursor stays a RangeError (the service answers it as invalid).
    const { store: other } = await openTestDesk();
    await expect(other.listTickets({ cursor: 'nope' })).rejects.toThrow(RangeError);
    other.close();
  });
});
