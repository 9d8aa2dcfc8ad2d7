import { useRef, useState } from 'preact/hooks';
import { suggestTags } from '../../core/domain/tags';
import type { TagDef } from '../../core/domain/types';
import { t } from './i18n';

/** One tag input shows at a time on a page or in the sidebar, so its list's id is fixed. */
const LIST_ID = 'tip-tag-suggestions';

/**
 * The tag combobox (`tip-tag-input`): typing lists the catalog's tags that
 * match (`tip-tag-option`), arrows move through them, Enter adds the one
 * picked or, with none picked, what was typed; Escape closes the list, then
 * `onClose`. The rules check the name (a bad one shows `tip-error`), so
 * nothing is refused here.
 */
export function TagInput({ catalog, taken, onAdd, onClose, disabled, autoFocus }: {
  catalog: readonly TagDef[];
  taken: readonly string[];
  onAdd: (name: string) => Promise<boolean> | boolean;
  onClose?: () => void;
  disabled?: boolean;
  autoFocus?: boolean;
}) {
  const id = LIST_ID;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const hits = open ? suggestTags(catalog, text, taken) : [];
  const picked = active >= 0 ? hits[active] : undefined;

  // Each add sends the ticket's whole list: a second Enter before the first is saved (and the list
  // reloaded) would send a list without the first tag, so it waits.
  const saving = useRef(false);
  async function add(name: string) {
    if (name.trim() === '' || saving.current) return;
    saving.current = true;
    const typed = text;
    try {
      if (await onAdd(name)) {
        // Keeps what was typed while it saved.
        setText((now) => (now === typed ? '' : now));
        setActive(-1);
      }
    } finally {
      saving.current = false;
    }
  }

  return (
    <div class="tip-tag-combo">
      <input
        class="tip-input tip-tag-input"
        data-testid="tip-tag-input"
        role="combobox"
        aria-label={t('tag_inputLabel')}
        aria-autocomplete="list"
        aria-expanded={hits.length > 0}
        aria-controls={id}
        aria-activedescendant={picked ? `${id}-${active}` : undefined}
        placeholder={t('tag_placeholder')}
        value={text}
        disabled={disabled}
        autoFocus={autoFocus}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
            const n = hits.length;
            if (n > 0) setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % n : (i <= 0 ? n : i) - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            void add(picked ? picked.name : text);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            if (hits.length > 0) setOpen(false);
            else onClose?.();
          }
        }}
      />
      {hits.length > 0 && (
        <ul class="tip-tag-options" id={id} role="listbox" aria-label={t('tag_suggestions')}>
          {hits.map((d, i) => (
            <li
              key={d.name}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              class="tip-tag-option"
              data-testid="tip-tag-option"
              data-color={d.color}
              // Before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                void add(d.name);
              }}
            >
              {d.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
