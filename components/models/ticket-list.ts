import { refusalText } from '../shared/i18n';
import { signal } from '@preact/signals';
import { dueAtOf, tagsOf, type Contact, type Ticket } from '../../core/domain/types';
import type { Reply } from '../../core/messages/protocol';
import type { TicketPage } from '../../core/messages/views';

/**
 * The dashboard's list, windowed: it holds the id of every ticket loaded so
 * far (in list order) but whole rows only around what the agent is looking
 * at. Pages come from `tickets.list` in segments, each remembering the
 * cursor that fetched it, so rows dropped from memory can be fetched again
 * when the agent scrolls back. 100,000 tickets cost 100,000 short strings,
 * not 100,000 records.
 */

/** What one list row shows: a few fields of a ticket plus its contact's name. */
export interface Row {
  id: string;
  name: string;
  contact: string;
  status: string;
  priority: string;
  ownerId: string | null;
  source: Ticket['source'];
  tags: string[];
  updatedAt: number;
  createdAt: number;
  /** Due date (ms) or null. */
  dueAt: number | null;
  /** What the SLA column computes its state from (core/domain/sla.ts). */
  closedAt: number | null;
  sla: Ticket['sla'];
}

/** Fetches one page after `cursor` (undefined: the first page) with the list's current filters. */
export type FetchPage = (cursor: string | undefined) => Promise<Reply<TicketPage>>;

interface Segment {
  /** The cursor this segment was fetched with (undefined for the first). */
  cursor: string | undefined;
  ids: string[];
  /** Null once dropped from memory; fetched again with `cursor` when needed. */
  rows: Row[] | null;
}

export interface TicketListOptions {
  /** Segments of rows kept on each side of the visible ones. */
  keepSegments?: number;
  /** On a reload, at most this many rows are fetched up front (the rest as the agent scrolls). */
  reloadCap?: number;
}

export function toRow(t: Ticket, contacts: Record<string, Contact>): Row {
  const c = t.contactId ? contacts[t.contactId] : undefined;
  return {
    id: t.id,
    name: t.name,
    contact: c ? c.name || c.email || c.handle || '' : '',
    status: t.status,
    priority: t.priority,
    ownerId: t.ownerId,
    source: t.source,
    tags: tagsOf(t),
    updatedAt: t.updatedAt,
    createdAt: t.createdAt,
    dueAt: dueAtOf(t),
    closedAt: t.closedAt,
    sla: t.sla,
  };
}

interface State {
  segments: Segment[];
  /** Index of each segment's first row. */
  starts: number[];
  /** Cursor of the next page; undefined before the first fetch, null at the end. */
  next: string | null | undefined;
}

const emptyState = (): State => ({ segments: [], starts: [], next: undefined });

function total(state: State): number {
  const last = state.segments.length - 1;
  return last < 0 ? 0 : (state.starts[last] ?? 0) + (state.segments[last]?.ids.length ?? 0);
}

function reindex(state: State): void {
  state.starts = [];
  let n = 0;
  for (const s of state.segments) {
    state.starts.push(n);
    n += s.ids.length;
  }
}

