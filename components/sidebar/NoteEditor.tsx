import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Note } from '../../core/domain/types';
import { valueOf } from '../shared/PropertyField';
import { t } from '../shared/i18n';
import type { SidebarModelInstance } from '../models/sidebar-model';

/**
 * R14: the author rewrites a note in place. Save sends the new text (the
 * history keeps old → new); Escape or Cancel leaves it as it was. On a
 * refusal the draft stays, so nothing typed is lost.
 */
export function NoteEditor({ model, note, onDone }: { model: SidebarModelInstance; note: Note; onDone: () => void }) {
  const [text, setText] = useState(note.text);
  const field = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => field.current?.focus(), []);
  return (
    <form
      class="tip-form tip-note-editor"
      onSubmit={async (e) => {
        e.preventDefault();
        if ((await model.editNote(note.id, text)).ok) onDone();
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
