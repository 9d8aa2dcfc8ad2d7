import { compareClock } from './hlc';
import { CUSTOM_PREFIX, META_KEYS, fieldsOf, isPlainObject, maxClockOf } from './records';
import type { SyncedFields } from './types';

/**
 * Merges two copies of one record field by field (docs/data.md "The field merge"):
 * each clocked field comes from the copy whose clock for it is higher (a
 * field without a clock loses), the clock map is the per-field maximum,
 * `version` the larger one, and the remaining stamps (updatedAt, updatedBy,
 * deviceId, causeId…) come from the copy with the newest clock overall (on a tie, the
 * smaller stamps).
 *
 * Every choice is a maximum over a total order, which is what makes the
 * merge commutative, associative and idempotent: ties on a clock (the same
 * write seen twice) are broken by comparing the values themselves, never by
 * argument order.
 */
export function mergeRecords<T extends SyncedFields>(a: T, b: T): T {
  const base = newestOverall(a, b);
  const out: Record<string, unknown> = { ...fieldsOf(base) };
  let custom = isPlainObject(out.custom) ? { ...out.custom } : undefined;
  const clock: Record<string, string> = {};
  for (const key of new Set([...Object.keys(a.clock), ...Object.keys(b.clock)])) {
    const winner = fieldWinner(a, b, key);
    const stamp = winner.clock[key];
    if (stamp !== undefined) clock[key] = stamp;
    if (isCustomKey(key)) copyValue((custom ??= {}), key, valueOf(winner, key));
    else copyValue(out, key, valueOf(winner, key));
  }
  if (custom) out.custom = custom;
  out.clock = clock;
  out.version = Math.max(a.version, b.version);
  // `out` is `base` with some of its fields replaced by the same fields of `a` or `b`: still a T.
  return out as T;
}

function copyValue(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

/** User-defined property values live in `ticket.custom`, clocked under their property id `custom.<slug>`. */
function isCustomKey(key: string): boolean {
  return key.startsWith(CUSTOM_PREFIX);
}

function valueOf(record: SyncedFields, key: string): unknown {
  if (!isCustomKey(key)) return fieldsOf(record)[key];
  const custom = fieldsOf(record).custom;
  return isPlainObject(custom) ? custom[key] : undefined;
}

/** The copy whose clock for `key` is higher; no clock loses; equal clocks fall to the larger value. */
function fieldWinner<T extends SyncedFields>(a: T, b: T, key: string): T {
  const byClock = compareOptionalClock(a.clock[key], b.clock[key]);
  if (byClock !== 0) return byClock > 0 ? a : b;
  return canonical(valueOf(a, key)) >= canonical(valueOf(b, key)) ? a : b;
}

/**
 * The copy with the newest write of all; equal newest clocks fall to the smaller stamps.
 * Equal clocks with different stamps happen for defaults clocked at zero (the local agent and
 * settings an erase sets up again): the smaller stamps are the earlier creation, so importing an
 * export after an erase gives back the record as it was, not as the erase re-made it.
 */
function newestOverall<T extends SyncedFields>(a: T, b: T): T {
  const byClock = compareOptionalClock(maxClockOf(a) || undefined, maxClockOf(b) || undefined);
  if (byClock !== 0) return byClock > 0 ? a : b;
  return canonical(stampsOf(a)) <= canonical(stampsOf(b)) ? a : b;
}

function compareOptionalClock(x: string | undefined, y: string | undefined): number {
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? -1 : 1;
  return compareClock(x, y);
}

/**
 * The stamps `newestOverall` hands to the result. A fixed set of keys, so the
 * merged record carries exactly its winner's stamps (what keeps the choice
 * associative).
 */
function stampsOf(record: SyncedFields): unknown {
  const fields = fieldsOf(record);
  return META_KEYS.filter((k) => k !== 'clock' && k !== 'version').map((k) => fields[k]);
}

/** A stable text form of a JSON-like value (object keys sorted), for tie-breaks only. */
function canonical(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
