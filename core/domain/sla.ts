import { tzOffset } from '@date-fns/tz/tzOffset';
import type { Settings, Stage, Ticket } from './types';

/**
 * SLA arithmetic (docs/rules.md "SLA"): targets in business minutes, counted
 * in the help desk's time zone over its business hours, less holidays, less
 * the time the ticket spent in a pausing stage or closed. Pure: `now` is
 * always a parameter, and the current settings apply to the whole history of
 * a ticket (its status log), so a policy or priority changed mid-ticket is
 * judged as if it had always been so.
 */

export type SlaTarget = 'firstResponse' | 'resolution';
export const SLA_TARGETS: readonly SlaTarget[] = ['firstResponse', 'resolution'];
export type SlaState = 'none' | 'ok' | 'soon' | 'breached' | 'paused' | 'met';

export interface SlaView {
  state: SlaState;
  target: SlaTarget | null;
  dueAt: number | null;
  warnAt: number | null;
}

/** What the SLA arithmetic reads of a ticket (a dashboard row carries just these). */
export type SlaTicket = Pick<Ticket, 'createdAt' | 'priority' | 'status' | 'closedAt' | 'sla'>;
/** What it reads of the settings. */
export type SlaSettingsSource = Pick<Settings, 'stages' | 'sla'>;

/** The dashboard's SLA filter (`tip-filter-sla`): the states an open ticket can be in. */
export const SLA_FILTERS = ['ok', 'soon', 'breached', 'paused'] as const;
export type SlaFilter = (typeof SLA_FILTERS)[number];

/** Business minutes per target. */
export interface SlaPolicy {
  firstResponse: number;
  resolution: number;
}

/** One opening range of a weekday, local wall time `HH:MM` (end may be `24:00`). */
export interface SlaRange {
  start: string;
  end: string;
}

export interface SlaSettings {
  /** Priority id → policy; a priority without one has no SLA. */
  policies: Record<string, SlaPolicy>;
  /** Index 0 = Sunday … 6 = Saturday; an empty list is a closed day. */
  hours: SlaRange[][];
  /** IANA time zone the hours and holidays are in. */
  timeZone: string;
  /** `YYYY-MM-DD` in `timeZone`: no business time that day. */
  holidays: string[];
  /** Stage ids that stop the clock (the closed stage always does). */
  pauseStages: string[];
}

/** Kept on the ticket: only what the SLA rules need. */
export interface TicketSla {
  /** Every status the ticket had, from creation on, oldest first. */
  statusLog: { status: string; at: number }[];
  firstResponseAt: number | null;
  /** `page`: the adapter saw the agent's reply; `agent`: marked by hand. */
  firstResponseBy: 'page' | 'agent' | null;
  /** What was already written and notified, per target: the instant each passed. */
  marks: Partial<Record<SlaTarget, { soon?: number; breached?: number }>>;
}

/** The `text` of `ticket.sla` activity entries. */
export const SLA_BREACHED = 'breached';
export const SLA_RESPONDED = 'responded';

/** A target warns when this share of it has elapsed. */
export const SLA_WARN_SHARE = 0.75;
/** One business day in a target, in minutes (docs/rules.md: a "day" is 8 business hours). */
export const BUSINESS_DAY_MINUTES = 8 * 60;

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far a walk looks for business time before giving up (a calendar with almost none). */
const MAX_DAYS = 3 * 366;

const OFFICE: SlaRange[] = [{ start: '09:00', end: '17:00' }];
export const ALWAYS_OPEN: SlaRange[][] = Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]);

/** The SLA settings a new help desk starts with, in `timeZone`. */
export function defaultSla(timeZone: string): SlaSettings {
  return {
    policies: {
      urgent: { firstResponse: 60, resolution: 240 },
      high: { firstResponse: 240, resolution: 480 },
      medium: { firstResponse: 480, resolution: 3 * BUSINESS_DAY_MINUTES },
      low: { firstResponse: BUSINESS_DAY_MINUTES, resolution: 5 * BUSINESS_DAY_MINUTES },
    },
    hours: [[], OFFICE, OFFICE, OFFICE, OFFICE, OFFICE, []].map((day) => day.map((r) => ({ ...r }))),
    timeZone,
    holidays: [],
    pauseStages: ['waiting-contact'],
  };
}

/** The help desk's SLA settings (records made before SLAs have none: the defaults, in UTC). */
export function slaSettingsOf(settings: Pick<Settings, 'sla'>): SlaSettings {
  return settings.sla ?? defaultSla('UTC');
}

