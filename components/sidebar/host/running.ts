/**
 * Which of our content scripts owns this frame's sidebar. Every content script
 * of the extension, and every part it injects, shares one isolated world per
 * frame, so a global there is ours alone: the page can't see, set or clear it,
 * as it could an element or attribute in its DOM. A holder whose extension was
 * reloaded or removed no longer counts (`isValid` turns false and stops it).
 *
 * No imports.
 */
const RUNNING = '__tipSidebar';

interface Holder {
  readonly isValid: boolean;
}

const slot = globalThis as { [RUNNING]?: Holder };

/** True while a live sidebar of ours runs in this frame. */
export function sidebarRunning(): boolean {
  return slot[RUNNING]?.isValid === true;
}

/** Claims this frame's sidebar for `holder`; false when a live one has it already. */
export function claimSidebar(holder: Holder): boolean {
  if (sidebarRunning()) return false;
  slot[RUNNING] = holder;
  return true;
}

/**
 * Set by the background before it starts the sidebar in a page for "Create
 * ticket from selection" (entrypoints/background/context-menu.ts): the new
 * sidebar then opens the create form from the selection. In the isolated
 * world, like RUNNING, so the page can't ask for it.
 */
const PENDING_SELECTION = '__tipPendingSelection';

/** Whether a ticket from the selection was asked for before this sidebar started; asked once. */
export function takePendingSelection(): boolean {
  const flags = globalThis as { [PENDING_SELECTION]?: boolean };
  const pending = flags[PENDING_SELECTION] === true;
  delete flags[PENDING_SELECTION];
  return pending;
}
