import { useState } from 'preact/hooks';
import { ALWAYS_OPEN, BUSINESS_DAY_MINUTES, slaSettingsOf, type SlaPolicy, type SlaRange, type SlaSettings } from '../../core/domain/sla';
import type { Settings } from '../../core/domain/types';
import { LOCALE, t } from '../shared/i18n';
import { priorityLabel, stageLabel } from '../shared/properties';
import type { OptionsModelInstance } from '../models/options-model';
import { Messages, SectionHead } from './controls';

/**
 * SLA policies and the business calendar, edited as one draft and saved
 * whole (`settings.update { sla }`). The rules check it and refuse bad
 * hours, dates, targets or zones (shown as `tip-error`); the draft stays as
 * typed, so nothing is lost.
 */

type Unit = 'minutes' | 'hours' | 'days';
const UNIT_MINUTES: Record<Unit, number> = { minutes: 1, hours: 60, days: BUSINESS_DAY_MINUTES };
const UNITS: Unit[] = ['minutes', 'hours', 'days'];
/** Monday first, as a help desk's week reads; values are Date weekdays (0 = Sunday). */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

/** A target as the agent reads it: the largest unit it is a whole number of. */
function asAmount(minutes: number): { amount: string; unit: Unit } {
  if (minutes % BUSINESS_DAY_MINUTES === 0) return { amount: String(minutes / BUSINESS_DAY_MINUTES), unit: 'days' };
  if (minutes % 60 === 0) return { amount: String(minutes / 60), unit: 'hours' };
  return { amount: String(minutes), unit: 'minutes' };
}

/** Typed amount × unit in minutes; what isn't a number becomes 0, which the rules refuse naming the priority. */
function toMinutes(amount: string, unit: Unit): number {
  const n = Number(amount.trim() === '' ? Number.NaN : amount) * UNIT_MINUTES[unit];
  return Number.isFinite(n) ? n : 0;
}

interface TargetDraft {
  amount: string;
  unit: Unit;
}
interface PolicyDraft {
  on: boolean;
  firstResponse: TargetDraft;
  resolution: TargetDraft;
}

const weekdayName = (wd: number) => new Intl.DateTimeFormat(LOCALE, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 4 + wd));

function zones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes(current) ? all : [current, ...all];
}

function draftOf(settings: Settings): { policies: Record<string, PolicyDraft>; rest: Omit<SlaSettings, 'policies'> } {
  const sla = slaSettingsOf(settings);
  const policies: Record<string, PolicyDraft> = {};
  for (const p of settings.priorities) {
    const policy: SlaPolicy | undefined = sla.policies[p.id];
    policies[p.id] = {
      on: policy !== undefined,
      firstResponse: asAmount(policy?.firstResponse ?? 60),
      resolution: asAmount(policy?.resolution ?? BUSINESS_DAY_MINUTES),
    };
  }
  return { policies, rest: { hours: sla.hours.map((d) => d.map((r) => ({ ...r }))), timeZone: sla.timeZone, holidays: [...sla.holidays], pauseStages: [...sla.pauseStages] } };
}

export function SlaSection({ model }: { model: OptionsModelInstance }) {
  const settings = model.view.value?.settings;
  return (
    <section class="opt-section" aria-labelledby="opt-h-sla" data-testid="tip-section-sla">
      <SectionHead id="sla" title={t('sla_title')} intro={t('sla_intro')} />
      <Messages error={model.error} notice={model.notice} onDismiss={() => model.dismissError()} />
      {/* A save from another tab (a new clock) starts a fresh draft; a refusal keeps this one. */}
      {settings && <SlaForm key={settings.clock.sla ?? ''} settings={settings} model={model} />}
    </section>
  );
}

