import { dueAtOf, snoozeOf, type Settings, type Ticket } from '../types';
import type { Session } from './session';
import { wake } from './time';
import { slaTick, type Notice } from './sla';
import { slaNextAt, slaOf, type SlaView } from '../sla';

export type { Notice };

/** What one reminder tick found: what to notify, when to look again, and the toolbar badge's count. */
export interface TickResult {
  notices: Notice[];
  /** The earliest moment after `now` at which something is due (snooze end, due date, SLA mark), or null. */
  nextAt: number | null;
  /** Open, awake tickets breached or due soon (SLA) or past their due date. */
  badge: number;
}

/**
 * The reminder tick (docs/rules.md "Reminders"): the service worker runs it on
 * every start and every alarm, as one command. For each open ticket it wakes
 * the snoozes whose time has passed, writes the SLA marks that have passed
 * (slaTick) and marks a due date that has passed, each once (the marks live
 * on the ticket, so a relaunch finds them and repeats nothing). Closed
 * tickets have no moments: they are not read.
 */
export async function reminderTick(s: Session): Promise<TickResult> {
  const settings = await s.settings();
  const now = s.ctx.now;
  const notices: Notice[] = [];
  let nextAt: number | null = null;
  let badge = 0;
  const later = (at: number | null) => {
    if (at !== null && at > now && (nextAt === null || at < nextAt)) nextAt = at;
  };
  for (const stored of await openTickets(s, settings)) {
    if (stored.deletedAt !== null || stored.closedAt !== null) continue;
    const name = stored.name;
    const snooze = snoozeOf(stored);
    if (snooze?.until != null && snooze.until <= now && wake(s, stored, 'time')) {
      notices.push({ kind: 'snooze.ended', ticketId: stored.id, ticketName: name });
    }
    notices.push(...(await slaTick(s, s.current(stored), now)));
    const dueAt = dueAtOf(stored);
    if (dueAt !== null && dueAt <= now && (stored.dueNotified ?? null) !== dueAt) {
      s.change<Ticket>(s.current(stored), { dueNotified: dueAt });
      notices.push({ kind: 'due', ticketId: stored.id, ticketName: name });
    }
    const ticket = s.current(stored);
    const awake = snoozeOf(ticket);
    later(awake?.until ?? null);
    later(dueAt);
    // One pass of the SLA arithmetic for both (the marks slaTick wrote don't change it).
    const sla = slaOf(ticket, settings, now);
    later(slaNextAt(ticket, settings, now, sla));
    if (awake === null && needsAttention(ticket, sla, now)) badge++;
  }
  return { notices, nextAt, badge };
}

/** Badge: SLA breached or due soon (`sla`: slaOf at `now`), or past its due date. */
export function needsAttention(ticket: Ticket, sla: SlaView, now: number): boolean {
  const due = dueAtOf(ticket);
  if (due !== null && due <= now) return true;
  return sla.state === 'breached' || sla.state === 'soon';
}

/** Tickets in an open stage (the store's status index), else none: the tick then does nothing. */
async function openTickets(s: Session, settings: Settings): Promise<Ticket[]> {
  const groups = await Promise.all(settings.stages.filter((st) => !st.closed).map((st) => s.ticketsByStatus(st.id)));
  return groups.flatMap((g) => g ?? []);
}
