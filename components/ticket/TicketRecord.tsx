import { slaShown } from '../../core/domain/sla';
import { canMarkResponded } from '../../core/domain/sla-shown';
import { SlaBadge } from '../shared/SlaBadge';
import { useState } from 'preact/hooks';
import { mailtoHref } from '../../core/domain/email';
import { shortId } from '../../core/domain/ids';
import type { Conversation, Note } from '../../core/domain/types';
import type { TicketRecordView } from '../../core/messages/views';
import { NoteActions } from '../shared/NoteActions';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { MergeDialog } from '../shared/MergeDialog';
import { ErrorBanner } from '../shared/ErrorBanner';
import { PropertyField } from '../shared/PropertyField';
import { RecordTags } from './RecordTags';
import { describeActivity } from '../shared/activity';
import { initials } from '../shared/initials';
import { formatDate, formatDateTime, t, type MessageKey } from '../shared/i18n';
import { agentLabel, allProperties, describeProperty, priorityLabel, stageLabel } from '../shared/properties';
import type { RecordModelInstance } from '../models/record-model';

/**
 * R7: the full ticket record in its own tab — every property editable (R4),
 * the conversations with links back to their host pages, the contact, the
 * notes (R14), the activity timeline (who, what, old → new, when), and delete
 * to the trash (R11) with restore.
 */
