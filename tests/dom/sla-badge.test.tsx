/**
 * The SLA badge (`tip-sla`) counts down on its own: the ticket and settings
 * it was given, a shared timer each minute, no query to the background.
 * Fake timers fix the clock; nothing depends on the machine's time.
 */
import { act } from 'preact/test-utils';
import { render } from 'preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../public/_locales/en/messages.json';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
import { SlaBadge, formatSlaDuration } from '../../components/shared/SlaBadge';
import { defaultSettings } from '../../core/domain/defaults';
import { ALWAYS_OPEN, defaultSla, slaShown } from '../../core/domain/sla';
import { slaAt } from '../../core/domain/sla-shown';
import type { Ticket } from '../../core/domain/types';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0);
const settings = { ...defaultSettings({ now: 0, clock: '0-0-x', deviceId: 'd', agentId: 'a', causeId: 'c', timeZone: 'UTC' }), sla: { ...defaultSla('UTC'), hours: ALWAYS_OPEN } };
const ticket = (priority: string) =>
  ({ createdAt: T0, priority, status: 'new', closedAt: null, sla: { statusLog: [{ status: 'new', at: T0 }], firstResponseAt: null, firstResponseBy: null, marks: {} } }) satisfies Partial<Ticket>;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => (en as Record<string, { message: string }>)[key]?.message ?? '');
});
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  // Preact runs effects after paint (a frame, or a 35 ms timeout): let those fire while jsdom is still here.
  await new Promise((resolve) => setTimeout(resolve, 60));
});

describe('SLA badge', () => {
  it('counts down each minute, then says how long ago the target was breached', () => {
    vi.setSystemTime(T0 + 40 * MIN);
    const root = document.createElement('div');
    // act() runs the badge's effect, which starts the shared minute timer.
    act(() => render(<SlaBadge shown={slaShown(ticket('urgent'), settings, Date.now())} />, root));
    const badge = () => root.querySelector('[data-testid="tip-sla"]')!;
    expect(badge().getAttribute('data-state')).toBe('ok');
    expect(badge().getAttribute('data-target')).toBe('firstResponse');
    // The due time as an ISO string: created at T0, a 60-minute first response in 24/7 hours.
    expect(badge().getAttribute('data-due')).toBe(new Date(T0 + 60 * MIN).toISOString());
    expect(badge().textContent).toBe('First response20 m left');

    act(() => {
      vi.advanceTimersByTime(6 * MIN);
    });
    // The ui-contract's word for it; data-phase has the finer state.
    expect(badge().getAttribute('data-state')).toBe('due-soon');
    expect(badge().getAttribute('data-phase')).toBe('soon');
    expect(badge().textContent).toBe('First response14 m left');

    act(() => {
      vi.advanceTimersByTime(19 * MIN);
    });
    expect(badge().getAttribute('data-state')).toBe('breached');
    expect(badge().textContent).toBe('First responsebreached 5 m ago');
    render(null, root);
  });

  it('shows nothing for a priority without a policy (the hook is there, hidden, with data-state none)', () => {
    vi.setSystemTime(T0);
    const root = document.createElement('div');
    const noLow = { ...settings, sla: { ...settings.sla, policies: { urgent: { firstResponse: 60, resolution: 240 } } } };
    render(<SlaBadge shown={slaShown(ticket('low'), noLow, Date.now())} />, root);
    const hook = root.querySelector<HTMLElement>('[data-testid="tip-sla"]')!;
    expect(hook.getAttribute('data-state')).toBe('none');
    expect(hook.hidden).toBe(true);
    expect(hook.textContent).toBe('');
    render(null, root);
  });

  it('words durations in minutes, hours and days', () => {
    expect(formatSlaDuration(5)).toBe('5 m');
    expect(formatSlaDuration(80)).toBe('1 h 20 m');
    expect(formatSlaDuration(120)).toBe('2 h');
    expect(formatSlaDuration(3 * 24 * 60 + 60)).toBe('3 d 1 h');
  });
});

describe('a shown SLA later on (the sidebar gets one from the worker and counts down by itself)', () => {
  const MIN_ = 60_000;
  // Worked out at T0 + 10 min: a 60-minute first response in business hours 09:00–17:00 (UTC), created at 16:30.
  const created = Date.UTC(2026, 11, 7, 16, 30);
  const nineToFive = { ...settings, sla: { ...defaultSla('UTC'), hours: [[], ...Array.from({ length: 5 }, () => [{ start: '09:00', end: '17:00' }]), []] } };
  const tk = { createdAt: created, priority: 'urgent', status: 'new', closedAt: null, sla: { statusLog: [{ status: 'new', at: created }], firstResponseAt: null, firstResponseBy: null, marks: {} } } as unknown as Ticket;

  it('turns due-soon and breached at the instants the arithmetic gave, across the night, with no arithmetic of its own', () => {
    const shown = slaShown(tk, nineToFive, created + 10 * MIN_);
    // 30 business minutes on Monday, 30 on Tuesday from 09:00: due Tuesday 09:30, warned at 75 % (Tuesday 09:15).
    expect(shown.dueAt).toBe(Date.UTC(2026, 11, 8, 9, 30));
    expect(shown.warnAt).toBe(Date.UTC(2026, 11, 8, 9, 15));
    expect(slaAt(shown, created + 20 * MIN_).state).toBe('ok');
    expect(slaAt(shown, Date.UTC(2026, 11, 8, 9, 15)).state).toBe('soon');
    expect(slaAt(shown, Date.UTC(2026, 11, 8, 9, 29)).minutes).toBe(1);
    // Business minutes: 30 at 16:40 less the 10 until 17:00… then it stands still overnight.
    expect(slaAt(shown, created + 20 * MIN_).minutes).toBe(40);
    expect(slaAt(shown, Date.UTC(2026, 11, 7, 23, 0)).minutes).toBe(30);
    expect(slaAt(shown, Date.UTC(2026, 11, 8, 9, 10)).minutes).toBe(20);
    expect(slaAt(shown, Date.UTC(2026, 11, 8, 9, 35))).toEqual({ state: 'breached', minutes: -5 });
    // It agrees with the arithmetic at every quarter hour until then.
    for (let at = created + 10 * MIN_; at <= Date.UTC(2026, 11, 8, 10, 0); at += 15 * MIN_) {
      const later = slaShown(tk, nineToFive, at);
      expect(slaAt(shown, at).state).toBe(later.state);
      if (later.state !== 'breached') expect(slaAt(shown, at).minutes).toBe(later.left);
    }
  });

  it('a paused clock keeps the business minutes it had', () => {
    const paused = { ...tk, status: 'waiting-contact', sla: { ...tk.sla!, statusLog: [{ status: 'new', at: created }, { status: 'waiting-contact', at: created + 20 * MIN_ }] } } as Ticket;
    const shown = slaShown(paused, nineToFive, created + 25 * MIN_);
    expect(shown.state).toBe('paused');
    expect(slaAt(shown, created + 5 * 60 * MIN_)).toEqual({ state: 'paused', minutes: 40 });
  });
});
