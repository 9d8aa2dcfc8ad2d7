import { refusalText } from '../shared/i18n';
import { computed, createModel, signal } from '@preact/signals';
import type { Command } from '../../core/domain/commands';
import type { SlaFilter } from '../../core/domain/sla';
import type { Channel } from '../../core/domain/types';
import type { Client } from '../../core/messages/client';
import type { Reply } from '../../core/messages/protocol';
import type { SettingsView, TicketPage, TicketStats, TrashItem, TrashPage } from '../../core/messages/views';
import { createTicketList } from './ticket-list';

/**
 * The help-desk dashboard: a cache of what the background holds — the
 * ticket list (windowed, see ticket-list.ts), the counts and charts, the
 * trash — reloaded on every change broadcast. Never a second source of truth.
 */

export type Sort = 'updatedAt' | 'createdAt' | 'dueAt' | 'slaDue';
export type Direction = 'asc' | 'desc';
export type Tab = 'tickets' | 'trash';
export type BulkAction = Extract<Command, { type: 'tickets.bulk' }>['action'];

/** Filters as the controls hold them: '' is "any"; dates are `YYYY-MM-DD` in the agent's time zone. */
export interface Filters {
  status: string;
  priority: string;
  /** An agent id, UNASSIGNED, or '' for anyone. */
  owner: string;
  source: '' | Channel;
  /** A tag name, or '' for any. */
  tag: string;
  createdFrom: string;
  createdTo: string;
  updatedFrom: string;
  updatedTo: string;
  /** '' leaves snoozed tickets out (the open lists); 'only' lists just them. */
  snoozed: '' | 'only';
  /** SLA state, or '' for any (components/dashboard/SlaFilter.tsx). */
  sla: '' | SlaFilter;
}

export const UNASSIGNED = 'unassigned';
export const NO_FILTERS: Filters = {
  status: '',
  priority: '',
  owner: '',
  source: '',
  tag: '',
  createdFrom: '',
  createdTo: '',
  updatedFrom: '',
  updatedTo: '',
  snoozed: '',
  sla: '',
};

/** Rows per list request: a few screens' worth. */
export const PAGE_SIZE = 200;
/** The rules take at most this many tickets per bulk command. */
export const MAX_SELECTION = 500;
/** Days in the created-vs-closed chart. */
export const CHART_DAYS = 30;

/** Local midnight of a `YYYY-MM-DD` day (ms), or undefined for ''. */
export function dayStart(day: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
}

/** The last ms of a `YYYY-MM-DD` day, local time. */
export function dayEnd(day: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1).getTime() - 1;
}

/** `days + 1` local midnights ending tomorrow's: the last `days` days, today included (DST-safe). */
export function recentDayStarts(now: number, days = CHART_DAYS): number[] {
  const today = new Date(now);
  return Array.from({ length: days + 1 }, (_, i) => new Date(today.getFullYear(), today.getMonth(), today.getDate() - days + 1 + i).getTime());
}

type ListQuery = Parameters<Client['views']['list']>[0];

/** The `tickets.list` query for the controls' state. */
export function listQuery(filters: Filters, search: string, sort: Sort, direction: Direction): NonNullable<ListQuery> {
  const q: NonNullable<ListQuery> = { sort, direction, limit: PAGE_SIZE };
  if (filters.status) q.status = filters.status;
  if (filters.priority) q.priority = filters.priority;
  if (filters.owner) q.ownerId = filters.owner === UNASSIGNED ? null : filters.owner;
  if (filters.source) q.source = filters.source;
  if (filters.tag) q.tag = filters.tag;
  if (filters.snoozed) q.snoozed = filters.snoozed;
  if (filters.sla) q.sla = filters.sla;
  const range: [keyof typeof q, number | undefined][] = [
    ['createdFrom', dayStart(filters.createdFrom)],
    ['createdTo', dayEnd(filters.createdTo)],
    ['updatedFrom', dayStart(filters.updatedFrom)],
    ['updatedTo', dayEnd(filters.updatedTo)],
  ];
  for (const [key, value] of range) if (value !== undefined && value >= 0) Object.assign(q, { [key]: value });
  const needle = search.trim();
  if (needle) q.search = needle.slice(0, 200);
  return q;
}

