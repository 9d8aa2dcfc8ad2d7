/** "Create ticket from selection" in the page's context menu: from the menu click to the tab's sidebar. */
import type { SelectionEvent } from '../../../core/messages/protocol';
import { runSelectionMenu } from '../../../entrypoints/background/context-menu';

function tab({ listening = true, injectable = true } = {}) {
  const sent: Array<[number, SelectionEvent]> = [];
  const injected: number[] = [];
  return {
    sent,
    injected,
    deps: {
      send: async (tabId: number, event: SelectionEvent) => {
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

describe('context menu: create ticket from selection', () => {
  it("asks the tab's sidebar, which reads the selection itself: the event carries no text", async () => {
    const t = tab();
    expect(await runSelectionMenu({ id: 4, url: 'https://app.slack.com/client/T1/C2' }, t.deps)).toBe('sent');
    expect(t.sent).toEqual([[4, { kind: 'tip.selection' }]]);
    expect(t.injected).toEqual([]);
  });

  it('on a page without a sidebar starts one there once, with the request pending', async () => {
    const t = tab({ listening: false });
    expect(await runSelectionMenu({ id: 9, url: 'https://forum.example.org/t/1' }, t.deps)).toBe('injected');
    expect(t.injected).toEqual([9]);
  });

  it('does nothing on a page it may not run on, nor outside web pages', async () => {
    const refused = tab({ listening: false, injectable: false });
    expect(await runSelectionMenu({ id: 9, url: 'https://chromewebstore.google.com/' }, refused.deps)).toBe('ignored');
    const t = tab();
    expect(await runSelectionMenu({ id: 3, url: 'chrome://extensions/' }, t.deps)).toBe('ignored');
    expect(await runSelectionMenu(undefined, t.deps)).toBe('ignored');
    expect(t.sent).toEqual([]);
  });
});
