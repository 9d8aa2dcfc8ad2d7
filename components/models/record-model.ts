import { refusalText } from '../shared/i18n';
import { createModel, signal } from '@preact/signals';
import type { CustomValue, Ticket } from '../../core/domain/types';
import type { Client } from '../../core/messages/client';
import type { Reply } from '../../core/messages/protocol';
import type { TicketPage, TicketRecordView } from '../../core/messages/views';

/** How many matches the merge dialog lists. */
export const MERGE_SEARCH_LIMIT = 20;

/** The ticket record page (R7): a cache of the background's record view, reloaded on every change. */
export const RecordModel = createModel((client: Client, ticketId: string) => {
  const view = signal<TicketRecordView | null>(null);
  const error = signal<string | null>(null);
  const missing = signal(false);
  const busy = signal(false);

  async function refresh(): Promise<void> {
    const reply = await client.views.record<TicketRecordView>(ticketId);
    if (reply.ok) {
      view.value = reply.data;
      missing.value = false;
    } else if (reply.error.code === 'not_found') {
      missing.value = true;
    } else {
      error.value = refusalText(reply.error);
    }
  }

  async function run(action: Promise<Reply>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      const reply = await action;
      if (!reply.ok) error.value = refusalText(reply.error);
      await refresh();
    } finally {
      busy.value = false;
    }
  }

  return {
    view,
    error,
    missing,
    busy,
    refresh,
    dismissError() {
      error.value = null;
    },
    // Action: R4 edit any property; status goes through the R8/R9 cascade.
    update(field: string, value: CustomValue) {
      return field === 'status' ? run(client.tickets.setStatus(ticketId, String(value))) : run(client.tickets.update(ticketId, field, value));
    },
    // Action: SLA "Mark first response sent".
    markResponded() {
      return run(client.tickets.markResponded(ticketId));
    },
    // Action: R14 note.
    addNote(text: string) {
      return run(client.notes.add(ticketId, text));
    },
    // Action: R14 the author rewrites their note; true when saved.
    async editNote(noteId: string, text: string): Promise<boolean> {
      await run(client.notes.edit(noteId, text));
      return error.peek() === null;
    },
    // Action: R14 the author moves their note to the trash.
    deleteNote(noteId: string) {
      return run(client.notes.delete(noteId));
    },
    // Action: R11 delete the ticket (and its conversations) to the trash.
    deleteTicket() {
      return run(client.tickets.delete(ticketId));
    },
    // Action: R11 restore from the trash.
    restore() {
      return run(client.trash.restore(ticketId));
    },
    /** Live tickets other than this one matching `search` (name, #id, contact, note), newest first. */
    async searchMergeCandidates(search: string): Promise<Ticket[]> {
      const needle = search.trim().slice(0, 200);
      const reply = await client.views.list<TicketPage>({ sort: 'updatedAt', direction: 'desc', limit: MERGE_SEARCH_LIMIT + 1, ...(needle ? { search: needle } : {}) });
      if (!reply.ok) {
        error.value = refusalText(reply.error);
        return [];
      }
      return reply.data.items.filter((t) => t.id !== ticketId).slice(0, MERGE_SEARCH_LIMIT);
    },
    // Action: merge this ticket and `otherId`, keeping `keepId` (one of the two).
    merge(otherId: string, keepId: string) {
      const mergeId = keepId === ticketId ? otherId : ticketId;
      return run(client.tickets.merge(keepId, [mergeId]));
    },
    // Action: undo the merge of this merged-away ticket, or of one merged into this one.
    unmerge(id: string = ticketId) {
      return run(client.tickets.unmerge(id));
    },
  };
});

export type RecordModelInstance = InstanceType<typeof RecordModel>;
