import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Note } from '../../core/domain/types';
import { valueOf } from './PropertyField';
import { t } from './i18n';

/** What the note actions need of a page's or the sidebar's model. */
export interface NoteEditing {
  busy: { readonly value: boolean };
  /** Whether the new text was saved: on a refusal the draft stays, so nothing typed is lost. */
  editNote(noteId: string, text: string): Promise<boolean>;
  deleteNote(noteId: string): unknown;
}

/** "Edit note: <its first words>", so each note's buttons have their own name. */
const label = (key: 'atcNoteEditAria' | 'atcNoteDeleteAria', text: string) => t(key).replace('{text}', text.slice(0, 40));

/** R14: the author's own note, in the sidebar and on the record: edit (the editor below) or move to the trash. */
export function NoteActions({ model, note }: { model: NoteEditing; note: Note }) {
  const [editing, setEditing] = useState(false);
  const edit = useRef<HTMLButtonElement>(null);
  if (editing) {
    return (
      <NoteEditor
        model={model}
        note={note}
        onDone={() => {
          setEditing(false);
          // Back to the note's own button, not to the page.
          requestAnimationFrame(() => edit.current?.focus());
        }}
      />
    );
  }
  return (
    <span class="tip-note-actions">
      <button ref={edit} type="button" class="tip-link-button" data-testid="tip-note-edit" aria-label={label('atcNoteEditAria', note.text)} onClick={() => setEditing(true)}>
        {t('atcNoteEdit')}
      </button>
      <button
        type="button"
        class="tip-link-button"
        data-testid="tip-note-delete"
        aria-label={label('atcNoteDeleteAria', note.text)}
        disabled={model.busy.value}
        onClick={() => void model.deleteNote(note.id)}
      >
        {t('atcNoteDelete')}
      </button>
    </span>
  );
}

/**
 * R14: the author rewrites a note in place. Save sends the new text (the
 * history keeps old → new); Escape or Cancel leaves it as it was. On a
 * refusal the draft stays, so nothing typed is lost.
 */
export function NoteEditor({ model, note, onDone }: { model: NoteEditing; note: Note; onDone: () => void }) {
  const [text, setText] = useState(note.text);
  const field = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => field.current?.focus(), []);
  return (
    <form
      class="tip-form tip-note-editor"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await model.editNote(note.id, text)) onDone();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onDone();
      }}
    >
      <textarea
        ref={field}
        class="tip-input"
        data-testid="tip-note-edit-input"
        rows={3}
        aria-label={t('atcNoteEditLabel')}
        maxLength={10_000}
        value={text}
        onInput={(e) => setText(valueOf(e))}
      />
      <div class="tip-row tip-row-end">
        <button type="button" class="tip-button" onClick={onDone}>
          {t('cancel')}
        </button>
        <button type="submit" class="tip-button is-primary" data-testid="tip-note-edit-save" disabled={model.busy.value}>
          {t('atcNoteSave')}
        </button>
      </div>
    </form>
  );
}
