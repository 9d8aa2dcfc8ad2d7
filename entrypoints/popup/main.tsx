import { render } from 'preact';
import { PopupModel } from '../../components/models/popup-model';
import { PopupApp } from '../../components/popup/PopupApp';
import { LOCALE, t } from '../../components/shared/i18n';
import { pageClient } from '../../components/shared/page-client';
import { browserPlatform } from '../../components/shared/platform';
import '../../components/shared/pages.css';
import '../../components/popup/popup.css';

const client = pageClient();
const model = new PopupModel(client, browserPlatform());
document.documentElement.lang = LOCALE;
document.title = t('appName');
client.onChange(() => void model.refresh());
void model.refresh();
void model.loadSite();
void model.loadHealth();
render(<PopupApp model={model} />, document.getElementById('app')!);
