import { render } from 'preact';
import { DataModel } from '../../components/models/data-model';
import { isOptionSection, OptionsModel } from '../../components/models/options-model';
import { RemindersModel } from '../../components/models/reminders-model';
import { OptionsApp, sectionTitle } from '../../components/options/OptionsApp';
import { dataWords, optionsWords } from '../../components/options/words';
import { LOCALE, t } from '../../components/shared/i18n';
import { pageClient } from '../../components/shared/page-client';
import { browserPlatform, notificationPermission } from '../../components/shared/platform';
import '../../components/shared/pages.css';
import '../../components/options/options.css';

const client = pageClient();
const platform = browserPlatform();
const model = new OptionsModel(client, platform, optionsWords());
const data = new DataModel(client, platform, dataWords());
const reminders = new RemindersModel(client, notificationPermission());
document.documentElement.lang = LOCALE;

// `options.html#stages` opens a section; the navigation's links change the hash.
function showFromHash(): void {
  const id = location.hash.slice(1);
  model.showSection(isOptionSection(id) ? id : 'profile');
  document.title = `${sectionTitle(model.section.value)} · ${t('options')} · ${t('appName')}`;
}
window.addEventListener('hashchange', showFromHash);
showFromHash();

client.onChange(() => void model.refresh());
void model.refresh();
render(<OptionsApp model={model} data={data} reminders={reminders} />, document.getElementById('app')!);
