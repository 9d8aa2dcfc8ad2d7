import { createModel, signal } from '@preact/signals';
import type { Client } from '../../core/messages/client';
import { refusalText } from '../shared/i18n';

/** The local preference the service worker reads before it shows a notification (entrypoints/background/reminders.ts). */
export const REMINDERS_PREF = 'reminders';

/** The browser's notifications permission (optional in the manifest), passed in so tests can fake it. */
export interface NotificationPermission {
  /** Must run straight from the click, before any await: the browser prompts only during a user gesture. */
  request(): Promise<boolean>;
  has(): Promise<boolean>;
}

/**
 * Options → Reminders: the switch is on only when the agent turned it on AND
 * the browser allows notifications; turning it on asks for the permission
 * then, and a refusal leaves it off and says so.
 */
export const RemindersModel = createModel((client: Client, permission: NotificationPermission) => {
  const on = signal<boolean | null>(null);
  const denied = signal(false);
  const error = signal<string | null>(null);

  async function load(): Promise<void> {
    const [pref, allowed] = await Promise.all([client.prefs.get<unknown>(REMINDERS_PREF), permission.has().catch(() => false)]);
    on.value = pref.ok && pref.data === true && allowed;
  }

  async function save(value: boolean): Promise<void> {
    const reply = await client.prefs.set(REMINDERS_PREF, value);
    if (!reply.ok) {
      error.value = refusalText(reply.error);
      return;
    }
    on.value = value;
  }

  return {
    on,
    denied,
    error,
    load,
    /** The switch changed. */
    toggle(want: boolean): Promise<void> {
      error.value = null;
      denied.value = false;
      if (!want) return save(false);
      // Asked before any await (see NotificationPermission.request).
      const asked = permission.request().catch(() => false);
      return asked.then((granted) => {
        if (granted) return save(true);
        denied.value = true;
        on.value = false;
        return save(false);
      });
    },
  };
});

export type RemindersModelInstance = InstanceType<typeof RemindersModel>;
