/**
 * The page watcher with site health (components/sidebar/host/observe.ts): a
 * site that looks changed for a moment (a thread's address before its markup)
 * is no redesign; one that stays changed is read in limited mode; when the
 * markup comes back, the site's reader takes over again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIRM_CHANGED_MS, watchPage } from '../../components/sidebar/host/observe';
import { limitedMode } from '../../core/adapters/generic';
import { gmailAdapter } from '../../core/adapters/gmail';
import type { PageState } from '../../core/adapters/page';

const FIXTURES = join(__dirname, '..', 'fixtures', 'gmail');
const THREAD = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWfxkbPqLrqvTqBxvKsRlmdN';
const bodyOf = (file: string) => new DOMParser().parseFromString(readFileSync(join(FIXTURES, file), 'utf8'), 'text/html').body.innerHTML;

/** A window whose address is the thread's (jsdom's own location can't leave its origin). */
function gmailWindow(): Window {
  return new Proxy(window, { get: (target, key) => (key === 'location' ? { href: THREAD } : Reflect.get(target, key, target)) }) as Window;
}

describe('watchPage with site health', () => {
  let controller: AbortController;
  beforeEach(() => {
    vi.useFakeTimers();
    controller = new AbortController();
  });
  afterEach(() => {
    controller.abort();
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('waits before calling a site changed, then reads the page in limited mode, and heals back to the site reader', async () => {
    document.body.innerHTML = bodyOf('2026-12-08-changed-thread-renamed.html');
    const states: PageState[] = [];
    watchPage(gmailAdapter, gmailWindow(), (s) => states.push(s), controller.signal, limitedMode('email'));
    // Changed on the first read: not said yet.
    expect(states).toEqual([]);
    await vi.advanceTimersByTimeAsync(CONFIRM_CHANGED_MS - 100);
    expect(states).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(states).toHaveLength(1);
    expect(states[0]).toMatchObject({ kind: 'conversation', snapshot: { source: 'generic' }, health: { ok: false, failed: ['thread subject', 'sender email'] } });

    // The markup comes back (Gmail rendered the thread): the site's reader, at once.
    document.body.innerHTML = bodyOf('2026-11-25-thread-customer.html');
    await vi.advanceTimersByTimeAsync(50);
    expect(states.at(-1)).toMatchObject({ kind: 'conversation', snapshot: { source: 'gmail', key: '19ad0b8c4f2e114e' }, health: { ok: true } });
  });

  it('a moment of missing markup that fills in before the wait is over is never reported', async () => {
    document.body.innerHTML = bodyOf('2026-12-08-changed-thread-renamed.html');
    const states: PageState[] = [];
    watchPage(gmailAdapter, gmailWindow(), (s) => states.push(s), controller.signal, limitedMode('email'));
    await vi.advanceTimersByTimeAsync(300);
    document.body.innerHTML = bodyOf('2026-11-25-thread-customer.html');
    await vi.advanceTimersByTimeAsync(CONFIRM_CHANGED_MS * 2);
    expect(states.map((s) => s.health?.ok)).toEqual([true]);
  });
});
