import type { Applied, Command, CommandContext, Outcome } from './commands';
import { SETTINGS_ID, defaultSettings } from './defaults';
import { compareClock, formatClock, nextClock } from './hlc';
import { makeId, prefixOf } from './ids';
import { applyCommand, type ReaderWithQueries } from './rules';
import { namesAgent, type ReaderWithReferenceQueries } from './rules/session';
import type { Activity, Agent, Contact, Conversation, Note, Settings, Snippet, StoredRecord, Ticket } from './types';

/**
 * An in-memory help desk: the Reader the rules need, over Maps, plus `apply`
 * to land an Applied the way the store does. For unit tests of the rules
 * and of the background; deterministic (fake clock and ULIDs), no IndexedDB.
 */
export interface MemoryState extends ReaderWithQueries, ReaderWithReferenceQueries {
  /** Lands a command's writes and activity. Throws if a put's version is not the stored one + 1 (a rules bug). */
  apply(applied: Applied): void;
  /** Every stored record (trashed ones included), as copies. */
  all(): StoredRecord[];
  /** Every activity entry, ordered by (clock, id) in history order (docs/data.md "History"). */
  activity(): Activity[];
  get(id: string): StoredRecord | undefined;
  /** A context for the next command: time advances 1 ms per call, ULIDs count up. */
  nextContext(overrides?: Partial<CommandContext>): CommandContext;
}

export interface MemorySeed {
  /** Without a settings record, the default settings are used. */
  records?: StoredRecord[];
  activity?: Activity[];
  /** Wall-clock ms of the first command (default 2025-06-01T00:00:00Z). */
  startAt?: number;
  deviceId?: string;
  agentId?: string;
}

/** 2025-06-01T00:00:00Z. */
export const MEMORY_START_AT = 1_748_736_000_000;
export const MEMORY_DEVICE_ID = 'device:test';
/** The acting agent of `runCommand` unless overridden. No Agent record is made for it: seed one if owners matter. */
export const MEMORY_AGENT_ID = 'agent:me';

export function createMemoryState(seed: MemorySeed = {}): MemoryState {
  const records = new Map<string, StoredRecord>();
  const entries = new Map<string, Activity>();
  const deviceId = seed.deviceId ?? MEMORY_DEVICE_ID;
  const agentId = seed.agentId ?? MEMORY_AGENT_ID;
  const fake = { now: (seed.startAt ?? MEMORY_START_AT) - 1, seq: 0, lastClock: null as string | null };

  for (const r of seed.records ?? []) records.set(r.id, copy(r));
  for (const a of seed.activity ?? []) entries.set(a.id, copy(a));
  if (!records.has(SETTINGS_ID)) records.set(SETTINGS_ID, seedSettings(fake.now));

  const get = (id: string) => {
    const r = records.get(id);
    return r ? copy(r) : undefined;
  };
  const find = <T extends StoredRecord>(prefix: string, matches: (r: T) => boolean): T[] => {
    const out: T[] = [];
    // Records under a type prefix are of that type (ids are `type:<ULID>`).
    for (const r of records.values()) if (prefixOf(r.id) === prefix && matches(r as T)) out.push(copy(r as T));
    return out;
  };
  const byId = <T extends StoredRecord>(prefix: string) => async (id: string) =>
    prefixOf(id) === prefix ? (get(id) as T | undefined) : undefined;

  return {
    settings: async () => get(SETTINGS_ID) as Settings,
    ticket: byId<Ticket>('ticket'),
    conversation: byId<Conversation>('conversation'),
    contact: byId<Contact>('contact'),
    agent: byId<Agent>('agent'),
    snippet: byId<Snippet>('snippet'),
    note: byId<Note>('note'),
    conversationByKey: async (source, key) => find<Conversation>('conversation', (c) => c.source === source && c.key === key)[0],
    conversationsOfTicket: async (ticketId) => find<Conversation>('conversation', (c) => c.ticketId === ticketId),
    contactByEmail: async (email) => find<Contact>('contact', (c) => c.email === email)[0],
    contactByHandle: async (handle) => find<Contact>('contact', (c) => c.handle === handle)[0],
    contactsByLookupKey: async (key) => find<Contact>('contact', (c) => c.lookupKeys.includes(key)),
    contactsMergedInto: async (contactId) => find<Contact>('contact', (c) => c.mergedInto === contactId),
    notesOfTicket: async (ticketId) => find<Note>('note', (n) => n.ticketId === ticketId),
    activityOfTicket: async (ticketId) => [...entries.values()].filter((a) => a.ticketId === ticketId).map(copy),
    recordsOfContact: async (contactId) => [
      ...find<Ticket>('ticket', (t) => t.contactId === contactId),
      ...find<Conversation>('conversation', (c) => c.contactId === contactId),
    ],
    ticketsByStatus: async (stageId) => find<Ticket>('ticket', (t) => t.status === stageId),
    ticketsByPriority: async (priorityId) => find<Ticket>('ticket', (t) => t.priority === priorityId),
    agentInUse: async (agentId, ignore) =>
      [...records.values(), ...entries.values()].some((r) => !ignore.has(r.id) && namesAgent(r, agentId)),
    trashedBefore: async (before) =>
      [...records.values()]
        .filter((r) => TRASHABLE.has(prefixOf(r.id)) && r.deletedAt !== null && r.deletedAt < before)
        .map(copy),

    apply(applied) {
      checkVersions(records, applied);
      for (const w of applied.writes) {
        if (w.op === 'put') records.set(w.record.id, copy(w.record));
        // A purge removes activity entries too (the one exception to append-only).
        else if (prefixOf(w.id) === 'activity') entries.delete(w.id);
        else records.delete(w.id);
      }
      for (const a of applied.activity) entries.set(a.id, copy(a));
    },
    all: () => [...records.values()].map(copy),
    activity: () => [...entries.values()].sort(byClockThenId).map(copy),
    get,
    nextContext(overrides = {}) {
      fake.now = Math.max(fake.now + 1, overrides.now ?? 0);
      const now = overrides.now ?? fake.now;
      const device = overrides.deviceId ?? deviceId;
      const clock = overrides.clock ?? nextClock(fake.lastClock, now, device);
      fake.lastClock = clock;
      return {
        now,
        clock,
        causeId: makeId('cmd', fakeUlid(now, ++fake.seq)),
        agentId,
        deviceId: device,
        newUlid: () => fakeUlid(now, ++fake.seq),
        ...overrides,
      };
    },
  };
}

