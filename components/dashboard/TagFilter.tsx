import { tagCatalogOf, type Settings } from '../../core/domain/types';
import { t } from '../shared/i18n';

/** `tip-filter-tag`: tickets that have the tag picked (any spelling); '' is any tag. */
export function TagFilter({ settings, value, onChange }: { settings: Settings; value: string; onChange: (tag: string) => void }) {
  const catalog = tagCatalogOf(settings);
  // A tag removed from the catalog while it is the filter stays listed, so the select never shows a value it lacks.
  const names = catalog.map((d) => d.name);
  if (value && !names.includes(value)) names.push(value);
  return (
    <select class="tip-input" data-testid="tip-filter-tag" aria-label={t('tag_filterLabel')} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      <option value="">{t('tag_filterAny')}</option>
      {names.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
}
