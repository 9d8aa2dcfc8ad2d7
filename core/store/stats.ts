import type { Ticket } from '../domain/types';
import type { Connection } from './db';
import { readCounts } from './queries';
import { readSettings } from './reader';
import { readTransaction, walk } from './transactions';

/**
 * The dashboard's charts: open tickets per status, and tickets created and
 * closed per day. Computed from index counts and bounded index walks, never
 * by loading every ticket:
 * - per status: the counts record every write keeps up to date;
 * - created per day: one `list.createdAt` count per day, minus trashed ones;
 * - closed per day: a walk of the closed stage's `list.status.updatedAt`
 *   from the first day on (closing a ticket stamps updatedAt, so every ticket
 *   closed in the window was updated in it), bucketed by `closedAt`.
 *
 * "Closed on a day" counts tickets that were closed that day and are still
 * closed: a ticket reopened since then is open again, and the chart says so.
 */

export interface DayStats {
  /** Start of the day (ms, the agent's local midnight as the page sent it). */
  start: number;
  created: number;
  closed: number;
  /** SLA breaches that fell that day (either target), from the breach marks (core/domain/sla.ts). */
  breached: number;
}

export interface TicketStats {
  /** Live tickets per stage id of the settings. */
  byStatus: Record<string, number>;
  /** All live tickets. */
  total: number;
  /** Live tickets not in the closed stage. */
  open: number;
  /** One entry per `[dayStarts[i], dayStarts[i + 1])`. */
  days: DayStats[];
}

export async function ticketStats(conn: Connection, dayStarts: number[]): Promise<TicketStats> {
  const tx = readTransaction(conn.db, ['tickets', 'settings', 'counts']);
  const tickets = tx.objectStore('tickets');
  const settings = await readSettings(tx);
  const first = dayStarts[0] ?? 0;
  const end = dayStarts[dayStarts.length - 1] ?? 0;
  const days: DayStats[] = dayStarts.slice(0, -1).map((start) => ({ start, created: 0, closed: 0, breached: 0 }));
  const dayOf = (ms: number | null): DayStats | undefined => (ms === null || ms < first || ms >= end ? undefined : days[bucket(dayStarts, ms)]);

  const trashed: Ticket[] = [];
  const closedStages = settings.stages.filter((s) => s.closed).map((s) => s.id);
  const [counts, createdPerDay] = await Promise.all([
    readCounts(tx),
    // [createdAt, id] keys: [start] sorts before every key of that day, [next] after all of them.
    Promise.all(days.map((day, i) => tickets.index('list.createdAt').count(conn.range.bound([day.start], [dayStarts[i + 1] ?? end], false, true)))),
    walk(tickets.index('byDeletedAt').openCursor(), (t) => {
      trashed.push(t);
      return true;
    }),
    // A breach is marked by a write after it fell, so a ticket breached in the window was updated in it.
    walk(tickets.index('list.updatedAt').openCursor(conn.range.bound([first], [[]])), (t) => {
      if (t.deletedAt !== null) return true;
      for (const mark of Object.values(t.sla?.marks ?? {})) {
        const day = mark?.breached === undefined ? undefined : dayOf(mark.breached);
        if (day) day.breached += 1;
      }
      return true;
    }),
    ...closedStages.map((stage) =>
      walk(tickets.index('list.status.updatedAt').openCursor(conn.range.bound([stage, first], [stage, []])), (t) => {
        const day = t.deletedAt === null ? dayOf(t.closedAt) : undefined;
        if (day) day.closed += 1;
        return true;
      }),
    ),
  ]);

  days.forEach((day, i) => {
    day.created = createdPerDay[i] ?? 0;
  });
  const byStatus: Record<string, number> = {};
  for (const stage of settings.stages) byStatus[stage.id] = counts.byStatus[stage.id] ?? 0;
  // The day counts come from an index that holds trashed tickets too (the trash is small: it is purged after the retention period).
  for (const t of trashed) {
    const day = dayOf(t.createdAt);
    if (day) day.created -= 1;
  }
  const live = counts.total;
  const closed = closedStages.reduce((sum, id) => sum + (byStatus[id] ?? 0), 0);
  return { byStatus, total: live, open: live - closed, days };
}

/** Index of the day holding `ms` (dayStarts ascending, ms within them). */
function bucket(dayStarts: number[], ms: number): number {
  let lo = 0;
  let hi = dayStarts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((dayStarts[mid] ?? Infinity) <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
