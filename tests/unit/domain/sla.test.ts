import fc from 'fast-check';
import { DEFAULT_STAGES, defaultSettings } from '../../../core/domain/defaults';
import {
  ALWAYS_OPEN,
  addBusinessMinutes,
  businessMinutesBetween,
  defaultSla,
  slaMinutesLeft,
  slaNextAt,
  slaOf,
  type SlaSettings,
  type TicketSla,
} from '../../../core/domain/sla';
import type { Settings, Ticket } from '../../../core/domain/types';

const MIN = 60_000;
const H = 60 * MIN;
const utc = (iso: string) => Date.parse(`${iso}Z`);

/** Mon–Fri 09:00–17:00 in `zone`, default policies, no holidays. */
const office = (zone = 'UTC', over: Partial<SlaSettings> = {}): SlaSettings => ({ ...defaultSla(zone), ...over });
const everyDayAllDay = (zone: string): SlaSettings => office(zone, { hours: ALWAYS_OPEN });

function settingsWith(sla: SlaSettings): Settings {
  const base = defaultSettings({ now: 0, clock: '0-0-x', deviceId: 'd', agentId: 'a', causeId: 'c', timeZone: 'UTC' });
  return { ...base, sla };
}

/** A ticket created at `createdAt` whose statuses changed as `log` says (the first entry is its creation). */
function ticket(over: { createdAt: number; priority?: string; log?: [string, number][]; firstResponseAt?: number | null; closedAt?: number | null }): Ticket {
  const log = over.log ?? [['new', over.createdAt]];
  const sla: TicketSla = {
    statusLog: log.map(([status, at]) => ({ status, at })),
    firstResponseAt: over.firstResponseAt ?? null,
    firstResponseBy: over.firstResponseAt ? 'page' : null,
    marks: {},
  };
  const status = log[log.length - 1]![0];
  return {
    id: 'ticket:01JAAAAAAAAAAAAAAAAAAAAAAA',
    schemaVersion: 1,
    version: 1,
    createdAt: over.createdAt,
    updatedAt: over.createdAt,
    updatedBy: 'agent:me',
    deviceId: 'd',
    clock: {},
    causeId: 'c',
    deletedAt: null,
    name: 'Refund',
    status,
    priority: over.priority ?? 'urgent',
    ownerId: null,
    category: '',
    description: '',
    source: 'email',
    contactId: null,
    closedAt: over.closedAt ?? (status === 'closed' ? log[log.length - 1]![1] : null),
    lastActivityAt: over.createdAt,
    custom: {},
    mergedInto: null,
    sla,
  };
}

// 2026-01-05 is a Monday.
const MON_0900 = utc('2026-01-05T09:00');

