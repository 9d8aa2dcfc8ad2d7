import { fill, formatNumber, plural } from '../dashboard/format';
import { ErrorBanner } from '../shared/ErrorBanner';
import { t } from '../shared/i18n';
import { stageLabel } from '../shared/properties';
import type { PopupModelInstance } from '../models/popup-model';
import { SiteHealthList } from './SiteHealthList';

/** The toolbar popup: open tickets, the way to the dashboard and the options, and this site. */
export function PopupApp({ model }: { model: PopupModelInstance }) {
  const open = model.openCount.value;
  const settings = model.view.value?.settings;
  const counts = model.counts.value;
  const openStages = settings ? settings.stages.filter((s) => !s.closed) : [];
  return (
    <main class="pop" data-testid="tip-popup">
      <header class="pop-head">
        <span class="page-logo pop-logo" aria-hidden="true">
          T
        </span>
        <h1>{t('appName')}</h1>
      </header>
      <ErrorBanner error={model.error} onDismiss={() => model.dismissError()} />

      <section class="pop-count" aria-label={t('pop_openTickets')}>
        <p class="pop-number" data-testid="tip-popup-open-count" data-value={open ?? ''}>
          <span class="pop-number-value">{open === null ? '–' : formatNumber(open)}</span>{' '}
          <span class="pop-number-label">{plural('pop_openLabel', open ?? 0)}</span>
        </p>
        {settings && counts && openStages.length > 0 && (
          <ul class="pop-stages" aria-label={t('pop_byStage')}>
            {openStages.map((s) => (
              <li key={s.id}>
                <span>{stageLabel(settings, s.id)}</span>
                <span class="pop-stage-n">{formatNumber(counts.byStatus[s.id] ?? 0)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <nav class="pop-links" aria-label={t('pop_pages')}>
        <button type="button" class="tip-button is-primary" data-testid="tip-popup-dashboard" onClick={() => void model.openPage('dashboard')}>
          {t('pop_openDashboard')}
        </button>
        <button type="button" class="tip-button" data-testid="tip-popup-options" onClick={() => void model.openPage('options')}>
          {t('options')}
        </button>
      </nav>

      <SiteCard model={model} />
      <SiteHealthList model={model} />
    </main>
  );
}

function SiteCard({ model }: { model: PopupModelInstance }) {
  const site = model.site.value;
  if (!site) return null;
  return (
    <section class="pop-site" aria-labelledby="pop-site-title" data-testid="tip-popup-site" data-state={site.state}>
      <h2 id="pop-site-title">{t('pop_thisSite')}</h2>
      {site.state === 'unsupported' && <p class="tip-muted">{t('pop_unsupported')}</p>}
      {site.state === 'builtin' && <p>{fill('pop_builtin', { host: site.host })}</p>}
      {site.state === 'enabled' && (
        <>
          <p>{fill('pop_enabled', { host: site.host })}</p>
          {model.justEnabled.value && (
            <button type="button" class="tip-button" data-testid="tip-popup-reload" onClick={() => void model.reloadSite()}>
              {t('pop_reload')}
            </button>
          )}
        </>
      )}
      {site.state === 'available' && (
        <>
          <p class="tip-muted">{fill('pop_available', { host: site.host })}</p>
          <button type="button" class="tip-button is-primary" data-testid="tip-popup-enable" disabled={model.busy.value} onClick={() => void model.enableSite()}>
            {t('pop_enable')}
          </button>
          <button type="button" class="tip-button" data-testid="tip-popup-open-once" aria-describedby="pop-once-hint" onClick={() => void model.openHere()}>
            {t('pop_openOnce')}
          </button>
          <p id="pop-once-hint" class="tip-muted tip-small">
            {t('pop_openOnceHint')}
          </p>
        </>
      )}
    </section>
  );
}
