import { makeId } from '../ids';
import type { Note } from '../types';
import { liveTicket } from './lookups';
import type { Session } from './session';
import { MAX_TEXT, requiredText } from './validate';

/** R14: an internal note on the ticket (its own record: two agents can add notes at once). */
export async function addNote(s: Session, ticketId: string, text: unknown): Promise<Note> {
  const ticket = await liveTicket(s, ticketId);
  const body = requiredText(text, 'The note', MAX_TEXT);
  const note = s.create<Note>(makeId('note', s.ctx.newUlid()), { ticketId, text: body, authorId: s.ctx.agentId });
  s.log(ticket, 'note.added', { text: body });
  return note;
}
