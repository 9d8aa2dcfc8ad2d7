import { defineContentScript } from '#imports';
import { startSidebar } from '../../components/sidebar/host/start';
import { limitedMode } from '../../core/adapters/generic';
import { roundcubeAdapter } from '../../core/adapters/roundcube';

/**
 * A self-hosted Roundcube the agent enabled in the options: registered at run
 * time by the background (entrypoints/background/sites.ts) for the sites the
 * agent marked Roundcube. The sites left to the extension ("automatic") run
 * site.content, which carries this reader and the generic one.
 */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_end',
  main(ctx) {
    startSidebar(ctx, roundcubeAdapter, limitedMode('email'));
  },
});