/** The segment holding row `i` (binary search over the segment starts). */
function segmentAt(state: State, i: number): number {
  let lo = 0;
  let hi = state.segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((state.starts[mid] ?? Infinity) <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function createTicketList(fetchPage: FetchPage, opts: TicketListOptions = {}) {
  const keep = opts.keepSegments ?? 3;
  const reloadCap = opts.reloadCap ?? 2000;

  /** Loaded rows (ids known up to here). */
  const count = signal(0);
  /** True once the last page came back (nextCursor null). */
  const done = signal(false);
  const loading = signal(false);
  const error = signal<string | null>(null);
  /** Bumped whenever rows change, so the view re-reads `rowAt`. */
  const revision = signal(0);

  let state = emptyState();
  let generation = 0;
  let wanted = { from: 0, to: 0 };
  let running: Promise<void> | null = null;
  let again = false;
  /** A reload in progress builds its own state; the loader waits for it. */
  let reloading = false;

  /** Publishes `state` to the view. */
  function publish(): void {
    reindex(state);
    count.value = total(state);
    done.value = state.next === null;
    revision.value++;
  }

  function failed<T>(reply: Reply<T>): reply is Extract<Reply<T>, { ok: false }> {
    if (reply.ok) return false;
    error.value = refusalText(reply.error);
    return true;
  }

  /** Appends pages to `target` until row `to` is loaded or the list ends (short pages included). */
  async function loadUntil(target: State, to: number, gen: number, live: boolean): Promise<boolean> {
    while (gen === generation && target.next !== null && total(target) <= to) {
      const cursor = target.next;
      const reply = await fetchPage(cursor);
      if (gen !== generation) return false;
      if (failed(reply)) return false;
      const rows = reply.data.items.map((t) => toRow(t, reply.data.contacts ?? {}));
      target.segments.push({ cursor, ids: rows.map((r) => r.id), rows });
      target.next = reply.data.nextCursor;
      reindex(target);
      if (live) publish();
    }
    return gen === generation;
  }

  /** Fetches dropped rows of the visible segments again; drops rows far from view. */
  async function fillWindow(from: number, to: number, gen: number): Promise<void> {
    if (state.segments.length === 0) return;
    const firstVisible = segmentAt(state, from);
    const lastVisible = segmentAt(state, Math.max(from, to));
    state.segments.forEach((s, i) => {
      if ((i < firstVisible - keep || i > lastVisible + keep) && s.rows) s.rows = null;
    });
    for (let i = firstVisible; i <= lastVisible; i++) {
      const s = state.segments[i];
      if (!s || s.rows) continue;
      const reply = await fetchPage(s.cursor);
      if (gen !== generation || failed(reply)) return;
      // Keep the segment's length so later rows keep their places; a change reloads the list anyway.
      const rows = reply.data.items.slice(0, s.ids.length).map((t) => toRow(t, reply.data.contacts ?? {}));
      s.rows = rows;
      s.ids = rows.map((r) => r.id);
      publish();
    }
  }

  /** Runs the loader for the latest wanted range; one run at a time, coalesced. */
  function pump(): Promise<void> {
    if (reloading) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    const gen = generation;
    loading.value = true;
    running = (async () => {
      try {
        const { from, to } = wanted;
        if (await loadUntil(state, to, gen, true)) await fillWindow(from, to, gen);
      } finally {
        running = null;
        loading.value = false;
        if (again || gen !== generation) {
          again = false;
          void pump();
        }
      }
    })();
    return running;
  }

  return {
    count,
    done,
    loading,
    error,
    revision,

    /** The row at index `i`, or undefined while it is (re)loading. */
    rowAt(i: number): Row | undefined {
      if (i < 0 || i >= count.peek()) return undefined;
      const k = segmentAt(state, i);
      return state.segments[k]?.rows?.[i - (state.starts[k] ?? 0)];
    },

    /** Every loaded id, in list order. */
    loadedIds(): string[] {
      return state.segments.flatMap((s) => s.ids);
    },

    /** Rows held in memory right now (tests check it stays bounded). */
    rowsInMemory(): number {
      return state.segments.reduce((n, s) => n + (s.rows?.length ?? 0), 0);
    },

    /** The agent looks at rows `from`..`to`: load and keep what that needs. */
    show(from: number, to: number): Promise<void> {
      wanted = { from: Math.max(0, from), to: Math.max(0, from, to) };
      return pump();
    },

    /** New filters: start again from the top, empty until the first page comes. */
    reset(): Promise<void> {
      generation++;
      reloading = false;
      state = emptyState();
      error.value = null;
      wanted = { from: 0, to: 0 };
      publish();
      return pump();
    },

    /**
     * The help desk changed: load the list again up to what is in view (at
     * most `reloadCap` rows up front) while the old rows stay on screen, then
     * swap, so the agent's place in a live list holds.
     */
    async reload(): Promise<void> {
      const gen = ++generation;
      const fresh = emptyState();
      const to = Math.min(wanted.to, reloadCap);
      reloading = true;
      loading.value = true;
      try {
        if (!(await loadUntil(fresh, to, gen, false))) return;
        error.value = null;
        state = fresh;
        publish();
      } finally {
        if (gen === generation) {
          reloading = false;
          loading.value = false;
        }
      }
      await pump();
    },
  };
}

export type TicketList = ReturnType<typeof createTicketList>;
