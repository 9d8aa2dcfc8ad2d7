import { withContactDefaults } from '../../../core/domain/contacts';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Applied, Command, Outcome, Write } from '../../../core/domain/commands';
import { defaultSettings } from '../../../core/domain/defaults';
import { formatClock } from '../../../core/domain/hlc';
import {
  SCHEMA_VERSION,
  type Activity,
  type Agent,
  type Contact,
  type Conversation,
  type Note,
  type Settings,
  type Snippet,
  type StoredRecord,
  type SyncedFields,
  type Ticket,
} from '../../../core/domain/types';
import { openHelpDesk, type HelpDeskOptions, type HelpDeskStore } from '../../../core/store';

/** A 26-character, sortable stand-in for a ULID: `n` zero-padded. */
export function fakeUlid(n: number): string {
  return String(n).padStart(26, '0');
}

/** A settable wall clock and a counter for ids, so tests are deterministic. */
export function testClock(start = 1_700_000_000_000) {
  let ms = start;
  let n = 0;
  return {
    now: () => ms,
    set: (value: number) => {
      ms = value;
    },
    advance: (by = 1) => {
      ms += by;
    },
    newUlid: () => fakeUlid(++n),
  };
}

export interface TestDesk {
  factory: IDBFactory;
  store: HelpDeskStore;
  clock: ReturnType<typeof testClock>;
}

/** A fresh in-memory IndexedDB and a store opened on it. */
export async function openTestDesk(opts: Partial<HelpDeskOptions> = {}, factory = new IDBFactory()): Promise<TestDesk> {
  const clock = testClock();
  const store = await openHelpDesk(factory, { keyRange: IDBKeyRange, now: clock.now, newUlid: clock.newUlid, ...opts });
  return { factory, store, clock };
}

/** The command a fake `apply` stands for (execute only uses it in messages). */
export const SEED_COMMAND: Command = { type: 'trash.purge' };

/** An apply that ignores the reader and returns these writes and activity. */
export function applyWrites(writes: Write[], activity: Activity[] = []) {
  return async (): Promise<Outcome> => ({ ok: true, value: { writes, activity } satisfies Applied });
}

/** Stores records (and activity) through `execute`, as new version-1 records. */
export async function seed(store: HelpDeskStore, records: StoredRecord[], activity: Activity[] = []): Promise<void> {
  const outcome = await store.execute(
    SEED_COMMAND,
    applyWrites(
      records.map((record) => ({ op: 'put', record })),
      activity,
    ),
  );
  if (!outcome.ok) throw new Error(`seed failed: ${outcome.error.message}`);
}

// --- Record builders: every field a stored record has, overridable. ---

const T0 = 1_600_000_000_000;
const CLOCK = formatClock({ ms: T0, counter: 0, deviceId: 'device:fixture' });

function synced(id: string, at = T0): SyncedFields {
  return {
    id,
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    createdAt: at,
    updatedAt: at,
    updatedBy: 'agent:fixture',
    deviceId: 'device:fixture',
    clock: {},
    causeId: 'cmd:fixture',
    deletedAt: null,
  };
}

export function ticket(n: number, fields: Partial<Ticket> = {}): Ticket {
  return {
    ...synced(`ticket:${fakeUlid(n)}`),
    name: `Ticket ${n}`,
    status: 'new',
    priority: 'medium',
    ownerId: null,
    category: '',
    description: '',
    source: 'email',
    contactId: null,
    closedAt: null,
    lastActivityAt: T0,
    custom: {},
    mergedInto: null,
    ...fields,
  };
}

export function conversation(n: number, fields: Partial<Conversation> = {}): Conversation {
  return {
    ...synced(`conversation:${fakeUlid(n)}`),
    source: 'demo',
    key: `thread-${n}`,
    subject: `Subject ${n}`,
    contactId: null,
    channel: 'email',
    status: 'open',
    ownerId: null,
    hostUrl: `http://127.0.0.1:5174/#${n}`,
    ticketId: null,
    flag: null,
    ...fields,
  };
}

export function contact(n: number, fields: Partial<Contact> = {}): Contact {
  // Identities follow the email and handle unless given; lookupKeys always follow the record.
  return withContactDefaults({
    ...synced(`contact:${fakeUlid(n)}`),
    name: `Contact ${n}`,
    email: `contact${n}@example.com`,
    handle: null,
    blocked: false,
    spam: false,
    ...fields,
  });
}

export function agent(n: number, fields: Partial<Agent> = {}): Agent {
  return { ...synced(`agent:${fakeUlid(n)}`), name: `Agent ${n}`, email: `agent${n}@example.com`, ...fields };
}

export function note(n: number, ticketId: string, fields: Partial<Note> = {}): Note {
  return { ...synced(`note:${fakeUlid(n)}`), ticketId, text: `Note ${n}`, authorId: 'agent:fixture', ...fields };
}

export function snippet(n: number, fields: Partial<Snippet> = {}): Snippet {
  return { ...synced(`snippet:${fakeUlid(n)}`), name: `Snippet ${n}`, body: `Hello ${n}`, ...fields };
}

export function activity(n: number, ticketId: string, fields: Partial<Activity> = {}): Activity {
  return {
    id: `activity:${ticketId.slice(ticketId.indexOf(':') + 1)}:${fakeUlid(n)}`,
    schemaVersion: SCHEMA_VERSION,
    ticketId,
    at: T0,
    clock: CLOCK,
    agentId: 'agent:fixture',
    deviceId: 'device:fixture',
    causeId: 'cmd:fixture',
    kind: 'ticket.property',
    ...fields,
  };
}

export function settingsRecord(): Settings {
  return defaultSettings({ now: T0, clock: CLOCK, deviceId: 'device:fixture', agentId: 'agent:fixture', causeId: 'cmd:fixture', timeZone: 'UTC' });
}

/** The same record one version later (what a rule would put). */
export function bumped<T extends StoredRecord>(record: T, fields: Partial<T> = {}): T {
  return { ...record, ...fields, version: record.version + 1 };
}

/** Raw reads straight from the factory, bypassing the store under test. */
export async function rawGetAll(factory: IDBFactory, storeName: string, name = 'tickets-in-place'): Promise<unknown[]> {
  const db = await rawOpen(factory, name);
  try {
    return await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction([storeName], 'readonly').objectStore(storeName).getAll();
      req.onsuccess = () => resolve(req.result as unknown[]);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

export async function rawIndexCount(factory: IDBFactory, storeName: string, index: string, name = 'tickets-in-place'): Promise<number> {
  const db = await rawOpen(factory, name);
  try {
    return await new Promise<number>((resolve, reject) => {
      const req = db.transaction([storeName], 'readonly').objectStore(storeName).index(index).count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

/** Opens at whatever version the database has (no upgrade). */
export function rawOpen(factory: IDBFactory, name = 'tickets-in-place'): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
