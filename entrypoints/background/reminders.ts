import { browser } from '#imports';
import type { Command, Outcome } from '../../core/domain/commands';
import type { Notice } from '../../core/domain/rules';
import { createReminders, REMINDER_ALARM, type Reminders } from './reminder-scheduler';

/**
 * Reminders in the service worker: the alarm, the toolbar badge and the
 * notifications (docs/rules.md "Reminders"). Listeners are registered at
 * once (the browser may wake the worker just for the alarm or a click).
 */

/** The local preference the options' Reminders switch writes. */
export const REMINDERS_PREF = 'reminders';
const NOTIFICATION_PREFIX = 'tip-reminder:';

export interface ReminderWiring {
  execute(cmd: Command): Promise<Outcome>;
  /** Reads a local preference (the store's prefs). */
  pref(key: string): Promise<unknown>;
  changed(cmd: Command, outcome: Outcome): void;
  openTicket(ticketId: string): Promise<void>;
}

export function startReminders(wiring: ReminderWiring): Reminders {
  const reminders = createReminders({
    execute: wiring.execute,
    setAlarm: async (name, when) => void (await browser.alarms.create(name, { when })),
    clearAlarm: async (name) => void (await browser.alarms.clear(name)),
    setBadge,
    remindersOn: async () => (await wiring.pref(REMINDERS_PREF)) === true && (await browser.permissions.contains({ permissions: ['notifications'] })),
    notify,
    changed: wiring.changed,
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMINDER_ALARM) void reminders.tick();
  });
  listenForClicks(wiring);
  // The permission may come later (the options' switch): listen from then on.
  browser.permissions.onAdded.addListener(() => listenForClicks(wiring));
  return reminders;
}

let listening = false;

/** A click on a reminder opens the ticket's record. `notifications` exists only once the optional permission is granted. */
function listenForClicks(wiring: ReminderWiring): void {
  const api = (browser as Partial<typeof browser>).notifications;
  if (listening || !api) return;
  listening = true;
  api.onClicked.addListener((id) => {
    if (!id.startsWith(NOTIFICATION_PREFIX)) return;
    const ticketId = id.slice(NOTIFICATION_PREFIX.length).split('|')[0] ?? '';
    void api.clear(id);
    if (ticketId.startsWith('ticket:')) void wiring.openTicket(ticketId);
  });
}

/** Chrome MV3 has `action`, Firefox MV2 `browserAction`. */
async function setBadge(count: number): Promise<void> {
  const b = browser as Partial<typeof browser> & { browserAction?: typeof browser.action };
  const action = b.action ?? b.browserAction;
  if (!action) return;
  await action.setBadgeText({ text: count > 0 ? String(count) : '' });
  if (count > 0) await action.setBadgeBackgroundColor({ color: '#b42318' });
}

/** The ticket's name and what happened, in the agent's language: nothing else of the customer. */
async function notify(notice: Notice): Promise<void> {
  const api = (browser as Partial<typeof browser>).notifications;
  if (!api) return;
  await api.create(`${NOTIFICATION_PREFIX}${notice.ticketId}|${notice.kind}|${notice.target ?? ''}`, {
    type: 'basic',
    // The extension's own icon (drawn at build time from assets/icon.svg).
    iconUrl: browser.runtime.getURL('/icons/128.png'),
    title: notice.ticketName || browser.i18n.getMessage('timeNoticeSnoozeEnded'),
    message: noticeText(notice),
  });
}

function noticeText(notice: Notice): string {
  const msg = (key: string) => browser.i18n.getMessage(key as Parameters<typeof browser.i18n.getMessage>[0]);
  const target = notice.target === 'firstResponse' ? msg('timeNoticeFirstResponse') : notice.target === 'resolution' ? msg('timeNoticeResolution') : '';
  const what = {
    'sla.soon': msg('timeNoticeSlaSoon'),
    'sla.breached': msg('timeNoticeSlaBreached'),
    'snooze.ended': msg('timeNoticeSnoozeEnded'),
    due: msg('timeNoticeDue'),
  }[notice.kind];
  return target ? `${what} (${target})` : what;
}
