import type { SlaShown, SlaState } from './sla';

/**
 * A shown SLA at a later moment, without the business-time arithmetic (core/domain/sla.ts
 * `slaShown` did that): a running clock turns due-soon at `warnAt` and breached at `dueAt`.
 * `minutes`: business minutes left (counted over the shown `runs`, so they stand still outside
 * business hours), negative once breached (how long ago, in wall time, as the breach is a
 * moment); for a paused clock, the business minutes it still has; null when nothing is left.
 *
 * No imports but types: the sidebar's script on every host page includes this file.
 */
export function slaAt(shown: SlaShown, now: number): { state: SlaState; minutes: number | null } {
  const running = shown.state === 'ok' || shown.state === 'soon' || shown.state === 'breached';
  if (!running || shown.dueAt === null) return { state: shown.state, minutes: shown.state === 'paused' ? shown.left : null };
  if (now >= shown.dueAt) return { state: 'breached', minutes: -Math.floor((now - shown.dueAt) / 60_000) };
  let ms = 0;
  for (const [start, end] of shown.runs) ms += Math.max(0, end - Math.max(start, now));
  return { state: shown.warnAt !== null && now >= shown.warnAt ? 'soon' : shown.state, minutes: Math.ceil(ms / 60_000) };
}

/** Whether the card offers "Mark first response sent": a target applies and no first response is recorded. */
export function canMarkResponded(shown: SlaShown | null): boolean {
  return shown !== null && shown.state !== 'none' && shown.state !== 'met' && !shown.responded;
}
