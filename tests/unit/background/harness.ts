/**
 * Shared by the background tests: valid messages, senders and a raw dump of
 * the whole database (read straight from the IDBFactory, bypassing the store
 * under test, so it does not depend on how the store is implemented).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { applyCommand } from '../../../core/domain/rules';
import type { ConversationSnapshot } from '../../../core/domain/types';
import { toTabs, type ChangeEvent, type Reply, type TabChangeEvent } from '../../../core/messages/protocol';
import type { Listen } from '../../../core/messages/client';
import { createTagger } from '../../../core/messages/tags';
import { handleRequest, type RouterDeps, type Sender } from '../../../core/messages/router';
import type { OpenTarget, SitesRequest } from '../../../core/messages/schemas';
import { createService, type ServiceOptions } from '../../../core/messages/service';
import { DB_NAME, openHelpDesk, type FaultInjector } from '../../../core/store';

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

export const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const ORIGIN = `chrome-extension://${EXT_ID}`;

/**
 * The background as `entrypoints/background` composes it, on its own in-memory
 * IndexedDB, with its tab broadcast: `listenAsTab` is a tab's runtime.onMessage
 * (what `toTabs` makes of each change reaches every listener), `tabEvents` all
 * that tabs heard, `settled()` waits until every broadcast so far reached them.
 */
export function inMemoryBackground(serviceOptions: ServiceOptions = {}) {
  const factory = new IDBFactory();
  const events: ChangeEvent[] = [];
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const tag = createTagger(crypto.subtle, async () => secret);
  const tabListeners = new Set<(message: unknown) => void>();
  const tabEvents: TabChangeEvent[] = [];
  let delivering: Promise<unknown> = Promise.resolve();
  const listenAsTab: Listen = (listener) => {
    tabListeners.add(listener);
    return () => void tabListeners.delete(listener);
  };
  const settled = async () => {
    let seen: Promise<unknown>;
    do {
      seen = delivering;
      await seen;
    } while (seen !== delivering);
  };
  const opened: OpenTarget[] = [];
  const sites: SitesRequest[] = [];
  const calls = { execute: 0, query: 0, openStore: 0 };
  /** Armed by a test to fail a command at a given write; read on every write. */
  const faults: { inject?: FaultInjector } = {};
  const service = createService(() => {
    calls.openStore++;
    return openHelpDesk(factory, { keyRange: IDBKeyRange, faultInjector: (write, index) => faults.inject?.(write, index) });
  }, applyCommand, serviceOptions);
  const deps: RouterDeps = {
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    execute: (cmd) => {
      calls.execute++;
      return service.execute(cmd);
    },
    query: (q) => {
      calls.query++;
      return service.query(q);
    },
    broadcast: (event, topics, echo) => {
      events.push(event);
      const heard = toTabs(topics, tag, echo).then((forTabs) => {
        tabEvents.push(forTabs);
        for (const listener of tabListeners) listener(forTabs);
      });
      delivering = Promise.all([delivering, heard]);
    },
    tag,
    open: async (target) => void opened.push(target),
    sites: async (request) => {
      sites.push(request);
      return { ok: true, data: [] };
    },
    // Export, import and erase have their own end-to-end tests (tests/unit/messages/data-service.test.ts).
    data: async () => ({ ok: true, data: null }),
  };
  const send = (message: unknown, sender: Sender = senders(EXT_ID, ORIGIN).page) => handleRequest(deps, message, sender);
  return { factory, deps, events, tabEvents, listenAsTab, settled, opened, sites, calls, faults, send, dump: () => dumpDatabase(factory) };
}

