import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Snippet } from '../../core/domain/types';
import { fill } from '../dashboard/format';
import { t } from '../shared/i18n';
import type { OptionsModelInstance } from '../models/options-model';
import { Field, Messages, SectionHead } from './controls';

/** R14: saved replies the sidebar inserts into the host page's composer. */
export function SnippetsSection({ model }: { model: OptionsModelInstance }) {
  const snippets = model.view.value?.snippets;
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section class="opt-section" aria-labelledby="opt-h-snippets" data-testid="tip-section-snippets">
      <SectionHead id="snippets" title={t('opt_snippets')} intro={t('opt_snippetsIntro')} />
      <Messages error={model.error} notice={model.notice} onDismiss={() => model.dismissError()} onUndo={(id) => void model.undo(id)} />
      {snippets && snippets.length === 0 && <p class="panel tip-muted">{t('opt_noSnippets')}</p>}
      {snippets && snippets.length > 0 && (
        <ul class="panel opt-list" aria-label={t('opt_snippets')}>
          {snippets.map((s) =>
            editing === s.id ? (
              <li key={s.id} class="opt-row is-editing" data-testid="tip-snippet-row" data-snippet-id={s.id}>
                <SnippetForm
                  snippet={s}
                  busy={model.busy.value}
                  onCancel={() => setEditing(null)}
                  onSave={async (name, body) => {
                    if (await model.saveSnippet(s.id, name, body)) setEditing(null);
                  }}
                />
              </li>
            ) : (
              <li key={s.id} class="opt-row" data-testid="tip-snippet-row" data-snippet-id={s.id}>
                <span class="opt-row-main">
                  <span class="opt-row-title">{s.name}</span>
                  <span class="opt-snippet-body tip-muted">{s.body}</span>
                </span>
                <span class="opt-row-actions">
                  <button type="button" class="tip-button" data-testid="tip-snippet-edit" aria-label={fill('opt_editNamed', { name: s.name })} onClick={() => setEditing(s.id)}>
                    {t('edit')}
                  </button>
                  <button
                    type="button"
                    class="tip-button is-danger-outline"
                    data-testid="tip-snippet-remove"
                    aria-label={fill('opt_removeNamed', { name: s.name })}
                    disabled={model.busy.value}
                    onClick={() => void model.removeSnippet(s.id, s.name)}
                  >
                    {t('opt_remove')}
                  </button>
                </span>
              </li>
            ),
          )}
        </ul>
      )}
      <div class="panel">
        <h2 id="opt-snippet-add-title">{t('opt_addSnippet')}</h2>
        <SnippetForm
          busy={model.busy.value}
          onSave={(name, body) => model.addSnippet(name, body)}
        />
      </div>
    </section>
  );
}

/** Adds a saved reply (no `snippet`) or edits one; a new one's form empties after it is saved. */
function SnippetForm({
  snippet,
  busy,
  onSave,
  onCancel,
}: {
  snippet?: Snippet;
  busy: boolean;
  onSave: (name: string, body: string) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(snippet?.name ?? '');
  const [body, setBody] = useState(snippet?.body ?? '');
  const prefix = snippet ? `opt-snippet-${snippet.id}` : 'opt-snippet-new';
  const testId = (part: string) => (snippet ? `tip-snippet-edit-${part}` : `tip-snippet-${part}`);
  // Editing a saved reply focuses its name (as TeammateEditor does; `autoFocus` works once per document).
  const nameRef = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => void (snippet && nameRef.current?.focus()), []);
  return (
    <form
      class="opt-form opt-snippet-form"
      aria-labelledby={snippet ? undefined : 'opt-snippet-add-title'}
      onKeyDown={(e) => e.key === 'Escape' && onCancel?.()}
      onSubmit={async (e) => {
        e.preventDefault();
        const saved = await onSave(name, body);
        if (!snippet && saved) {
          setName('');
          setBody('');
        }
      }}
    >
      <Field id={`${prefix}-name`} label={t('opt_name')}>
        <input ref={nameRef} id={`${prefix}-name`} class="tip-input" data-testid={testId('name')} required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field id={`${prefix}-body`} label={t('opt_snippetBody')}>
        <textarea id={`${prefix}-body`} class="tip-input" data-testid={testId('body')} required rows={4} maxLength={10_000} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      </Field>
      <div class="tip-row tip-row-end">
        {onCancel && (
          <button type="button" class="tip-button" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
        <button type="submit" class="tip-button is-primary" data-testid={snippet ? 'tip-snippet-save' : 'tip-snippet-add'} disabled={busy}>
          {snippet ? t('opt_save') : t('opt_add')}
        </button>
      </div>
    </form>
  );
}