function SlaForm({ settings, model }: { settings: Settings; model: OptionsModelInstance }) {
  const initial = draftOf(settings);
  const [policies, setPolicies] = useState(initial.policies);
  const [hours, setHours] = useState<SlaRange[][]>(initial.rest.hours);
  const [timeZone, setTimeZone] = useState(initial.rest.timeZone);
  const [holidays, setHolidays] = useState<string[]>(initial.rest.holidays);
  const [pauseStages, setPauseStages] = useState<string[]>(initial.rest.pauseStages);
  const [newHoliday, setNewHoliday] = useState('');
  const busy = model.busy.value;

  const setPolicy = (id: string, change: Partial<PolicyDraft>) => setPolicies({ ...policies, [id]: { ...policies[id]!, ...change } });
  const setRange = (wd: number, i: number, change: Partial<SlaRange>) =>
    setHours(hours.map((day, d) => (d === wd ? day.map((r, j) => (j === i ? { ...r, ...change } : r)) : day)));
  const addRange = (wd: number) => {
    const day = hours[wd] ?? [];
    const last = day[day.length - 1];
    const range = last ? { start: last.end === '24:00' ? '23:00' : last.end, end: '24:00' } : { start: '09:00', end: '17:00' };
    setHours(hours.map((d, i) => (i === wd ? [...d, range] : d)));
  };
  const removeRange = (wd: number, i: number) => setHours(hours.map((d, k) => (k === wd ? d.filter((_, j) => j !== i) : d)));

  const save = () => {
    const out: Record<string, SlaPolicy> = {};
    for (const [id, p] of Object.entries(policies)) {
      if (!p.on) continue;
      out[id] = { firstResponse: toMinutes(p.firstResponse.amount, p.firstResponse.unit), resolution: toMinutes(p.resolution.amount, p.resolution.unit) };
    }
    return model.saveSla({ policies: out, hours, timeZone, holidays, pauseStages });
  };

  const openStages = settings.stages.filter((st) => !st.closed);
  return (
    <form
      class="opt-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div class="panel">
        <h2>{t('sla_targets')}</h2>
        <p class="opt-panel-text">{t('sla_targetsHint')}</p>
        <table class="opt-table sla-targets">
          <thead>
            <tr>
              <th scope="col">{t('sla_priority')}</th>
              <th scope="col">{t('sla_firstResponse')}</th>
              <th scope="col">{t('sla_resolution')}</th>
            </tr>
          </thead>
          <tbody>
            {settings.priorities.map((p) => {
              const draft = policies[p.id]!;
              const name = priorityLabel(settings, p.id);
              return (
                <tr key={p.id} data-testid="tip-sla-policy" data-priority={p.id}>
                  <th scope="row">
                    <label class="tip-check">
                      <input type="checkbox" data-testid={`tip-sla-on-${p.id}`} checked={draft.on} onChange={(e) => setPolicy(p.id, { on: e.currentTarget.checked })} />
                      {name}
                    </label>
                  </th>
                  {(['firstResponse', 'resolution'] as const).map((target) => (
                    <td key={target}>
                      <TargetInput
                        testId={`tip-sla-${target === 'firstResponse' ? 'first' : 'resolution'}-${p.id}`}
                        label={`${name}: ${t(target === 'firstResponse' ? 'sla_firstResponse' : 'sla_resolution')}`}
                        value={draft[target]}
                        disabled={!draft.on}
                        onChange={(v) => setPolicy(p.id, { [target]: v })}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <div class="panel">
        <h2>{t('sla_hours')}</h2>
        <p class="opt-panel-text">{t('sla_hoursHint')}</p>
        <ul class="opt-list sla-days">
          {WEEK.map((wd) => {
            const day = hours[wd] ?? [];
            const dayName = weekdayName(wd);
            return (
              <li key={wd} class="opt-row sla-day" data-testid={`tip-sla-day-${wd}`}>
                <span class="sla-day-name">{dayName}</span>
                <span class="sla-ranges">
                  {day.length === 0 && <span class="tip-muted">{t('sla_closed')}</span>}
                  {day.map((r, i) => (
                    <span key={i} class="sla-range" data-testid="tip-sla-range">
                      <input
                        class="tip-input sla-time"
                        data-testid="tip-sla-range-start"
                        aria-label={`${dayName}: ${t('sla_from')}`}
                        placeholder="09:00"
                        maxLength={5}
                        value={r.start}
                        onInput={(e) => setRange(wd, i, { start: e.currentTarget.value })}
                      />
                      <span aria-hidden="true">–</span>
                      <input
                        class="tip-input sla-time"
                        data-testid="tip-sla-range-end"
                        aria-label={`${dayName}: ${t('sla_to')}`}
                        placeholder="17:00"
                        maxLength={5}
                        value={r.end}
                        onInput={(e) => setRange(wd, i, { end: e.currentTarget.value })}
                      />
                      <button type="button" class="tip-icon-button" data-testid="tip-sla-range-remove" aria-label={`${dayName}: ${t('sla_removeRange')}`} title={t('sla_removeRange')} onClick={() => removeRange(wd, i)}>
                        <span aria-hidden="true">×</span>
                      </button>
                    </span>
                  ))}
                </span>
                <button type="button" class="tip-button" data-testid={`tip-sla-range-add-${wd}`} aria-label={`${dayName}: ${t('sla_addRange')}`} onClick={() => addRange(wd)}>
                  {t('sla_addRange')}
                </button>
              </li>
            );
          })}
        </ul>
        <button type="button" class="tip-button" data-testid="tip-sla-always" onClick={() => setHours(ALWAYS_OPEN.map((d) => d.map((r) => ({ ...r }))))}>
          {t('sla_always')}
        </button>
      </div>

      <div class="panel">
        <h2>{t('sla_calendar')}</h2>
        <div class="tip-field opt-narrow">
          <label class="tip-field-label" for="sla-zone">
            {t('sla_timeZone')}
          </label>
          <select id="sla-zone" class="tip-input" data-testid="tip-sla-timezone" value={timeZone} onChange={(e) => setTimeZone(e.currentTarget.value)}>
            {zones(timeZone).map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </div>
        <h3 class="sla-subhead">{t('sla_holidays')}</h3>
        {holidays.length === 0 ? (
          <p class="tip-muted tip-small">{t('sla_noHolidays')}</p>
        ) : (
          <ul class="sla-holidays">
            {holidays.map((h) => (
              <li key={h} class="tip-pill sla-holiday" data-testid="tip-sla-holiday" data-value={h}>
                <span>{h}</span>
                <button type="button" class="tip-icon-button" data-testid="tip-sla-holiday-remove" aria-label={`${t('sla_removeHoliday')} ${h}`} onClick={() => setHolidays(holidays.filter((x) => x !== h))}>
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <div class="opt-inline-form">
          <div class="tip-field">
            <label class="tip-field-label" for="sla-holiday">
              {t('sla_holidayDate')}
            </label>
            <input id="sla-holiday" type="date" class="tip-input" data-testid="tip-sla-holiday-input" value={newHoliday} onInput={(e) => setNewHoliday(e.currentTarget.value)} />
          </div>
          <button
            type="button"
            class="tip-button"
            data-testid="tip-sla-holiday-add"
            onClick={() => {
              // Added to the draft as typed; the save checks it (a bad date is refused, nothing saved).
              if (!holidays.includes(newHoliday)) setHolidays([...holidays, newHoliday]);
              setNewHoliday('');
            }}
          >
            {t('sla_addHoliday')}
          </button>
        </div>
        <fieldset class="opt-checks sla-pauses">
          <legend>{t('sla_pauses')}</legend>
          {openStages.map((st) => (
            <label key={st.id} class="tip-check">
              <input
                type="checkbox"
                data-testid={`tip-sla-pause-${st.id}`}
                checked={pauseStages.includes(st.id)}
                onChange={(e) => setPauseStages(e.currentTarget.checked ? [...pauseStages, st.id] : pauseStages.filter((id) => id !== st.id))}
              />
              {stageLabel(settings, st.id)}
            </label>
          ))}
        </fieldset>
        <p class="tip-small tip-muted">{t('sla_closedStops')}</p>
      </div>

      <div>
        <button type="submit" class="tip-button is-primary" data-testid="tip-sla-save" disabled={busy}>
          {t('sla_save')}
        </button>
      </div>
    </form>
  );
}

function TargetInput({ testId, label, value, disabled, onChange }: { testId: string; label: string; value: TargetDraft; disabled: boolean; onChange: (v: TargetDraft) => void }) {
  return (
    <span class="sla-target">
      <input
        class="tip-input sla-amount"
        type="number"
        min="0"
        step="any"
        inputMode="decimal"
        data-testid={testId}
        aria-label={label}
        disabled={disabled}
        value={value.amount}
        onInput={(e) => onChange({ ...value, amount: e.currentTarget.value })}
      />
      <select class="tip-input sla-unit" data-testid={`${testId}-unit`} aria-label={`${label}: ${t('sla_unit')}`} disabled={disabled} value={value.unit} onChange={(e) => onChange({ ...value, unit: e.currentTarget.value as Unit })}>
        {UNITS.map((u) => (
          <option key={u} value={u}>
            {t(u === 'minutes' ? 'sla_unitMinutes' : u === 'hours' ? 'sla_unitHours' : 'sla_unitDays')}
          </option>
        ))}
      </select>
    </span>
  );
}
