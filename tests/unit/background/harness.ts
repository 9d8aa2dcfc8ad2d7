/**
 * Shared by the background tests: valid messages, senders and a raw dump of
 * the whole database (read straight from the IDBFactory, bypassing the store
 * under test, so it does not depend on how the store is implemented).
 */
import type { ConversationSnapshot } from '../../../core/domain/types';
import type { Reply } from '../../../core/messages/protocol';
import type { Sender } from '../../../core/messages/router';
import { DB_NAME } from '../../../core/store';

/** A valid ULID body (Crockford base32, no I L O U). */
export const ULID = '01JABCDEFGHJKMNPQRSTVWXYZ0';

export function snapshot(key: string, fields: Partial<ConversationSnapshot> = {}): ConversationSnapshot {
  return {
    source: 'demo',
    key,
    subject: `Order ${key}`,
    channel: 'email',
    hostUrl: `https://mail.example.com/#${key}`,
    contact: { name: 'Ana', email: 'ana@example.com', handle: null },
    ...fields,
  };
}

export const command = (cmd: Record<string, unknown>) => ({ kind: 'tip.command', command: cmd });
export const query = (q: Record<string, unknown>) => ({ kind: 'tip.query', query: q });

/** Senders as the browser describes them, for an extension of this id and origin. */
export function senders(extensionId: string, extensionOrigin: string) {
  return {
    page: { id: extensionId, url: `${extensionOrigin}/dashboard.html`, origin: extensionOrigin } satisfies Sender,
    content: { id: extensionId, url: 'https://mail.example.com/inbox', origin: 'https://mail.example.com', tab: { id: 7 } } satisfies Sender,
    foreign: [
      { id: 'someotherextensionidaaaaaaaaaaa', url: 'chrome-extension://someotherextensionidaaaaaaaaaaa/x.html', origin: 'chrome-extension://someotherextensionidaaaaaaaaaaa' },
      // A web page (externally_connectable or a forged message): no extension id.
      { url: 'https://evil.example/', origin: 'https://evil.example', tab: { id: 9 } },
      {},
      // Our id but neither our origin nor a tab: not a context we know.
      { id: extensionId, url: 'https://evil.example/', origin: 'https://evil.example' },
    ] satisfies Sender[],
  };
}

/** Every object store of the help desk database, each as its records in key order. */
export async function dumpDatabase(factory: IDBFactory, name = DB_NAME): Promise<Record<string, unknown[]>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names, 'readonly');
    const all = await Promise.all(
      names.map(
        (store) =>
          new Promise<[string, unknown[]]>((resolve, reject) => {
            const req = tx.objectStore(store).getAll();
            req.onsuccess = () => resolve([store, req.result as unknown[]]);
            req.onerror = () => reject(req.error);
          }),
      ),
    );
    return Object.fromEntries(all);
  } finally {
    db.close();
  }
}

/** The stores the brief names; a dump must have them all (and meta/prefs too). */
export const RECORD_STORES = ['tickets', 'conversations', 'contacts', 'agents', 'notes', 'snippets', 'settings', 'activity'];

/** The data of an ok reply, or a test failure that shows the refusal. */
export function dataOf<T>(reply: Reply): T {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.error.code}: ${reply.error.message}`);
  return reply.data as T;
}
