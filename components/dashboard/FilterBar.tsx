import { SnoozedFilter } from './DueCell';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { agentOptions, priorityLabel, stageOptions } from '../shared/properties';
import { TagFilter } from './TagFilter';
import { SlaFilter } from './SlaFilter';
import { UNASSIGNED, type DashboardModelInstance, type Direction, type Filters, type Sort } from '../models/dashboard-model';

/** Typing settles for this long before the list is queried again. */
export const SEARCH_DEBOUNCE_MS = 250;

/** Search, filters (`tip-filter-<property>`) and sort for the ticket list. */
export function FilterBar({ model }: { model: DashboardModelInstance }) {
  const setup = model.setup.value;
  const filters = model.filters.value;
  const [text, setText] = useState(model.search.value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // "Clear filters" empties the search too: follow the model when it changes under us.
  useEffect(() => {
    if (model.search.value === '' && text !== '') setText('');
  }, [model.search.value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onSearch = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => model.setSearch(value), SEARCH_DEBOUNCE_MS);
  };
  const set = <K extends keyof Filters>(key: K) => (e: Event) => model.setFilter(key, (e.currentTarget as HTMLInputElement).value as Filters[K]);

  const dateField = (key: 'createdFrom' | 'createdTo' | 'updatedFrom' | 'updatedTo', testId: string, label: string) => (
    <label class="dash-date">
      <span class="dash-date-label">{label}</span>
      <input type="date" class="tip-input" data-testid={testId} value={filters[key]} onChange={set(key)} max={key.endsWith('From') ? filters[key === 'createdFrom' ? 'createdTo' : 'updatedTo'] || undefined : undefined} />
    </label>
  );

  return (
    <div class="dash-filters" role="search" aria-label={t('dash_filtersLabel')}>
      <div class="dash-filter-row">
        <div class="dash-search">
          <svg class="dash-search-icon" viewBox="0 0 20 20" aria-hidden="true">
            <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" />
            <path d="M13 13l4.5 4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
          <input
            type="search"
            class="tip-input"
            data-testid="tip-search"
            aria-label={t('dash_search')}
            aria-describedby="dash-search-scope"
            placeholder={t('dash_searchPlaceholder')}
            value={text}
            maxLength={200}
            onInput={(e) => onSearch(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                clearTimeout(timer.current);
                model.setSearch(e.currentTarget.value);
              }
            }}
          />
          <span id="dash-search-scope" class="tip-visually-hidden">
            {t('dash_searchScope')}
          </span>
        </div>
        {setup && (
          <>
            <select class="tip-input" data-testid="tip-filter-status" aria-label={t('status')} value={filters.status} onChange={set('status')}>
              <option value="">{t('dash_anyStatus')}</option>
              {stageOptions(setup.settings).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <select class="tip-input" data-testid="tip-filter-priority" aria-label={t('priority')} value={filters.priority} onChange={set('priority')}>
              <option value="">{t('dash_anyPriority')}</option>
              {setup.settings.priorities.map((p) => (
                <option key={p.id} value={p.id}>
                  {priorityLabel(setup.settings, p.id)}
                </option>
              ))}
            </select>
            <select class="tip-input" data-testid="tip-filter-owner" aria-label={t('owner')} value={filters.owner} onChange={set('owner')}>
              <option value="">{t('dash_anyOwner')}</option>
              <option value={UNASSIGNED}>{t('unassigned')}</option>
              {agentOptions(setup.agents, setup.meId).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <select class="tip-input" data-testid="tip-filter-source" aria-label={t('dash_colChannel')} value={filters.source} onChange={set('source')}>
              <option value="">{t('dash_anyChannel')}</option>
              <option value="email">{t('channelEmail')}</option>
              <option value="chat">{t('channelChat')}</option>
            </select>
            <TagFilter settings={setup.settings} value={filters.tag} onChange={(tag) => model.setFilter('tag', tag)} />
            <SnoozedFilter value={filters.snoozed} onChange={(v) => model.setFilter('snoozed', v)} />
            <SlaFilter model={model} />
          </>
        )}
        <select
          class="tip-input dash-sort"
          data-testid="tip-sort"
          aria-label={t('dash_sort')}
          value={`${model.sort.value}:${model.direction.value}`}
          onChange={(e) => {
            const [sort, direction] = e.currentTarget.value.split(':') as [Sort, Direction];
            model.setSort(sort, direction);
          }}
        >
          <option value="updatedAt:desc">{t('dash_sortUpdatedDesc')}</option>
          <option value="updatedAt:asc">{t('dash_sortUpdatedAsc')}</option>
          <option value="createdAt:desc">{t('dash_sortCreatedDesc')}</option>
          <option value="createdAt:asc">{t('dash_sortCreatedAsc')}</option>
          <option value="dueAt:asc">{t('timeSortDue')}</option>
          <option value="slaDue:asc">{t('sla_sortDue')}</option>
        </select>
      </div>
      <div class="dash-filter-row is-dates">
        <fieldset class="dash-range">
          <legend>{t('dash_created')}</legend>
          {dateField('createdFrom', 'tip-filter-created-from', t('dash_from'))}
          {dateField('createdTo', 'tip-filter-created-to', t('dash_to'))}
        </fieldset>
        <fieldset class="dash-range">
          <legend>{t('dash_updated')}</legend>
          {dateField('updatedFrom', 'tip-filter-updated-from', t('dash_from'))}
          {dateField('updatedTo', 'tip-filter-updated-to', t('dash_to'))}
        </fieldset>
        <p class="dash-scope tip-muted tip-small" aria-hidden="true">
          {t('dash_searchScope')}
        </p>
        {model.filtered.value && (
          <button type="button" class="tip-link-button" data-testid="tip-clear-filters" onClick={() => model.clearFilters()}>
            {t('dash_clearFilters')}
          </button>
        )}
      </div>
    </div>
  );
}