/** The ticket's SLA record; older tickets have none: one status since creation, no first response. */
export function ticketSlaOf(ticket: Pick<Ticket, 'sla' | 'status' | 'createdAt'>): TicketSla {
  return ticket.sla ?? { statusLog: [{ status: ticket.status, at: ticket.createdAt }], firstResponseAt: null, firstResponseBy: null, marks: {} };
}

/** `HH:MM` → minutes since midnight, or null if not a time (24:00 allowed). */
export function minutesOf(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/** Whether `YYYY-MM-DD` is a real calendar date. */
export function isRealDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return t.getUTCFullYear() === Number(m[1]) && t.getUTCMonth() === Number(m[2]) - 1 && t.getUTCDate() === Number(m[3]);
}

/** Whether the runtime knows the IANA zone. */
export function isTimeZone(zone: string): boolean {
  if (zone.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// ---- wall time in a zone ----

/**
 * A zone's UTC offset at an instant, in ms, remembered per minute (offsets change only on whole
 * minutes): a dashboard asks about the same openings and closings for every ticket.
 */
const offsets = new Map<string, Map<number, number>>();
function offsetMs(zone: string, at: number): number {
  const minute = Math.floor(at / MINUTE);
  let known = offsets.get(zone);
  if (!known) offsets.set(zone, (known = new Map()));
  let offset = known.get(minute);
  if (offset === undefined) {
    if (known.size > 50_000) known.clear();
    offset = tzOffset(zone, new Date(at)) * MINUTE;
    known.set(minute, offset);
  }
  return offset;
}

/** The instant of local wall time `minutes` after midnight of the local date `day` (UTC ms of that date). */
function instantOf(day: number, minutes: number, zone: string): number {
  const wall = day + minutes * MINUTE;
  const first = wall - offsetMs(zone, wall);
  // Near a DST change the offset at the guess may differ from the one at the answer: one more pass settles it.
  return wall - offsetMs(zone, first);
}

/** The local date (as UTC ms of its midnight) that `at` falls on in `zone`. */
function localDay(at: number, zone: string): number {
  const wall = at + offsetMs(zone, at);
  return wall - (((wall % DAY) + DAY) % DAY);
}

const isoDate = (day: number) => new Date(day).toISOString().slice(0, 10);

interface Calendar {
  holidays: ReadonlySet<string>;
  /** Per weekday: opening ranges in minutes since midnight, sorted, bad ones left out. */
  ranges: (readonly [number, number])[][];
}

/** The settings' hours and holidays parsed once per settings object (every ticket of a list shares them). */
const calendars = new WeakMap<SlaSettings, Calendar>();
function calendarOf(sla: SlaSettings): Calendar {
  let calendar = calendars.get(sla);
  if (!calendar) {
    const ranges = sla.hours.map((day) =>
      day
        .map((r) => [minutesOf(r.start), minutesOf(r.end)] as const)
        .filter((r): r is readonly [number, number] => r[0] !== null && r[1] !== null && r[1] > r[0])
        .sort((a, b) => a[0] - b[0]),
    );
    calendar = { holidays: new Set(sla.holidays), ranges };
    calendars.set(sla, calendar);
  }
  return calendar;
}

/** Business intervals `[start, end)` in order, the first clipped to begin at `from`; stops after MAX_DAYS. */
export function* businessIntervals(from: number, sla: SlaSettings): Generator<[number, number]> {
  const { holidays, ranges } = calendarOf(sla);
  if (ranges.every((day) => day.length === 0)) return;
  // The day before too: a range ending at 24:00 on a DST day can reach past local midnight's instant.
  let day = localDay(from, sla.timeZone) - DAY;
  for (let i = 0; i <= MAX_DAYS; i++, day += DAY) {
    if (holidays.has(isoDate(day))) continue;
    for (const [startMin, endMin] of ranges[new Date(day).getUTCDay()] ?? []) {
      const start = instantOf(day, startMin, sla.timeZone);
      const end = instantOf(day, endMin, sla.timeZone);
      if (end <= from || end <= start) continue;
      yield [Math.max(start, from), end];
    }
  }
}

/** A span of time the clock runs in (`to` Infinity: still running). */
export interface Segment {
  from: number;
  to: number;
}

const ALWAYS: Segment[] = [{ from: -Infinity, to: Infinity }];

/**
 * Business milliseconds in `[a, b)` that also fall in `active` segments
 * (ordered, not overlapping; default: all time).
 */
function businessMsBetween(a: number, b: number, sla: SlaSettings, active: Segment[] = ALWAYS): number {
  let total = 0;
  for (const seg of active) {
    const from = Math.max(a, seg.from);
    const to = Math.min(b, seg.to);
    if (to <= from) continue;
    for (const [s, e] of businessIntervals(from, sla)) {
      if (s >= to) break;
      total += Math.min(e, to) - s;
    }
  }
  return total;
}

/**
 * The instant at which `ms` business milliseconds within `active` have passed
 * since `start`, or null if they never do (the clock stopped for good, or
 * the calendar has no business time).
 */
function addBusinessMs(start: number, ms: number, sla: SlaSettings, active: Segment[] = ALWAYS): number | null {
  let left = ms;
  for (const seg of active) {
    const from = Math.max(start, seg.from);
    if (seg.to <= from) continue;
    if (left <= 0) return from;
    for (const [s, e] of businessIntervals(from, sla)) {
      if (s >= seg.to) break;
      const end = Math.min(e, seg.to);
      if (end - s >= left) return s + left;
      left -= end - s;
    }
  }
  return null;
}

/** Business minutes (fractional) between two instants; 0 when `b <= a`. */
export function businessMinutesBetween(a: number, b: number, sla: SlaSettings, active?: Segment[]): number {
  return b <= a ? 0 : businessMsBetween(a, b, sla, active) / MINUTE;
}

/** The first instant by which `minutes` business minutes have passed since `start`; null if never. */
export function addBusinessMinutes(start: number, minutes: number, sla: SlaSettings, active?: Segment[]): number | null {
  return addBusinessMs(start, Math.round(minutes * MINUTE), sla, active);
}

// ---- a ticket's clock ----

/** Where the clock runs: the status log less pausing and closed stages, until `end` (if the target stopped). */
export function activeSegments(ticket: SlaTicket, settings: SlaSettingsSource, end: number | null = null): Segment[] {
  const sla = slaSettingsOf(settings);
  const log = ticketSlaOf(ticket).statusLog;
  const runs = (status: string) => runsIn(status, settings.stages, sla);
  const segments: Segment[] = [];
  log.forEach((entry, i) => {
    if (!runs(entry.status)) return;
    const from = entry.at;
    const to = Math.min(log[i + 1]?.at ?? Infinity, end ?? Infinity);
    if (to <= from) return;
    const last = segments[segments.length - 1];
    if (last && last.to === from) last.to = to;
    else segments.push({ from, to });
  });
  return segments;
}

function runsIn(status: string, stages: Stage[], sla: SlaSettings): boolean {
  const stage = stages.find((st) => st.id === status);
  // A stage since removed counts as open: its tickets were moved on, and the log keeps the truth of when.
  return !(stage?.closed ?? false) && !sla.pauseStages.includes(status);
}

/** One target's clock for a ticket. */
export interface TargetClock {
  target: SlaTarget;
  /** The target, ms of business time. */
  totalMs: number;
  /** When the warning and the breach fall (null: not reached while the clock ran, and it no longer runs). */
  warnAt: number | null;
  dueAt: number | null;
  /** Whether the clock is stopped now for this ticket (pausing stage, closed, or target met). */
  stopped: boolean;
}

/** The ticket's policy under the current settings, or null (no SLA for its priority). */
export function policyOf(ticket: Pick<Ticket, 'priority'>, settings: Pick<Settings, 'sla'>): SlaPolicy | null {
  return slaSettingsOf(settings).policies[ticket.priority] ?? null;
}

/** A target's clock at `now`; null when the ticket's priority has no policy. */
export function targetClock(ticket: SlaTicket, settings: SlaSettingsSource, target: SlaTarget, now: number): TargetClock | null {
  const policy = policyOf(ticket, settings);
  if (!policy) return null;
  const sla = slaSettingsOf(settings);
  const record = ticketSlaOf(ticket);
  const end = target === 'firstResponse' ? record.firstResponseAt : null;
  const active = activeSegments(ticket, settings, end);
  const totalMs = policy[target] * MINUTE;
  const start = ticket.createdAt;
  const last = active[active.length - 1];
  const stopped = !last || last.to !== Infinity || last.from > now;
  return {
    target,
    totalMs,
    warnAt: addBusinessMs(start, Math.ceil(totalMs * SLA_WARN_SHARE), sla, active),
    dueAt: addBusinessMs(start, totalMs, sla, active),
    stopped,
  };
}

/** The target the card shows: first response until one is recorded, then resolution. */
export function currentTarget(ticket: SlaTicket): SlaTarget {
  return ticketSlaOf(ticket).firstResponseAt === null ? 'firstResponse' : 'resolution';
}

/** What the card, dashboard and badge show for a ticket at `now`. */
export function slaOf(ticket: SlaTicket, settings: SlaSettingsSource, now: number): SlaView {
  if (!policyOf(ticket, settings)) return { state: 'none', target: null, dueAt: null, warnAt: null };
  if (ticket.closedAt !== null) return { state: 'met', target: 'resolution', dueAt: null, warnAt: null };
  const target = currentTarget(ticket);
  const clock = targetClock(ticket, settings, target, now);
  if (!clock) return { state: 'none', target: null, dueAt: null, warnAt: null };
  const { dueAt, warnAt } = clock;
  if (dueAt !== null && dueAt <= now) return { state: 'breached', target, dueAt, warnAt };
  if (clock.stopped) return { state: 'paused', target, dueAt: null, warnAt: null };
  if (dueAt === null) return { state: 'none', target: null, dueAt: null, warnAt: null };
  return { state: warnAt !== null && warnAt <= now ? 'soon' : 'ok', target, dueAt, warnAt };
}

/**
 * The next instant after `now` at which slaOf(ticket, …) changes state (75 % warning or breach), or null.
 * `view`: slaOf at `now`, when the caller has it already (the arithmetic is not run twice).
 */
export function slaNextAt(ticket: SlaTicket, settings: SlaSettingsSource, now: number, view: SlaView = slaOf(ticket, settings, now)): number | null {
  if (view.state === 'ok') return view.warnAt !== null && view.warnAt > now ? view.warnAt : view.dueAt;
  if (view.state === 'soon') return view.dueAt;
  return null;
}

/** Business minutes left on the shown target (negative: how long since the breach, in wall minutes). For the countdown. `view` as for slaNextAt. */
export function slaMinutesLeft(ticket: SlaTicket, settings: SlaSettingsSource, now: number, view: SlaView = slaOf(ticket, settings, now)): number | null {
  if (view.target === null || view.state === 'met' || view.state === 'none') return null;
  if (view.state === 'breached' && view.dueAt !== null) return -Math.floor((now - view.dueAt) / MINUTE);
  const policy = policyOf(ticket, settings);
  if (!policy) return null;
  const end = view.target === 'firstResponse' ? ticketSlaOf(ticket).firstResponseAt : null;
  const elapsed = businessMsBetween(ticket.createdAt, now, slaSettingsOf(settings), activeSegments(ticket, settings, end));
  return Math.max(0, Math.ceil((policy[view.target] * MINUTE - elapsed) / MINUTE));
}

/**
 * What a badge shows of a ticket's SLA, worked out where the arithmetic lives (the service worker
 * for the sidebar, the page itself for the record and the dashboard), so the sidebar's script on
 * every host page carries no business-time code: from `at` on, a running clock turns due-soon at
 * `warnAt` and breached at `dueAt` with nothing else changing (any change to the ticket or the
 * settings brings a new one). `left`: business minutes left at `at` (what a paused clock still
 * has), null when nothing is left to meet.
 */
export interface SlaShown extends SlaView {
  at: number;
  left: number | null;
  /** A first response is recorded (the card stops offering "Mark first response sent"). */
  responded: boolean;
  /**
   * A running clock's business time from `at` to the due moment, as `[start, end)` instants (at
   * most SHOWN_RUNS of them): what lets the card count business minutes down, and stand still
   * at night, on its own. Empty when the clock is not running.
   */
  runs: [number, number][];
}

const SHOWN_RUNS = 64;

export function slaShown(ticket: SlaTicket, settings: SlaSettingsSource, now: number): SlaShown {
  const view = slaOf(ticket, settings, now);
  const runs: [number, number][] = [];
  if ((view.state === 'ok' || view.state === 'soon') && view.dueAt !== null) {
    for (const [start, end] of businessIntervals(now, slaSettingsOf(settings))) {
      if (start >= view.dueAt || runs.length === SHOWN_RUNS) break;
      runs.push([start, Math.min(end, view.dueAt)]);
    }
  }
  return { ...view, at: now, left: slaMinutesLeft(ticket, settings, now, view), responded: ticketSlaOf(ticket).firstResponseAt !== null, runs };
}
