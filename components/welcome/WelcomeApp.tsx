import { useEffect, useState } from 'preact/hooks';
import { GMAIL_MATCHES, OUTLOOK_MATCHES, SLACK_MATCHES, WHATSAPP_MATCHES } from '../../core/adapters/matches';
import type { OptionsModelInstance } from '../models/options-model';
import { Messages } from '../options/controls';
import { t } from '../shared/i18n';
import { PageBrand } from '../shared/PageBrand';
import { webmailPattern } from './webmail';

/** The named sites: they work as soon as the extension is installed (host permissions in the manifest). */
const OUT_OF_THE_BOX = [
  { name: 'Gmail', url: 'https://mail.google.com/', matches: GMAIL_MATCHES },
  { name: 'Outlook', url: 'https://outlook.office.com/mail/', matches: OUTLOOK_MATCHES },
  { name: 'Slack', url: 'https://app.slack.com/', matches: SLACK_MATCHES },
  { name: 'WhatsApp Web', url: 'https://web.whatsapp.com/', matches: WHATSAPP_MATCHES },
] as const;

/**
 * The first run: the agent's name (how tickets and notes are signed), the
 * sites that work out of the box, a self-hosted webmail enabled in one step,
 * and where to try it. Everything here is also in the options; nothing is required.
 */
export function WelcomeApp({ model, demoUrl }: { model: OptionsModelInstance; demoUrl: string | null }) {
  return (
    <div class="opt-page welcome-page" data-testid="tip-welcome">
      <header class="opt-top">
        <PageBrand class="opt-brand" title={t('welcome_title')} heading />
      </header>
      <main class="welcome-main">
        <p class="opt-intro welcome-lead">{t('welcome_lead')}</p>
        <Messages error={model.error} notice={model.notice} onDismiss={() => model.dismissError()} />
        <ol class="welcome-steps">
          <NameStep model={model} />
          <li class="panel welcome-step" data-testid="tip-welcome-sites">
            <h2>{t('welcome_sitesTitle')}</h2>
            <p class="tip-muted">{t('welcome_sitesText')}</p>
            <ul class="welcome-sites">
              {OUT_OF_THE_BOX.map((site) => (
                <li key={site.name}>
                  <a href={site.url} target="_blank" rel="noopener noreferrer">
                    {site.name}
                  </a>
                  <span class="tip-muted opt-mono">{site.matches.map((m) => m.replace(/^https:\/\/|\/\*$/g, '')).join(', ')}</span>
                </li>
              ))}
            </ul>
          </li>
          <WebmailStep model={model} />
          <li class="panel welcome-step">
            <h2>{t('welcome_tryTitle')}</h2>
            <p class="tip-muted">{t(demoUrl ? 'welcome_tryDemo' : 'welcome_tryOpen')}</p>
            <p class="tip-row">
              {demoUrl && (
                <a class="tip-button is-primary" data-testid="tip-welcome-demo" href={demoUrl} target="_blank" rel="noopener noreferrer">
                  {t('welcome_openDemo')}
                </a>
              )}
              <a class={`tip-button${demoUrl ? '' : ' is-primary'}`} href="/dashboard.html" target="_blank" rel="noopener">
                {t('welcome_openDashboard')}
              </a>
              <a class="tip-button" href="/options.html" target="_blank" rel="noopener">
                {t('welcome_allOptions')}
              </a>
            </p>
          </li>
        </ol>
      </main>
    </div>
  );
}

function NameStep({ model }: { model: OptionsModelInstance }) {
  const view = model.view.value;
  const me = view?.agents.find((a) => a.id === view.meId);
  // The installation's first agent is called "Me" until the agent says otherwise.
  const saved = me && me.name !== 'Me' ? me.name : '';
  const [name, setName] = useState(saved);
  useEffect(() => setName(saved), [saved]);
  return (
    <li class="panel welcome-step">
      <h2>
        <label for="welcome-name">{t('welcome_nameTitle')}</label>
      </h2>
      <p class="tip-muted" id="welcome-name-hint">
        {t('welcome_nameText')}
      </p>
      <form
        class="tip-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (me) void model.saveProfile(name, me.email);
        }}
      >
        <input
          id="welcome-name"
          class="tip-input"
          data-testid="tip-welcome-name"
          required
          maxLength={200}
          autoComplete="name"
          aria-describedby="welcome-name-hint"
          placeholder={t('opt_yourNamePlaceholder')}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit" class="tip-button is-primary" data-testid="tip-welcome-name-save" disabled={!me || model.busy.value}>
          {t('opt_save')}
        </button>
      </form>
    </li>
  );
}

function WebmailStep({ model }: { model: OptionsModelInstance }) {
  const [address, setAddress] = useState('');
  return (
    <li class="panel welcome-step">
      <h2>
        <label for="welcome-webmail">{t('welcome_webmailTitle')}</label>
      </h2>
      <p class="tip-muted" id="welcome-webmail-hint">
        {t('welcome_webmailText')}
      </p>
      <form
        class="tip-row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const pattern = webmailPattern(address);
          if (!pattern) {
            model.error.value = t('welcome_webmailInvalid');
            return;
          }
          // In the submit handler itself: the browser shows its permission prompt only during the agent's gesture.
          void model.addSite(pattern, 'auto').then((added) => added && setAddress(''));
        }}
      >
        <input
          id="welcome-webmail"
          class="tip-input opt-mono"
          data-testid="tip-welcome-webmail"
          maxLength={500}
          spellcheck={false}
          autoComplete="url"
          inputMode="url"
          placeholder="https://mail.example.org/"
          aria-describedby="welcome-webmail-hint"
          value={address}
          onInput={(e) => setAddress(e.currentTarget.value)}
        />
        <button type="submit" class="tip-button" data-testid="tip-welcome-webmail-enable" disabled={model.busy.value}>
          {t('opt_enableSite')}
        </button>
      </form>
    </li>
  );
}
