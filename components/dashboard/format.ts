import { LOCALE, t, type MessageKey } from '../shared/i18n';

/** Numbers, plurals and short dates for the dashboard, in the language of the strings (Intl). */

const numbers = new Intl.NumberFormat(LOCALE);
const plurals = new Intl.PluralRules(LOCALE);
const time = new Intl.DateTimeFormat(LOCALE, { timeStyle: 'short' });
const monthDay = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric' });
const fullDate = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium' });
const longDay = new Intl.DateTimeFormat(LOCALE, { weekday: 'short', month: 'short', day: 'numeric' });

export const formatNumber = (n: number): string => numbers.format(n);

/** A message with `{name}` placeholders filled in. */
export function fill(key: MessageKey, values: Record<string, string | number>): string {
  return t(key).replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = values[name];
    return v === undefined ? whole : typeof v === 'number' ? formatNumber(v) : v;
  });
}

/** `<base>_one` or `<base>_other` by the language's plural rules, with `{n}` filled in. */
export function plural(base: string, n: number, values: Record<string, string | number> = {}): string {
  const category = plurals.select(n) === 'one' ? 'one' : 'other';
  return fill(`${base}_${category}` as MessageKey, { n, ...values });
}

/** Today: the time; this year: month and day; else the date. */
export function formatShort(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const today = new Date(now);
  if (d.toDateString() === today.toDateString()) return time.format(ms);
  if (d.getFullYear() === today.getFullYear()) return monthDay.format(ms);
  return fullDate.format(ms);
}

export const formatMonthDay = (ms: number): string => monthDay.format(ms);
export const formatLongDay = (ms: number): string => longDay.format(ms);
export const formatFullDate = (ms: number): string => fullDate.format(ms);
