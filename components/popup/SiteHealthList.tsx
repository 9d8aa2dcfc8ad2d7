import { fill, formatShort } from '../dashboard/format';
import { t } from '../shared/i18n';
import type { PopupModelInstance } from '../models/popup-model';
import type { HealthSite } from '../../core/domain/health';

/** Brand names stay as they are in every language; the demo inbox is ours to name. */
const SITE_NAMES: Record<HealthSite, string> = { gmail: 'Gmail', outlook: 'Outlook', roundcube: 'Roundcube', slack: 'Slack', whatsapp: 'WhatsApp', demo: '' };
const STATE_KEYS = { ok: 'health_ok', changed: 'health_changed', unseen: 'health_unseen' } as const;

/** `tip-popup-site-health`: each site's last check (working, changed, not seen yet) and "Copy diagnostics". */
export function SiteHealthList({ model }: { model: PopupModelInstance }) {
  const rows = model.healthList.value;
  const anySeen = rows.some((r) => r.state !== 'unseen');
  return (
    <section class="pop-site pop-health" aria-labelledby="pop-health-title" data-testid="tip-popup-site-health">
      <h2 id="pop-health-title">{t('health_popupTitle')}</h2>
      <ul class="pop-health-list">
        {rows.map((row) => (
          <li key={row.site} data-site={row.site} data-state={row.state}>
            <span class="pop-health-name">{SITE_NAMES[row.site] || t('health_siteDemo')}</span>
            <span class={`pop-health-state is-${row.state}`}>
              {t(STATE_KEYS[row.state])}
              {row.at !== null && <span class="pop-health-when">{fill('health_seenAt', { time: formatShort(row.at) })}</span>}
            </span>
          </li>
        ))}
      </ul>
      {anySeen && (
        <button type="button" class="tip-button" data-testid="tip-popup-copy-diagnostics" onClick={() => void model.copyDiagnostics()}>
          {t('health_copy')}
        </button>
      )}
      {model.copied.value && (
        <p class="tip-muted tip-small" role="status">
          {t('health_copied')}
        </p>
      )}
      {model.diagnostics.value && (
        <>
          <p class="tip-muted tip-small" role="status">
            {t('health_copyByHand')}
          </p>
          <textarea class="pop-diagnostics" data-testid="tip-diagnostics-text" readOnly rows={6} value={model.diagnostics.value} aria-label={t('health_copy')} />
        </>
      )}
    </section>
  );
}
