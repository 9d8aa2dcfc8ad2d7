import type { Command, Outcome } from '../../core/domain/commands';
import type { Notice, TickResult } from '../../core/domain/rules';

/**
 * The reminder scheduler, with the browser passed in (entrypoints/background/reminders.ts
 * gives the real APIs, tests fakes). Nothing is kept between calls but the
 * chain that keeps two ticks from running at once: what is due, what was
 * already notified and when to look again are all read from the store by the
 * tick, so a worker stopped at any moment, or a browser closed and reopened,
 * picks up where it was on its next start.
 */

export const REMINDER_ALARM = 'tip-reminders';

export interface ReminderApi {
  /** Runs a command through the store (the worker's own `execute`). */
  execute(cmd: Command): Promise<Outcome>;
  /** `alarms.create(name, { when })`: one alarm, replaced on every schedule. */
  setAlarm(name: string, when: number): Promise<void>;
  clearAlarm(name: string): Promise<void>;
  /** The toolbar badge; 0 clears it. */
  setBadge(count: number): Promise<void>;
  /** Whether the agent turned reminders on and the browser still allows notifications. */
  remindersOn(): Promise<boolean>;
  notify(notice: Notice): Promise<void>;
  /** Tells the pages and sidebars what the tick wrote (a wake, a mark). */
  changed(cmd: Command, outcome: Outcome): void;
}

/** Commands whose success may move a moment (a due date, a snooze, an SLA target) or the badge's count. */
const QUIET: ReadonlySet<Command['type']> = new Set(['snippet.save', 'snippet.delete', 'agent.save', 'agent.delete', 'contact.dismiss', 'note.add', 'note.edit', 'note.delete', 'reminders.tick']);

export interface Reminders {
  /** Runs the tick now (after any tick already running) and schedules the next alarm from its answer. */
  tick(): Promise<TickResult | null>;
  /** After a command the router ran: notifies a wake it caused and, if it wrote anything, runs the tick again. */
  after(cmd: Command, outcome: Outcome): void;
}

/**
 * The tick reads every open ticket (docs/rules.md "Reminders"): over 5,000 open tickets it takes
 * a few hundred milliseconds of the worker, in a transaction other writes wait for. After a
 * command it runs at once when the last one started at least this long ago; within that time
 * the alarm is moved up to the end of the gap instead, so a burst of clicks costs one tick and
 * one alarm (which survives the worker being stopped), never a tick per click.
 */
export const AFTER_CHANGE_GAP_MS = 30_000;

export function createReminders(api: ReminderApi, { gapMs = AFTER_CHANGE_GAP_MS, now = () => Date.now() }: { gapMs?: number; now?: () => number } = {}): Reminders {
  let last: Promise<TickResult | null> = Promise.resolve(null);
  // Kept in memory only to save work: a new worker starts with a tick of its own.
  let lastStarted = -Infinity;
  let alarmAt: number | null = null;
  // A tick asked for before the one waiting has started is that one: the state it reads is read when it starts.
  let waiting: Promise<TickResult | null> | null = null;

  const once = async (): Promise<TickResult | null> => {
    lastStarted = now();
    const cmd: Command = { type: 'reminders.tick' };
    const outcome = await api.execute(cmd);
    if (!outcome.ok) return null;
    const result = outcome.value.result as TickResult;
    if (outcome.value.writes.length > 0 || outcome.value.activity.length > 0) api.changed(cmd, outcome);
    // Each effect on its own: a badge the browser refuses must not cost the alarm or the notifications.
    alarmAt = result.nextAt;
    await settle(result.nextAt === null ? api.clearAlarm(REMINDER_ALARM) : api.setAlarm(REMINDER_ALARM, result.nextAt));
    await settle(api.setBadge(result.badge));
    await notifyAll(api, result.notices);
    return result;
  };

  const tick = (): Promise<TickResult | null> => {
    if (waiting) return waiting;
    const next = last
      .catch(() => null)
      .then(() => {
        waiting = null;
        return once();
      });
    waiting = next;
    last = next;
    return next;
  };

  return {
    tick,
    after(cmd, outcome) {
      if (!outcome.ok || QUIET.has(cmd.type)) return;
      const { writes, activity } = outcome.value;
      if (writes.length === 0 && activity.length === 0) return;
      // A customer's message woke a snoozed ticket: say so like a snooze that ended on time.
      const woke = activity.filter((a) => a.kind === 'ticket.woke' && a.text === 'message');
      if (woke.length > 0) {
        const names = new Map(writes.flatMap((w) => (w.op === 'put' && w.record.id.startsWith('ticket:') ? [[w.record.id, (w.record as { name: string }).name]] : [])));
        void notifyAll(
          api,
          woke.map((a) => ({ kind: 'snooze.ended', ticketId: a.ticketId, ticketName: names.get(a.ticketId) ?? '' })),
        );
      }
      const due = lastStarted + gapMs;
      if (now() >= due) {
        void tick();
        return;
      }
      // A tick ran moments ago: the alarm fires at the end of the gap, unless it fires sooner anyway.
      if (alarmAt === null || alarmAt > due) {
        alarmAt = due;
        void settle(api.setAlarm(REMINDER_ALARM, due));
      }
    },
  };
}

const settle = (effect: Promise<void>) => effect.catch(() => undefined);

async function notifyAll(api: ReminderApi, notices: Notice[]): Promise<void> {
  if (notices.length === 0) return;
  let on = false;
  try {
    on = await api.remindersOn();
  } catch {
    on = false;
  }
  if (!on) return;
  // One failing notification (the permission revoked meanwhile) must not stop the others.
  await Promise.all(notices.map((n) => api.notify(n).catch(() => undefined)));
}
