import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { shortId } from '../../core/domain/ids';
import type { TicketHit } from '../../core/messages/views';
import { valueOf } from '../shared/PropertyField';
import { t } from '../shared/i18n';
import { stageLabel } from '../shared/properties';
import type { Props } from './CreateTicket';
import { fill } from './fill';

/** Typing pauses this long before a search goes out. */
const DEBOUNCE_MS = 150;

/**
 * R3: add the conversation to any ticket, found by name, short id or contact
 * (core/domain/search.ts). A combobox: the input keeps focus and names the
 * active option (`aria-activedescendant`); arrows move, Enter picks, Escape
 * steps back. Picking asks to confirm, since a conversation stays with the
 * ticket it joins (R2), and says when a closed ticket will reopen (R9).
 */
export function AssociateSearch({ model, view, onClose }: Omit<Props, 'snapshot'> & { onClose: () => void }) {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<TicketHit[] | null>(null);
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<TicketHit | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => input.current?.focus(), []);

  // A layout effect, not useEffect: the extras render with the content script's hooks (host/kit-names.ts), which lend no useEffect.
  useLayoutEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      void model.findTickets(text).then((found) => {
        if (stale) return; // a newer search is on its way
        setHits(found);
        setActive(0);
      });
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [text]);
  useLayoutEffect(() => {
    if (chosen) confirm.current?.focus();
  }, [chosen]);

  const list = hits ?? [];
  const optionId = (i: number) => `tip-associate-option-${i}`;
  const pick = (hit: TicketHit | undefined) => hit && setChosen(hit);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.length > 0) setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(list[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };

  if (chosen) {
    const reopens = chosen.closed && view.conversation?.status !== 'closed';
    const name = `${shortId(chosen.id)} ${chosen.name}`;
    return (
      <div
        class="tip-associate-confirm"
        role="group"
        aria-label={fill(t('atcConfirmAdd'), { ticket: name })}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.stopPropagation();
          setChosen(null);
          // Back to the list, where the agent left it.
          requestAnimationFrame(() => input.current?.focus());
        }}
      >
        <p class="tip-associate-name">{name}</p>
        <p class="tip-small">{reopens ? t('atcConfirmClosed') : t('atcConfirmForever')}</p>
        <div class="tip-row tip-row-end">
          <button type="button" class="tip-button" onClick={() => setChosen(null)}>
            {t('cancel')}
          </button>
          <button
            ref={confirm}
            type="button"
            class="tip-button is-primary"
            data-testid="tip-associate-confirm"
            data-ticket-id={chosen.id}
            aria-label={fill(t('atcConfirmAdd'), { ticket: name })}
            disabled={model.busy.value}
            onClick={() => void model.associate(chosen.id)}
          >
            {t('addToTicketButton')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div class="tip-associate-search">
      <label class="tip-field">
        <span class="tip-field-label">{t('atcSearchLabel')}</span>
        <input
          ref={input}
          class="tip-input"
          data-testid="tip-associate-search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={list.length > 0}
          aria-controls="tip-associate-list"
          aria-activedescendant={list.length > 0 ? optionId(active) : undefined}
          placeholder={t('atcSearchPlaceholder')}
          maxLength={200}
          autoComplete="off"
          value={text}
          onInput={(e) => setText(valueOf(e))}
          onKeyDown={onKeyDown}
        />
      </label>
      <ul id="tip-associate-list" class="tip-associate-list" role="listbox" aria-label={t('atcSearchResults')}>
        {list.map((hit, i) => (
          <li
            key={hit.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            class={`tip-associate-option${i === active ? ' is-active' : ''}`}
            data-testid="tip-associate-option"
            data-ticket-id={hit.id}
            data-closed={hit.closed ? 'true' : 'false'}
            // Keep focus in the input: the list is driven from there.
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(hit)}
          >
            <span class="tip-associate-name">{hit.name}</span>
            <span class="tip-muted tip-small">
              {[shortId(hit.id), hit.ofContact ? t('atcThisContact') : hit.contactName, hit.closed ? '' : stageLabel(view.settings, hit.status)]
                .filter(Boolean)
                .join(' · ')}
              {hit.closed && <span class="tip-pill tip-associate-closed">{t('atcClosedTag')}</span>}
            </span>
          </li>
        ))}
      </ul>
      <p class="tip-muted tip-small" role="status">
        {hits === null ? t('atcSearching') : list.length === 0 ? t('atcNoResults') : ''}
      </p>
    </div>
  );
}
