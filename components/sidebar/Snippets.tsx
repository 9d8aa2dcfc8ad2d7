import { useState } from 'preact/hooks';
import type { SidebarView } from '../../core/messages/views';
import { options, valueOf } from '../shared/PropertyField';
import { t } from '../shared/i18n';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { Card } from './ui';

/** R14: saved replies, inserted at the cursor of the host page's own composer. */
export function Snippets({ model, view }: { model: SidebarModelInstance; view: SidebarView }) {
  const { snippets } = view;
  const [chosen, setChosen] = useState(snippets[0]?.id ?? '');
  const snippet = snippets.find((s) => s.id === chosen) ?? snippets[0];
  return (
    <Card id="tip-snippets" testId="tip-snippets" title={t('snippets')}>
      {!snippet ? (
        <p class="tip-muted">{t('noSnippets')}</p>
      ) : (
        <div class="tip-form">
          <select
            class="tip-input"
            data-testid="tip-snippet-select"
            aria-label={t('chooseSnippet')}
            value={snippet.id}
            onChange={(e) => setChosen(valueOf(e))}
          >
            {options(snippets.map((s) => ({ value: s.id, label: s.name })))}
          </select>
          <p class="tip-snippet-preview tip-muted">{snippet.body}</p>
          <div class="tip-row tip-row-end">
            <button type="button" class="tip-button" data-testid="tip-snippet-insert" onClick={() => void model.insertSnippet(snippet.body)}>
              {t('insertSnippet')}
            </button>
          </div>
        </div>
      )}
    </Card>
  );
}
