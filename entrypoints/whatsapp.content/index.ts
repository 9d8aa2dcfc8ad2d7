import { defineContentScript } from '#imports';
import { startSidebar } from '../../components/sidebar/host/start';
import { limitedMode } from '../../core/adapters/generic';
import { whatsappAdapter } from '../../core/adapters/whatsapp';
import { WHATSAPP_MATCHES } from '../../core/adapters/matches';

export default defineContentScript({
  matches: [...WHATSAPP_MATCHES],
  runAt: 'document_end',
  main(ctx) {
    if (whatsappAdapter.detect(new URL(location.href), document)) startSidebar(ctx, whatsappAdapter, limitedMode('chat'));
  },
});
