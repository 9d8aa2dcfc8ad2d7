import { browser, defineContentScript } from '#imports';
import { startSidebar } from '../../components/sidebar/host/start';
import { genericAdapter } from '../../core/adapters/generic';
import { roundcubeAdapter } from '../../core/adapters/roundcube';
import type { SiteAdapter } from '../../core/adapters/types';
import type { SiteAdapterChoice } from '../../core/messages/sites';

/**
 * Runs on the sites the agent enabled in the options (registered at run time
 * by the background, entrypoints/background/sites.ts): a self-hosted
 * Roundcube, or any other page read by the generic adapter.
 */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_end',
  async main(ctx) {
    const url = new URL(location.href);
    const reply = (await browser.runtime.sendMessage({ kind: 'tip.sites', action: 'adapterFor', url: url.href }).catch(() => null)) as {
      ok: boolean;
      data?: SiteAdapterChoice | null;
    } | null;
    const choice = reply?.ok && reply.data ? reply.data : 'auto';
    startSidebar(ctx, pick(choice, url));
  },
});

function pick(choice: SiteAdapterChoice, url: URL): SiteAdapter {
  if (choice === 'generic') return genericAdapter;
  if (choice === 'roundcube') return roundcubeAdapter;
  return roundcubeAdapter.detect(url, document) ? roundcubeAdapter : genericAdapter;
}
