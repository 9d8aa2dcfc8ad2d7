import type { CommandContext } from './commands';
import { compareClock } from './hlc';
import { SCHEMA_VERSION, type StoredRecord, type SyncedFields } from './types';

/**
 * Creating and changing records with the stamps of docs/data.md:
 * every field a command writes gets that command's clock, and the record
 * gets version + 1, who/where/when and the command's causeId.
 */

/** Stamps that describe a write rather than the help desk; merges take them whole from the newest side. */
export const META_KEYS = [
  'id',
  'schemaVersion',
  'version',
  'createdAt',
  'updatedAt',
  'updatedBy',
  'deviceId',
  'clock',
  'causeId',
] as const;
export type MetaKey = (typeof META_KEYS)[number];

/** What a command may write on a record. `deletedAt` is included: the trash is a field with its own clock. */
export type Fields<T extends SyncedFields> = Omit<T, MetaKey>;
/** What a command supplies to create a record (new records are live). */
export type NewFields<T extends SyncedFields> = Omit<T, MetaKey | 'deletedAt'>;

/**
 * User-defined ticket properties live in `ticket.custom`, keyed by their
 * property id (`custom.<slug>`), and each one is clocked under that same id,
 * so two agents editing two different custom properties don't overwrite each other.
 */
export const CUSTOM_PREFIX = 'custom.';
const CUSTOM_FIELD = 'custom';

const META_KEY_SET: ReadonlySet<string> = new Set(META_KEYS);

export function isMetaKey(key: string): key is MetaKey {
  return META_KEY_SET.has(key);
}

/** A record seen as a plain string-keyed object, for the field-generic code below. */
export function fieldsOf(record: object): Record<string, unknown> {
  return record as Record<string, unknown>;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality for record field values (JSON-like data: stages, options, custom maps). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue(a[k], b[k]));
  }
  return false;
}

/**
 * The clock keys a set of written fields stands for: one per top-level field,
 * except `custom`, whose entries are clocked one by one.
 */
export function clockKeysOf(fields: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (isMetaKey(key)) continue;
    if (key === CUSTOM_FIELD && isPlainObject(value)) keys.push(...Object.keys(value));
    else keys.push(key);
  }
  return keys;
}

function stampClock(clock: Record<string, string>, keys: string[], value: string): Record<string, string> {
  const next = { ...clock };
  for (const key of keys) next[key] = value;
  return next;
}

/** A new record at version 1, every data field (and the live tombstone) clocked now. */
export function createRecord<T extends StoredRecord>(ctx: CommandContext, id: string, fields: NewFields<T>): T {
  const data = { ...fields, deletedAt: null };
  const record = {
    id,
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    updatedBy: ctx.agentId,
    deviceId: ctx.deviceId,
    clock: stampClock({}, clockKeysOf(data), ctx.clock),
    causeId: ctx.causeId,
    ...data,
  };
  // `NewFields<T>` plus the stamps above is exactly T, which TypeScript can't see through the generic Omit.
  return record as unknown as T;
}

/** Clock keys whose value differs between the record and the changes (custom entries compared one by one). */
export function changedKeys(record: object, changes: Record<string, unknown>): string[] {
  const current = fieldsOf(record);
  const keys: string[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (isMetaKey(key) || value === undefined) continue;
    if (key === CUSTOM_FIELD && isPlainObject(value)) {
      const before = isPlainObject(current[key]) ? current[key] : {};
      const subKeys = new Set([...Object.keys(before), ...Object.keys(value)]);
      for (const sub of subKeys) if (!sameValue(before[sub], value[sub])) keys.push(sub);
    } else if (!sameValue(current[key], value)) {
      keys.push(key);
    }
  }
  return keys;
}

/**
 * The record with `changes` written, version + 1 and the command's stamps,
 * or `undefined` when nothing would change (a no-op writes nothing).
 */
export function updateRecord<T extends StoredRecord>(
  ctx: CommandContext,
  record: T,
  changes: Partial<Fields<T>>,
): T | undefined {
  const written = Object.fromEntries(Object.entries(changes).filter(([k, v]) => v !== undefined && !isMetaKey(k)));
  const keys = changedKeys(record, written);
  if (keys.length === 0) return undefined;
  return {
    ...record,
    ...written,
    version: record.version + 1,
    updatedAt: ctx.now,
    updatedBy: ctx.agentId,
    deviceId: ctx.deviceId,
    causeId: ctx.causeId,
    schemaVersion: SCHEMA_VERSION,
    clock: stampClock(record.clock, keys, ctx.clock),
  };
}

/** The highest clock value on a record ('' when it has none): what "newest" means for a whole record. */
export function maxClockOf(record: SyncedFields): string {
  let max = '';
  for (const value of Object.values(record.clock)) if (max === '' || compareClock(value, max) > 0) max = value;
  return max;
}
