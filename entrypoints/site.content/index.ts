import { browser, defineContentScript } from '#imports';
import { isRoundcube } from '../../core/adapters/roundcube';
import { sidebarRunning } from '../../components/sidebar/host/running';
import type { Part, Reply } from '../../core/messages/protocol';

/**
 * The sites' dispatcher, a few hundred bytes: on an agent-enabled site whose
 * reader the agent left to the extension ("automatic", registered by
 * entrypoints/background/sites.ts), and on a page the agent opens the sidebar
 * on once (the popup, the toggle shortcut), it looks at the page and asks the
 * background to run the sidebar with the one reader that fits: Roundcube's,
 * else the generic one. No page carries both.
 */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_end',
  async main() {
    // A sidebar is here already (the demo's, or this page's from an earlier click).
    if (sidebarRunning()) return;
    const part: Part = isRoundcube(document) ? 'roundcube' : 'generic';
    const reply = (await browser.runtime.sendMessage({ kind: 'tip.part', part }).catch((e: unknown) => ({ ok: false, error: { message: String(e) } }))) as Reply;
    // No sidebar to show an error in: the page's console says why there is none.
    if (!reply?.ok) console.warn(`Tickets in place: the sidebar could not start here (${reply?.error.message ?? 'no answer'}).`);
  },
});
