import type { SlaShown, SlaState } from './sla';

/**
 * A shown SLA at a later moment, without the business-time arithmetic (core/domain/sla.ts
 * `slaShown` did that): a running clock turns due-soon at `warnAt` and breached at `dueAt`.
 * `minutes`: for a running clock, the time to the due moment (negative once breached: how long
 * ago); for a paused one, the business minutes it still has; null when nothing is left to meet.
 *
 * No imports but types: the sidebar's script on every host page includes this file.
 */
export function slaAt(shown: SlaShown, now: number): { state: SlaState; minutes: number | null } {
  const running = shown.state === 'ok' || shown.state === 'soon' || shown.state === 'breached';
  if (!running || shown.dueAt === null) return { state: shown.state, minutes: shown.state === 'paused' ? shown.left : null };
  const minutes = Math.ceil((shown.dueAt - now) / 60_000);
  if (now >= shown.dueAt) return { state: 'breached', minutes: -Math.floor((now - shown.dueAt) / 60_000) };
  return { state: shown.warnAt !== null && now >= shown.warnAt ? 'soon' : shown.state, minutes };
}

/** Whether the card offers "Mark first response sent": a target applies and no first response is recorded. */
export function canMarkResponded(shown: SlaShown | null): boolean {
  return shown !== null && shown.state !== 'none' && shown.state !== 'met' && !shown.responded;
}
