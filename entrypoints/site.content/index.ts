import { defineContentScript } from '#imports';
import { startSidebar } from '../../components/sidebar/host/start';
import { genericAdapter } from '../../core/adapters/generic';
import { isRoundcube, roundcubeAdapter } from '../../core/adapters/roundcube';

/**
 * The sidebar on an agent-enabled site whose reader the agent left to the
 * extension ("automatic", registered by entrypoints/background/sites.ts), and
 * on a page the agent opens the sidebar on once (the popup, the toggle
 * shortcut): it looks at the page and starts with the reader that fits,
 * Roundcube's, else the generic one. Both readers are in this script: asking
 * the background to run the one that fits cost a round trip before the
 * sidebar showed (about 8 ms of DOMContentLoaded → sidebar, README
 * "Benchmarks"), for a few KB saved.
 */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_end',
  main(ctx) {
    startSidebar(ctx, isRoundcube(document) ? roundcubeAdapter : genericAdapter, genericAdapter);
  },
});