export const DashboardModel = createModel((client: Client, now: () => number = Date.now) => {
  const tab = signal<Tab>('tickets');
  const setup = signal<SettingsView | null>(null);
  const stats = signal<TicketStats | null>(null);
  const error = signal<string | null>(null);
  const notice = signal<string | null>(null);
  const busy = signal(false);

  const filters = signal<Filters>({ ...NO_FILTERS });
  const search = signal('');
  const sort = signal<Sort>('updatedAt');
  const direction = signal<Direction>('desc');
  const selected = signal<ReadonlySet<string>>(new Set());

  const list = createTicketList((cursor) =>
    client.views.list<TicketPage>({ ...listQuery(filters.peek(), search.peek(), sort.peek(), direction.peek()), cursor }),
  );

  const filtered = computed(
    () => search.value.trim() !== '' || Object.entries(filters.value).some(([k, v]) => v !== NO_FILTERS[k as keyof Filters]),
  );

  // ---- trash ----
  const trash = signal<TrashItem[]>([]);
  const trashNext = signal<string | null>(null);
  const trashLoaded = signal(false);

  async function loadSetup(): Promise<void> {
    const reply = await client.settings.get<SettingsView>();
    if (reply.ok) setup.value = reply.data;
    else error.value = refusalText(reply.error);
  }

  async function loadStats(): Promise<void> {
    const reply = await client.views.stats<TicketStats>(recentDayStarts(now()));
    if (reply.ok) stats.value = reply.data;
    else error.value = refusalText(reply.error);
  }

  async function loadTrash(more = false): Promise<void> {
    const cursor = more ? (trashNext.peek() ?? undefined) : undefined;
    if (more && !cursor) return;
    const reply = await client.trash.list<TrashPage>(100, cursor);
    if (!reply.ok) {
      error.value = refusalText(reply.error);
      return;
    }
    trash.value = more ? [...trash.peek(), ...reply.data.items] : reply.data.items;
    trashNext.value = reply.data.nextCursor;
    trashLoaded.value = true;
  }

  function clearSelection(): void {
    if (selected.peek().size > 0) selected.value = new Set();
  }

  /** New list parameters: the selection belonged to the old list. */
  function requery(): Promise<void> {
    clearSelection();
    return list.reset();
  }

  /** Runs one command; shows a refusal; the change broadcast reloads what it touched. */
  async function run(action: Promise<Reply>, success?: string): Promise<boolean> {
    busy.value = true;
    error.value = null;
    notice.value = null;
    try {
      const reply = await action;
      if (!reply.ok) {
        error.value = refusalText(reply.error);
        return false;
      }
      if (success) notice.value = success;
      return true;
    } finally {
      busy.value = false;
    }
  }

  let pendingChange: ReturnType<typeof setTimeout> | undefined;

  return {
    tab,
    setup,
    stats,
    error,
    notice,
    busy,
    filters,
    search,
    sort,
    direction,
    selected,
    filtered,
    list,
    trash,
    trashNext,
    trashLoaded,

    // Action: first load.
    async start(): Promise<void> {
      await Promise.all([loadSetup(), loadStats(), list.reset()]);
    },

    /**
     * Action: the help desk changed (a broadcast). Coalesced: a bulk change
     * is one broadcast, but another tab creating tickets in a loop is many.
     */
    changed(delayMs = 250): void {
      clearTimeout(pendingChange);
      pendingChange = setTimeout(() => {
        void loadSetup();
        void loadStats();
        void list.reload();
        if (trashLoaded.peek()) void loadTrash();
      }, delayMs);
    },

    showTab(next: Tab): void {
      tab.value = next;
      if (next === 'trash') void loadTrash();
    },

    dismissError(): void {
      error.value = null;
    },
    dismissNotice(): void {
      notice.value = null;
    },

    // Action: filters, search, sort.
    setFilter<K extends keyof Filters>(key: K, value: Filters[K]): void {
      if (filters.peek()[key] === value) return;
      filters.value = { ...filters.peek(), [key]: value };
      void requery();
    },
    clearFilters(): void {
      filters.value = { ...NO_FILTERS };
      search.value = '';
      void requery();
    },
    setSearch(value: string): void {
      if (search.peek() === value) return;
      search.value = value;
      void requery();
    },
    setSort(nextSort: Sort, nextDirection: Direction): void {
      sort.value = nextSort;
      direction.value = nextDirection;
      void requery();
    },

    // Action: selection (at most MAX_SELECTION, what one bulk command takes).
    toggle(id: string, on: boolean): void {
      const next = new Set(selected.peek());
      if (on && next.size < MAX_SELECTION) next.add(id);
      else next.delete(id);
      selected.value = next;
    },
    /** Selects every loaded ticket (up to MAX_SELECTION), or clears the selection when all those are selected. */
    toggleAll(): void {
      const ids = list.loadedIds().slice(0, MAX_SELECTION);
      const all = ids.length > 0 && ids.every((id) => selected.peek().has(id));
      selected.value = all ? new Set() : new Set(ids);
    },
    clearSelection,

    // Action: one bulk command over the selection (all or nothing).
    async bulk(action: BulkAction, success: (n: number) => string): Promise<boolean> {
      const ids = [...selected.peek()];
      if (ids.length === 0) return false;
      const done = await run(client.tickets.bulk(ids, action), success(ids.length));
      if (done) clearSelection();
      return done;
    },

    /** The selected tickets with the names the list has loaded (a row out of the window shows its short id). */
    selectedTickets(): { id: string; name: string }[] {
      const names = new Map<string, string>();
      for (let i = 0; i < list.count.peek(); i++) {
        const row = list.rowAt(i);
        if (row) names.set(row.id, row.name);
      }
      return [...selected.peek()].map((id) => ({ id, name: names.get(id) ?? '' }));
    },

    // Action: merge the selected tickets into `keepId`, one of them.
    async merge(keepId: string, success: string): Promise<boolean> {
      const others = [...selected.peek()].filter((id) => id !== keepId);
      if (others.length === 0) return false;
      const done = await run(client.tickets.merge(keepId, others), success);
      if (done) clearSelection();
      return done;
    },

    // Action: trash (R11).
    restore(id: string, success: string): Promise<boolean> {
      return run(client.trash.restore(id), success);
    },
    purgeItem(id: string, success: string): Promise<boolean> {
      return run(client.trash.purgeItem(id), success);
    },
    purgeAll(success: string): Promise<boolean> {
      return run(client.trash.purge(true), success);
    },
    loadMoreTrash(): Promise<void> {
      return loadTrash(true);
    },
  };
});

export type DashboardModelInstance = InstanceType<typeof DashboardModel>;
