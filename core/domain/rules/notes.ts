import { makeId } from '../ids';
import type { Note, Ticket } from '../types';
import { liveTicket } from './lookups';
import { refuse, type Session } from './session';
import { MAX_TEXT, requiredText } from './validate';

/** R14: an internal note on the ticket (its own record: two agents can add notes at once). */
export async function addNote(s: Session, ticketId: string, text: unknown): Promise<Note> {
  const ticket = await liveTicket(s, ticketId);
  const body = requiredText(text, 'note', MAX_TEXT);
  const note = s.create<Note>(makeId('note', s.ctx.newUlid()), { ticketId, text: body, authorId: s.ctx.agentId });
  s.log(ticket, 'note.added', { noteId: note.id, text: body });
  return note;
}

/**
 * R14: the author rewrites their note. The history keeps old → new, so what
 * the note said before is never lost. The same text again changes nothing.
 */
export async function editNote(s: Session, noteId: string, text: unknown): Promise<Note> {
  const { note, ticket } = await authorsLiveNote(s, noteId, 'edit');
  const body = requiredText(text, 'note', MAX_TEXT);
  if (s.change<Note>(note, { text: body })) s.log(ticket, 'note.edited', { noteId, from: note.text, to: body });
  return s.current(note);
}

/** R14 / R11: the author moves their note to the trash (restorable like anything trashed). */
export async function deleteNote(s: Session, noteId: string): Promise<{ trashed: string[] }> {
  const { note, ticket } = await authorsLiveNote(s, noteId, 'delete');
  s.change<Note>(note, { deletedAt: s.ctx.now });
  s.log(ticket, 'note.deleted', { noteId, text: note.text });
  return { trashed: [note.id] };
}

/** A live note of a live ticket, written by the acting agent: only its author edits or deletes it. */
async function authorsLiveNote(s: Session, noteId: string, verb: 'edit' | 'delete'): Promise<{ note: Note; ticket: Ticket }> {
  const note = await s.note(noteId);
  if (!note) refuse('not_found', 'noteGone');
  if (note.deletedAt !== null) refuse('conflict', 'noteTrashed');
  if (note.authorId !== s.ctx.agentId) refuse('forbidden', verb === 'edit' ? 'noteNotAuthorEdit' : 'noteNotAuthorDelete');
  const ticket = await liveTicket(s, note.ticketId);
  return { note, ticket };
}
