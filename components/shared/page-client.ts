import { browser } from 'wxt/browser';
import { createClient } from '../../core/messages/client';

/** The client every extension page uses: runtime messages to the background, change events back. */
export function pageClient() {
  return createClient(
    (message) => browser.runtime.sendMessage(message),
    (listener) => {
      const wrapped = (message: unknown) => void listener(message);
      browser.runtime.onMessage.addListener(wrapped);
      return () => browser.runtime.onMessage.removeListener(wrapped);
    },
  );
}
