import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { SlaShown, SlaState } from '../../core/domain/sla';
import { slaAt } from '../../core/domain/sla-shown';
import { t, type MessageKey } from './i18n';

/**
 * The SLA state of a ticket (`tip-sla`): which target, and a countdown
 * ("1 h 20 m left", "breached 5 m ago"). Drawn from a shown SLA
 * (core/domain/sla.ts `slaShown`: the sidebar's view carries one, worked out
 * by the service worker; the record and the dashboard work theirs out) and
 * redrawn each minute by one shared timer: no query to the background, and
 * no business-time code in the sidebar's script. A ticket whose priority has
 * no policy shows nothing.
 */

const minute = signal(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** The current minute, shared by every badge on the page (one timer while any is shown). */
function useMinute(): number {
  useEffect(() => {
    if (users++ === 0) {
      minute.value = Date.now();
      timer = setInterval(() => (minute.value = Date.now()), 60_000);
    }
    return () => {
      if (--users === 0) clearInterval(timer);
    };
  }, []);
  // The signal only redraws each minute; any other redraw (a new view) reads the clock afresh.
  void minute.value;
  return Date.now();
}

/** A duration in minutes as "2 d 3 h", "1 h 20 m" or "5 m" (the agent's words for the units). */
export function formatSlaDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const fill = (key: MessageKey, values: Record<string, number>) => t(key).replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
  if (m < 60) return fill('sla_durM', { m });
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 === 0 ? fill('sla_durH', { h }) : fill('sla_durHM', { h, m: m % 60 });
  return fill('sla_durDH', { d: Math.floor(h / 24), h: h % 24 });
}

const STATE_WORDS: Record<string, MessageKey> = {
  ok: 'sla_stateOk',
  soon: 'sla_stateSoon',
  breached: 'sla_stateBreached',
  paused: 'sla_statePaused',
  met: 'sla_stateMet',
};

/**
 * `data-state` as the ui-contract names it: `none`, `ok`, `due-soon` or `breached`. A paused clock
 * is `ok` (not breached, not running) and a met target `none` (nothing left to meet); `data-phase`
 * carries the finer state (`ok`, `soon`, `breached`, `paused`, `met`).
 */
const CONTRACT_STATE: Record<SlaState, string> = { none: 'none', ok: 'ok', soon: 'due-soon', breached: 'breached', paused: 'ok', met: 'none' };

export function SlaBadge({ shown, compact = false }: { shown: SlaShown; compact?: boolean }) {
  // Each redraw reads the clock (useMinute): a change the reminder tick broadcast shows the state at that moment.
  const now = useMinute();
  const { state: phase, minutes } = slaAt(shown, now);
  // No policy for this priority: nothing to show, but the hook is there for whoever asks.
  if (phase === 'none') return <span data-testid="tip-sla" data-state="none" data-phase="none" hidden />;
  const target = t(shown.target === 'firstResponse' ? 'sla_firstResponse' : 'sla_resolution');
  let when = '';
  if (phase === 'breached' && minutes !== null) when = t('sla_breachedAgo').replace('{time}', formatSlaDuration(-minutes));
  else if ((phase === 'ok' || phase === 'soon' || phase === 'paused') && minutes !== null) when = t('sla_left').replace('{time}', formatSlaDuration(minutes));
  const state = t(STATE_WORDS[phase]!);
  return (
    <span
      class={`tip-sla is-${phase}${compact ? ' is-compact' : ''}`}
      data-testid="tip-sla"
      data-state={CONTRACT_STATE[phase]}
      data-phase={phase}
      data-target={shown.target ?? ''}
      data-due={shown.dueAt === null ? '' : new Date(shown.dueAt).toISOString()}
      title={`${t('sla_title')} · ${target}: ${state}${when ? ` · ${when}` : ''}`}
    >
      <span class="tip-sla-dot" aria-hidden="true" />
      {!compact && <span class="tip-sla-target">{target}</span>}
      {/* Compact (a dashboard cell): the time only, a paused clock told by its grey dot and the title. */}
      <span class="tip-sla-state">{!when ? state : phase === 'paused' && !compact ? `${state} · ${when}` : when}</span>
    </span>
  );
}
