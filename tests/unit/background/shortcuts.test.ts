/** The keyboard shortcuts' way from the commands API to the sidebar of the tab the agent is on. */
import type { ShortcutEvent } from '../../../core/messages/protocol';
import { runShortcut } from '../../../entrypoints/background/shortcuts';

function tabs(tab: { id?: number; url?: string } | undefined, { listening = true, injectable = true } = {}) {
  const sent: Array<[number, ShortcutEvent]> = [];
  const injected: number[] = [];
  return {
    sent,
    injected,
    deps: {
      activeTab: async () => tab,
      send: async (tabId: number, event: ShortcutEvent) => {
        if (!listening) throw new Error('Could not establish connection. Receiving end does not exist.');
        sent.push([tabId, event]);
      },
      inject: async (tabId: number) => {
        if (!injectable) throw new Error('Cannot access contents of the page.');
        injected.push(tabId);
      },
    },
  };
}

describe('keyboard shortcuts', () => {
  it.each(['toggle-sidebar', 'create-ticket', 'close-ticket'] as const)('%s goes to the sidebar of the active tab', async (name) => {
    const t = tabs({ id: 4, url: 'https://mail.google.com/mail/u/0/#inbox/abc' });
    expect(await runShortcut(name, t.deps)).toBe('sent');
    expect(t.sent).toEqual([[4, { kind: 'tip.shortcut', shortcut: name }]]);
    expect(t.injected).toEqual([]);
  });

  it('toggle-sidebar on a page without a sidebar starts it there once', async () => {
    const t = tabs({ id: 9, url: 'https://forum.example.org/t/1' }, { listening: false });
    expect(await runShortcut('toggle-sidebar', t.deps)).toBe('injected');
    expect(t.injected).toEqual([9]);
  });

  it('create-ticket and close-ticket need a sidebar: nothing is injected', async () => {
    const t = tabs({ id: 9, url: 'https://forum.example.org/t/1' }, { listening: false });
    expect(await runShortcut('create-ticket', t.deps)).toBe('ignored');
    expect(await runShortcut('close-ticket', t.deps)).toBe('ignored');
    expect(t.injected).toEqual([]);
  });

  it('ignores unknown commands, browser pages, a refused injection and a failed tab lookup', async () => {
    expect(await runShortcut('_execute_action', tabs({ id: 1, url: 'https://x.example/' }).deps)).toBe('ignored');
    const browserPage = tabs({ id: 1, url: 'chrome://extensions/' });
    expect(await runShortcut('toggle-sidebar', browserPage.deps)).toBe('ignored');
    expect(browserPage.sent).toEqual([]);
    expect(await runShortcut('toggle-sidebar', tabs({ id: 1, url: 'https://store.example/' }, { listening: false, injectable: false }).deps)).toBe('ignored');
    expect(await runShortcut('toggle-sidebar', tabs(undefined).deps)).toBe('ignored');
    const failing = { ...tabs(undefined).deps, activeTab: () => Promise.reject(new Error('no window')) };
    expect(await runShortcut('toggle-sidebar', failing)).toBe('ignored');
  });
});
