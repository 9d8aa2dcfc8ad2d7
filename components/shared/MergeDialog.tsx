import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { shortId } from '../../core/domain/ids';
import { t } from './i18n';
import './merge-dialog.css';

/** A ticket as the merge dialog shows it. */
export interface MergeChoice {
  id: string;
  name: string;
}

export interface MergeDialogProps {
  title: string;
  intro: string;
  /** The tickets to merge, when they are already known (the dashboard's selection). */
  tickets?: MergeChoice[];
  /** The record page's ticket: the agent finds the other one with `search`. */
  current?: MergeChoice;
  search?: (needle: string) => Promise<MergeChoice[]>;
  busy?: boolean;
  onConfirm: (keepId: string, mergeIds: string[]) => void;
  onCancel: () => void;
}

/**
 * Merging tickets: pick the other ticket by search (record page) or take
 * the selection (dashboard), pick the one to keep (`tip-merge-keep`), confirm
 * (`tip-merge-confirm`). Escape or the backdrop cancels.
 */
export function MergeDialog({ title, intro, tickets, current, search, busy = false, onConfirm, onCancel }: MergeDialogProps) {
  const [needle, setNeedle] = useState('');
  const [found, setFound] = useState<MergeChoice[] | null>(null);
  const [picked, setPicked] = useState<MergeChoice | null>(null);
  const choices: MergeChoice[] = tickets ?? (current && picked ? [current, picked] : []);
  const [keepId, setKeepId] = useState<string | null>(null);
  const keep = choices.find((c) => c.id === keepId)?.id ?? choices[0]?.id ?? null;
  const searchRef = useRef<HTMLInputElement>(null);
  const firstKeepRef = useRef<HTMLInputElement>(null);

  useLayoutEffect(() => (searchRef.current ?? firstKeepRef.current)?.focus(), []);
  // The caller passes a new function on every render: searching again only when the words change
  // keeps a result from re-rendering into another search.
  const latestSearch = useRef(search);
  latestSearch.current = search;
  const searching = search !== undefined;
  useEffect(() => {
    if (!searching) return;
    let stale = false;
    const timer = setTimeout(() => void latestSearch.current?.(needle).then((r) => !stale && setFound(r)), needle ? 150 : 0);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [needle, searching]);

  return (
    <div class="tip-dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        class="tip-dialog merge-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="merge-title"
        data-testid="tip-merge-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        <h2 id="merge-title">{title}</h2>
        <p>{intro}</p>
        {search && (
          <div class="merge-search">
            <label class="merge-label" for="merge-search">
              {t('mrg_searchLabel')}
            </label>
            <input
              id="merge-search"
              ref={searchRef}
              type="search"
              class="tip-input"
              data-testid="tip-merge-search"
              placeholder={t('mrg_searchPlaceholder')}
              maxLength={200}
              value={needle}
              onInput={(e) => setNeedle(e.currentTarget.value)}
            />
            <ul class="merge-options" aria-label={t('mrg_searchLabel')}>
              {found?.length === 0 && <li class="tip-muted tip-small">{t('mrg_noResults')}</li>}
              {found?.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    class={`merge-option${picked?.id === c.id ? ' is-picked' : ''}`}
                    data-testid="tip-merge-option"
                    data-ticket-id={c.id}
                    aria-pressed={picked?.id === c.id}
                    onClick={() => setPicked(c)}
                  >
                    <span class="merge-option-name">{c.name}</span> <span class="tip-muted">{shortId(c.id)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {choices.length > 1 && (
          <fieldset class="merge-keep">
            <legend class="merge-label">{t('mrg_keepLabel')}</legend>
            {choices.map((c, i) => (
              <label key={c.id} class="merge-keep-choice">
                <input
                  ref={i === 0 ? firstKeepRef : undefined}
                  type="radio"
                  name="merge-keep"
                  value={c.id}
                  data-testid="tip-merge-keep"
                  data-ticket-id={c.id}
                  checked={keep === c.id}
                  onChange={() => setKeepId(c.id)}
                />
                <span>
                  {c.name} <span class="tip-muted">{shortId(c.id)}</span>
                  {current?.id === c.id && <span class="tip-muted"> · {t('mrg_thisTicket')}</span>}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <div class="tip-dialog-actions">
          <button type="button" class="tip-button" onClick={onCancel}>
            {t('cancel')}
          </button>
          <button
            type="button"
            class="tip-button is-primary"
            data-testid="tip-merge-confirm"
            disabled={busy || keep === null || choices.length < 2}
            onClick={() => keep && onConfirm(keep, choices.filter((c) => c.id !== keep).map((c) => c.id))}
          >
            {t('mrg_confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
