import { healthRows, PopupModel } from '../../../components/models/popup-model';
import type { SiteHealthRecord } from '../../../core/domain/health';
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
    // The store build carries no demo inbox: there it is a page like any other.
    ['the demo inbox in the store build', 'http://127.0.0.1:5174/c/em-1042-refund', [], 'available'],
    ['any other web page', 'https://help.example.org/tickets/1', [], 'available'],
    ['a site the agent enabled', 'https://mail.example.org:8443/?_task=mail', [{ pattern: 'https://mail.example.org:8443/*', adapter: 'auto' }], 'enabled'],
    ['not a web page', 'chrome://extensions/', [], 'unsupported'],
  ])('%s', async (_name, url, enabled, state) => {
    const model = popupOn(url, enabled);
    await model.loadSite();
    expect(model.site.value?.state).toBe(state);
  });
});

describe('popup: the demo build', () => {
  afterEach(() => vi.unstubAllEnvs());

  it("counts the demo inbox at its default address as built in (its pattern's port read with the browsers' grammar, not refused)", async () => {
    vi.stubEnv('MODE', 'demo');
    const model = popupOn('http://127.0.0.1:5174/c/em-1042-refund');
    await model.loadSite();
    expect(model.site.value?.state).toBe('builtin');
    const other = popupOn('http://127.0.0.1:5175/c/em-1042-refund');
    await other.loadSite();
    expect(other.site.value?.state).toBe('available');
  });
});

describe('popup: open the sidebar here once', () => {
  function popupWith(openSidebarOnce: (tabId: number) => Promise<void>) {
    const closed: boolean[] = [];
    const client = { sites: { list: async () => ({ ok: true, data: [] }) } } as unknown as Client;
    const platform = { currentTab: async () => ({ id: 7, url: 'https://help.example.org/tickets/1' }), openSidebarOnce, closeWindow: () => closed.push(true) } as unknown as Platform;
    return { model: new PopupModel(client, platform), closed };
  }

  it('starts the sidebar on the tab the agent is on, then gets out of the way', async () => {
    const started: number[] = [];
    const { model, closed } = popupWith(async (tabId) => void started.push(tabId));
    await model.loadSite();
    await model.openHere();
    expect(started).toEqual([7]);
    expect(closed).toEqual([true]);
    expect(model.error.value).toBeNull();
  });

  it('a page the browser will not let it run on is a visible error, and the popup stays open', async () => {
    const { model, closed } = popupWith(() => Promise.reject(new Error('Cannot access contents of the page.')));
    await model.loadSite();
    await model.openHere();
    expect(model.error.value).toMatch(/could not start on help\.example\.org: Cannot access contents of the page/);
    expect(closed).toEqual([]);
  });
});

describe('popup: site health (tip-popup-site-health)', () => {
  const record = (site: SiteHealthRecord['site'], ok: boolean, at: number): SiteHealthRecord => ({ site, ok, failed: ok ? [] : ['thread subject'], checked: '2026-11-25', origin: 'https://example.com', at });

  it('lists every named site: working, changed, or not seen yet; the demo inbox only once it reported', async () => {
    const client = { health: { list: async () => ({ ok: true, data: [record('gmail', false, 2000), record('slack', true, 1000)] }) } } as unknown as Client;
    const model = new PopupModel(client, {} as Platform);
    expect(model.healthList.value.every((row) => row.state === 'unseen')).toBe(true);
    await model.loadHealth();
    expect(model.healthList.value).toEqual([
      { site: 'gmail', state: 'changed', at: 2000 },
      { site: 'outlook', state: 'unseen', at: null },
      { site: 'roundcube', state: 'unseen', at: null },
      { site: 'slack', state: 'ok', at: 1000 },
      { site: 'whatsapp', state: 'unseen', at: null },
    ]);
    expect(healthRows([record('demo', true, 5)]).map((r) => r.site)).toContain('demo');
  });

  it('copies the diagnostics of every site it heard from, or shows them to copy by hand when the clipboard refuses', async () => {
    const client = { health: { list: async () => ({ ok: true, data: [record('gmail', false, 2000)] }) } } as unknown as Client;
    const model = new PopupModel(client, {} as Platform);
    await model.loadHealth();
    const written: string[] = [];
    vi.stubGlobal('navigator', { userAgent: 'Chrome/131.0', clipboard: { writeText: async (text: string) => void written.push(text) } });
    try {
      await model.copyDiagnostics();
      expect(model.copied.value).toBe(true);
      expect(JSON.parse(written[0]!).sites).toEqual([{ site: 'gmail', state: 'changed', failed: ['thread subject'], adapter: '2026-11-25', origin: 'https://example.com', seen: new Date(2000).toISOString() }]);
      vi.stubGlobal('navigator', { userAgent: 'Chrome/131.0', clipboard: { writeText: () => Promise.reject(new Error('denied')) } });
      await model.copyDiagnostics();
      expect(model.copied.value).toBe(false);
      expect(JSON.parse(model.diagnostics.value!).sites).toEqual(JSON.parse(written[0]!).sites);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
