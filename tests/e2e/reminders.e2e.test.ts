import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, WebWorker } from 'puppeteer';
import { useDemoInbox } from './demo-inbox';
import { openDashboard, recordOf, rowIds, waitForRows } from './dashboard-helpers';
import { launchBrowser, screenshotOnFailure, waitFor, waitForAttr, waitForNoTestId, waitForTestId, type Launched } from './harness';
import { openOptions } from './options-helpers';
import { openConversation, openMenuItem, sendFromExtensionPage } from './sidebar-helpers';
import { ARTIFACTS_DIR } from './paths';

/**
 * Reminders in real Chromium (docs/rules.md "Reminders"): the service worker
 * schedules from what is stored, so an SLA breach, its notification and the
 * toolbar badge survive the worker being stopped and the browser relaunched;
 * snooze hides a ticket from the dashboard's open list until it wakes.
 * Real time passes here (a 1-minute SLA target); no duration is asserted.
 */

const SHOTS = join(ARTIFACTS_DIR, 'screens', 'time');
mkdirSync(SHOTS, { recursive: true });
const demo = useDemoInbox();

const REMINDER_ALARM = 'tip-reminders';
type Chrome = {
  chrome: {
    alarms: { getAll(): Promise<{ name: string; scheduledTime: number }[]> };
    action: { getBadgeText(details: object): Promise<string> };
    notifications: { getAll(): Promise<Record<string, boolean>> };
  };
};

const badgeOf = (w: WebWorker) => w.evaluate(() => (globalThis as unknown as Chrome).chrome.action.getBadgeText({}));
const notificationsOf = async (w: WebWorker) => Object.keys(await w.evaluate(() => (globalThis as unknown as Chrome).chrome.notifications.getAll()));
const alarmsOf = (w: WebWorker) => w.evaluate(() => (globalThis as unknown as Chrome).chrome.alarms.getAll());

/** 24/7 business hours and a 1-minute first-response target for medium tickets (the default priority). */
const ONE_MINUTE_SLA = {
  kind: 'tip.command',
  command: {
    type: 'settings.update',
    sla: {
      policies: { medium: { firstResponse: 1, resolution: 600 } },
      hours: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]),
      timeZone: 'UTC',
      holidays: [],
      pauseStages: [],
    },
  },
};

/** The stored ticket's time fields, through the record query. */
async function timeOf(l: Launched, ticketId: string): Promise<{ dueAt?: number | null; snooze?: unknown }> {
  return (await recordOf(l, ticketId)).ticket as unknown as { dueAt?: number | null; snooze?: unknown };
}

let launched: Launched | undefined;
let profile: string | undefined;
beforeEach(() => screenshotOnFailure(() => launched?.browser));
afterEach(async () => {
  await launched?.close();
  launched = undefined;
  if (profile) rmSync(profile, { recursive: true, force: true });
  profile = undefined;
});

/** Options → Reminders, switched on by a click (the e2e build has the permission already: no prompt). */
async function turnRemindersOn(l: Launched): Promise<void> {
  const options = await openOptions(l, 'reminders');
  const toggle = await waitForTestId(options, 'tip-reminders-toggle', { visible: true });
  await waitFor(() => toggle.evaluate((e) => (e as HTMLInputElement).disabled), (d) => !d, 'the switch loaded');
  await toggle.click();
  await waitFor(() => toggle.evaluate((e) => (e as HTMLInputElement).checked), (c) => c, 'the switch on');
  await options.screenshot({ path: `${SHOTS}/options-reminders.png`, fullPage: true });
  await options.close();
}

