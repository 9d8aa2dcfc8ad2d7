import { defineContentScript } from '#imports';
import { dropReservedRoom } from '../../components/sidebar/host/room';
import { startSidebar } from '../../components/sidebar/host/start';
import { limitedMode } from '../../core/adapters/generic';
import { demoAdapter } from '../../core/adapters/demo';
import { DEMO_MATCHES } from '../../core/adapters/matches';

/** Built only by `npm run build:demo`, `npm run dev` and the e2e build (wxt.config.ts): the store build ships no demo. */
export default defineContentScript({
  matches: [...DEMO_MATCHES],
  runAt: 'document_end',
  main(ctx) {
    if (demoAdapter.detect(new URL(location.href), document)) startSidebar(ctx, demoAdapter, limitedMode('email'));
    // Not the demo inbox (the e2e build runs this on any local page): no room kept for a sidebar.
    else dropReservedRoom();
  },
});
