/**
 * Hybrid logical clock (docs/data.md "Hybrid logical clocks"):
 * `"<ms>-<counter>-<deviceId>"`. Ms is zero-padded to 13 digits and the
 * counter to 4 so that, for one device, string order is clock order; compare
 * across devices with `compareClock`.
 */

export interface Hlc {
  ms: number;
  counter: number;
  deviceId: string;
}

export function formatClock(c: Hlc): string {
  return `${String(c.ms).padStart(13, '0')}-${String(c.counter).padStart(4, '0')}-${c.deviceId}`;
}

export function parseClock(s: string): Hlc {
  const first = s.indexOf('-');
  const second = s.indexOf('-', first + 1);
  if (first < 0 || second < 0) throw new Error(`Not a clock: ${s}`);
  return {
    ms: Number(s.slice(0, first)),
    counter: Number(s.slice(first + 1, second)),
    deviceId: s.slice(second + 1),
  };
}

/** Total order: ms, then counter, then device id (the tie-breaker). */
export function compareClock(a: string, b: string): number {
  const x = parseClock(a);
  const y = parseClock(b);
  if (x.ms !== y.ms) return x.ms < y.ms ? -1 : 1;
  if (x.counter !== y.counter) return x.counter < y.counter ? -1 : 1;
  if (x.deviceId === y.deviceId) return 0;
  return x.deviceId < y.deviceId ? -1 : 1;
}

/** The next clock value for a local event: never goes backwards, even if the wall clock does. */
export function nextClock(last: string | null, now: number, deviceId: string): string {
  if (!last) return formatClock({ ms: now, counter: 0, deviceId });
  const prev = parseClock(last);
  if (now > prev.ms) return formatClock({ ms: now, counter: 0, deviceId });
  return formatClock({ ms: prev.ms, counter: prev.counter + 1, deviceId });
}

/** Clock value after receiving a remote clock (for the team edition's replication). */
export function receiveClock(last: string | null, remote: string, now: number, deviceId: string): string {
  const r = parseClock(remote);
  const l = last ? parseClock(last) : { ms: 0, counter: 0, deviceId };
  const ms = Math.max(now, r.ms, l.ms);
  let counter = 0;
  if (ms === l.ms && ms === r.ms) counter = Math.max(l.counter, r.counter) + 1;
  else if (ms === l.ms) counter = l.counter + 1;
  else if (ms === r.ms) counter = r.counter + 1;
  return formatClock({ ms, counter, deviceId });
}
