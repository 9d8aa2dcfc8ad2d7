import { policyOf, SLA_BREACHED, SLA_RESPONDED, SLA_TARGETS, targetClock, ticketSlaOf, type SlaTarget, type TicketSla } from '../sla';
import { mergedIntoOf, type Ticket } from '../types';
import { liveTicket } from './lookups';
import { refuse, type Session } from './session';

/** What the service worker tells the agent about (a browser notification each). */
export type Notice = { kind: 'sla.soon' | 'sla.breached' | 'snooze.ended' | 'due'; ticketId: string; ticketName: string; target?: SlaTarget };

export { SLA_BREACHED, SLA_RESPONDED };

/** A new ticket's SLA record: its first status, from now. */
export function newTicketSla(status: string, at: number): TicketSla {
  return { statusLog: [{ status, at }], firstResponseAt: null, firstResponseBy: null, marks: {} };
}

/**
 * The ticket's SLA record with `status` appended to its log (written in the
 * same change as the status: the log is how pauses and closed time are
 * measured later, under whatever settings apply then).
 */
export function withStatus(ticket: Ticket, status: string, at: number): TicketSla {
  const record = ticketSlaOf(ticket);
  return { ...record, statusLog: [...record.statusLog, { status, at }] };
}

/**
 * Writes, once each, the 75 % mark and the breach (the breach also as a
 * `ticket.sla` activity entry, `field` = the target, `to` = when it fell)
 * for the warnings and breaches that have passed at `now`; returns what to
 * notify. A warning that passed together with its breach (the browser was
 * closed meanwhile) is marked but only the breach is notified.
 */
export async function slaTick(s: Session, ticket: Ticket, now: number): Promise<Notice[]> {
  const current = s.current(ticket);
  if (current.deletedAt !== null || mergedIntoOf(current) !== null) return [];
  const settings = await s.settings();
  if (!policyOf(current, settings)) return [];
  const record = ticketSlaOf(current);
  const marks: TicketSla['marks'] = { ...record.marks };
  const notices: Notice[] = [];
  const notice = (kind: Notice['kind'], target: SlaTarget): Notice => ({ kind, ticketId: current.id, ticketName: current.name, target });
  for (const target of SLA_TARGETS) {
    const clock = targetClock(current, settings, target, now);
    if (!clock) continue;
    const mark = { ...marks[target] };
    const breached = clock.dueAt !== null && clock.dueAt <= now;
    const warned = clock.warnAt !== null && clock.warnAt <= now;
    if (warned && mark.soon === undefined) {
      mark.soon = clock.warnAt!;
      if (!breached) notices.push(notice('sla.soon', target));
    }
    if (breached && mark.breached === undefined) {
      mark.breached = clock.dueAt!;
      notices.push(notice('sla.breached', target));
      s.log(current, 'ticket.sla', { field: target, text: SLA_BREACHED, to: clock.dueAt! });
    }
    if (mark.soon !== undefined || mark.breached !== undefined) marks[target] = mark;
  }
  if (notices.length > 0 || JSON.stringify(marks) !== JSON.stringify(record.marks)) {
    s.change<Ticket>(s.current(current), { sla: { ...record, marks } });
  }
  return notices;
}

/**
 * The adapter saw the agent's reply on a conversation of the ticket: the
 * first one is the first response (`by: 'page'`). Later replies change nothing.
 */
export function recordFirstResponse(s: Session, ticket: Ticket, by: 'page' | 'agent'): boolean {
  const current = s.current(ticket);
  const record = ticketSlaOf(current);
  if (record.firstResponseAt !== null) return false;
  s.change<Ticket>(current, { sla: { ...record, firstResponseAt: s.ctx.now, firstResponseBy: by } });
  s.log(current, 'ticket.sla', { field: 'firstResponse', text: SLA_RESPONDED, to: by });
  return true;
}

/** `ticket.markResponded`: where the site can't tell, the agent says the first response was sent. */
export async function markResponded(s: Session, ticketId: string): Promise<Ticket> {
  const ticket = await liveTicket(s, ticketId);
  if (!recordFirstResponse(s, ticket, 'agent')) refuse('conflict', 'slaAlreadyResponded');
  return s.current(ticket);
}
