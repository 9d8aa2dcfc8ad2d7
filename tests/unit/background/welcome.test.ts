import { describe, expect, it } from 'vitest';
import { onInstalled, type InstallDeps } from '../../../entrypoints/background/welcome';
import { webmailPattern } from '../../../components/welcome/webmail';

function deps(overrides: Partial<InstallDeps> = {}) {
  const calls = { welcome: 0, injected: [] as [number, string[]][] };
  const tabsByPattern: Record<string, { id?: number; status?: string }[]> = {
    // Tab 3 is still loading: the browser runs the declared scripts there itself.
    'https://mail.google.com/*': [{ id: 1, status: 'complete' }, { id: 2 }, { id: 3, status: 'loading' }],
    'https://mail.example.org/*': [{ id: 7 }],
  };
  const d: InstallDeps = {
    scripts: async () => [
      { matches: ['https://mail.google.com/*'], js: ['content-scripts/room.js'], run_at: 'document_start' },
      { matches: ['https://mail.google.com/*'], js: ['content-scripts/gmail.js'], run_at: 'document_end' },
      // A site the agent enabled (a runtime registration).
      { matches: ['https://mail.example.org/*'], js: ['content-scripts/site.js'] },
      { matches: ['https://nothing.open/*'], js: ['content-scripts/x.js'] },
      { matches: [], js: ['content-scripts/none.js'] },
    ],
    tabs: async (matches) => matches.flatMap((m) => tabsByPattern[m] ?? []),
    inject: async (tabId, files) => void calls.injected.push([tabId, files]),
    openWelcome: async () => void calls.welcome++,
    ...overrides,
  };
  return { d, calls };
}

describe('first run', () => {
  it('on install opens the welcome page and starts the sidebar in every loaded tab of a supported or enabled site, without the document_start room script', async () => {
    const { d, calls } = deps();
    expect(await onInstalled('install', d, true)).toEqual({ injected: 3 });
    expect(calls.welcome).toBe(1);
    expect(calls.injected).toEqual([
      [1, ['content-scripts/gmail.js']],
      [2, ['content-scripts/gmail.js']],
      [7, ['content-scripts/site.js']],
    ]);
  });

  it('on an update starts the sidebars again without opening the welcome page; a browser update does nothing', async () => {
    const update = deps();
    expect(await onInstalled('update', update.d, true)).toEqual({ injected: 3 });
    expect(update.calls.welcome).toBe(0);
    const browserUpdate = deps();
    expect(await onInstalled('browser_update', browserUpdate.d, true)).toEqual({ injected: 0 });
    expect(browserUpdate.calls.injected).toEqual([]);
  });

  it('the test build opens no welcome page (every launch there is an install)', async () => {
    const { d, calls } = deps();
    await onInstalled('install', d, false);
    expect(calls.welcome).toBe(0);
    expect(calls.injected.length).toBe(3);
  });

  it('a tab that refuses the script leaves the others started', async () => {
    const { d, calls } = deps({
      inject: async (tabId, files) => {
        if (tabId === 1) throw new Error('Cannot access contents of the page');
        calls.injected.push([tabId, files]);
      },
    });
    expect(await onInstalled('install', d, true)).toEqual({ injected: 2 });
    expect(calls.injected.map(([id]) => id)).toEqual([2, 7]);
  });
});

describe('a webmail address becomes a site pattern', () => {
  it.each([
    ['https://mail.example.org/', 'https://mail.example.org/*'],
    ['mail.example.org', 'https://mail.example.org/*'],
    ['https://mail.example.org/roundcube/?_task=mail&_uid=4', 'https://mail.example.org/roundcube/*'],
    ['http://10.0.0.5:8080/webmail/index.php', 'http://10.0.0.5:8080/webmail/*'],
    ['  https://MAIL.Example.org  ', 'https://mail.example.org/*'],
  ])('%s → %s', (address, pattern) => {
    expect(webmailPattern(address)).toBe(pattern);
  });

  it.each(['', '   ', 'ftp://mail.example.org/', 'javascript:alert(1)', 'https://user:pw@mail.example.org/', 'https://', 'not a url at all'])('refuses %j', (address) => {
    expect(webmailPattern(address)).toBeNull();
  });
});
