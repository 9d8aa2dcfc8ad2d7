import { defineContentScript } from '#imports';
import { startSidebar } from '../../components/sidebar/host/start';
import { limitedMode } from '../../core/adapters/generic';
import { outlookAdapter } from '../../core/adapters/outlook';
import { OUTLOOK_MATCHES } from '../../core/adapters/matches';

export default defineContentScript({
  matches: [...OUTLOOK_MATCHES],
  runAt: 'document_end',
  main(ctx) {
    if (outlookAdapter.detect(new URL(location.href), document)) startSidebar(ctx, outlookAdapter, limitedMode('email'));
  },
});
