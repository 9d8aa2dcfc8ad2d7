import { useState } from 'preact/hooks';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { toClipboard } from '../shared/diagnostics';
import { t } from '../shared/i18n';

/**
 * `tip-site-health`: the site's markup changed, so the sidebar reads the page
 * in limited mode (generic mode, keyed by the address) and says so, with the
 * diagnostics to report it (landmark names, never page text).
 */
export function SiteHealthBanner({ model, site }: { model: SidebarModelInstance; site: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const [byHand, setByHand] = useState<string | null>(null);
  const copy = async () => {
    const text = await model.diagnostics();
    if (text === null) return;
    const done = await toClipboard(text);
    setCopied(done);
    setByHand(done ? null : text);
  };
  return (
    <section class="tip-site-health" data-testid="tip-site-health" data-state="changed" data-site={site} aria-labelledby="tip-health-title">
      <h2 id="tip-health-title">{t('health_changedTitle')}</h2>
      <p>{t('health_changedHint')}</p>
      <button type="button" class="tip-button" data-testid="tip-copy-diagnostics" onClick={() => void copy()}>
        {t('health_copy')}
      </button>
      {copied !== null && (
        <p class="tip-muted" role="status">
          {t(copied ? 'health_copied' : 'health_copyByHand')}
        </p>
      )}
      {byHand && <textarea class="tip-diagnostics" data-testid="tip-diagnostics-text" readOnly rows={6} value={byHand} aria-label={t('health_copy')} />}
    </section>
  );
}
