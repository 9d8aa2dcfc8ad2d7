import { RemindersModel, REMINDERS_PREF } from '../../../components/models/reminders-model';
import type { Client } from '../../../core/messages/client';

/** A client whose preferences live in a Map, and a permission the test grants or refuses. */
function setup(granted: boolean, has = false) {
  const prefs = new Map<string, unknown>();
  const client = {
    prefs: {
      get: async (key: string) => ({ ok: true, data: prefs.get(key) ?? null }),
      set: async (key: string, value: unknown) => (prefs.set(key, value), { ok: true, data: null }),
    },
  } as unknown as Client;
  const request = vi.fn(async () => granted);
  const model = new RemindersModel(client, { request, has: async () => has });
  return { model, prefs, request };
}

describe('Options → Reminders', () => {
  it('asks for the permission when turned on, and stores the preference once it is granted', async () => {
    const { model, prefs, request } = setup(true);
    await model.load();
    expect(model.on.value).toBe(false);
    await model.toggle(true);
    expect(request).toHaveBeenCalledTimes(1);
    expect(prefs.get(REMINDERS_PREF)).toBe(true);
    expect(model.on.value).toBe(true);
    await model.toggle(false);
    expect(prefs.get(REMINDERS_PREF)).toBe(false);
    expect(model.on.value).toBe(false);
  });

  it('a refused permission leaves reminders off and says so', async () => {
    const { model, prefs } = setup(false);
    await model.toggle(true);
    expect(model.on.value).toBe(false);
    expect(model.denied.value).toBe(true);
    expect(prefs.get(REMINDERS_PREF)).toBe(false);
  });

  it('is off when the browser no longer allows notifications, whatever the preference says', async () => {
    const { model, prefs } = setup(true, false);
    prefs.set(REMINDERS_PREF, true);
    await model.load();
    expect(model.on.value).toBe(false);
  });
});
