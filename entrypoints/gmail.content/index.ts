import { defineContentScript } from '#imports';
import { startSidebar } from '../../components/sidebar/host/start';
import { limitedMode } from '../../core/adapters/generic';
import { gmailAdapter } from '../../core/adapters/gmail';
import { GMAIL_MATCHES } from '../../core/adapters/matches';

export default defineContentScript({
  matches: [...GMAIL_MATCHES],
  runAt: 'document_end',
  main(ctx) {
    if (gmailAdapter.detect(new URL(location.href), document)) startSidebar(ctx, gmailAdapter, limitedMode('email'));
  },
});
