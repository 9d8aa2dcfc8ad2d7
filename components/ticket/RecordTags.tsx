import { withoutTag } from '../../core/domain/tags';
import { tagCatalogOf, tagsOf } from '../../core/domain/types';
import type { TicketRecordView } from '../../core/messages/views';
import type { RecordModelInstance } from '../models/record-model';
import { TagChips } from '../shared/TagChips';
import { TagInput } from '../shared/TagInput';
import { t } from '../shared/i18n';

/** The record page's tags: the card's chips and tag input, always open. */
export function RecordTags({ model, view, disabled }: { model: RecordModelInstance; view: TicketRecordView; disabled: boolean }) {
  const tags = tagsOf(view.ticket);
  const catalog = tagCatalogOf(view.settings);
  const off = disabled || model.busy.value;
  return (
    <section class="panel" aria-labelledby="tags-title">
      <h2 id="tags-title">{t('tag_label')}</h2>
      <div class="tip-tags" data-testid="tip-tags" role="group" aria-labelledby="tags-title">
        {tags.length === 0 && <span class="tip-muted">{t('tag_none')}</span>}
        <TagChips tags={tags} catalog={catalog} disabled={off} onRemove={disabled ? undefined : (name) => void model.setTags(withoutTag(tags, name))} />
        {!disabled && <TagInput catalog={catalog} taken={tags} disabled={model.busy.value} onAdd={(name) => model.setTags([...tags, name])} />}
      </div>
    </section>
  );
}
