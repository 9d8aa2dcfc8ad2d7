import { render } from 'preact';
import { RecordModel } from '../../components/models/record-model';
import { TicketRecord } from '../../components/ticket/TicketRecord';
import { pageClient } from '../../components/shared/page-client';
import { LOCALE } from '../../components/shared/i18n';
import '../../components/shared/pages.css';
import '../../components/ticket/record.css';

const ticketId = new URLSearchParams(location.search).get('id') ?? '';
const client = pageClient();
const model = new RecordModel(client, ticketId);
document.documentElement.lang = LOCALE;
client.onChange(() => void model.refresh());
void model.refresh().then(() => {
  const name = model.view.value?.ticket.name;
  if (name) document.title = `${name} · Tickets in place`;
});
render(<TicketRecord model={model} />, document.getElementById('app')!);
