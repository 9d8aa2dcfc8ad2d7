import { defineContentScript } from '#imports';
import { startSidebar } from '../../components/sidebar/host/start';
import { genericAdapter } from '../../core/adapters/generic';

/**
 * Any other page the agent enabled in the options, read by the generic
 * adapter: registered at run time by the background
 * (entrypoints/background/sites.ts) for the sites the agent marked "any
 * page". The sites left to the extension ("automatic") run site.content,
 * which carries this reader and Roundcube's.
 */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_end',
  main(ctx) {
    startSidebar(ctx, genericAdapter);
  },
});
