import { useState } from 'preact/hooks';
import { TRASH_RETENTION_MS } from '../../core/domain/defaults';
import { shortId } from '../../core/domain/ids';
import type { TrashItem } from '../../core/messages/views';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { formatDateTime, t, type MessageKey } from '../shared/i18n';
import type { DashboardModelInstance } from '../models/dashboard-model';
import { recordUrl } from './TicketTable';
import { fill, formatFullDate, plural } from './format';

const RETENTION_DAYS = Math.round(TRASH_RETENTION_MS / (24 * 60 * 60 * 1000));

const KIND_LABEL: Record<TrashItem['kind'], MessageKey> = {
  ticket: 'dash_kindTicket',
  conversation: 'dash_kindConversation',
  snippet: 'dash_kindSnippet',
  agent: 'dash_kindTeammate',
  note: 'atcKindNote',
  contact: 'idn_kindContact',
};

function titleOf(item: TrashItem): string {
  switch (item.kind) {
    case 'ticket':
      return item.record.name;
    case 'conversation':
      return item.record.subject || item.record.key;
    case 'snippet':
    case 'agent':
    case 'contact':
      return item.record.name;
    case 'note':
      // A note has no name: its first line, shortened.
      return item.record.text.split('\n')[0]!.slice(0, 80);
  }
}

/** The kept ticket of a merged-away ticket in the trash. */
function mergedIntoOf(item: TrashItem): string | null {
  return item.kind === 'ticket' ? (item.record.mergedInto ?? null) : null;
}

type Pending = { kind: 'one'; item: TrashItem } | { kind: 'all' };

/**
 * R11's trash: what was moved there, newest first, each restorable
 * (`tip-restore`) or deletable for good (`tip-purge`, confirmed). Ticket
 * families go and come back together: restoring or deleting a conversation
 * of a trashed ticket acts on the ticket and its conversations.
 */
export function TrashView({ model }: { model: DashboardModelInstance }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const all = model.trash.value;
  const ticketsHere = new Set(all.filter((i) => i.kind === 'ticket').map((i) => i.record.id));
  // A conversation trashed with its ticket is shown under that ticket: they go and come back together (R11).
  const family = new Map<string, string[]>();
  const items = all.filter((item) => {
    if (item.kind !== 'conversation' || !item.record.ticketId || !ticketsHere.has(item.record.ticketId)) return true;
    family.set(item.record.ticketId, [...(family.get(item.record.ticketId) ?? []), titleOf(item)]);
    return false;
  });

  return (
    <section class="panel dash-trash" data-testid="tip-trash" aria-labelledby="trash-title">
      <div class="dash-trash-head">
        <div>
          <h2 id="trash-title" class="dash-section-title">
            {t('dash_trashTitle')}
          </h2>
          <p class="tip-muted dash-trash-note">{fill('dash_trashRetention', { days: RETENTION_DAYS })}</p>
        </div>
        <button
          type="button"
          class="tip-button is-danger-outline"
          data-testid="tip-empty-trash"
          disabled={all.length === 0 || model.busy.value}
          onClick={() => setPending({ kind: 'all' })}
        >
          {t('dash_emptyTrash')}
        </button>
      </div>
      {model.trashLoaded.value && all.length === 0 && (
        <div class="dash-trash-empty" data-testid="tip-trash-empty">
          <p class="dash-empty-title">{t('dash_trashEmpty')}</p>
          <p class="tip-muted">{t('dash_trashEmptyHint')}</p>
        </div>
      )}
      {!model.trashLoaded.value && <p class="tip-muted">{t('loading')}</p>}
      <ul class="dash-trash-list">
        {items.map((item) => {
          const deletedAt = item.record.deletedAt ?? 0;
          const ticketId = item.kind === 'conversation' || item.kind === 'note' ? item.record.ticketId : null;
          const keptId = mergedIntoOf(item);
          return (
            <li key={item.record.id} class="dash-trash-item" data-testid="tip-trash-item" data-id={item.record.id} data-kind={item.kind}>
              <span class={`dash-kind is-${item.kind}`}>{t(KIND_LABEL[item.kind])}</span>
              <div class="dash-trash-main">
                <p class="dash-trash-name">
                  {item.kind === 'ticket' ? (
                    <a href={recordUrl(item.record.id)}>{titleOf(item)}</a>
                  ) : (
                    titleOf(item)
                  )}
                  {item.kind === 'ticket' && <span class="dash-id"> {shortId(item.record.id)}</span>}
                </p>
                <p class="tip-muted tip-small">
                  {fill('dash_trashedOn', { date: formatDateTime(deletedAt) })} ·{' '}
                  {fill('dash_purgedOn', { date: formatFullDate(deletedAt + TRASH_RETENTION_MS) })}
                  {keptId && (
                    <>
                      {' · '}
                      <a href={recordUrl(keptId)} data-testid="tip-trash-merged-into" data-ticket-id={keptId}>
                        {fill('mrg_trashMergedInto', { id: shortId(keptId) })}
                      </a>
                    </>
                  )}
                  {ticketId && (
                    <>
                      {' · '}
                      {fill('dash_ofTicket', { id: shortId(ticketId) })}
                    </>
                  )}
                </p>
                {family.has(item.record.id) && (
                  <p class="dash-trash-family tip-small">
                    {plural('dash_withConversations', family.get(item.record.id)?.length ?? 0)}: {family.get(item.record.id)?.join(' · ')}
                  </p>
                )}
              </div>
              <div class="dash-trash-actions">
                <button
                  type="button"
                  class="tip-button"
                  data-testid="tip-restore"
                  disabled={model.busy.value}
                  aria-label={`${t('restore')}: ${titleOf(item)}`}
                  onClick={() => void model.restore(item.record.id, fill('dash_restored', { name: titleOf(item) }))}
                >
                  {t('restore')}
                </button>
                <button
                  type="button"
                  class="tip-button is-danger-outline"
                  data-testid="tip-purge"
                  disabled={model.busy.value}
                  aria-label={`${t('dash_deleteForever')}: ${titleOf(item)}`}
                  onClick={() => setPending({ kind: 'one', item })}
                >
                  {t('dash_deleteForever')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {model.trashNext.value && (
        <button type="button" class="tip-button dash-load-more" onClick={() => void model.loadMoreTrash()}>
          {t('dash_loadMore')}
        </button>
      )}
      {pending && (
        <ConfirmDialog
          title={pending.kind === 'all' ? t('dash_emptyTrashTitle') : fill('dash_purgeTitle', { name: titleOf(pending.item) })}
          body={
            pending.kind === 'all'
              ? t('dash_emptyTrashBody')
              : mergedIntoOf(pending.item)
                ? fill('mrg_purgeBody', { id: shortId(mergedIntoOf(pending.item) ?? '') })
                : pending.item.kind === 'ticket' || (pending.item.kind === 'conversation' && pending.item.record.ticketId)
                ? t('dash_purgeTicketBody')
                : t('dash_purgeBody')
          }
          confirmLabel={pending.kind === 'all' ? t('dash_emptyTrash') : t('dash_deleteForever')}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            const what = pending;
            setPending(null);
            if (what.kind === 'all') void model.purgeAll(t('dash_trashEmptied'));
            else void model.purgeItem(what.item.record.id, fill('dash_purged', { name: titleOf(what.item) }));
          }}
        />
      )}
    </section>
  );
}
