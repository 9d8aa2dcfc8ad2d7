import { useState } from 'preact/hooks';
import { shortId } from '../../core/domain/ids';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { ErrorBanner } from '../shared/ErrorBanner';
import { PropertyField } from '../shared/PropertyField';
import { describeActivity } from '../shared/activity';
import { formatDateTime, t } from '../shared/i18n';
import { allProperties, describeProperty } from '../shared/properties';
import type { RecordModelInstance } from '../models/record-model';

/** R7: the full ticket record, every property editable, conversations, contact, notes, activity. */
export function TicketRecord({ model }: { model: RecordModelInstance }) {
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const view = model.view.value;
  if (model.missing.value) {
    return (
      <main class="page" data-testid="tip-record">
        <p data-testid="tip-error" class="tip-error" role="alert">
          {t('ticketMissing')}
        </p>
      </main>
    );
  }
  if (!view) return <main class="page" aria-busy="true" />;
  const { ticket, settings, agents, meId } = view;
  const trashed = ticket.deletedAt !== null;
  return (
    <main class="page record" data-testid="tip-record" data-ticket-id={ticket.id}>
      <header class="page-head">
        <div>
          <p class="eyebrow">
            {t('recordTitle')} · {shortId(ticket.id)}
          </p>
          <h1>{ticket.name}</h1>
        </div>
        {!trashed && (
          <button type="button" class="tip-button is-danger-outline" data-testid="tip-record-delete" onClick={() => setConfirming(true)}>
            {t('deleteTicket')}
          </button>
        )}
      </header>
      <ErrorBanner error={model.error} onDismiss={() => model.dismissError()} />
      {trashed && (
        <div class="banner" role="status">
          {t('inTrash')}{' '}
          <button type="button" class="tip-button" data-testid="tip-restore" onClick={() => void model.restore()}>
            {t('restore')}
          </button>
        </div>
      )}
      <div class="record-grid">
        <section class="panel" aria-labelledby="props-title">
          <h2 id="props-title">{t('properties')}</h2>
          <div class="tip-props">
            {allProperties(settings).map((p) => (
              <PropertyField
                key={p.id}
                scope="record"
                view={describeProperty(p.id, ticket, settings, agents, meId)}
                onSave={(value) => model.update(p.id, value)}
                disabled={trashed || model.busy.value}
              />
            ))}
          </div>
        </section>
        <div class="record-side">
          <section class="panel" aria-labelledby="conv-title">
            <h2 id="conv-title">{t('conversations')}</h2>
            <ul class="tip-list">
              {view.conversations.map((c) => (
                <li key={c.id}>
                  <a href={c.hostUrl} target="_blank" rel="noopener noreferrer" data-testid="tip-record-conversation" data-key={c.key}>
                    {c.subject || c.key}
                  </a>
                  <span class="tip-muted">
                    {' '}
                    · {c.channel === 'email' ? t('channelEmail') : t('channelChat')} · {c.status === 'open' ? t('conversationOpen') : t('conversationClosed')}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <section class="panel" aria-labelledby="contact-title">
            <h2 id="contact-title">{t('contact')}</h2>
            {view.contact ? (
              <p>
                <strong>{view.contact.name}</strong>
                <br />
                <span class="tip-muted">{view.contact.email ?? view.contact.handle}</span>
              </p>
            ) : (
              <p class="tip-muted">{t('noContact')}</p>
            )}
          </section>
          <section class="panel" data-testid="tip-notes" aria-labelledby="notes-title">
            <h2 id="notes-title">{t('notes')}</h2>
            <form
              class="tip-form"
              onSubmit={async (e) => {
                e.preventDefault();
                await model.addNote(note);
                if (!model.error.value) setNote('');
              }}
            >
              <textarea class="tip-input" data-testid="tip-note-input" aria-label={t('notes')} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
              <button type="submit" class="tip-button" data-testid="tip-note-add" disabled={trashed}>
                {t('addNote')}
              </button>
            </form>
            <ul class="tip-notes-list">
              {view.notes.map((n) => (
                <li key={n.id} class="tip-note" data-testid="tip-note">
                  <p class="tip-note-text">{n.text}</p>
                  <span class="tip-muted tip-small">{formatDateTime(n.createdAt)}</span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
      <section class="panel" aria-labelledby="activity-title">
        <h2 id="activity-title">{t('activity')}</h2>
        <ol class="timeline" data-testid="tip-activity">
          {view.activity.length === 0 && <li class="tip-muted">{t('noActivity')}</li>}
          {[...view.activity].reverse().map((a) => {
            const d = describeActivity(a, settings, agents, meId);
            return (
              <li key={a.id} data-testid="tip-activity-item" data-kind={a.kind} data-field={a.field}>
                <span class="timeline-who">{d.who}</span> {d.what}
                {d.change && <span class="timeline-change"> {d.change}</span>}
                <time class="tip-muted tip-small" dateTime={new Date(a.at).toISOString()}>
                  {formatDateTime(a.at)}
                </time>
              </li>
            );
          })}
        </ol>
      </section>
      {confirming && (
        <ConfirmDialog
          title={t('deleteTitle')}
          body={t('deleteBody')}
          confirmLabel={t('deleteTicket')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void model.deleteTicket();
          }}
        />
      )}
    </main>
  );
}
