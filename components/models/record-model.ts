import { createModel, signal } from '@preact/signals';
import type { CustomValue } from '../../core/domain/types';
import type { Client } from '../../core/messages/client';
import type { Reply } from '../../core/messages/protocol';
import type { TicketRecordView } from '../../core/messages/views';

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
      error.value = reply.error.message;
    }
  }

  async function run(action: Promise<Reply>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      const reply = await action;
      if (!reply.ok) error.value = reply.error.message;
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
  };
});

export type RecordModelInstance = InstanceType<typeof RecordModel>;
