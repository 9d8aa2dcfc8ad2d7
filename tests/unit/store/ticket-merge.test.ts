import './setup';
import { sendImport } from '../../../core/messages/data-client';
import { exportFile, openBackground, thread, withoutTime } from './backup-fixtures';

/** Merging tickets through the real store: one IndexedDB transaction, the record page's history, backups. */
describe('ticket merge in the store', () => {
  it('the kept ticket’s record shows both histories in (clock, id) order; the merged-away one says where it went', async () => {
    const bg = await openBackground();
    const a = await bg.run({ type: 'ticket.create', conversation: thread('m-1'), fields: { name: 'Refund' } });
    const b = await bg.run({ type: 'ticket.create', conversation: thread('m-2'), fields: { name: 'Refund again' } });
    await bg.run({ type: 'note.add', ticketId: b.ticket.id, text: 'Same customer' });
    await bg.run({ type: 'ticket.merge', keepId: a.ticket.id, mergeIds: [b.ticket.id] });

    const kept = await bg.store.ticketRecord(a.ticket.id);
    expect(kept?.conversations.map((c) => c.id).sort()).toEqual([a.conversation.id, b.conversation.id].sort());
    expect(kept?.notes.map((n) => n.text)).toEqual(['Same customer']);
    const ids = kept!.activity.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(kept!.activity.map((x) => x.ticketId))).toEqual(new Set([a.ticket.id, b.ticket.id]));
    const clocks = kept!.activity.map((x) => x.clock);
    expect(clocks).toEqual([...clocks].sort());

    const gone = await bg.store.ticketRecord(b.ticket.id);
    expect(gone?.mergedInto).toEqual({ id: a.ticket.id, name: 'Refund', deletedAt: null });
    expect(gone?.conversations).toEqual([]);
    // Dashboard list and counts: the merged-away ticket is in the trash, not among the tickets.
    expect((await bg.store.listTickets()).items.map((t) => t.id)).toEqual([a.ticket.id]);
    expect((await bg.store.countTickets()).total).toBe(1);
    expect((await bg.store.listTrash()).items.map((i) => i.record.id)).toEqual([b.ticket.id]);
    bg.store.close();
  });

  it('a backup taken after the trash purged a merged-away ticket imports: its history lives on with the kept ticket', async () => {
    const bg = await openBackground();
    const a = await bg.run({ type: 'ticket.create', conversation: thread('p-1'), fields: { name: 'Kept' } });
    const b = await bg.run({ type: 'ticket.create', conversation: thread('p-2'), fields: { name: 'Merged' } });
    await bg.run({ type: 'ticket.merge', keepId: a.ticket.id, mergeIds: [b.ticket.id] });
    await bg.run({ type: 'trash.purge', all: true });
    const file = await exportFile(bg);
    expect(file.records.tickets.map((t) => t.id)).toEqual([a.ticket.id]);
    expect(file.activity.some((x) => x.ticketId === b.ticket.id)).toBe(true);
    await bg.client.data.erase();
    await sendImport(bg.client.data, file);
    expect(withoutTime(await exportFile(bg))).toEqual(withoutTime(file));
    bg.store.close();
  });

  it('an export from before merging existed (tickets without mergedInto) imports, read as not merged', async () => {
    const bg = await openBackground();
    await bg.run({ type: 'ticket.create', conversation: thread('o-1'), fields: { name: 'Old' } });
    const file = await exportFile(bg);
    for (const t of file.records.tickets) {
      delete (t as { mergedInto?: unknown }).mergedInto;
      delete t.clock.mergedInto;
    }
    await bg.client.data.erase();
    await sendImport(bg.client.data, file);
    expect((await exportFile(bg)).records.tickets[0]?.mergedInto).toBeNull();
    bg.store.close();
  });
});
