import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { localDateTime, parseLocalDateTime } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';

const HOUR = 60 * 60 * 1000;

/** Tomorrow at 9:00 in the agent's own time zone. */
function tomorrowNine(now: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 9, 0).getTime();
}

/**
 * The card menu's "Snooze…" (docs/rules.md "Snooze"): until a date and time
 * (`tip-snooze-until`, with quick choices), and/or until the customer writes.
 * The rule checks it (a time in the past, neither chosen): its refusal is the
 * sidebar's `tip-error`, and the form stays open with what was typed.
 */
export function SnoozeForm({ model }: { model: SidebarModelInstance }) {
  const [until, setUntil] = useState('');
  const [reply, setReply] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => inputRef.current?.focus(), []);
  const close = () => (model.snoozeOpen.value = false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const at = parseLocalDateTime(until);
    // Not a date and time: sent as typed, and the rule says what is wrong.
    const reply_ = await model.snooze(typeof at === 'number' ? at : at === null ? null : Number.NaN, reply);
    if (reply_.ok) close();
  };
  return (
    <form class="tip-snooze" data-testid="tip-snooze-form" aria-labelledby="tip-snooze-title" onSubmit={(e) => void submit(e)}>
      <h4 id="tip-snooze-title" class="tip-snooze-title">
        {t('timeSnoozeTitle')}
      </h4>
      <div class="tip-row">
        <button type="button" class="tip-button" data-testid="tip-snooze-1h" onClick={() => setUntil(localDateTime(Date.now() + HOUR))}>
          {t('timeIn1Hour')}
        </button>
        <button type="button" class="tip-button" data-testid="tip-snooze-tomorrow" onClick={() => setUntil(localDateTime(tomorrowNine(Date.now())))}>
          {t('timeTomorrow9')}
        </button>
      </div>
      <label class="tip-field">
        <span class="tip-field-label">{t('timeSnoozeUntil')}</span>
        <input
          ref={inputRef}
          class="tip-input"
          type="datetime-local"
          data-testid="tip-snooze-until"
          value={until}
          onInput={(e) => setUntil(e.currentTarget.value)}
        />
      </label>
      <label class="tip-check">
        <input type="checkbox" data-testid="tip-snooze-reply" checked={reply} onChange={(e) => setReply(e.currentTarget.checked)} />
        <span>{t('timeSnoozeReply')}</span>
      </label>
      <div class="tip-row tip-row-end">
        <button type="button" class="tip-button" data-testid="tip-snooze-cancel" onClick={close}>
          {t('timeSnoozeCancel')}
        </button>
        <button type="submit" class="tip-button is-primary" data-testid="tip-snooze-submit" disabled={model.busy.value}>
          {t('timeSnoozeSubmit')}
        </button>
      </div>
    </form>
  );
}
