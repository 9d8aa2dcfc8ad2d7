import { SETTINGS_ID } from '../domain/defaults';
import { SLA_FILTERS, slaOf, type SlaFilter, type SlaState } from '../domain/sla';
import type { Settings, Ticket } from '../domain/types';
import type { StoreTx } from './schema';

/**
 * The dashboard list's SLA filter and sort, and its sort by due date. There is
 * no index for them: the SLA state depends on `now` and on the current
 * settings, so it is computed at query time over the live tickets (`slaOf`,
 * the same function the card uses), and due dates came without a schema
 * change. Kept in this one function so an index (say, on each open ticket's
 * next due time) can replace the scan later without touching its callers.
 */

export { SLA_FILTERS, type SlaFilter };

/** Sort value of a ticket without an SLA due time: after every due one. */
const NO_DUE = 8.64e15;

interface SlaListQuery {
  sla?: SlaFilter;
  /** With `slaDue`: sooner first on `asc`. */
  sortBySla: boolean;
  direction: 'asc' | 'desc';
  limit: number;
  cursor?: string;
}

/**
 * One page of live tickets that pass `matches` (the list's other filters)
 * and the SLA filter, ordered by SLA due time (then by id) when asked, else
 * by `fallback` (the list's own sort value), resuming after `cursor`.
 */
export async function listBySla(
  tx: StoreTx<'readonly'>,
  query: SlaListQuery,
  matches: (t: Ticket) => boolean,
  fallback: (t: Ticket) => number,
  now: number,
): Promise<{ items: Ticket[]; nextCursor: string | null }> {
  const settings = (await tx.objectStore('settings').get(SETTINGS_ID)) as Settings | undefined;
  if (!settings) return { items: [], nextCursor: null };
  const all = await tx.objectStore('tickets').getAll();
  const value = (t: Ticket, state: SlaState, dueAt: number | null) => (query.sortBySla ? (state === 'breached' || state === 'ok' || state === 'soon' ? (dueAt ?? NO_DUE) : NO_DUE) : fallback(t));
  const sign = query.direction === 'asc' ? 1 : -1;
  const keyed: { t: Ticket; value: number }[] = [];
  // The SLA arithmetic only when the filter or the order asks for it (not for the due-date order alone).
  const needsSla = query.sla !== undefined || query.sortBySla;
  for (const t of all) {
    if (t.deletedAt !== null || !matches(t)) continue;
    if (!needsSla) {
      keyed.push({ t, value: fallback(t) });
      continue;
    }
    const view = slaOf(t, settings, now);
    if (query.sla !== undefined && view.state !== query.sla) continue;
    keyed.push({ t, value: value(t, view.state, view.dueAt) });
  }
  const order = (a: { value: number; id: string }, b: { value: number; id: string }) => sign * (a.value - b.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const after = query.cursor === undefined ? undefined : decode(query.cursor);
  const kept = keyed
    .map((k) => ({ t: k.t, value: k.value, id: k.t.id }))
    .filter((k) => after === undefined || order(k, after) > 0)
    .sort(order);
  const page = kept.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map((k) => k.t), nextCursor: kept.length > query.limit && last ? `s.${last.value}.${last.id}` : null };
}

function decode(cursor: string): { value: number; id: string } {
  const m = /^s\.(-?\d+(?:\.\d+)?)\.(.+)$/.exec(cursor);
  if (!m || m[2] === undefined) throw new RangeError('Invalid list cursor for the SLA list: start again without a cursor.');
  return { value: Number(m[1]), id: m[2] };
}
