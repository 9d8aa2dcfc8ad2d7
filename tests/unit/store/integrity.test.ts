import './setup';
import { IDBFactory } from 'fake-indexeddb';
import type { ExportFile } from '../../../core/domain/export-format';
import { sendImport } from '../../../core/messages/data-client';
import type { Reply } from '../../../core/messages/protocol';
import { dumpDatabase } from '../background/harness';
import { exportFile, fillHelpDesk, openBackground } from './backup-fixtures';

/**
 * What the extension writes, it can read back: a backup made after ordinary
 * use (a teammate deleted and purged, a full disk met halfway) imports.
 */

describe('import at a full disk', () => {
  it("refuses the commit with storage/quota in the agent's words, writes nothing, keeps the connection, and imports once space is back", async () => {
    const words = 'No se importó nada: el almacenamiento del navegador para esta extensión está lleno.';
    const source = await openBackground();
    await fillHelpDesk(source);
    const file: ExportFile = await exportFile(source);
    source.store.close();

    const bg = await openBackground(new IDBFactory(), 50_000, { storageFullMessage: () => words });
    dataOf(await bg.client.data.exportSummary()); // the data service opens its connection
    const before = await dumpDatabase(bg.factory);
    let commit: Reply | undefined;
    const api = { ...bg.client.data, importCommit: async (id: string) => (commit = await bg.client.data.importCommit(id)) };

    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      await expect(sendImport(api, file)).rejects.toThrow(words);
    } finally {
      IDBObjectStore.prototype.add = add;
    }
    expect(commit).toMatchObject({ ok: false, error: { code: 'storage', reason: 'quota', message: words } });
    expect(await dumpDatabase(bg.factory)).toEqual(before);
    expect(bg.events).toEqual([]);

    await sendImport(bg.client.data, file);
    const after = await exportFile(bg);
    expect(after.records.tickets).toEqual(file.records.tickets);
    expect(after.activity).toEqual(file.activity);
    expect(bg.opens.count).toBe(1); // a full disk says nothing against the connection: no reopen
    bg.store.close();
  });
});

describe('a backup made after ordinary use imports into a fresh install', () => {
  it('after deleting a teammate who owns a ticket and emptying the trash; the teammate goes once their ticket is purged', async () => {
    const bg = await openBackground();
    const { ticketIds } = await fillHelpDesk(bg);
    const sam = (await bg.store.agents()).find((a) => a.name === 'Sam Rivera')!;
    await bg.run({ type: 'agent.delete', id: sam.id });
    await bg.run({ type: 'trash.purge', all: true });

    const file = await exportFile(bg);
    expect(file.records.agents.find((a) => a.id === sam.id)?.deletedAt).not.toBeNull();
    const fresh = await openBackground(new IDBFactory(), 50_000);
    await sendImport(fresh.client.data, file);
    const imported = await exportFile(fresh);
    expect(imported.records.tickets.find((t) => t.id === ticketIds[0])?.ownerId).toBe(sam.id);
    expect(imported.records.agents.find((a) => a.id === sam.id)).toMatchObject({ name: 'Sam Rivera', deletedAt: expect.any(Number) });
    fresh.store.close();

    // Sam's ticket to the trash and out of it for good: nothing names Sam any more, so Sam goes too.
    await bg.run({ type: 'ticket.delete', ticketId: ticketIds[0]! });
    const purged = await bg.run({ type: 'trash.purge', all: true });
    expect(purged.purged).toEqual(expect.arrayContaining([ticketIds[0], sam.id]));
    const later = await exportFile(bg);
    expect(later.records.agents.map((a) => a.id)).not.toContain(sam.id);
    const again = await openBackground(new IDBFactory(), 90_000);
    await sendImport(again.client.data, later);
    again.store.close();
    bg.store.close();
  });

  it('after removing a priority only trashed tickets had and restoring one of them; a priority live tickets have is refused', async () => {
    const bg = await openBackground();
    const { ticketIds } = await fillHelpDesk(bg);
    const urgent = ticketIds[1]!; // closed, priority urgent
    const { priorities, clock } = await bg.store.settings();
    const withoutUrgent = priorities.filter((p) => p.id !== 'urgent');

    const refused = await bg.client.settings.update({ priorities: withoutUrgent, expected: { priorities: clock.priorities } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: '1 ticket has the priority "Urgent". Give them another priority before removing it.' } });
    expect((await bg.store.settings()).priorities).toEqual(priorities);

    await bg.run({ type: 'ticket.delete', ticketId: urgent });
    await bg.run({ type: 'settings.update', priorities: withoutUrgent, expected: { priorities: clock.priorities } });
    await bg.run({ type: 'trash.restore', id: urgent });
    const file = await exportFile(bg);
    expect(file.records.tickets.find((t) => t.id === urgent)?.priority).toBe('medium');
    const fresh = await openBackground(new IDBFactory(), 50_000);
    await sendImport(fresh.client.data, file);
    fresh.store.close();
    bg.store.close();
  });
});

function dataOf<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data;
}
