import { dueAtOf, snoozeOf, type Ticket } from '../types';
import { liveTicket } from './lookups';
import { refuse, type Session } from './session';

/**
 * Due dates and snooze (docs/rules.md "Follow-up in time"). Pure: the time is
 * the command's `ctx.now`, never the clock on the wall.
 */

/** The earliest due date or snooze end accepted: older is a typo, not a plan. */
export const MIN_MOMENT = Date.UTC(2000, 0, 1);
/** How far ahead a due date or snooze may be. */
export const MAX_AHEAD_MS = 10 * 366 * 24 * 60 * 60 * 1000;

/** Why a ticket woke from its snooze (`ticket.woke` text). */
export type WakeReason = 'time' | 'message' | 'agent';

/** Whether the ticket is snoozed (hidden from the open lists). */
export const isSnoozed = (ticket: Pick<Ticket, 'snooze'>): boolean => snoozeOf(ticket) !== null;

/** A due date as stored: whole ms in range, or null; anything else refused (nothing saved). */
export function dueValue(value: unknown, now: number): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < MIN_MOMENT || value > now + MAX_AHEAD_MS) {
    refuse('invalid', 'timeDueInvalid');
  }
  return Math.round(value);
}

/** `ticket.update { field: 'due' }`: logged as a `ticket.property` entry, ms → ms. */
export function setDue(s: Session, ticket: Ticket, value: unknown): Ticket {
  const to = dueValue(value, s.ctx.now);
  const from = dueAtOf(ticket);
  if (from === to) return ticket;
  if (s.change<Ticket>(ticket, { dueAt: to })) s.log(ticket, 'ticket.property', { field: 'due', from, to });
  return s.current(ticket);
}

/** `ticket.snooze`: until a time, until the customer writes, or whichever comes first. */
export async function snoozeTicket(s: Session, ticketId: string, until: unknown, untilReply: unknown): Promise<Ticket> {
  const ticket = await liveTicket(s, ticketId);
  if (ticket.closedAt !== null) refuse('conflict', 'timeSnoozeClosed');
  const reply = untilReply === true;
  if (until === null || until === undefined) {
    if (!reply) refuse('invalid', 'timeSnoozeEmpty');
  } else if (typeof until !== 'number' || !Number.isFinite(until)) {
    refuse('invalid', 'timeSnoozeEmpty');
  } else if (until <= s.ctx.now) {
    refuse('invalid', 'timeSnoozePast');
  } else if (until > s.ctx.now + MAX_AHEAD_MS) {
    refuse('invalid', 'timeSnoozeInvalid');
  }
  const at = typeof until === 'number' ? Math.round(until) : null;
  s.change<Ticket>(ticket, { snooze: { until: at, untilReply: reply } });
  s.log(ticket, 'ticket.snoozed', { to: at, ...(reply ? { text: 'reply' } : {}) });
  return s.current(ticket);
}

/** `ticket.unsnooze`: the agent wakes it. Not snoozed: nothing happens. */
export async function unsnoozeTicket(s: Session, ticketId: string): Promise<Ticket> {
  const ticket = await liveTicket(s, ticketId);
  wake(s, ticket, 'agent');
  return s.current(ticket);
}

/** Ends the ticket's snooze and says why; returns whether it was snoozed. */
export function wake(s: Session, ticket: Ticket, reason: WakeReason): boolean {
  const current = s.current(ticket);
  if (!isSnoozed(current)) return false;
  s.change<Ticket>(current, { snooze: null });
  s.log(current, 'ticket.woke', { text: reason });
  return true;
}
