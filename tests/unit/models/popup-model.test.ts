import { PopupModel } from '../../../components/models/popup-model';
import type { Platform } from '../../../components/shared/platform';
import type { Client } from '../../../core/messages/client';

/** The popup's "this site" card, for the tab the agent is on. */
function popupOn(url: string, enabled: { pattern: string; adapter: 'auto' }[] = []) {
  const client = { sites: { list: async () => ({ ok: true, data: enabled }) } } as unknown as Client;
  const platform = { currentTab: async () => ({ id: 7, url }) } as unknown as Platform;
  return new PopupModel(client, platform);
}

describe('popup: this site', () => {
  it.each<[string, string, { pattern: string; adapter: 'auto' }[], string]>([
    ['a named site', 'https://mail.google.com/mail/u/0/#inbox', [], 'builtin'],
    // The demo inbox's pattern has a port: it must be read with the browsers' grammar, not refused.
    ['the demo inbox at its default address', 'http://127.0.0.1:5174/c/em-1042-refund', [], 'builtin'],
    ['any other web page', 'https://help.example.org/tickets/1', [], 'available'],
    ['a site the agent enabled', 'https://mail.example.org:8443/?_task=mail', [{ pattern: 'https://mail.example.org:8443/*', adapter: 'auto' }], 'enabled'],
    ['not a web page', 'chrome://extensions/', [], 'unsupported'],
  ])('%s', async (_name, url, enabled, state) => {
    const model = popupOn(url, enabled);
    await model.loadSite();
    expect(model.site.value?.state).toBe(state);
  });
});
