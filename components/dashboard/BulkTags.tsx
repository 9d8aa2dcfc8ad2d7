import { tagCatalogOf, type Settings } from '../../core/domain/types';
import { t } from '../shared/i18n';
import type { BulkAction } from '../models/dashboard-model';
import { plural } from './format';

/** "New tag…": a value no tag can have (a tag has no line breaks). */
export const NEW_TAG_VALUE = '\nnew';
const NEW = NEW_TAG_VALUE;

/**
 * The bulk bar's tag actions: "Add tag…" (a catalog tag, or a new one by
 * name) and "Remove tag…", each one `tickets.bulk` command over the selection.
 */
export function BulkTags({ settings, disabled, apply }: { settings: Settings; disabled: boolean; apply: (action: BulkAction, done: (n: number) => string) => void }) {
  const names = tagCatalogOf(settings).map((d) => d.name);
  const pick = (onPick: (value: string) => void) => (e: Event) => {
    const select = e.currentTarget as HTMLSelectElement;
    const value = select.value;
    select.value = '';
    if (value) onPick(value);
  };
  const add = (name: string) => apply({ type: 'tags', add: [name], remove: [] }, (n) => plural('tag_bulkAdded', n));
  return (
    <>
      <select
        class="tip-input dash-bulk-select"
        data-testid="tip-bulk-tag-add"
        aria-label={t('tag_bulkAdd')}
        disabled={disabled}
        value=""
        onChange={pick((value) => {
          if (value !== NEW) return add(value);
          const typed = prompt(t('tag_bulkNewPrompt'));
          if (typed && typed.trim()) add(typed);
        })}
      >
        <option value="">{t('tag_bulkAdd')}</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
        <option value={NEW}>{t('tag_bulkNew')}</option>
      </select>
      <select
        class="tip-input dash-bulk-select"
        data-testid="tip-bulk-tag-remove"
        aria-label={t('tag_bulkRemove')}
        disabled={disabled || names.length === 0}
        value=""
        onChange={pick((name) => apply({ type: 'tags', add: [], remove: [name] }, (n) => plural('tag_bulkRemoved', n)))}
      >
        <option value="">{t('tag_bulkRemove')}</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </>
  );
}
