import { shortId } from '../domain/ids';
import { tagsOf, type Contact, type Note, type StoredRecord, type Ticket } from '../domain/types';
import { prefixOf } from '../domain/ids';
import type { StoreTx } from './schema';
import { walk } from './transactions';

/**
 * Local indexes derived from the records, kept up to date by every write in
 * the same transaction as the write itself (commands, import, erase), so the
 * dashboard reads them instead of counting or scanning tickets:
 *
 * - `counts`: one record with the live tickets per status, priority and owner
 *   (IndexedDB's `count()` walks the whole key range, which costs hundreds of
 *   milliseconds at 100k tickets);
 * - `search`: one record per live ticket, contact and note with the
 *   normalised words of its searchable text, in a multiEntry index, so a
 *   search looks words up instead of reading every ticket.
 *
 * Neither is synced nor exported: both are rebuilt from the records
 * (`rebuildDerived`) when the database gains them.
 */

export const COUNTS_ID = 'tickets';

export interface CountsRecord {
  id: typeof COUNTS_ID;
  /** Live tickets (not trashed, not merged away). */
  total: number;
  byStatus: Record<string, number>;
  byPriority: Record<string, number>;
  /** Per owner id; unassigned tickets are counted in `unassigned`. */
  byOwner: Record<string, number>;
  unassigned: number;
}

/**
 * A search record has the id of what it indexes and exactly one of the token
 * fields, so each kind has its own multiEntry index (a record without the
 * field is simply not in that index).
 */
export interface SearchRecord {
  id: string;
  ticketTokens?: string[];
  contactTokens?: string[];
  noteTokens?: string[];
  /** Notes: the ticket they belong to. */
  ticketId?: string;
}

export const emptyCounts = (): CountsRecord => ({ id: COUNTS_ID, total: 0, byStatus: {}, byPriority: {}, byOwner: {}, unassigned: 0 });

/** Longer words are cut to this length (a search word longer than this matches on its start). */
export const MAX_TOKEN_LENGTH = 32;
/** Words kept per record, first come first kept: a long description or note is searchable by its first words. */
export const MAX_TOKENS = 400;

/**
 * The words of a text, as search compares them: lower case, accents dropped
 * ("José" is found by "jose"), split at anything that is not a letter or a
 * digit ("ana@example.com" → ana, example, com).
 */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).map((w) => w.slice(0, MAX_TOKEN_LENGTH));
}

function tokens(...texts: (string | null)[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const w of words(text)) {
      if (out.size >= MAX_TOKENS) return [...out];
      out.add(w);
    }
  }
  return [...out];
}

export const ticketTokens = (t: Ticket): string[] => tokens(t.name, shortId(t.id), ...tagsOf(t), t.category, t.description);
/** A contact is found by its name and every way to reach it (identities are absent on contacts stored before they existed). */
export const contactTokens = (c: Contact): string[] => tokens(c.name, c.email, c.handle, ...(c.identities ?? []).map((i) => i.value));
export const noteTokens = (n: Note): string[] => tokens(n.text);

/** One record written: what was stored before (undefined: new) and after (undefined: deleted). */
export interface RecordChange {
  before: StoredRecord | undefined;
  after: StoredRecord | undefined;
}

const isLiveTicket = (r: StoredRecord | undefined): r is Ticket => r !== undefined && prefixOf(r.id) === 'ticket' && r.deletedAt === null;

function bump(map: Record<string, number>, key: string, by: number): void {
  const next = (map[key] ?? 0) + by;
  if (next === 0) delete map[key];
  else map[key] = next;
}

export function countTicket(counts: CountsRecord, t: Ticket, by: 1 | -1): void {
  counts.total += by;
  bump(counts.byStatus, t.status, by);
  bump(counts.byPriority, t.priority, by);
  if (t.ownerId === null) counts.unassigned += by;
  else bump(counts.byOwner, t.ownerId, by);
}

