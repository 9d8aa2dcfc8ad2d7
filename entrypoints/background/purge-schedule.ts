import { browser } from '#imports';

/**
 * The 30-day purge on an alarm: a browser left open for weeks never fires
 * onStartup, and trashed tickets must still go when their retention ends.
 */

export const PURGE_ALARM = 'tip.purge-trash';
/** Twice a day: a trashed ticket outlives its retention by at most half a day. */
export const PURGE_PERIOD_MINUTES = 12 * 60;

/**
 * Listens for the alarm (synchronously: the browser may wake the worker just
 * for it) and creates the alarm if it is missing. The worker restarts often
 * and `alarms.create` replaces an alarm of the same name, which would push
 * the next purge back on every restart: hence `get` first.
 */
export function schedulePurge(purge: () => void): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PURGE_ALARM) purge();
  });
  void ensurePurgeAlarm();
}

async function ensurePurgeAlarm(): Promise<void> {
  try {
    if (await browser.alarms.get(PURGE_ALARM)) return;
    await browser.alarms.create(PURGE_ALARM, { delayInMinutes: PURGE_PERIOD_MINUTES, periodInMinutes: PURGE_PERIOD_MINUTES });
  } catch {
    // Without the alarm the purge still runs at every browser start (onStartup).
  }
}
