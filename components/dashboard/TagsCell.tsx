import { tagCatalogOf, type Settings } from '../../core/domain/types';
import { TagChips } from '../shared/TagChips';
import { t } from '../shared/i18n';

/** The Tags column's header and cells: the ticket's chips, read-only (the record page edits them). */
export const TagsHeader = () => (
  <span role="columnheader" class="dash-cell dash-tags">
    {t('tag_label')}
  </span>
);

export function TagsCell({ tags, settings }: { tags: readonly string[]; settings: Settings }) {
  return (
    <span role="cell" class="dash-cell dash-tags" title={tags.join(', ')}>
      <TagChips tags={tags} catalog={tagCatalogOf(settings)} />
    </span>
  );
}
