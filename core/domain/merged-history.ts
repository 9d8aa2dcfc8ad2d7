import type { Activity } from './types';

/**
 * The tickets merged into `ticketId` and not unmerged since, and those merged
 * into them, read from the `ticket.merged` / `ticket.unmerged` entries of the
 * kept tickets' histories (in (clock, id) order the last one for a ticket decides).
 */
export async function mergedInto(ticketId: string, history: (ticketId: string) => Promise<Activity[]>): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set([ticketId]);
  const queue = [ticketId];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const from of mergedInFrom(id, await history(id))) {
      if (seen.has(from)) continue;
      seen.add(from);
      out.push(from);
      queue.push(from);
    }
  }
  return out;
}

/** The tickets merged into `ticketId` (directly) according to its own history, given in (clock, id) order. */
export function mergedInFrom(ticketId: string, entries: readonly Activity[]): string[] {
  const current = new Set<string>();
  const ordered = [...entries].sort((a, b) => (a.clock < b.clock ? -1 : a.clock > b.clock ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const a of ordered) {
    if (a.to !== ticketId || typeof a.from !== 'string') continue;
    if (a.kind === 'ticket.merged') current.add(a.from);
    else if (a.kind === 'ticket.unmerged') current.delete(a.from);
  }
  return [...current];
}
