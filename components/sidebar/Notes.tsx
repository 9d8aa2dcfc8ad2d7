import { useState } from 'preact/hooks';
import type { SidebarView } from '../../core/messages/views';
import { valueOf } from '../shared/PropertyField';
import { formatDateTime, t } from '../shared/i18n';
import { agentLabel } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';
import type { Note } from '../../core/domain/types';
import { Card, Loading, extrasOf } from './ui';

/** "Edit note: <its first words>", so each note's buttons have their own name. */
const label = (key: 'atcNoteEditAria' | 'atcNoteDeleteAria', text: string) => t(key).replace('{text}', text.slice(0, 40));

/** Rewritten since it was written: its text's clock moved past its author's (set once, with the note). */
const edited = (note: Note) => note.clock.text !== note.clock.authorId;

/** The note editor comes with the extras (a click opens it). */
function Editor(props: { model: SidebarModelInstance; note: Note; onDone: () => void }) {
  const extras = extrasOf(props.model);
  return extras ? <extras.NoteEditor {...props} /> : <Loading />;
}

/** R14: internal notes on the ticket, never sent to the customer. */
export function Notes({ model, view }: { model: SidebarModelInstance; view: SidebarView }) {
  const [text, setText] = useState('');
  /** The note whose editor is open (R14: its author's only). */
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Card id="tip-notes" testId="tip-notes" title={t('notes')}>
      <form
        class="tip-form"
        onSubmit={async (e) => {
          e.preventDefault();
          // On a refusal the draft stays: nothing is lost.
          if ((await model.addNote(text)).ok) setText('');
        }}
      >
        <textarea
          class="tip-input"
          data-testid="tip-note-input"
          rows={2}
          aria-label={t('notes')}
          placeholder={t('notePlaceholder')}
          value={text}
          onInput={(e) => setText(valueOf(e))}
        />
        <div class="tip-row tip-row-end">
          <button type="submit" class="tip-button" data-testid="tip-note-add" disabled={model.busy.value}>
            {t('addNote')}
          </button>
        </div>
      </form>
      {view.notes.length === 0 ? (
        <p class="tip-muted">{t('noNotes')}</p>
      ) : (
        <ul class="tip-notes-list">
          {view.notes.map((note) => (
            <li key={note.id} class="tip-note" data-testid="tip-note" data-note-id={note.id}>
              {editing === note.id ? (
                <Editor model={model} note={note} onDone={() => setEditing(null)} />
              ) : (
                <p class="tip-note-text">{note.text}</p>
              )}
              <span class="tip-muted tip-small">
                {`${agentLabel(view.agents, note.authorId, view.meId)} · ${formatDateTime(note.createdAt)}${edited(note) ? ` · ${t('atcNoteEdited')}` : ''}`}
              </span>
              {note.authorId === view.meId && editing !== note.id && (
                <span class="tip-note-actions">
                  <button type="button" class="tip-link-button" data-testid="tip-note-edit" aria-label={label('atcNoteEditAria', note.text)} onClick={() => setEditing(note.id)}>
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
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
