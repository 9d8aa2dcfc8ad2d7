import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Command } from '../../../core/domain/commands';
import { applyCommand, type Notice, type TicketAndConversation } from '../../../core/domain/rules';
import { defaultSla } from '../../../core/domain/sla';
import { openHelpDesk, type HelpDeskStore } from '../../../core/store';
import { createReminders, REMINDER_ALARM, type ReminderApi } from '../../../entrypoints/background/reminder-scheduler';
import { command, EXT_ID, inMemoryBackground, ORIGIN, senders, snapshot } from './harness';

const HOUR = 60 * 60 * 1000;
const T0 = Date.UTC(2030, 2, 4, 9, 0);

/** A worker's life: the real store and rules over one IndexedDB (kept across "relaunches"), fake alarms, badge and notifications. */
function world() {
  const factory = new IDBFactory();
  let now = T0;
  const alarms = new Map<string, number>();
  const badge: number[] = [];
  const shown: Notice[] = [];
  let remindersOn = true;
  let store: Promise<HelpDeskStore> | undefined;
  const execute = async (cmd: Command) => (await (store ??= openHelpDesk(factory, { keyRange: IDBKeyRange, now: () => now }))).execute(cmd, (r, ctx) => applyCommand(r, cmd, ctx));
  const api: ReminderApi = {
    execute,
    setAlarm: async (name, when) => void alarms.set(name, when),
    clearAlarm: async (name) => void alarms.delete(name),
    setBadge: async (n) => void badge.push(n),
    remindersOn: async () => remindersOn,
    notify: async (n) => void shown.push(n),
    changed: () => undefined,
  };
  return {
    api,
    execute,
    alarms,
    badge,
    shown,
    setNow: (ms: number) => (now = ms),
    setReminders: (on: boolean) => (remindersOn = on),
    /** The browser closed and reopened: a new worker, a new connection, the same database and alarms. */
    relaunch: () => {
      void store?.then((s) => s.close());
      store = undefined;
      return createReminders(api);
    },
  };
}

async function newTicket(w: ReturnType<typeof world>): Promise<string> {
  // No SLA policies: the due dates and snoozes alone set the moments here.
  await w.execute({ type: 'settings.update', sla: { ...defaultSla('UTC'), policies: {} } });
  const outcome = await w.execute({ type: 'ticket.create', conversation: snapshot('a'), fields: { name: 'Refund' } });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return (outcome.value.result as TicketAndConversation).ticket.id;
}

describe('the reminder scheduler (fake alarms API)', () => {
  it('sets one alarm at the earliest moment, notifies once when it passes, and a relaunch repeats nothing', async () => {
    const w = world();
    const reminders = createReminders(w.api);
    const id = await newTicket(w);
    const snooze = await w.execute({ type: 'ticket.snooze', ticketId: id, until: T0 + HOUR, untilReply: false });
    reminders.after({ type: 'ticket.snooze', ticketId: id, until: T0 + HOUR, untilReply: false }, snooze);
    await reminders.tick();
    expect(w.alarms.get(REMINDER_ALARM)).toBe(T0 + HOUR);

    w.setNow(T0 + HOUR);
    await reminders.tick(); // the alarm fired
    expect(w.shown).toEqual([{ kind: 'snooze.ended', ticketId: id, ticketName: 'Refund' }]);
    expect(w.alarms.has(REMINDER_ALARM)).toBe(false);

    w.setNow(T0 + 2 * HOUR);
    await w.relaunch().tick();
    expect(w.shown).toHaveLength(1);
  });

  it('keeps the badge to the count and clears it at 0, with reminders off too (no notification then)', async () => {
    const w = world();
    w.setReminders(false);
    const reminders = createReminders(w.api);
    const id = await newTicket(w);
    await w.execute({ type: 'ticket.update', ticketId: id, field: 'due', value: T0 + HOUR });
    w.setNow(T0 + HOUR);
    await reminders.tick();
    expect(w.badge.at(-1)).toBe(1);
    expect(w.shown).toEqual([]);
    const cleared = await w.execute({ type: 'ticket.update', ticketId: id, field: 'due', value: null });
    reminders.after({ type: 'ticket.update', ticketId: id, field: 'due', value: null }, cleared);
    await reminders.tick();
    expect(w.badge.at(-1)).toBe(0);
  });

  it('says so when a customer message wakes a snoozed ticket', async () => {
    const w = world();
    const reminders = createReminders(w.api);
    await w.execute({ type: 'settings.update', sla: { ...defaultSla('UTC'), policies: {} } });
    const conversation = snapshot('a', { lastMessage: { id: 'm1', count: 1, fromContact: true } });
    const created = await w.execute({ type: 'ticket.create', conversation, fields: { name: 'Refund' } });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value.result as TicketAndConversation).ticket.id;
    await w.execute({ type: 'ticket.snooze', ticketId: id, until: null, untilReply: true });
    const observe: Command = { type: 'conversation.observe', conversation: { ...conversation, lastMessage: { id: 'm2', count: 2, fromContact: true } } };
    reminders.after(observe, await w.execute(observe));
    await reminders.tick();
    expect(w.shown).toEqual([{ kind: 'snooze.ended', ticketId: id, ticketName: 'Refund' }]);
  });

  it('runs ticks one after another: those asked for before one starts are that one', async () => {
    const w = world();
    let runs = 0;
    const reminders = createReminders({ ...w.api, execute: (cmd) => (runs++, w.execute(cmd)) });
    const first = reminders.tick();
    expect(reminders.tick()).toBe(first);
    await vi.waitFor(() => expect(runs).toBe(1));
    const second = reminders.tick();
    const third = reminders.tick();
    await Promise.all([first, second, third]);
    expect(second).toBe(third);
    expect(runs).toBe(2);
  });
});