export function TicketRecord({ model }: { model: RecordModelInstance }) {
  const [confirming, setConfirming] = useState(false);
  const [merging, setMerging] = useState(false);
  const view = model.view.value;
  if (model.missing.value) {
    return (
      <main class="page record" data-testid="tip-record">
        <BackLink />
        <p data-testid="tip-error" class="tip-error" role="alert">
          {t('ticketMissing')}
        </p>
      </main>
    );
  }
  if (!view) return <main class="page record" aria-busy="true" />;
  const { ticket, settings, agents, meId } = view;
  const trashed = ticket.deletedAt !== null;
  const sla = slaShown(ticket, settings, Date.now());
  const mergedAway = (ticket.mergedInto ?? null) !== null;
  const stageIndex = Math.max(0, settings.stages.findIndex((s) => s.id === ticket.status));
  const closed = ticket.closedAt !== null;
  const closedStage = settings.stages.find((s) => s.closed);
  const openStage = settings.stages.find((s) => !s.closed);
  const toggleTarget = closed ? openStage : closedStage;
  return (
    <main class={`page record${trashed ? ' is-trashed' : ''}`} data-testid="tip-record" data-ticket-id={ticket.id}>
      <BackLink />
      <header class="record-head">
        <div class="record-title">
          <p class="eyebrow">
            {t('recordTitle')} · <span class="record-id">{shortId(ticket.id)}</span>
          </p>
          <h1>{ticket.name}</h1>
          <div class="record-meta">
            <span class={`dash-status-pill stage-${stageIndex % 6}`} data-testid="tip-record-status" data-value={ticket.status}>
              {stageLabel(settings, ticket.status)}
            </span>
            <span class="record-meta-item">
              <span class={`dash-priority-dot priority-${ticket.priority}`} aria-hidden="true" />
              {priorityLabel(settings, ticket.priority)}
            </span>
            <span class="record-meta-item">{agentLabel(agents, ticket.ownerId, meId)}</span>
            <span class={`tip-badge tip-badge-${ticket.source}`}>{ticket.source === 'email' ? t('channelEmail') : t('channelChat')}</span>
            <span class="record-meta-item tip-muted">{t('dash_recCreated').replace('{date}', formatDate(ticket.createdAt))}</span>
            {!trashed && <SlaBadge shown={sla} />}
            {!trashed && canMarkResponded(sla) && (
              <button type="button" class="tip-link-button" data-testid="tip-sla-responded" disabled={model.busy.value} onClick={() => void model.markResponded()}>
                {t('sla_markResponded')}
              </button>
            )}
          </div>
        </div>
        {!trashed && (
          <div class="record-actions">
            {toggleTarget && (
              <button
                type="button"
                class={`tip-button${closed ? '' : ' is-primary'}`}
                data-testid="tip-record-close"
                disabled={model.busy.value}
                onClick={() => void model.update('status', toggleTarget.id)}
              >
                {closed ? t('dash_recReopen') : t('dash_recClose')}
              </button>
            )}
            <button type="button" class="tip-button" data-testid="tip-merge" disabled={model.busy.value} onClick={() => setMerging(true)}>
              {t('mrg_action')}
            </button>
            <button type="button" class="tip-button is-danger-outline" data-testid="tip-record-delete" onClick={() => setConfirming(true)}>
              {t('deleteTicket')}
            </button>
          </div>
        )}
      </header>
      <ErrorBanner error={model.error} onDismiss={() => model.dismissError()} />
      {mergedAway && <MergedBanner model={model} view={view} />}
      {!trashed && view.mergedHere && view.mergedHere.length > 0 && <MergedHereBanner model={model} view={view} />}
      {trashed && !mergedAway && (
        <div class="banner is-warning" role="status">
          <span>{t('inTrash')}</span>
          <button type="button" class="tip-button" data-testid="tip-restore" onClick={() => void model.restore()}>
            {t('restore')}
          </button>
        </div>
      )}
      <div class="record-grid">
        <div class="record-main">
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
          <RecordTags model={model} view={view} disabled={trashed} />
          <Activity view={view} />
        </div>
        <div class="record-side">
          <Conversations conversations={view.conversations} view={view} />
          <ContactPanel view={view} />
          <Notes model={model} view={view} disabled={trashed} />
        </div>
      </div>
      {merging && (
        <MergeDialog
          title={t('mrg_title')}
          intro={t('mrg_intro')}
          current={{ id: ticket.id, name: ticket.name }}
          search={(needle) => model.searchMergeCandidates(needle)}
          busy={model.busy.value}
          onCancel={() => setMerging(false)}
          onConfirm={(keepId, [otherId]) => {
            setMerging(false);
            if (otherId) void model.merge(otherId, keepId);
          }}
        />
      )}
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

/** A merged-away ticket: where it went (`tip-merged-into`) and the undo (`tip-merge-undo`) while the trash keeps it. */
function MergedBanner({ model, view }: { model: RecordModelInstance; view: TicketRecordView }) {
  const kept = view.mergedInto;
  return (
    <div class="banner merged-banner" role="status">
      {kept ? (
        <span>
          {t('mrg_mergedInto')}{' '}
          <a href={recordUrl(kept.id)} data-testid="tip-merged-into" data-ticket-id={kept.id}>
            {kept.name} {shortId(kept.id)}
          </a>
        </span>
      ) : (
        <span data-testid="tip-merged-into">{t('mrg_keptGone')}</span>
      )}
      <button type="button" class="tip-button" data-testid="tip-merge-undo" disabled={model.busy.value} onClick={() => void model.unmerge()}>
        {t('mrg_undo')}
      </button>
    </div>
  );
}

const recordUrl = (id: string) => `/ticket.html?id=${encodeURIComponent(id)}`;

/** The kept ticket: the tickets merged into it that can still be taken out again. */
function MergedHereBanner({ model, view }: { model: RecordModelInstance; view: TicketRecordView }) {
  return (
    <div class="banner merged-here" role="status" data-testid="tip-merged-here">
      <span>{t('mrg_mergedHere')}</span>
      <ul class="merged-here-list">
        {(view.mergedHere ?? []).map((m) => (
          <li key={m.id}>
            <a href={recordUrl(m.id)}>
              {m.name} {shortId(m.id)}
            </a>
            <button type="button" class="tip-button" data-testid="tip-merge-undo" data-ticket-id={m.id} disabled={model.busy.value} onClick={() => void model.unmerge(m.id)}>
              {t('mrg_undo')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function BackLink() {
  return (
    <nav class="record-back" aria-label={t('dash_pagesLabel')}>
      <a href="/dashboard.html" data-testid="tip-back-dashboard">
        ← {t('dash_title')}
      </a>
    </nav>
  );
}

const SOURCE_NAMES: Record<Conversation['source'], MessageKey | string> = {
  gmail: 'Gmail',
  outlook: 'Outlook',
  roundcube: 'Roundcube',
  slack: 'Slack',
  whatsapp: 'WhatsApp',
  demo: 'dash_recSourceDemo',
  generic: 'dash_recSourceGeneric',
};

function sourceName(source: Conversation['source']): string {
  const name = SOURCE_NAMES[source] ?? source;
  return name.startsWith('dash_') ? t(name as MessageKey) : name;
}

/** R7: every conversation of the ticket, each a link back to the page it lives on. */
function Conversations({ conversations, view }: { conversations: Conversation[]; view: TicketRecordView }) {
  return (
    <section class="panel" aria-labelledby="conv-title">
      <h2 id="conv-title">
        {t('conversations')} <span class="record-count">{conversations.length}</span>
      </h2>
      {conversations.length === 0 && <p class="tip-muted">{t('dash_recNoConversations')}</p>}
      <ul class="record-conversations">
        {conversations.map((c) => (
          <li key={c.id} class={`record-conversation${c.deletedAt !== null ? ' is-trashed' : ''}`}>
            <a href={c.hostUrl} target="_blank" rel="noopener noreferrer" data-testid="tip-record-conversation" data-key={c.key} data-status={c.status}>
              <span class="record-conversation-subject">{c.subject || c.key}</span>
              <span class="tip-visually-hidden"> ({t('dash_recOpensNewTab')})</span>
              <span aria-hidden="true" class="record-external">
                ↗
              </span>
            </a>
            <div class="record-conversation-meta">
              <span class={`tip-badge tip-badge-${c.channel}`}>{c.channel === 'email' ? t('channelEmail') : t('channelChat')}</span>
              <span class={`tip-pill ${c.status === 'open' ? 'is-open' : 'is-closed'}`}>{c.status === 'open' ? t('conversationOpen') : t('conversationClosed')}</span>
              {c.deletedAt !== null && <span class="tip-pill is-warning">{t('dash_recInTrash')}</span>}
              <span class="tip-muted tip-small">
                {sourceName(c.source)} · {agentLabel(view.agents, c.ownerId, view.meId)}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ContactPanel({ view }: { view: TicketRecordView }) {
  const contact = view.contact;
  const address = contact ? (contact.email ?? contact.handle?.replace(/^[a-z]+:/, '') ?? '') : '';
  return (
    <section class="panel" data-testid="tip-contact" aria-labelledby="contact-title">
      <h2 id="contact-title">{t('contact')}</h2>
      {contact ? (
        <div class="tip-contact">
          <span class="tip-avatar" aria-hidden="true">
            {initials(contact.name || address)}
          </span>
          <div class="record-contact">
            <div class="tip-contact-name">{contact.name || address}</div>
            {contact.email ? (
              <a href={mailtoHref(contact.email)} class="tip-small">
                {contact.email}
              </a>
            ) : (
              address && <div class="tip-muted tip-small">{address}</div>
            )}
            {(contact.blocked || contact.spam) && (
              <div class="tip-row">
                {contact.blocked && <span class="tip-pill is-warning">{t('blocked')}</span>}
                {contact.spam && <span class="tip-pill is-warning">{t('spam')}</span>}
              </div>
            )}
          </div>
        </div>
      ) : (
        <p class="tip-muted">{t('noContact')}</p>
      )}
    </section>
  );
}

function Notes({ model, view, disabled }: { model: RecordModelInstance; view: TicketRecordView; disabled: boolean }) {
  const [note, setNote] = useState('');
  return (
    <section class="panel" data-testid="tip-notes" aria-labelledby="notes-title">
      <h2 id="notes-title">
        {t('notes')} <span class="record-count">{view.notes.length}</span>
      </h2>
      <form
        class="tip-form"
        onSubmit={async (e) => {
          e.preventDefault();
          await model.addNote(note);
          if (!model.error.value) setNote('');
        }}
      >
        <textarea
          class="tip-input"
          data-testid="tip-note-input"
          aria-label={t('notes')}
          placeholder={t('notePlaceholder')}
          rows={3}
          value={note}
          disabled={disabled}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <div class="tip-row tip-row-end">
          <button type="submit" class="tip-button is-primary" data-testid="tip-note-add" disabled={disabled || note.trim() === '' || model.busy.value}>
            {t('addNote')}
          </button>
        </div>
      </form>
      {view.notes.length === 0 && <p class="tip-muted tip-small">{t('noNotes')}</p>}
      <ul class="tip-notes-list">
        {view.notes.map((n) => (
          <RecordNote key={n.id} model={model} view={view} note={n} disabled={disabled} />
        ))}
      </ul>
    </section>
  );
}

/** One note; its author edits it in place or moves it to the trash (R14). */
function RecordNote({ model, view, note, disabled }: { model: RecordModelInstance; view: TicketRecordView; note: Note; disabled: boolean }) {
  const mine = note.authorId === view.meId && !disabled;
  return (
    <li class="tip-note" data-testid="tip-note" data-note-id={note.id}>
      <p class="tip-note-text">{note.text}</p>
      <span class="tip-muted tip-small">
        {agentLabel(view.agents, note.authorId, view.meId)} · {formatDateTime(note.createdAt)}
        {note.clock.text !== note.clock.authorId && ` · ${t('atcNoteEdited')}`}
      </span>
      {mine && <NoteActions model={model} note={note} />}
    </li>
  );
}

/** The history, newest first: who, what, old → new, when. */
function Activity({ view }: { view: TicketRecordView }) {
  const { settings, agents, meId } = view;
  return (
    <section class="panel" aria-labelledby="activity-title">
      <h2 id="activity-title">
        {t('activity')} <span class="record-count">{view.activity.length}</span>
      </h2>
      <ol class="timeline" data-testid="tip-activity">
        {view.activity.length === 0 && <li class="tip-muted">{t('noActivity')}</li>}
        {[...view.activity].reverse().map((a) => {
          const d = describeActivity(a, settings, agents, meId, [...view.conversations, ...(view.movedConversations ?? [])]);
          return (
            <li key={a.id} data-testid="tip-activity-item" data-kind={a.kind} data-field={a.field} class={`timeline-item kind-${a.kind.split('.')[0]}`}>
              <span class="timeline-dot" aria-hidden="true" />
              <div class="timeline-body">
                <p class="timeline-line">
                  {a.ticketId !== view.ticket.id && (
                    <span class="tip-badge timeline-from-ticket" data-testid="tip-activity-merged-from" title={t('mrg_actFromTicket')}>
                      {shortId(a.ticketId)}
                    </span>
                  )}
                  <span class="timeline-who">{d.who}</span> {d.what}
                  {d.subject && <span class="timeline-subject"> “{d.subject}”</span>}
                  {d.from !== undefined && d.to !== undefined && (
                    <span class="timeline-change">
                      {' '}
                      <span class="timeline-from">{d.from}</span>
                      <span aria-hidden="true"> → </span>
                      <span class="tip-visually-hidden"> {t('dash_recTo')} </span>
                      <span class="timeline-to">{d.to}</span>
                    </span>
                  )}
                </p>
                {d.text && <p class="timeline-text">{d.text}</p>}
              </div>
              <time class="tip-muted tip-small" dateTime={new Date(a.at).toISOString()}>
                {formatDateTime(a.at)}
              </time>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
