import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from './i18n';

export interface ConfirmDialogProps {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal confirmation for destructive actions; confirm is `tip-confirm`, Escape cancels. */
export function ConfirmDialog({ title, body, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Layout effect: focus moves before the next key press can land on the page.
  useLayoutEffect(() => cancelRef.current?.focus(), []);
  return (
    <div class="tip-dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        class="tip-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="tip-dialog-title"
        aria-describedby="tip-dialog-body"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        <h2 id="tip-dialog-title">{title}</h2>
        <p id="tip-dialog-body">{body}</p>
        <div class="tip-dialog-actions">
          <button type="button" class="tip-button" ref={cancelRef} onClick={onCancel}>
            {t('cancel')}
          </button>
          <button type="button" class="tip-button is-danger" data-testid="tip-confirm" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
