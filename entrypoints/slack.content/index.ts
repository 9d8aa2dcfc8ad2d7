import { defineContentScript } from '#imports';
import { startSidebar } from '../../components/sidebar/host/start';
import { limitedMode } from '../../core/adapters/generic';
import { slackAdapter } from '../../core/adapters/slack';
import { SLACK_MATCHES } from '../../core/adapters/matches';

export default defineContentScript({
  matches: [...SLACK_MATCHES],
  runAt: 'document_end',
  main(ctx) {
    if (slackAdapter.detect(new URL(location.href), document)) startSidebar(ctx, slackAdapter, limitedMode('chat'));
  },
});
