import { useState } from 'preact/hooks';
import { EXPORT_STORES, type ExportStore } from '../../core/domain/export-format';
import { fill, formatNumber } from '../dashboard/format';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { ErrorBanner } from '../shared/ErrorBanner';
import { formatDateTime, t, type MessageKey } from '../shared/i18n';
import type { DataModelInstance, DataPhase } from '../models/data-model';
import { SectionHead } from './controls';

const STORE_LABEL: Record<ExportStore, MessageKey> = {
  tickets: 'data_tickets',
  conversations: 'data_conversations',
  contacts: 'data_contacts',
  agents: 'data_agents',
  notes: 'data_notes',
  snippets: 'data_snippets',
  settings: 'data_settings',
  activity: 'data_activity',
};

const PHASE_LABEL: Partial<Record<DataPhase, MessageKey>> = {
  exporting: 'data_phaseExporting',
  reading: 'data_phaseReading',
  sending: 'data_phaseSending',
  writing: 'data_phaseWriting',
  erasing: 'data_phaseErasing',
};

/** Export everything (JSON) or the tickets (CSV), import an export, erase all data. */
export function DataSection({ model }: { model: DataModelInstance }) {
  const [confirming, setConfirming] = useState(false);
  const phase = model.phase.value;
  const working = phase !== 'idle' && phase !== 'preview';
  const preview = model.preview.value;
  return (
    <section class="opt-section" aria-labelledby="opt-h-data" data-testid="tip-section-data">
      <SectionHead id="data" title={t('opt_data')} intro={t('data_intro')} />
      <ErrorBanner error={model.error} onDismiss={() => model.dismissError()} />
      <p class="opt-notice" role="status" data-testid="tip-data-notice">
        {model.notice.value}
      </p>
      <Progress model={model} />

      <div class="panel">
        <h2>{t('data_export')}</h2>
        <p class="opt-panel-text">{t('data_exportText')}</p>
        <div class="tip-row">
          <button type="button" class="tip-button is-primary" data-testid="tip-export" disabled={working} onClick={() => void model.exportJson()}>
            {t('data_exportJson')}
          </button>
          <button type="button" class="tip-button" data-testid="tip-export-csv" disabled={working} onClick={() => void model.exportCsv()}>
            {t('data_exportCsv')}
          </button>
        </div>
      </div>

      <div class="panel">
        <h2>{t('data_import')}</h2>
        <p class="opt-panel-text">{t('data_importText')}</p>
        <div class="tip-row">
          {/* A real file input (keyboard and screen readers know it), dressed as a button. */}
          <label class={`tip-button opt-file${working ? ' is-disabled' : ''}`}>
            <input
              type="file"
              class="opt-file-input"
              data-testid="tip-import"
              accept=".json,application/json"
              disabled={working}
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = ''; // the same file can be chosen again after a fix
                if (file) void model.chooseFile(file);
              }}
            />
            {t('data_chooseFile')}
          </label>
        </div>
        {preview && (
          <div class="opt-preview" data-testid="tip-import-preview" role="region" aria-labelledby="opt-preview-title">
            <h3 id="opt-preview-title">{fill('data_previewTitle', { file: preview.fileName })}</h3>
            <p class="tip-muted tip-small">{fill('data_previewExported', { date: formatDateTime(Date.parse(preview.exportedAt)) })}</p>
            <table class="opt-table opt-counts">
              <caption class="tip-visually-hidden">{t('data_previewCaption')}</caption>
              <tbody>
                {EXPORT_STORES.map((s) => (
                  <tr key={s} data-testid={`tip-import-count-${s}`} data-value={preview.counts[s]}>
                    <th scope="row">{t(STORE_LABEL[s])}</th>
                    <td>{formatNumber(preview.counts[s])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="opt-panel-text">{t('data_previewMerge')}</p>
            <div class="tip-row tip-row-end">
              <button type="button" class="tip-button" data-testid="tip-import-cancel" onClick={() => model.cancelImport()}>
                {t('cancel')}
              </button>
              <button type="button" class="tip-button is-primary" data-testid="tip-import-apply" onClick={() => void model.applyImport()}>
                {t('data_importApply')}
              </button>
            </div>
          </div>
        )}
      </div>

      <div class="panel opt-danger">
        <h2>{t('data_erase')}</h2>
        <p class="opt-panel-text">{t('data_eraseText')}</p>
        <div class="tip-row">
          <button type="button" class="tip-button is-danger-outline" data-testid="tip-erase" disabled={working} onClick={() => setConfirming(true)}>
            {t('data_eraseButton')}
          </button>
        </div>
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('data_eraseTitle')}
          body={t('data_eraseBody')}
          confirmLabel={t('data_eraseConfirm')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void model.erase();
          }}
        />
      )}
    </section>
  );
}

/**
 * A determinate bar once the total is known, with the count in words: `tip-export-progress`
 * while an export reads (records done / total, after every batch), `tip-progress` otherwise.
 * A `<progress>` is a progressbar to assistive technology; its label names it.
 */
function Progress({ model }: { model: DataModelInstance }) {
  const p = model.progress.value;
  if (!p) return null;
  const label = t(PHASE_LABEL[p.phase] ?? 'loading');
  const count = p.total > 0 ? fill(p.phase === 'exporting' ? 'perfk_exportCount' : 'data_progressCount', { done: p.done, total: p.total }) : undefined;
  return (
    <div class="panel opt-progress">
      <label class="tip-field-label" for="opt-progress">
        {label}
      </label>
      <progress
        id="opt-progress"
        data-testid={p.phase === 'exporting' ? 'tip-export-progress' : 'tip-progress'}
        max={p.total || undefined}
        value={p.total ? p.done : undefined}
        aria-valuetext={count}
      />
      {count && <span class="tip-muted tip-small">{count}</span>}
    </div>
  );
}
