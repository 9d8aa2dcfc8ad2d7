import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PropertyView } from './properties';
import { parseEdited } from './properties';
import { t } from './i18n';

export interface PropertyFieldProps {
  view: PropertyView;
  /** Saves a new value; resolves when the background answered. */
  onSave: (value: string | number | null) => unknown;
  disabled?: boolean;
  /** Keeps DOM ids unique when the same property shows twice (card and details panel). */
  scope?: string;
}

/**
 * R4 inline edit: the value is a button; clicking it opens the editor.
 * Enter (or picking an option, or leaving the field) saves, Escape cancels.
 */
export function PropertyField({ view, onSave, disabled, scope = 'card' }: PropertyFieldProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(view.value);
  const inputRef = useRef<HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement>(null);
  const done = useRef(false);

  useLayoutEffect(() => {
    if (editing) {
      done.current = false;
      inputRef.current?.focus();
    }
  }, [editing]);

  const open = () => {
    setDraft(view.value);
    setEditing(true);
  };
  const finish = (save: boolean, value = draft) => {
    if (done.current) return;
    done.current = true;
    setEditing(false);
    if (save && value !== view.value) void onSave(parseEdited(view, value));
  };

  const testId = `tip-prop-${view.id}`;
  const inputTestId = `tip-prop-input-${view.id}`;
  const inputId = `${scope}-${inputTestId}`;
  if (!editing || !view.editor) {
    const editable = view.editor !== null && !disabled;
    // The whole row is the click target (ui-contract: "click to edit"); the button inside is for the keyboard.
    return (
      <div class="tip-prop" data-testid={testId} data-value={view.value} onClick={editable ? open : undefined}>
        <span class="tip-prop-label">{view.label}</span>
        {editable ? (
          <button type="button" class="tip-prop-value is-editable" aria-label={`${t('edit')} ${view.label}: ${view.display}`}>
            {view.display}
          </button>
        ) : (
          <span class="tip-prop-value">{view.display}</span>
        )}
      </div>
    );
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      finish(false);
    } else if (e.key === 'Enter' && !(view.editor?.kind === 'textarea' && e.shiftKey)) {
      e.preventDefault();
      finish(true, (e.currentTarget as HTMLInputElement).value);
    }
  };
  const common = {
    'data-testid': inputTestId,
    'aria-label': view.label,
    class: 'tip-input',
    onKeyDown,
    onBlur: (e: FocusEvent) => finish(true, (e.currentTarget as HTMLInputElement).value),
  };
  const editor = view.editor;
  return (
    <div class="tip-prop is-editing" data-testid={testId} data-value={view.value}>
      <label class="tip-prop-label" for={inputId}>
        {view.label}
      </label>
      {editor.kind === 'select' ? (
        <select
          {...common}
          id={inputId}
          ref={inputRef}
          value={draft}
          onChange={(e) => finish(true, (e.currentTarget as HTMLSelectElement).value)}
        >
          {editor.allowEmpty && <option value="">{t('empty')}</option>}
          {editor.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : editor.kind === 'textarea' ? (
        <textarea {...common} id={inputId} ref={inputRef} rows={3} value={draft} onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)} />
      ) : (
        <TypedInput kind={editor.kind} props={{ ...common, id: inputId, ref: inputRef, value: draft, onInput: (e: Event) => setDraft((e.currentTarget as HTMLInputElement).value) }} />
      )}
    </div>
  );
}

type InputProps = Record<string, unknown>;

/** Preact types each input `type` separately, so each kind gets its own element. */
function TypedInput({ kind, props }: { kind: 'text' | 'number' | 'date'; props: InputProps }) {
  if (kind === 'number') return <input {...props} type="number" step="any" />;
  if (kind === 'date') return <input {...props} type="date" />;
  return <input {...props} type="text" />;
}
