import { useState } from 'preact/hooks';
import type { SidebarView } from '../../core/messages/views';
import { valueOf } from '../shared/PropertyField';
import { formatDateTime, t } from '../shared/i18n';
import { agentLabel } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { Card } from './ui';

/** R14: internal notes on the ticket, never sent to the customer. */
export function Notes({ model, view }: { model: SidebarModelInstance; view: SidebarView }) {
  const [text, setText] = useState('');
  // Edit and delete come with the extras, which the agent reaching for the sidebar loads (SidebarApp).
  const extras = model.extras.value;
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
              <p class="tip-note-text">{note.text}</p>
              <span class="tip-muted tip-small">{`${agentLabel(view.agents, note.authorId, view.meId)} · ${formatDateTime(note.createdAt)}`}</span>
              {extras && note.authorId === view.meId && <extras.NoteActions model={model} note={note} />}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
