/**
 * The room the host page is given beside the sidebar (the rules: roomRules),
 * and its reservation at `document_start` (entrypoints/room.content): the
 * page's first layout already has the room, instead of being laid out once
 * without it and again when the sidebar mounts at `document_end`.
 *
 * No imports: the room script bundles this alone, and it runs before the
 * page's first byte is parsed on every page of the sites we read.
 */

/** How the page is given room beside the sidebar: see roomRules and SiteAdapter.room. */
export type Room = 'flow' | 'shell' | 'self' | 'auto';

/** The open sidebar's width before the agent drags it (the sidebar model's DEFAULT_WIDTH: a unit test keeps them equal). */
export const RESERVED_WIDTH = 360;

/**
 * The host page gets narrower by the sidebar's width (the 44 px rail when
 * collapsed) instead of lying under it, and gets it all back on remove().
 * One stylesheet of ours, rewritten on each change: one style write and no
 * synchronous read of the page's layout, so the page lays out once per change.
 * Tried on the sites' fixtures, the demo and a real Roundcube:
 * - every page: `--tip-reserved-right` on :root, which a page that makes room
 *   itself reads (the demo inbox, `room: 'self'`; then nothing else is done);
 * - `margin-right` on <html>: normal-flow pages and full-viewport flex/grid
 *   shells (`height: 100vh`, in flow) reflow into the narrower box, with no
 *   side effect on scrolling, fixed headers or stacking;
 * - `'shell'` (app shells whose root is `position: fixed`/`absolute` over the
 *   whole viewport: Gmail, Outlook, Slack, WhatsApp, Roundcube) also gets
 *   `contain: layout` on <body>, which makes the body the containing block of
 *   every fixed and absolute descendant: the root, and also the page's own
 *   dialogs, menus and toasts anchored at the right (Gmail's compose window),
 *   which a rule on one root selector would leave under the sidebar. The host
 *   itself lives in <html>, outside <body>, so it stays fixed to the viewport.
 *   Only for shells: on a page whose document scrolls, fixed headers would
 *   scroll with the body. `min-height: 100vh` keeps a body whose children are
 *   all out of flow (height 0) the viewport's height.
 * - `'auto'` (any page the agent enabled): 'flow', then 'shell' if the first
 *   layout shows an app (mount.ts).
 */
export function roomRules(room: Exclude<Room, 'auto'>, width: number): string {
  const w = `${width}px`;
  const rules = [`:root{--tip-reserved-right:${w} !important}`];
  if (room !== 'self') rules.push(`html{margin-right:${w} !important}`);
  if (room === 'shell') rules.push('body{contain:layout !important;min-height:100vh !important}');
  return rules.join('\n');
}

/**
 * The room of the sites whose scripts the manifest runs, by host: the demo
 * inbox (local hosts) makes room itself, the named sites are app shells. A
 * unit test keeps this equal to each adapter's own `room`.
 */
export function reservedRoomFor(hostname: string): Exclude<Room, 'auto'> {
  return hostname === '127.0.0.1' || hostname === 'localhost' ? 'self' : 'shell';
}

/** Where the reservation waits for the sidebar: a global of our isolated world, which the page can't see. */
const RESERVED = '__tipRoom';
const slot = globalThis as { [RESERVED]?: HTMLStyleElement };

/**
 * At `document_start`: the room of an open sidebar at the default width, the
 * agent's usual case. The preference (collapsed, another width) comes from the
 * background, asynchronously; the sidebar corrects the sheet when it differs.
 * A first child of <html> for now (<head> isn't parsed yet); the sidebar
 * moves it into its host when it mounts, same text, so nothing is laid out again.
 */
export function reserveRoom(doc: Document, room: Exclude<Room, 'auto'>): void {
  if (slot[RESERVED] || !doc.documentElement) return;
  const style = doc.createElement('style');
  style.textContent = roomRules(room, RESERVED_WIDTH);
  doc.documentElement.prepend(style);
  slot[RESERVED] = style;
}

/** The reserved sheet, for the sidebar that mounts here to keep (or null); taken once. */
export function takeReservedRoom(): HTMLStyleElement | null {
  const style = slot[RESERVED] ?? null;
  delete slot[RESERVED];
  return style;
}

/** No sidebar here after all (not the demo inbox, or another sidebar runs): the page gets its width back. */
export function dropReservedRoom(): void {
  takeReservedRoom()?.remove();
}
