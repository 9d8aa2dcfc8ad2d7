import { isRealDate, isTimeZone, minutesOf, type SlaPolicy, type SlaRange, type SlaSettings } from '../sla';
import type { Priority, Stage } from '../types';
import { refuse } from './session';

/** A target may not exceed a year of minutes (a typo of extra zeros, not a policy). */
export const MAX_TARGET_MINUTES = 366 * 24 * 60;

/**
 * `settings.update { sla }`: checked whole, refused with the first bad value
 * (nothing saved). Policies of priorities that don't exist and pausing
 * stages that don't exist (or the closed one, which stops the clock anyway)
 * are dropped: the page only offers the current ones.
 */
export function checkSlaSettings(input: SlaSettings, priorities: Priority[], stages: Stage[]): SlaSettings {
  if (typeof input !== 'object' || input === null || !Array.isArray(input.hours) || input.hours.length !== 7) refuse('invalid', 'slaInvalid');
  const policies: Record<string, SlaPolicy> = {};
  for (const priority of priorities) {
    const policy = input.policies?.[priority.id];
    if (!policy) continue;
    policies[priority.id] = {
      firstResponse: checkTarget(policy.firstResponse, priority.name, 'slaFirstResponseInvalid'),
      resolution: checkTarget(policy.resolution, priority.name, 'slaResolutionInvalid'),
    };
  }
  const hours = input.hours.map(checkDay);
  const timeZone = typeof input.timeZone === 'string' ? input.timeZone.trim() : '';
  if (!isTimeZone(timeZone)) refuse('invalid', 'slaTimeZoneUnknown', { value: timeZone });
  const holidays: string[] = [];
  for (const raw of input.holidays ?? []) {
    const date = typeof raw === 'string' ? raw.trim() : '';
    if (!isRealDate(date)) refuse('invalid', 'slaHolidayInvalid', { value: String(raw) });
    if (!holidays.includes(date)) holidays.push(date);
  }
  holidays.sort();
  const open = new Set(stages.filter((st) => !st.closed).map((st) => st.id));
  const pauseStages = [...new Set((input.pauseStages ?? []).filter((id) => open.has(id)))];
  return { policies, hours, timeZone, holidays, pauseStages };
}

function checkTarget(value: unknown, name: string, key: 'slaFirstResponseInvalid' | 'slaResolutionInvalid'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_TARGET_MINUTES) {
    refuse('invalid', key, { name, max: MAX_TARGET_MINUTES });
  }
  return value;
}

/** One weekday's ranges: real times, each ending after it starts, none overlapping; sorted. */
function checkDay(day: unknown): SlaRange[] {
  if (!Array.isArray(day)) refuse('invalid', 'slaInvalid');
  const ranges = (day as unknown[]).map((item) => {
    const r = (typeof item === 'object' && item !== null ? item : {}) as Partial<SlaRange>;
    const start = checkTime(r.start);
    const end = checkTime(r.end);
    if (end.minutes <= start.minutes) refuse('invalid', 'slaHoursOrder', { start: start.text, end: end.text });
    return { start, end };
  });
  ranges.sort((a, b) => a.start.minutes - b.start.minutes);
  for (let i = 1; i < ranges.length; i++) {
    const prev = ranges[i - 1]!;
    const next = ranges[i]!;
    if (next.start.minutes < prev.end.minutes) {
      refuse('invalid', 'slaHoursOverlap', { a: `${prev.start.text}–${prev.end.text}`, b: `${next.start.text}–${next.end.text}` });
    }
  }
  return ranges.map((r) => ({ start: r.start.text, end: r.end.text }));
}

function checkTime(value: unknown): { text: string; minutes: number } {
  const text = typeof value === 'string' ? value.trim() : '';
  const minutes = minutesOf(text);
  if (minutes === null) refuse('invalid', 'slaHoursInvalid', { value: String(value ?? '') });
  return { text, minutes };
}
