import { defineUnlistedScript } from '#imports';
import { extras } from '../components/sidebar/extras';
import type { Kit } from '../components/sidebar/host/kit';
import { KIT_GLOBAL } from '../components/sidebar/host/kit-names';

/**
 * The sidebar's extras, run by the background in the frame of the content
 * script that asked (`tip.part`), in that script's isolated world. Its build
 * (wxt.config.ts) takes preact and its hooks from the content script's kit,
 * so the extras render in the sidebar's own tree.
 */
export default defineUnlistedScript(() => {
  const kit = (globalThis as Record<string, unknown>)[KIT_GLOBAL] as Kit | undefined;
  if (kit) kit.extras = extras;
});