describe('SLA business time', () => {
  it('counts only business hours (Mon–Fri 09:00–17:00)', () => {
    const sla = office();
    expect(businessMinutesBetween(utc('2026-01-05T08:00'), utc('2026-01-05T10:00'), sla)).toBe(60);
    expect(businessMinutesBetween(utc('2026-01-05T16:00'), utc('2026-01-06T10:00'), sla)).toBe(120);
    expect(businessMinutesBetween(utc('2026-01-09T16:00'), utc('2026-01-12T10:00'), sla)).toBe(120);
    expect(addBusinessMinutes(utc('2026-01-09T16:00'), 120, sla)).toBe(utc('2026-01-12T10:00'));
    // Outside hours, the clock starts at the next opening.
    expect(addBusinessMinutes(utc('2026-01-10T12:00'), 30, sla)).toBe(utc('2026-01-12T09:30'));
  });

  it('several ranges a day skip the gap between them', () => {
    const split = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }];
    const sla = office('UTC', { hours: [[], split, split, split, split, split, []] });
    expect(addBusinessMinutes(utc('2026-01-05T11:30'), 60, sla)).toBe(utc('2026-01-05T13:30'));
    expect(businessMinutesBetween(utc('2026-01-05T09:00'), utc('2026-01-05T17:00'), sla)).toBe(7 * 60);
  });

  it('a holiday has no business time', () => {
    const sla = office('UTC', { holidays: ['2026-01-12'] });
    expect(addBusinessMinutes(utc('2026-01-09T16:00'), 120, sla)).toBe(utc('2026-01-13T10:00'));
    expect(businessMinutesBetween(utc('2026-01-12T00:00'), utc('2026-01-13T00:00'), sla)).toBe(0);
  });

  it('24/7 hours count every minute', () => {
    const sla = everyDayAllDay('UTC');
    expect(addBusinessMinutes(utc('2026-01-10T23:50'), 90, sla)).toBe(utc('2026-01-11T01:20'));
    expect(businessMinutesBetween(utc('2026-01-01T00:00'), utc('2026-01-08T00:00'), sla)).toBe(7 * 24 * 60);
  });

  it('hours are wall time in the help desk zone', () => {
    // 09:00 in Madrid in January is 08:00 UTC.
    const sla = office('Europe/Madrid');
    expect(addBusinessMinutes(utc('2026-01-05T07:00'), 30, sla)).toBe(utc('2026-01-05T08:30'));
  });

  it('Europe/Madrid: the spring-forward day is 23 hours long, the fall-back day 25', () => {
    const sla = everyDayAllDay('Europe/Madrid');
    // Local midnights: 2026-03-29 00:00 CET = 03-28T23:00Z; 2026-03-30 00:00 CEST = 03-29T22:00Z.
    expect(businessMinutesBetween(utc('2026-03-28T23:00'), utc('2026-03-29T22:00'), sla)).toBe(23 * 60);
    // 2026-10-25 00:00 CEST = 10-24T22:00Z; 2026-10-26 00:00 CET = 10-25T23:00Z.
    expect(businessMinutesBetween(utc('2026-10-24T22:00'), utc('2026-10-25T23:00'), sla)).toBe(25 * 60);
    // Office hours keep their wall time across the change: Monday 30 March opens at 09:00 CEST = 07:00Z.
    expect(addBusinessMinutes(utc('2026-03-27T15:00'), 120, office('Europe/Madrid'))).toBe(utc('2026-03-30T08:00'));
  });

  it('America/New_York: office hours keep their wall time across both changes', () => {
    const sla = office('America/New_York');
    // Fri 2026-03-06 16:00 EST (21:00Z) + 2 h → Mon 03-09 10:00 EDT (14:00Z).
    expect(addBusinessMinutes(utc('2026-03-06T21:00'), 120, sla)).toBe(utc('2026-03-09T14:00'));
    // Fri 2026-10-30 16:00 EDT (20:00Z) + 2 h → Mon 11-02 10:00 EST (15:00Z).
    expect(addBusinessMinutes(utc('2026-10-30T20:00'), 120, sla)).toBe(utc('2026-11-02T15:00'));
    const allDay = everyDayAllDay('America/New_York');
    expect(businessMinutesBetween(utc('2026-03-08T05:00'), utc('2026-03-09T04:00'), allDay)).toBe(23 * 60);
    expect(businessMinutesBetween(utc('2026-11-01T04:00'), utc('2026-11-02T05:00'), allDay)).toBe(25 * 60);
  });

  it('a calendar with no business time never reaches a target', () => {
    const closed = office('UTC', { hours: [[], [], [], [], [], [], []] });
    expect(addBusinessMinutes(MON_0900, 1, closed)).toBeNull();
    expect(businessMinutesBetween(MON_0900, MON_0900 + 100 * H, closed)).toBe(0);
  });

  it('addBusinessMinutes and businessMinutesBetween are inverse, and both are monotone', () => {
    const zones = ['UTC', 'Europe/Madrid', 'America/New_York'];
    const split = [{ start: '08:30', end: '12:00' }, { start: '13:15', end: '18:00' }];
    fc.assert(
      fc.property(
        fc.integer({ min: utc('2025-01-01T00:00'), max: utc('2027-12-31T00:00') }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.constantFrom(...zones),
        fc.boolean(),
        (start, m1, m2, zone, splitDay) => {
          const sla = office(zone, { hours: splitDay ? [[], split, split, split, split, split, split] : office(zone).hours, holidays: ['2026-01-06', '2026-12-25'] });
          const a = addBusinessMinutes(start, m1, sla)!;
          expect(businessMinutesBetween(start, a, sla)).toBeCloseTo(m1, 6);
          const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
          expect(addBusinessMinutes(start, lo, sla)!).toBeLessThanOrEqual(addBusinessMinutes(start, hi, sla)!);
          const b = start + m2 * MIN;
          expect(businessMinutesBetween(start, Math.min(a, b), sla)).toBeLessThanOrEqual(businessMinutesBetween(start, Math.max(a, b), sla));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('SLA state of a ticket', () => {
  const settings = settingsWith(office());

  it('first response: ok, due soon at 75 %, breached past the target (urgent: 1 h)', () => {
    const t = ticket({ createdAt: MON_0900 });
    expect(slaOf(t, settings, MON_0900 + 30 * MIN)).toEqual({ state: 'ok', target: 'firstResponse', warnAt: MON_0900 + 45 * MIN, dueAt: MON_0900 + H });
    expect(slaOf(t, settings, MON_0900 + 45 * MIN).state).toBe('soon');
    expect(slaOf(t, settings, MON_0900 + H).state).toBe('breached');
    expect(slaNextAt(t, settings, MON_0900 + 30 * MIN)).toBe(MON_0900 + 45 * MIN);
    expect(slaNextAt(t, settings, MON_0900 + 50 * MIN)).toBe(MON_0900 + H);
    expect(slaNextAt(t, settings, MON_0900 + 2 * H)).toBeNull();
    expect(slaMinutesLeft(t, settings, MON_0900 + 40 * MIN)).toBe(20);
    expect(slaMinutesLeft(t, settings, MON_0900 + 65 * MIN)).toBe(-5);
  });

  it('a ticket created after hours starts its clock at the next opening', () => {
    const t = ticket({ createdAt: utc('2026-01-09T18:00') });
    expect(slaOf(t, settings, utc('2026-01-10T12:00'))).toMatchObject({ state: 'ok', dueAt: utc('2026-01-12T10:00') });
  });

  it('a priority without a policy has no SLA', () => {
    const noLow = settingsWith(office('UTC', { policies: { urgent: { firstResponse: 60, resolution: 240 } } }));
    expect(slaOf(ticket({ createdAt: MON_0900, priority: 'low' }), noLow, MON_0900 + 100 * H)).toEqual({ state: 'none', target: null, dueAt: null, warnAt: null });
    expect(slaNextAt(ticket({ createdAt: MON_0900, priority: 'low' }), noLow, MON_0900)).toBeNull();
  });

  it('once the first response is recorded the view moves to resolution (urgent: 4 h from creation)', () => {
    const t = ticket({ createdAt: MON_0900, firstResponseAt: MON_0900 + 20 * MIN });
    expect(slaOf(t, settings, MON_0900 + H)).toEqual({ state: 'ok', target: 'resolution', warnAt: MON_0900 + 3 * H, dueAt: MON_0900 + 4 * H });
  });

  it('a pausing stage stops the clock; leaving it resumes where it stopped', () => {
    const paused = ticket({ createdAt: MON_0900, log: [['new', MON_0900], ['waiting-contact', MON_0900 + 20 * MIN]] });
    expect(slaOf(paused, settings, MON_0900 + 5 * H)).toEqual({ state: 'paused', target: 'firstResponse', dueAt: null, warnAt: null });
    expect(slaNextAt(paused, settings, MON_0900 + 5 * H)).toBeNull();
    expect(slaMinutesLeft(paused, settings, MON_0900 + 5 * H)).toBe(40);
    const resumed = ticket({
      createdAt: MON_0900,
      log: [['new', MON_0900], ['waiting-contact', MON_0900 + 20 * MIN], ['waiting-us', MON_0900 + 2 * H]],
    });
    expect(slaOf(resumed, settings, MON_0900 + 2 * H + 10 * MIN)).toMatchObject({ state: 'ok', dueAt: MON_0900 + 2 * H + 40 * MIN });
  });

  it('which stages pause is read from the current settings, for the whole history', () => {
    const t = ticket({ createdAt: MON_0900, log: [['new', MON_0900], ['waiting-us', MON_0900 + 20 * MIN], ['new', MON_0900 + 2 * H]] });
    expect(slaOf(t, settings, MON_0900 + 2 * H).state).toBe('breached');
    const pauseUs = settingsWith(office('UTC', { pauseStages: ['waiting-us'] }));
    expect(slaOf(t, pauseUs, MON_0900 + 2 * H)).toMatchObject({ state: 'ok', dueAt: MON_0900 + 2 * H + 40 * MIN });
  });

  it('a breach already passed stays breached while paused', () => {
    const t = ticket({ createdAt: MON_0900, log: [['new', MON_0900], ['waiting-contact', MON_0900 + 2 * H]] });
    expect(slaOf(t, settings, MON_0900 + 3 * H)).toMatchObject({ state: 'breached', dueAt: MON_0900 + H });
  });

  it('a policy changed mid-ticket applies to the whole elapsed time', () => {
    const t = ticket({ createdAt: MON_0900 });
    const now = MON_0900 + 90 * MIN;
    expect(slaOf(t, settings, now).state).toBe('breached');
    const looser = settingsWith(office('UTC', { policies: { ...office().policies, urgent: { firstResponse: 120, resolution: 480 } } }));
    expect(slaOf(t, looser, now)).toMatchObject({ state: 'soon', dueAt: MON_0900 + 2 * H });
  });

  it('a priority changed mid-ticket: the current priority’s policy applies from creation', () => {
    const low = ticket({ createdAt: MON_0900, priority: 'low' });
    expect(slaOf(low, settings, MON_0900 + 90 * MIN)).toMatchObject({ state: 'ok', dueAt: MON_0900 + 8 * H });
    const nowUrgent = { ...low, priority: 'urgent' };
    expect(slaOf(nowUrgent, settings, MON_0900 + 90 * MIN)).toMatchObject({ state: 'breached', dueAt: MON_0900 + H });
  });

  it('closing meets the resolution target; a reopened ticket resumes without the time it was closed', () => {
    const closed = ticket({ createdAt: MON_0900, firstResponseAt: MON_0900 + 10 * MIN, log: [['new', MON_0900], ['closed', MON_0900 + H]] });
    expect(slaOf(closed, settings, MON_0900 + 30 * H)).toEqual({ state: 'met', target: 'resolution', dueAt: null, warnAt: null });
    // Closed from 10:00 Monday until 10:00 Tuesday: 3 h of the 4 h remain.
    const reopened = ticket({
      createdAt: MON_0900,
      firstResponseAt: MON_0900 + 10 * MIN,
      log: [['new', MON_0900], ['closed', MON_0900 + H], ['new', MON_0900 + 25 * H]],
    });
    expect(slaOf(reopened, settings, MON_0900 + 25 * H)).toMatchObject({ state: 'ok', target: 'resolution', dueAt: MON_0900 + 28 * H });
  });

  it('a ticket without an SLA record (made before SLAs) counts from its creation in its status', () => {
    const old = { ...ticket({ createdAt: MON_0900 }), sla: undefined };
    expect(slaOf(old, settings, MON_0900 + 30 * MIN)).toMatchObject({ state: 'ok', target: 'firstResponse', dueAt: MON_0900 + H });
  });

  it('settings without SLA fields use the defaults', () => {
    const { sla: _drop, ...bare } = settings;
    expect(slaOf(ticket({ createdAt: MON_0900 }), bare as Settings, MON_0900 + 30 * MIN).state).toBe('ok');
    expect(DEFAULT_STAGES.some((st) => st.id === 'waiting-contact')).toBe(true);
  });
});
