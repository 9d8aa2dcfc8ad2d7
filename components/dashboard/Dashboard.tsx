import { ErrorBanner } from '../shared/ErrorBanner';
import { t } from '../shared/i18n';
import { stageLabel } from '../shared/properties';
import type { DashboardModelInstance, Tab } from '../models/dashboard-model';
import { BulkBar } from './BulkBar';
import { DailyChart, StatusChart } from './Charts';
import { FilterBar } from './FilterBar';
import { TicketTable } from './TicketTable';
import { TrashView } from './TrashView';
import { formatNumber, plural } from './format';
import { PageBrand } from '../shared/PageBrand';

/** The help desk page (`tip-dashboard`): counts and charts, the ticket list, the trash. */
export function Dashboard({ model }: { model: DashboardModelInstance }) {
  const tab = model.tab.value;
  const select = (next: Tab) => {
    model.showTab(next);
    history.replaceState(null, '', next === 'trash' ? '#trash' : '#');
  };
  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next: Tab = tab === 'tickets' ? 'trash' : 'tickets';
    select(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <main class="page dash" data-testid="tip-dashboard">
      <header class="dash-head">
        <PageBrand class="dash-brand" title={t('dash_title')} heading />
        <nav class="dash-nav" aria-label={t('dash_pagesLabel')}>
          <a class="tip-button" href="/options.html">
            {t('options')}
          </a>
        </nav>
      </header>

      <div class="dash-tabs" role="tablist" aria-label={t('dash_viewsLabel')} onKeyDown={onTabKey}>
        <button
          type="button"
          role="tab"
          id="tab-tickets"
          class="dash-tab"
          aria-selected={tab === 'tickets'}
          aria-controls="panel-tickets"
          tabIndex={tab === 'tickets' ? 0 : -1}
          data-testid="tip-tab-tickets"
          onClick={() => select('tickets')}
        >
          {t('dash_tabTickets')}
          {model.stats.value && <span class="dash-tab-count">{formatNumber(model.stats.value.total)}</span>}
        </button>
        <button
          type="button"
          role="tab"
          id="tab-trash"
          class="dash-tab"
          aria-selected={tab === 'trash'}
          aria-controls="panel-trash"
          tabIndex={tab === 'trash' ? 0 : -1}
          data-testid="tip-tab-trash"
          onClick={() => select('trash')}
        >
          {t('dash_tabTrash')}
        </button>
      </div>

      <ErrorBanner error={model.error} onDismiss={() => model.dismissError()} />
      <div class="dash-notice" role="status" data-testid="tip-notice">
        {model.notice.value && (
          <>
            <span>{model.notice.value}</span>
            <button type="button" class="tip-link-button" aria-label={t('dismiss')} onClick={() => model.dismissNotice()}>
              ×
            </button>
          </>
        )}
      </div>

      <div id="panel-tickets" role="tabpanel" aria-labelledby="tab-tickets" hidden={tab !== 'tickets'}>
        {tab === 'tickets' && (
          <>
            <Overview model={model} />
            <section class="panel dash-list-panel" aria-labelledby="list-title">
              <div class="dash-list-head">
                <h2 id="list-title" class="dash-section-title">
                  {t('dash_listTitle')}
                </h2>
                <span class="tip-muted tip-small" data-testid="tip-list-count" aria-live="polite">
                  {model.list.done.value ? plural('dash_shown', model.list.count.value) : plural('dash_shownSoFar', model.list.count.value)}
                </span>
              </div>
              <FilterBar model={model} />
              <BulkBar model={model} />
              <TicketTable model={model} />
            </section>
          </>
        )}
      </div>
      <div id="panel-trash" role="tabpanel" aria-labelledby="tab-trash" hidden={tab !== 'trash'}>
        {tab === 'trash' && <TrashView model={model} />}
      </div>
    </main>
  );
}

/** Open tickets per status (each filters the list) and the two charts. */
function Overview({ model }: { model: DashboardModelInstance }) {
  const stats = model.stats.value;
  const setup = model.setup.value;
  if (!stats || !setup) return <div class="dash-overview is-loading" aria-busy="true" />;
  const { settings } = setup;
  const current = model.filters.value.status;
  const pick = (id: string) => model.setFilter('status', current === id ? '' : id);
  return (
    <section class="dash-overview" aria-label={t('dash_overviewLabel')}>
      <ul class="dash-counts">
        <li>
          <button type="button" class="dash-count is-total" aria-pressed={current === ''} data-testid="tip-count-open" data-value={stats.open} onClick={() => model.setFilter('status', '')}>
            <span class="dash-count-value">{formatNumber(stats.open)}</span>
            <span class="dash-count-label">{t('dash_openTickets')}</span>
          </button>
        </li>
        {settings.stages.map((stage, i) => (
          <li key={stage.id}>
            <button
              type="button"
              class={`dash-count stage-${i % 6}${stage.closed ? ' is-closed' : ''}`}
              aria-pressed={current === stage.id}
              data-testid={`tip-count-${stage.id}`}
              data-value={stats.byStatus[stage.id] ?? 0}
              onClick={() => pick(stage.id)}
            >
              <span class="dash-count-value">{formatNumber(stats.byStatus[stage.id] ?? 0)}</span>
              <span class="dash-count-label">{stageLabel(settings, stage.id)}</span>
            </button>
          </li>
        ))}
      </ul>
      <div class="dash-charts">
        <div class="panel">
          <StatusChart stats={stats} settings={settings} />
        </div>
        <div class="panel">
          <DailyChart stats={stats} />
        </div>
      </div>
    </section>
  );
}
