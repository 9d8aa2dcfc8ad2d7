import { render } from 'preact';
import { Dashboard } from '../../components/dashboard/Dashboard';
import { DashboardModel } from '../../components/models/dashboard-model';
import { pageClient } from '../../components/shared/page-client';
import { LOCALE, t } from '../../components/shared/i18n';
import '../../components/shared/pages.css';
import '../../components/dashboard/dashboard.css';

const client = pageClient();
const model = new DashboardModel(client);
document.documentElement.lang = LOCALE;
document.title = `${t('dash_title')} · ${t('appName')}`;
if (location.hash === '#trash') model.showTab('trash');
client.onChange(() => model.changed());
void model.start();
render(<Dashboard model={model} />, document.getElementById('app')!);
