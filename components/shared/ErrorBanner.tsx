import type { Signal } from '@preact/signals';
import { t } from './i18n';

/** A visible error (`tip-error`) saying what went wrong; announced to screen readers. */
export function ErrorBanner({ error, onDismiss }: { error: Signal<string | null>; onDismiss: () => void }) {
  if (!error.value) return null;
  return (
    <div class="tip-error" data-testid="tip-error" role="alert">
      <span class="tip-error-text">{error.value}</span>
      <button type="button" class="tip-link-button" onClick={onDismiss} aria-label={t('dismiss')}>
        ×
      </button>
    </div>
  );
}
