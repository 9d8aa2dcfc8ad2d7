import { defineContentScript } from '#imports';
import { reserveRoom, reservedRoomFor } from '../../components/sidebar/host/room';
import { SITE_MATCHES } from '../../core/adapters/matches';

/**
 * Reserves the sidebar's room before the page is parsed, so the page is laid
 * out once, with the room (components/sidebar/host/room.ts). A few hundred
 * bytes: the sidebar itself starts at `document_end` (each site's script),
 * takes this sheet over, and removes it when it doesn't start. The demo
 * builds also run it on the demo inbox (wxt.config.ts).
 */
export default defineContentScript({
  matches: [...SITE_MATCHES],
  runAt: 'document_start',
  main() {
    reserveRoom(document, reservedRoomFor(location.hostname));
  },
});
