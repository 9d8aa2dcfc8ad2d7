import { useState } from 'preact/hooks';
import { MAX_TAG_LENGTH } from '../../core/domain/tags';
import { TAG_COLORS, tagCatalogOf, type TagColor, type TagDef } from '../../core/domain/types';
import { fill } from '../dashboard/format';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { t, type MessageKey } from '../shared/i18n';
import type { OptionsModelInstance } from '../models/options-model';
import { Messages, SectionHead } from './controls';

/**
 * The tag catalog (`tip-section-tags`): rename a tag (on every ticket that
 * has it), pick its colour, or remove it from every ticket. Removing is not a
 * trash action, so it is confirmed and says so.
 */
export function TagsSection({ model }: { model: OptionsModelInstance }) {
  const settings = model.view.value?.settings;
  const catalog = settings ? tagCatalogOf(settings) : null;
  const [removing, setRemoving] = useState<string | null>(null);
  return (
    <section class="opt-section" aria-labelledby="opt-h-tags" data-testid="tip-section-tags">
      <SectionHead id="tags" title={t('tag_label')} intro={t('tag_sectionIntro')} />
      <Messages error={model.error} notice={model.notice} onDismiss={() => model.dismissError()} onUndo={(id) => void model.undo(id)} />
      {catalog && catalog.length === 0 && <p class="panel tip-muted">{t('tag_sectionEmpty')}</p>}
      {catalog && catalog.length > 0 && (
        <ul class="panel opt-list" aria-label={t('tag_label')}>
          {catalog.map((def) => (
            <TagRow key={def.name} def={def} model={model} onRemove={() => setRemoving(def.name)} />
          ))}
        </ul>
      )}
      {removing && (
        <ConfirmDialog
          title={fill('tag_removeTitle', { name: removing })}
          body={t('tag_removeBody')}
          confirmLabel={t('tag_removeAll')}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const name = removing;
            setRemoving(null);
            void model.removeTag(name);
          }}
        />
      )}
    </section>
  );
}

function TagRow({ def, model, onRemove }: { def: TagDef; model: OptionsModelInstance; onRemove: () => void }) {
  const [name, setName] = useState(def.name);
  const busy = model.busy.value;
  const rename = () => {
    if (name.trim() !== def.name) void model.renameTag(def.name, name);
  };
  return (
    <li class="opt-row" data-testid="tip-tag-row" data-name={def.name}>
      <span class="opt-row-main opt-tag-main">
        <span class="tip-tag" data-color={def.color} aria-hidden="true">
          {def.name}
        </span>
        <input
          class="tip-input"
          data-testid="tip-tag-name"
          aria-label={`${t('tag_name')}: ${def.name}`}
          maxLength={MAX_TAG_LENGTH * 2}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') rename();
            if (e.key === 'Escape') setName(def.name);
          }}
        />
      </span>
      <span class="opt-row-actions opt-tag-actions">
        <button type="button" class="tip-button" data-testid="tip-tag-rename" disabled={busy || name.trim() === def.name} onClick={rename}>
          {t('tag_rename')}
        </button>
        <select
          class="tip-input"
          data-testid="tip-tag-color"
          aria-label={`${t('tag_color')}: ${def.name}`}
          value={def.color}
          disabled={busy}
          onChange={(e) => void model.recolorTag(def.name, e.currentTarget.value as TagColor)}
        >
          {TAG_COLORS.map((c) => (
            <option key={c} value={c}>
              {t(`tag_color_${c}` as MessageKey)}
            </option>
          ))}
        </select>
        <button type="button" class="tip-button is-danger-outline" data-testid="tip-tag-remove-all" disabled={busy} onClick={onRemove}>
          {t('tag_removeAll')}
        </button>
      </span>
    </li>
  );
}
