import { useEffect, useState } from 'preact/hooks';
import { patternReach, SITE_ADAPTERS, type SiteAdapterChoice } from '../../core/messages/sites';
import { fill } from '../dashboard/format';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { t, type MessageKey } from '../shared/i18n';
import type { OptionsModelInstance } from '../models/options-model';
import { Field, Messages, SectionHead } from './controls';

const ADAPTER_LABEL: Record<SiteAdapterChoice, MessageKey> = {
  auto: 'opt_adapterAuto',
  roundcube: 'opt_adapterRoundcube',
  generic: 'opt_adapterGeneric',
};

/**
 * Sites beyond the named ones: a self-hosted webmail (Roundcube) or any page
 * (generic). Adding one asks the browser for access to it first, in the click.
 */
export function SitesSection({ model }: { model: OptionsModelInstance }) {
  const [pattern, setPattern] = useState('');
  const [adapter, setAdapter] = useState<SiteAdapterChoice>('auto');
  useEffect(() => void model.loadSites(), []);
  const sites = model.sites.value;
  const pending = model.pendingBroadSite.value;
  return (
    <section class="opt-section" aria-labelledby="opt-h-sites" data-testid="tip-section-sites">
      <SectionHead id="sites" title={t('opt_sites')} intro={t('opt_sitesIntro')} />
      <Messages error={model.error} notice={model.notice} onDismiss={() => model.dismissError()} />
      <form
        class="panel opt-form"
        aria-labelledby="opt-site-add-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          // Called in the submit handler itself: the browser's permission prompt needs the agent's gesture.
          void model.addSite(pattern, adapter).then((added) => added && setPattern(''));
        }}
      >
        <h2 id="opt-site-add-title">{t('opt_addSite')}</h2>
        <div class="opt-site-fields">
          <Field id="opt-site-pattern" label={t('opt_sitePattern')} hint={t('opt_sitePatternHint')}>
            <input
              id="opt-site-pattern"
              class="tip-input opt-mono"
              data-testid="tip-site-pattern"
              required
              maxLength={500}
              spellcheck={false}
              autoComplete="off"
              placeholder="https://mail.example.org/*"
              aria-describedby="opt-site-pattern-hint"
              value={pattern}
              onInput={(e) => setPattern(e.currentTarget.value)}
            />
          </Field>
          <Field id="opt-site-adapter" label={t('opt_siteAdapter')}>
            <select id="opt-site-adapter" class="tip-input" data-testid="tip-site-adapter" value={adapter} onChange={(e) => setAdapter(e.currentTarget.value as SiteAdapterChoice)}>
              {SITE_ADAPTERS.map((a) => (
                <option key={a} value={a}>
                  {t(ADAPTER_LABEL[a])}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div class="tip-row tip-row-end">
          <button type="submit" class="tip-button is-primary" data-testid="tip-site-add" disabled={model.busy.value}>
            {t('opt_enableSite')}
          </button>
        </div>
      </form>
      <div class="panel">
        <h2>{t('opt_enabledSites')}</h2>
        {sites && sites.length === 0 && <p class="tip-muted">{t('opt_noSites')}</p>}
        {sites && sites.length > 0 && (
          <ul class="opt-list" aria-label={t('opt_enabledSites')}>
            {sites.map((site) => (
              <li key={site.pattern} class="opt-row" data-testid="tip-site-row" data-pattern={site.pattern}>
                <span class="opt-row-main">
                  <span class="opt-row-title opt-mono">{site.pattern}</span>
                  <span class="tip-muted tip-small">{t(ADAPTER_LABEL[site.adapter])}</span>
                </span>
                <span class="opt-row-actions">
                  <button
                    type="button"
                    class="tip-button is-danger-outline"
                    data-testid="tip-site-remove"
                    aria-label={fill('opt_removeNamed', { name: site.pattern })}
                    onClick={() => void model.removeSite(site.pattern)}
                  >
                    {t('opt_remove')}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}
        <p class="tip-muted tip-small opt-builtin-sites">{t('opt_builtinSites')}</p>
      </div>
      {pending && (
        <ConfirmDialog
          title={t(patternReach(pending.pattern) === 'every-host' ? 'secSitesEveryHostTitle' : 'secSitesSuffixTitle')}
          body={fill(patternReach(pending.pattern) === 'every-host' ? 'secSitesEveryHostBody' : 'secSitesSuffixBody', { pattern: pending.pattern })}
          confirmLabel={t('secSitesConfirm')}
          // The confirm click is the gesture the browser's permission prompt needs: the model asks in it.
          onConfirm={() => void model.confirmBroadSite().then((added) => added && setPattern(''))}
          onCancel={() => model.cancelBroadSite()}
        />
      )}
    </section>
  );
}
