import { defineContentScript } from '#imports';
import { startSidebar } from '../../components/sidebar/host/start';
import { roundcubeAdapter } from '../../core/adapters/roundcube';

/**
 * A self-hosted Roundcube the agent enabled in the options: registered at run
 * time by the background (entrypoints/background/sites.ts) for the sites the
 * agent marked Roundcube, and run by the sites' dispatcher (site.content) on
 * the ones left to it that turn out to be Roundcube.
 */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_end',
  main(ctx) {
    startSidebar(ctx, roundcubeAdapter);
  },
});
