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
    expect(commit).toEqual({ ok: false, error: { code: 'storage', reason: 'quota', message: words } });
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

function dataOf<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data;
}
