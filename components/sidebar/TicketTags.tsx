import { useState } from 'preact/hooks';
import { withoutTag } from '../../core/domain/tags';
import { tagCatalogOf, tagsOf } from '../../core/domain/types';
import type { SidebarView } from '../../core/messages/views';
import { TagChips } from '../shared/TagChips';
import { t } from '../shared/i18n';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { extrasOf } from './ui';

/**
 * The card's tags (`tip-tags`): chips with a remove ×, and "+ Tag", which
 * opens the tag input; the input comes with the extras (extras.ts), since
 * only a click needs it.
 */
export function TicketTags({ model, view }: { model: SidebarModelInstance; view: SidebarView }) {
  const [adding, setAdding] = useState(false);
  const tags = tagsOf(view.ticket!);
  const catalog = tagCatalogOf(view.settings);
  const extras = extrasOf(model, adding);
  const busy = model.busy.value;
  return (
    <div class="tip-tags" data-testid="tip-tags" role="group" aria-label={t('tag_label')}>
      <TagChips tags={tags} catalog={catalog} disabled={busy} onRemove={(name) => void model.setTags(withoutTag(tags, name))} />
      {adding && extras ? (
        <extras.TagInput
          catalog={catalog}
          taken={tags}
          autoFocus
          onAdd={async (name) => (await model.setTags([...tags, name])).ok}
          onClose={() => setAdding(false)}
        />
      ) : (
        <button type="button" class="tip-link-button" data-testid="tip-tag-add" aria-expanded={adding} onClick={() => setAdding(true)}>
          {t('tag_add')}
        </button>
      )}
    </div>
  );
}