describe('a burst of changes', () => {
  it('costs one tick: within the gap after a tick, a change moves the alarm to the end of the gap instead of ticking again', async () => {
    const w = world();
    let runs = 0;
    let clock = T0;
    const reminders = createReminders({ ...w.api, execute: (cmd) => (cmd.type === 'reminders.tick' && runs++, w.execute(cmd)) }, { gapMs: 30_000, now: () => clock });
    const id = await newTicket(w);
    const change = async (due: number) => {
      const cmd: Command = { type: 'ticket.update', ticketId: id, field: 'due', value: due };
      reminders.after(cmd, await w.execute(cmd));
    };
    await change(T0 + 2 * HOUR);
    await vi.waitFor(() => expect(w.alarms.get(REMINDER_ALARM)).toBe(T0 + 2 * HOUR));
    expect(runs).toBe(1);
    // Ten more changes within the gap: no tick, the alarm moved up to the gap's end (the due date moved sooner).
    for (let i = 1; i <= 10; i++) {
      clock = T0 + i * 1000;
      await change(T0 + HOUR);
    }
    expect(runs).toBe(1);
    expect(w.alarms.get(REMINDER_ALARM)).toBe(T0 + 30_000);
    // The alarm fires: one tick sees every change.
    clock = T0 + 30_000;
    await reminders.tick();
    expect(runs).toBe(2);
    expect(w.alarms.get(REMINDER_ALARM)).toBe(T0 + HOUR);
    // After the gap, a change ticks at once again.
    clock = T0 + 61_000;
    await change(T0 + 3 * HOUR);
    await vi.waitFor(() => expect(runs).toBe(3));
    await vi.waitFor(() => expect(w.alarms.get(REMINDER_ALARM)).toBe(T0 + 3 * HOUR));
  });

  it('leaves an alarm that fires within the gap where it is', async () => {
    const w = world();
    let clock = T0;
    const reminders = createReminders(w.api, { gapMs: 30_000, now: () => clock });
    const id = await newTicket(w);
    const soon = { type: 'ticket.snooze', ticketId: id, until: T0 + 10_000, untilReply: false } as const;
    reminders.after(soon, await w.execute(soon));
    await vi.waitFor(() => expect(w.alarms.get(REMINDER_ALARM)).toBe(T0 + 10_000));
    clock = T0 + 2000;
    const due = { type: 'ticket.update', ticketId: id, field: 'due', value: T0 + HOUR } as const;
    reminders.after(due, await w.execute(due));
    expect(w.alarms.get(REMINDER_ALARM)).toBe(T0 + 10_000);
  });
});

describe('the tick is the worker’s own', () => {
  it('no extension page or content script can send reminders.tick: it is no message at all', async () => {
    const bg = inMemoryBackground();
    const { page, content } = senders(EXT_ID, ORIGIN);
    for (const sender of [page, content]) {
      expect(await bg.send(command({ type: 'reminders.tick' }), sender)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
  });
});