describe('reminders survive the worker and the browser', () => {
  it('a 1-minute SLA turns due-soon then breached on the card, notifies, counts on the badge, and comes back after a stop and a relaunch', async () => {
    profile = mkdtempSync(join(tmpdir(), 'tip-e2e-reminders-'));
    launched = await launchBrowser({ userDataDir: profile });
    expect(await sendFromExtensionPage(launched, ONE_MINUTE_SLA)).toMatchObject({ ok: true });
    await turnRemindersOn(launched);

    const page = await openConversation(launched.browser, demo.url, 'em-1042-refund');
    await (await waitForTestId(page, 'tip-create-ticket', { visible: true })).click();
    await (await waitForTestId(page, 'tip-create-submit', { visible: true })).click();
    const ticketId = (await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', (v) => !!v && v.startsWith('ticket:')))!;
    expect(await waitForAttr(page, 'tip-sla', 'data-state', 'ok')).toBe('ok');
    // 75 % of the minute: the worker's alarm fires, the card says due soon and a notification is up.
    expect(await waitForAttr(page, 'tip-sla', 'data-state', 'due-soon', 90_000)).toBe('due-soon');
    let worker = await launched.worker();
    await waitFor(() => notificationsOf(worker), (ids) => ids.some((id) => id.startsWith(`tip-reminder:${ticketId}|sla.soon`)), 'the due-soon notification', 30_000);
    await page.screenshot({ path: `${SHOTS}/sla-soon-card.png` });

    // Stop the worker before the breach: the alarm wakes a new one, which notifies from what is stored.
    await worker.close();
    expect(await waitForAttr(page, 'tip-sla', 'data-state', 'breached', 90_000)).toBe('breached');
    worker = await launched.worker();
    await waitFor(() => notificationsOf(worker), (ids) => ids.some((id) => id.startsWith(`tip-reminder:${ticketId}|sla.breached`)), 'the breach notification', 30_000);
    await waitFor(() => badgeOf(worker), (text) => text === '1', 'the badge count');
    await page.screenshot({ path: `${SHOTS}/sla-breached-card.png` });
    const breaches = async () => (await recordOf(launched!, ticketId)).activity.filter((a: { kind: string }) => a.kind === 'ticket.sla').length;
    expect(await breaches()).toBe(1);

    // The breached first response has no later moment; a due date tomorrow is the next one: the alarm is set for it.
    const dueAt = Date.now() + 24 * 60 * 60 * 1000;
    expect(await sendFromExtensionPage(launched, { kind: 'tip.command', command: { type: 'ticket.update', ticketId, field: 'due', value: dueAt } })).toMatchObject({ ok: true });
    // A tick ran moments ago (the breach), so the change moves the alarm to the end of the scheduler's
    // gap first; the tick that alarm runs sets it at the due date.
    await waitFor(() => alarmsOf(worker), (alarms) => alarms.some((a) => a.name === REMINDER_ALARM && a.scheduledTime === dueAt), 'the reminder alarm at the due date', 45_000);

    // The browser closes and opens again on the same profile: the start's tick sets the badge and the alarm again.
    await launched.close({ keepProfile: true });
    launched = await launchBrowser({ userDataDir: profile });
    worker = await launched.worker();
    await waitFor(() => badgeOf(worker), (text) => text === '1', 'the badge after a relaunch');
    await waitFor(() => alarmsOf(worker), (alarms) => alarms.some((a) => a.name === REMINDER_ALARM && a.scheduledTime === dueAt), 'the reminder alarm after a relaunch');
    // Nothing is written or notified twice: the breach mark is on the ticket.
    expect(await breaches()).toBe(1);
    const again = await openConversation(launched.browser, demo.url, 'em-1042-refund');
    expect(await waitForAttr(again, 'tip-sla', 'data-state', 'breached')).toBe('breached');
  }, 300_000);
});

describe('snooze', () => {
  it('the card menu snoozes until the customer writes: hidden from the open list, shown under Snoozed, woken by a new message', async () => {
    launched = await launchBrowser();
    const page = await openConversation(launched.browser, demo.url, 'em-1042-refund');
    await (await waitForTestId(page, 'tip-create-ticket', { visible: true })).click();
    await (await waitForTestId(page, 'tip-create-submit', { visible: true })).click();
    const ticketId = (await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', (v) => !!v && v.startsWith('ticket:')))!;

    // A snooze with neither a time nor "until the customer writes" is refused, and nothing changes.
    await openMenuItem(page, 'tip-menu-snooze');
    await waitForTestId(page, 'tip-snooze-until', { visible: true });
    await page.screenshot({ path: `${SHOTS}/snooze-form.png` });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await page.screenshot({ path: `${SHOTS}/snooze-form-dark.png` });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await (await waitForTestId(page, 'tip-snooze-submit', { visible: true })).click();
    await waitForTestId(page, 'tip-error', { visible: true });
    expect((await timeOf(launched, ticketId)).snooze ?? null).toBeNull();

    await (await waitForTestId(page, 'tip-snooze-reply', { visible: true })).click();
    await (await waitForTestId(page, 'tip-snooze-submit', { visible: true })).click();
    const banner = await waitForTestId(page, 'tip-snoozed', { visible: true });
    expect(await banner.evaluate((e) => e.textContent)).toContain('until the customer writes');
    await waitForNoTestId(page, 'tip-error');
    await page.screenshot({ path: `${SHOTS}/snoozed-banner.png` });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await page.screenshot({ path: `${SHOTS}/snoozed-banner-dark.png` });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);

    const dashboard = await openDashboard(launched);
    await waitFor(() => rowIds(dashboard), (ids) => !ids.includes(ticketId), 'the snoozed ticket out of the open list');
    await dashboard.select('[data-testid="tip-filter-snoozed"]', 'only');
    await waitForRows(dashboard, (ids) => ids.length === 1 && ids[0] === ticketId);
    await dashboard.screenshot({ path: `${SHOTS}/dashboard-snoozed.png` });

    // The customer writes again (the demo has no backend: the message is added as the page would render it).
    await page.bringToFront();
    await page.evaluate(() => {
      const li = document.createElement('li');
      li.setAttribute('data-demo-message', '');
      li.setAttribute('data-demo-message-id', 'm9');
      li.setAttribute('data-direction', 'in');
      const body = document.createElement('div');
      body.setAttribute('data-demo-message-body', '');
      body.textContent = 'Any news?';
      li.append(body);
      document.querySelector('[data-demo-messages]')!.append(li);
    });
    await waitForNoTestId(page, 'tip-snoozed', 15_000);
    const record = await recordOf(launched, ticketId);
    expect((record.activity as { kind: string; text?: string }[]).filter((a) => a.kind === 'ticket.woke')).toMatchObject([{ text: 'message' }]);
    await dashboard.bringToFront();
    await waitForRows(dashboard, (ids) => ids.length === 0);
    await dashboard.select('[data-testid="tip-filter-snoozed"]', '');
    await waitForRows(dashboard, (ids) => ids.includes(ticketId));
  }, 120_000);

  it('the due date is edited inline on the card (datetime-local) and shows on the dashboard', async () => {
    launched = await launchBrowser();
    const page: Page = await openConversation(launched.browser, demo.url, 'em-1042-refund');
    await (await waitForTestId(page, 'tip-create-ticket', { visible: true })).click();
    await (await waitForTestId(page, 'tip-create-submit', { visible: true })).click();
    const ticketId = (await waitForAttr(page, 'tip-ticket-card', 'data-ticket-id', (v) => !!v && v.startsWith('ticket:')))!;
    await (await waitForTestId(page, 'tip-prop-due', { visible: true })).click();
    const input = await waitForTestId(page, 'tip-prop-input-due', { visible: true });
    // A date before 2000 is refused: a visible error, nothing saved.
    await input.evaluate((e) => {
      const el = e as HTMLInputElement;
      el.value = '1999-12-31T10:00';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await input.press('Enter');
    await waitForTestId(page, 'tip-error', { visible: true });
    expect((await timeOf(launched, ticketId)).dueAt ?? null).toBeNull();

    await (await waitForTestId(page, 'tip-prop-due', { visible: true })).click();
    const again = await waitForTestId(page, 'tip-prop-input-due', { visible: true });
    await again.evaluate((e) => {
      const el = e as HTMLInputElement;
      el.value = '2031-05-06T09:30';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await again.press('Enter');
    const value = await waitForAttr(page, 'tip-prop-due', 'data-value', '2031-05-06T09:30');
    expect(value).toBe('2031-05-06T09:30');
    await page.screenshot({ path: `${SHOTS}/due-property.png` });
    const stored = (await timeOf(launched, ticketId)).dueAt as number;
    expect(await page.evaluate((ms) => new Date(ms).toString(), stored)).toContain('09:30');

    const dashboard = await openDashboard(launched);
    await waitForRows(dashboard, (ids) => ids.includes(ticketId));
    const due = await waitForTestId(dashboard, 'tip-row-due', { visible: true });
    expect(await due.evaluate((e) => e.getAttribute('data-overdue'))).toBe('false');
    await dashboard.screenshot({ path: `${SHOTS}/dashboard-due.png` });
  }, 90_000);
});
