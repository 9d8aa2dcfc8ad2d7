import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Option, PropertyView } from './properties';
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

/** `<option>`s for a `<select>` (every picker in the sidebar and the pages). */
export const options = (list: readonly Option[]) =>
  list.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));

/** The value of the control an event came from. */
export const valueOf = (e: Event) => (e.currentTarget as HTMLInputElement).value;

/** What an open editor gets from its row: the draft, and `finish` to save (or not) and close. */
export interface EditorProps {
  view: PropertyView;
  draft: string;
  setDraft(value: string): void;
  /** Closes the editor; saves `value` (the draft by default) when `save` and it changed. */
  finish(save: boolean, value?: string): void;
  scope: string;
}

/**
 * R4 inline edit: the value is a button; clicking it opens the editor.
 * Enter (or picking an option, or leaving the field) saves, Escape cancels.
 */
export function PropertyField(props: PropertyFieldProps) {
  return <PropertyRow {...props} editor={(p) => <PropertyEditor {...p} />} />;
}

/**
 * The row of PropertyField with the editor given: the sidebar passes one that
 * comes with its extras (components/sidebar/extras.ts) and may answer null
 * while they load; the row then stays as it is.
 */
export function PropertyRow({ view, onSave, disabled, scope = 'card', editor }: PropertyFieldProps & { editor: (props: EditorProps) => ComponentChildren }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(view.value);
  const done = useRef(false);

  const finish = (save: boolean, value = draft) => {
    if (done.current) return;
    done.current = true;
    setEditing(false);
    if (save && value !== view.value) void onSave(parseEdited(view, value));
  };

  const open = editing && view.editor ? editor({ view, draft, setDraft, finish, scope }) : null;
  const { id, label } = view;
  const editable = view.editor !== null && !disabled;
  // The whole row is the click target (docs/ui-contract.md `tip-prop-<propertyId>`: "click to edit"); the button inside is for the keyboard.
  return (
    <div
      class={open ? 'tip-prop is-editing' : 'tip-prop'}
      data-testid={`tip-prop-${id}`}
      data-value={view.value}
      onClick={
        editable && !open
          ? () => {
              setDraft(view.value);
              done.current = false;
              setEditing(true);
            }
          : undefined
      }
    >
      {open ?? (
        <>
          <span class="tip-prop-label">{label}</span>
          {editable ? (
            <button type="button" class="tip-prop-value is-editable" aria-label={`${t('edit')} ${label}: ${view.display}`}>
              {view.display}
            </button>
          ) : (
            <span class="tip-prop-value">{view.display}</span>
          )}
        </>
      )}
    </div>
  );
}

/** The open editor of one property, inside its row: its label and a select, textarea or input, focused as it opens. */
export function PropertyEditor({ view, draft, setDraft, finish, scope }: EditorProps) {
  const inputRef = useRef<HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement>(null);
  useLayoutEffect(() => inputRef.current?.focus(), []);
  const { id, label, editor } = view;
  if (!editor) return null;
  const inputTestId = `tip-prop-input-${id}`;
  const inputId = `${scope}-${inputTestId}`;
  const kind = editor.kind;
  const common = {
    'data-testid': inputTestId,
    'aria-label': label,
    class: 'tip-input',
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        finish(false);
      } else if (e.key === 'Enter' && !(kind === 'textarea' && e.shiftKey)) {
        e.preventDefault();
        finish(true, valueOf(e));
      }
    },
    onBlur: (e: FocusEvent) => finish(true, valueOf(e)),
    id: inputId,
    ref: inputRef,
    value: draft,
  };
  const onInput = (e: Event) => setDraft(valueOf(e));
  return (
    <>
      <label class="tip-prop-label" for={inputId}>
        {label}
      </label>
      {editor.kind === 'select' ? (
        <select {...common} onChange={(e) => finish(true, valueOf(e))}>
          {editor.allowEmpty && <option value="">{t('empty')}</option>}
          {options(editor.options)}
        </select>
      ) : kind === 'textarea' ? (
        <textarea {...common} rows={3} onInput={onInput} />
      ) : (
        // Preact types each input `type` separately: one element serves text, number and date.
        <input {...common} type={kind as 'text'} step={kind === 'number' ? 'any' : undefined} onInput={onInput} />
      )}
    </>
  );
}
