import { tagColor } from '../../core/domain/tags';
import type { TagDef } from '../../core/domain/types';
import { t } from './i18n';

/**
 * A ticket's tags as coloured chips (`tip-tag`), each with a remove × when
 * `onRemove` is given. Shipped in every content script with the card: keep it small.
 */
export function TagChips({ tags, catalog, onRemove, disabled }: { tags: readonly string[]; catalog: readonly TagDef[]; onRemove?: (name: string) => void; disabled?: boolean }) {
  return (
    <ul class="tip-tag-list">
      {tags.map((name) => (
        <li key={name} class="tip-tag" data-testid="tip-tag" data-color={tagColor(catalog, name)} data-name={name} data-tag={name}>
          <span>{name}</span>
          {onRemove && (
            <button type="button" class="tip-tag-x" aria-label={`${t('tag_remove')}: ${name}`} title={t('tag_remove')} disabled={disabled} onClick={() => onRemove(name)}>
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