/** The search record of a record, or null when it has none (trashed, or a kind search does not cover). */
export function searchRecordOf(r: StoredRecord): SearchRecord | null {
  if (r.deletedAt !== null) return null;
  switch (prefixOf(r.id)) {
    case 'ticket':
      return { id: r.id, ticketTokens: ticketTokens(r as Ticket) };
    case 'contact':
      return { id: r.id, contactTokens: contactTokens(r as Contact) };
    case 'note':
      return { id: r.id, ticketId: (r as Note).ticketId, noteTokens: noteTokens(r as Note) };
    default:
      return null;
  }
}

const SEARCHED = new Set(['ticket', 'contact', 'note']);

type DerivedTx = StoreTx<'readwrite'>;

/**
 * Brings `counts` and `search` in line with a batch of writes, inside the
 * writes' transaction. Awaits only IndexedDB requests (the transaction must
 * stay active).
 */
export async function applyDerived(tx: DerivedTx, changes: readonly RecordChange[]): Promise<void> {
  const tickets = changes.filter((c) => isLiveTicket(c.before) || isLiveTicket(c.after));
  if (tickets.length > 0) {
    const countsStore = tx.objectStore('counts');
    const stored = await countsStore.get(COUNTS_ID);
    if (stored) {
      for (const { before, after } of tickets) {
        if (isLiveTicket(before)) countTicket(stored, before, -1);
        if (isLiveTicket(after)) countTicket(stored, after, 1);
      }
    }
    // No record yet (a database that had no tickets): count them, this batch's writes included.
    await countsStore.put(stored ?? (await countLiveTickets(tx)));
  }
  const search = tx.objectStore('search');
  const writes: Promise<unknown>[] = [];
  for (const { before, after } of changes) {
    const id = (after ?? before)?.id;
    if (id === undefined || !SEARCHED.has(prefixOf(id))) continue;
    const next = after ? searchRecordOf(after) : null;
    if (next) {
      const prev = before ? searchRecordOf(before) : null;
      if (!prev || !sameSearch(prev, next)) writes.push(search.put(next));
    } else if (before && before.deletedAt === null) {
      writes.push(search.delete(id));
    }
  }
  await Promise.all(writes);
}

function sameSearch(a: SearchRecord, b: SearchRecord): boolean {
  const ta = a.ticketTokens ?? a.contactTokens ?? a.noteTokens ?? [];
  const tb = b.ticketTokens ?? b.contactTokens ?? b.noteTokens ?? [];
  return a.ticketId === b.ticketId && ta.length === tb.length && ta.every((t, i) => t === tb[i]);
}

/** The counts by walking every ticket: only when the counts record is missing, so there were none before this transaction. */
async function countLiveTickets(tx: StoreTx): Promise<CountsRecord> {
  const counts = emptyCounts();
  await walk(tx.objectStore('tickets').openCursor(), (t) => {
    if (t.deletedAt === null) countTicket(counts, t, 1);
    return true;
  });
  return counts;
}

/**
 * Minimal store access for a rebuild: the typed transaction of today's code
 * and the untyped one of the migration step both provide it.
 */
interface RebuildStore {
  openCursor(): Promise<{ value: unknown; continue(): Promise<unknown> } | null>;
  put(value: unknown): Promise<unknown>;
}
export interface RebuildTx {
  objectStore(name: string): RebuildStore;
}

/** Computes `counts` and `search` from the tickets, contacts and notes the transaction sees (both stores start empty). */
export async function rebuildDerived(tx: RebuildTx): Promise<void> {
  const search = tx.objectStore('search');
  const counts = emptyCounts();
  for (const name of ['tickets', 'contacts', 'notes']) {
    const writes: Promise<unknown>[] = [];
    await walk(tx.objectStore(name).openCursor() as Promise<{ value: StoredRecord; continue<T>(this: T): Promise<T | null> } | null>, (r) => {
      if (isLiveTicket(r)) countTicket(counts, r, 1);
      const s = searchRecordOf(r);
      if (s) writes.push(search.put(s));
      return true;
    });
    await Promise.all(writes);
  }
  // No tickets: nothing to write (a missing record reads as zero counts), so setting up a fresh database writes nothing here.
  if (counts.total > 0) await tx.objectStore('counts').put(counts);
}
