import { useEffect } from 'preact/hooks';
import { t, type MessageKey } from '../shared/i18n';
import type { OptionsModelInstance } from '../models/options-model';
import { Messages, SectionHead } from './controls';

/** The manifest's commands (wxt.config.ts) in the agent's language; the browser's own description otherwise. */
const COMMAND_LABEL: Record<string, MessageKey> = {
  'toggle-sidebar': 'opt_cmd_toggle_sidebar',
  'create-ticket': 'opt_cmd_create_ticket',
  'close-ticket': 'opt_cmd_close_ticket',
  _execute_action: 'opt_cmd_open_popup',
};

/** Keyboard shortcuts are the browser's to change: this lists them and sends the agent to the right page. */
export function ShortcutsSection({ model }: { model: OptionsModelInstance }) {
  useEffect(() => void model.loadShortcuts(), []);
  const shortcuts = model.shortcuts.value;
  return (
    <section class="opt-section" aria-labelledby="opt-h-shortcuts" data-testid="tip-section-shortcuts">
      <SectionHead id="shortcuts" title={t('opt_shortcuts')} intro={t('opt_shortcutsIntro')} />
      <Messages error={model.error} notice={model.notice} onDismiss={() => model.dismissError()} />
      <div class="panel">
        {shortcuts && shortcuts.length === 0 && <p class="tip-muted">{t('opt_noShortcuts')}</p>}
        {shortcuts && shortcuts.length > 0 && (
          <table class="opt-table" data-testid="tip-shortcuts">
            <caption class="tip-visually-hidden">{t('opt_shortcuts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('opt_action')}</th>
                <th scope="col">{t('opt_keys')}</th>
              </tr>
            </thead>
            <tbody>
              {shortcuts.map((s) => (
                <tr key={s.name} data-testid="tip-shortcut-row" data-command={s.name}>
                  <th scope="row">{COMMAND_LABEL[s.name] ? t(COMMAND_LABEL[s.name]!) : s.description || s.name}</th>
                  <td>{s.shortcut ? <Keys shortcut={s.shortcut} /> : <span class="tip-muted">{t('opt_notSet')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {model.canOpenShortcutSettings.value ? (
          <div class="tip-row tip-row-end">
            <button type="button" class="tip-button is-primary" data-testid="tip-shortcuts-open" onClick={() => void model.openShortcutSettings()}>
              {t('opt_changeShortcuts')}
            </button>
          </div>
        ) : (
          <p class="tip-muted">{t('opt_shortcutsFirefox')}</p>
        )}
      </div>
    </section>
  );
}

/** `Alt+Shift+K` as separate keys, as the browser names them. */
function Keys({ shortcut }: { shortcut: string }) {
  const keys = shortcut.includes('+') ? shortcut.split('+') : [shortcut];
  return (
    <span class="opt-keys">
      {keys.map((k, i) => (
        <kbd key={i}>{k}</kbd>
      ))}
    </span>
  );
}
