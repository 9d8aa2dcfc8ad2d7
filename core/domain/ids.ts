import { monotonicFactory } from 'ulidx';

/** Record type prefixes (docs/data.md "Ids"). */
export type IdPrefix = 'ticket' | 'conversation' | 'contact' | 'agent' | 'note' | 'snippet' | 'cmd' | 'device';

// Made on first use: a module-level call would keep ulidx in every bundle
// that imports any helper from here (the content script only needs shortId).
let ulid: ReturnType<typeof monotonicFactory> | undefined;

/** A new ULID (26 chars, time-ordered, monotonic within one ms). */
export function newUlid(now?: number): string {
  ulid ??= monotonicFactory();
  return ulid(now);
}

export function makeId(prefix: IdPrefix, ulidValue: string): string {
  return `${prefix}:${ulidValue}`;
}

/** `activity:<ticketULID>:<ULID>`: activity sorts under its ticket. */
export function activityId(ticketId: string, ulidValue: string): string {
  return `activity:${ulidOf(ticketId)}:${ulidValue}`;
}

/** The ULID part of a prefixed id. */
export function ulidOf(id: string): string {
  const i = id.lastIndexOf(':');
  return i < 0 ? id : id.slice(i + 1);
}

export function prefixOf(id: string): string {
  const i = id.indexOf(':');
  return i < 0 ? '' : id.slice(0, i);
}

/**
 * A short readable form for people (there is no global ticket number: two
 * offline agents could not agree on one). Uses the ULID's random tail so two
 * tickets made in the same millisecond still differ.
 */
export function shortId(id: string): string {
  const u = ulidOf(id);
  return `#${u.slice(-6)}`;
}
