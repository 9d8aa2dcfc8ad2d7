import { useState } from 'preact/hooks';
import type { SidebarView } from '../../core/messages/views';
import { t } from '../shared/i18n';
import type { SidebarModelInstance } from '../models/sidebar-model';

/** R14: saved replies, inserted at the cursor of the host page's own composer. */
export function Snippets({ model, view }: { model: SidebarModelInstance; view: SidebarView }) {
  const [chosen, setChosen] = useState(view.snippets[0]?.id ?? '');
  const snippet = view.snippets.find((s) => s.id === chosen) ?? view.snippets[0];
  return (
    <section class="tip-card" data-testid="tip-snippets" aria-labelledby="tip-snippets-title">
      <h3 id="tip-snippets-title" class="tip-card-title">
        {t('snippets')}
      </h3>
      {view.snippets.length === 0 ? (
        <p class="tip-muted">{t('noSnippets')}</p>
      ) : (
        <div class="tip-form">
          <select
            class="tip-input"
            data-testid="tip-snippet-select"
            aria-label={t('chooseSnippet')}
            value={snippet?.id}
            onChange={(e) => setChosen(e.currentTarget.value)}
          >
            {view.snippets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {snippet && <p class="tip-snippet-preview tip-muted">{snippet.body}</p>}
          <div class="tip-row tip-row-end">
            <button type="button" class="tip-button" data-testid="tip-snippet-insert" onClick={() => snippet && model.insertSnippet(snippet.body)}>
              {t('insertSnippet')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
