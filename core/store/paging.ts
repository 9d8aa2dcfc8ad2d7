/** Page sizes shared by the paged queries (the dashboard list and the trash). */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** A whole number of items in 1..MAX_PAGE_SIZE, whatever the caller asked for. */
export function pageSize(requested: number | undefined): number {
  const n = requested === undefined || !Number.isFinite(requested) ? DEFAULT_PAGE_SIZE : Math.floor(requested);
  return Math.min(MAX_PAGE_SIZE, Math.max(1, n));
}
