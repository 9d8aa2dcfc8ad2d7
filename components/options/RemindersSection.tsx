import { useEffect } from 'preact/hooks';
import { t } from '../shared/i18n';
import { ErrorBanner } from '../shared/ErrorBanner';
import type { RemindersModelInstance } from '../models/reminders-model';
import { SectionHead } from './controls';

/** Options → Reminders: browser notifications on or off (`tip-reminders-toggle`), and what the badge counts. */
export function RemindersSection({ model }: { model: RemindersModelInstance }) {
  useEffect(() => void model.load(), []);
  const on = model.on.value;
  return (
    <section class="opt-section" aria-labelledby="opt-h-reminders" data-testid="tip-section-reminders">
      <SectionHead id="reminders" title={t('timeSectionReminders')} intro={t('timeRemindersHelp')} />
      <ErrorBanner error={model.error} onDismiss={() => (model.error.value = null)} />
      <div class="panel">
        <label class="tip-check">
          <input
            type="checkbox"
            data-testid="tip-reminders-toggle"
            checked={on === true}
            disabled={on === null}
            onChange={(e) => void model.toggle(e.currentTarget.checked)}
          />
          <span>{t('timeRemindersToggle')}</span>
        </label>
        {model.denied.value && (
          <p class="tip-muted" role="status" data-testid="tip-reminders-denied">
            {t('timeRemindersDenied')}
          </p>
        )}
        <p class="tip-small tip-muted">{t('timeRemindersBadge')}</p>
      </div>
    </section>
  );
}
