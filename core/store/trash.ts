import type { Agent, Contact, Conversation, Note, Snippet, Ticket } from '../domain/types';
import type { Connection } from './db';
import { pageSize } from './paging';
import { collect, readTransaction, walk } from './transactions';

/**
 * The trash view (R11): trashed tickets, conversations, saved replies and
 * agents, newest deletion first, merged from the four `byDeletedAt` indexes.
 * Notes are listed when their author deleted them alone (R14); a note trashed
 * with its ticket goes and comes back with that ticket and is not listed.
 */

export type TrashItem =
  | { kind: 'ticket'; record: Ticket }
  | { kind: 'conversation'; record: Conversation }
  | { kind: 'snippet'; record: Snippet }
  | { kind: 'agent'; record: Agent }
  | { kind: 'note'; record: Note }
  /** A contact merged into another: restoring it splits the merge. */
  | { kind: 'contact'; record: Contact };

export interface TrashQuery {
  /** Default 50, at most 500. */
  limit?: number;
  cursor?: string;
}

export interface TrashPage {
  items: TrashItem[];
  nextCursor: string | null;
}

interface Position {
  deletedAt: number;
  id: string;
}

/**
 * Each index is walked newest first from the cursor, taking `limit + 1`
 * records; the merge keeps the first `limit`. The index keys are
 * `[deletedAt, id]`, so the order of one store is the order of the merge
 * (deletedAt, then id, both descending), and one (deletedAt, id) position
 * resumes all four walks.
 */
export async function listTrash(conn: Connection, query: TrashQuery = {}): Promise<TrashPage> {
  const limit = pageSize(query.limit);
  const after = query.cursor === undefined ? undefined : decodeTrashCursor(query.cursor);
  const range = after ? conn.range.upperBound([after.deletedAt, after.id], true) : null;
  const tx = readTransaction(conn.db, ['tickets', 'conversations', 'snippets', 'agents', 'notes', 'contacts']);
  const take = limit + 1;
  const all = (): boolean => true;
  // Trashed tickets → the cause that trashed them: a note with the same cause went with its ticket (the trash is small).
  const trashedTickets = new Map<string, string>();
  await walk(tx.objectStore('tickets').index('byDeletedAt').openCursor(), (t) => {
    trashedTickets.set(t.id, t.causeId);
    return true;
  });
  const deletedAlone = (n: Note) => trashedTickets.get(n.ticketId) !== n.causeId;

  const [tickets, conversations, snippets, agents, notes, contacts] = await Promise.all([
    collect(tx.objectStore('tickets').index('byDeletedAt').openCursor(range, 'prev'), take, all),
    collect(tx.objectStore('conversations').index('byDeletedAt').openCursor(range, 'prev'), take, all),
    collect(tx.objectStore('snippets').index('byDeletedAt').openCursor(range, 'prev'), take, all),
    collect(tx.objectStore('agents').index('byDeletedAt').openCursor(range, 'prev'), take, all),
    collect(tx.objectStore('notes').index('byDeletedAt').openCursor(range, 'prev'), take, deletedAlone),
    collect(tx.objectStore('contacts').index('byDeletedAt').openCursor(range, 'prev'), take, all),
  ]);
  const merged: TrashItem[] = [
    ...tickets.map((record): TrashItem => ({ kind: 'ticket', record })),
    ...conversations.map((record): TrashItem => ({ kind: 'conversation', record })),
    ...snippets.map((record): TrashItem => ({ kind: 'snippet', record })),
    ...agents.map((record): TrashItem => ({ kind: 'agent', record })),
    ...notes.map((record): TrashItem => ({ kind: 'note', record })),
    ...contacts.map((record): TrashItem => ({ kind: 'contact', record })),
  ].sort(newestDeletionFirst);

  const items = merged.slice(0, limit);
  const lastItem = items[items.length - 1];
  const nextCursor = merged.length > limit && lastItem ? encodeTrashCursor(positionOf(lastItem)) : null;
  return { items, nextCursor };
}

function positionOf(item: TrashItem): Position {
  return { deletedAt: item.record.deletedAt ?? 0, id: item.record.id };
}

function newestDeletionFirst(a: TrashItem, b: TrashItem): number {
  const x = positionOf(a);
  const y = positionOf(b);
  if (x.deletedAt !== y.deletedAt) return y.deletedAt - x.deletedAt;
  // String order is IndexedDB's order for string keys (UTF-16 code units).
  return x.id < y.id ? 1 : x.id > y.id ? -1 : 0;
}

const CURSOR_PATTERN = /^t\.(-?\d+)\.(.+)$/;

function encodeTrashCursor(at: Position): string {
  return `t.${at.deletedAt}.${at.id}`;
}

function decodeTrashCursor(cursor: string): Position {
  const match = CURSOR_PATTERN.exec(cursor);
  if (!match || match[2] === undefined) throw new RangeError('Invalid trash cursor: start again without a cursor.');
  return { deletedAt: Number(match[1]), id: match[2] };
}
