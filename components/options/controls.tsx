import type { Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { fill } from '../dashboard/format';
import { ErrorBanner } from '../shared/ErrorBanner';
import { t } from '../shared/i18n';
import type { Notice } from '../models/options-model';

/** A section's title (focused when the section opens, so screen readers announce it) and its intro. */
export function SectionHead({ id, title, intro }: { id: string; title: string; intro?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    // Only when the agent moved here (not on the first paint, which would steal focus from the page).
    if (document.activeElement?.closest('.opt-nav')) ref.current?.focus();
  }, []);
  return (
    <header class="opt-section-head">
      <h1 id={`opt-h-${id}`} tabIndex={-1} ref={ref}>
        {title}
      </h1>
      {intro && <p class="opt-intro">{intro}</p>}
    </header>
  );
}

/** The last action's refusal (`tip-error`) and its result (a polite status line, with Undo after a removal). */
export function Messages({
  error,
  notice,
  onDismiss,
  onUndo,
}: {
  error: Signal<string | null>;
  notice: Signal<Notice | null>;
  onDismiss: () => void;
  onUndo?: (id: string) => void;
}) {
  const n = notice.value;
  return (
    <>
      <ErrorBanner error={error} onDismiss={onDismiss} />
      <p class="opt-notice" role="status" data-testid="tip-notice">
        {n && (
          <>
            <span>{n.text}</span>
            {n.undoId && onUndo && (
              <button type="button" class="tip-link-button" data-testid="tip-undo" onClick={() => onUndo(n.undoId!)}>
                {t('opt_undo')}
              </button>
            )}
          </>
        )}
      </p>
    </>
  );
}

/**
 * A name edited in place: saved on Enter or when focus leaves, Escape puts
 * the saved value back. An unchanged or empty value saves nothing.
 */
export function InlineText({
  value,
  label,
  testId,
  onSave,
  disabled,
  maxLength = 100,
}: {
  value: string;
  label: string;
  testId: string;
  onSave: (value: string) => unknown;
  disabled?: boolean;
  maxLength?: number;
}) {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  // A new value from the background (this tab or another) replaces the draft.
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  // Enter saves, and the blur that follows (the page disables its fields while saving) would
  // send the same text again: computed from the same list, a second stale save after a conflict.
  const sending = useRef<string | null>(null);
  const save = (text: string) => {
    if (text.trim() === '' || text.trim() === value) {
      setDraft(value);
      return;
    }
    if (sending.current === text.trim()) return;
    sending.current = text.trim();
    void Promise.resolve(onSave(text.trim())).finally(() => (sending.current = null));
  };
  return (
    <input
      type="text"
      class="tip-input opt-inline"
      data-testid={testId}
      aria-label={label}
      value={draft}
      maxLength={maxLength}
      disabled={disabled}
      onInput={(e) => setDraft(e.currentTarget.value)}
      onBlur={(e) => save(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          save(e.currentTarget.value);
        } else if (e.key === 'Escape') {
          setDraft(value);
        }
      }}
    />
  );
}

/** A labelled field: the label above, the control, an optional hint tied to it. */
export function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class="tip-field">
      <label class="tip-field-label" for={id}>
        {label}
      </label>
      {children}
      {hint && (
        <span class="tip-small tip-muted" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}

/** Up, down and remove for one row of an ordered list (stages, priorities). */
export function RowActions({
  prefix,
  name,
  first,
  last,
  onMove,
  onRemove,
  removeDisabled,
  removeTitle,
  disabled,
}: {
  prefix: string;
  name: string;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  removeDisabled?: boolean;
  removeTitle?: string;
  disabled?: boolean;
}) {
  return (
    <div class="opt-row-actions">
      <button
        type="button"
        class="tip-icon-button"
        data-testid={`${prefix}-up`}
        aria-label={fill('opt_moveUp', { name })}
        title={fill('opt_moveUp', { name })}
        disabled={first || disabled}
        onClick={() => onMove(-1)}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        class="tip-icon-button"
        data-testid={`${prefix}-down`}
        aria-label={fill('opt_moveDown', { name })}
        title={fill('opt_moveDown', { name })}
        disabled={last || disabled}
        onClick={() => onMove(1)}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button
        type="button"
        class="tip-button is-danger-outline opt-remove"
        data-testid={`${prefix}-remove`}
        aria-label={fill('opt_removeNamed', { name })}
        title={removeTitle}
        disabled={removeDisabled || disabled}
        onClick={onRemove}
      >
        {t('opt_remove')}
      </button>
    </div>
  );
}
