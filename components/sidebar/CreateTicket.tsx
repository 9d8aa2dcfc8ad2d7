import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ConversationSnapshot } from '../../core/domain/types';
import type { SidebarView } from '../../core/messages/views';
import { options, valueOf } from '../shared/PropertyField';
import { t } from '../shared/i18n';
import { stageLabel } from '../shared/properties';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { Card, Field, Loading, extrasOf } from './ui';

export type Props = { model: SidebarModelInstance; view: SidebarView; snapshot: ConversationSnapshot };

/**
 * No ticket yet: R1 create one, prefilled from the conversation and editable
 * before saving; or R3 add the conversation to one of the contact's open
 * tickets. A blocked or spam contact gets a flag and no suggestion (R12).
 */
export function CreateTicket({ model, view, snapshot }: Props) {
  // In the model, so the create-ticket shortcut can open it too.
  const open = model.createOpen.value;
  const setOpen = (value: boolean) => (model.createOpen.value = value);
  const contact = view.contact;
  const flagged = contact?.blocked ? 'blocked' : contact?.spam ? 'spam' : (view.conversation?.flag ?? null);
  if (flagged) {
    const blocked = flagged === 'blocked';
    return (
      <section class="tip-card tip-flag" data-testid="tip-flag" data-value={flagged} role="status">
        <strong>{t(blocked ? 'blocked' : 'spam')}</strong>
        <p>{t(blocked ? 'flaggedBlocked' : 'flaggedSpam')}</p>
      </section>
    );
  }
  return (
    <Card id="tip-no-ticket" title={t('noTicket')}>
      {!open ? (
        <>
          <p class="tip-muted">{t('noTicketHint')}</p>
          <button type="button" class="tip-button is-primary" data-testid="tip-create-ticket" onClick={() => setOpen(true)}>
            {t('createTicket')}
          </button>
        </>
      ) : (
        // A new selection starts the form over with its text (`key`); cancelling one message's form goes back to the conversation.
        <Form
          key={`${snapshot.key}\n${model.createDescription.value}`}
          model={model}
          view={view}
          snapshot={snapshot}
          onCancel={() => (model.focus.peek() && !view.conversation ? model.unfocus() : setOpen(false))}
        />
      )}
      {view.openTicketsOfContact.length > 0 && <Associate model={model} view={view} />}
      <FindTicket model={model} view={view} />
    </Card>
  );
}

/** R3: any ticket, by search. The search comes with the extras, asked for by the click that opens it. */
function FindTicket({ model, view }: Omit<Props, 'snapshot'>) {
  // 0 closed, 1 open, 2 closed again: then focus goes back to the button, not to the page.
  const [open, setOpen] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (open === 2) button.current?.focus();
  }, [open]);
  const extras = extrasOf(model, open === 1);
  if (open !== 1) {
    return (
      <button ref={button} type="button" class="tip-link-button tip-find-ticket" data-testid="tip-associate-find" aria-expanded="false" onClick={() => setOpen(1)}>
        {t('atcFindTicket')}
      </button>
    );
  }
  return extras ? <extras.AssociateSearch model={model} view={view} onClose={() => setOpen(2)} /> : <Loading />;
}

/** The create form (R1) comes with the sidebar's extras (extras.ts): asked for when it first opens. */
function Form(props: Props & { onCancel: () => void }) {
  const extras = extrasOf(props.model);
  return extras ? <extras.CreateForm {...props} /> : <Loading />;
}

function Associate({ model, view }: Omit<Props, 'snapshot'>) {
  const tickets = view.openTicketsOfContact;
  const [ticketId, setTicketId] = useState(tickets[0]?.id ?? '');
  return (
    <form
      class="tip-form tip-associate"
      onSubmit={(e) => {
        e.preventDefault();
        if (ticketId) void model.associate(ticketId);
      }}
    >
      <Field label={t('addToTicket')}>
        <select class="tip-input" data-testid="tip-associate-select" value={ticketId} onChange={(e) => setTicketId(valueOf(e))}>
          {options(tickets.map((ticket) => ({ value: ticket.id, label: `${ticket.name} · ${stageLabel(view.settings, ticket.status)}` })))}
        </select>
      </Field>
      <button type="submit" class="tip-button" data-testid="tip-associate-submit" disabled={!ticketId || model.busy.value}>
        {t('addToTicketButton')}
      </button>
    </form>
  );
}
