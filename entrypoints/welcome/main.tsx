import { render } from 'preact';
import { OptionsModel } from '../../components/models/options-model';
import { optionsWords } from '../../components/options/words';
import { LOCALE, t } from '../../components/shared/i18n';
import { pageClient } from '../../components/shared/page-client';
import { browserPlatform } from '../../components/shared/platform';
import { WelcomeApp } from '../../components/welcome/WelcomeApp';
import { buildHasDemo } from '../../core/adapters/matches';
import '../../components/shared/pages.css';
import '../../components/options/options.css';
import '../../components/welcome/welcome.css';

// The first page a new agent sees (opened on install): the options' own model, so a name or a site saved here is saved there.
const client = pageClient();
const model = new OptionsModel(client, browserPlatform(), optionsWords());
document.documentElement.lang = LOCALE;
document.title = `${t('welcome_title')} · ${t('appName')}`;
client.onChange(() => void model.refresh());
void model.refresh();
const hasDemo = import.meta.env.TIP_DEMO === true || buildHasDemo(import.meta.env.MODE);
render(<WelcomeApp model={model} demoUrl={hasDemo ? 'http://127.0.0.1:5174/' : null} />, document.getElementById('app')!);