/** Applies a command to the state with the next fake context; returns its Outcome (applied only when ok). */
export async function runCommand(
  state: MemoryState,
  cmd: Command,
  overrides?: Partial<CommandContext>,
): Promise<Outcome> {
  const outcome = await applyCommand(state, cmd, state.nextContext(overrides));
  if (outcome.ok) state.apply(outcome.value);
  return outcome;
}

/** Types `trash.purge` may hard-delete (the Reader's trashedBefore contract). */
const TRASHABLE = new Set(['ticket', 'conversation', 'note', 'snippet', 'agent', 'contact']);

function seedSettings(at: number): Settings {
  return defaultSettings({
    now: at,
    clock: formatClock({ ms: at, counter: 0, deviceId: 'seed' }),
    deviceId: 'seed',
    agentId: 'agent:seed',
    causeId: 'cmd:seed',
    // Tests get the same SLA clock on any machine.
    timeZone: 'UTC',
  });
}

/** The store's compare-and-set, as a check: a put is version 1 when new, else the stored version + 1. */
function checkVersions(records: Map<string, StoredRecord>, applied: Applied): void {
  for (const w of applied.writes) {
    if (w.op !== 'put') continue;
    const expected = (records.get(w.record.id)?.version ?? 0) + 1;
    if (w.record.version !== expected) {
      throw new Error(`Version conflict on ${w.record.id}: wrote ${w.record.version}, expected ${expected}`);
    }
  }
}

function byClockThenId(a: Activity, b: Activity): number {
  return compareClock(a.clock, b.clock) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(n: number, length: number): string {
  let out = '';
  for (let i = 0, rest = n; i < length; i++, rest = Math.floor(rest / 32)) out = CROCKFORD.charAt(rest % 32) + out;
  return out;
}

/** A valid, time-ordered ULID from the fake time and a counter (so ids sort in creation order). */
export function fakeUlid(ms: number, seq: number): string {
  return base32(ms, 10) + base32(seq, 16);
}

function copy<T>(value: T): T {
  return structuredClone(value);
}
