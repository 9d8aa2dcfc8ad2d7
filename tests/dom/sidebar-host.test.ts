/**
 * The sidebar's host in a page it can't trust (components/sidebar/host): how a
 * copy of the content script finds out it is the one to run, and how an older
 * copy stops, without a word through the page's DOM events.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';

// The content script's `browser`, faked here without WXT's Vitest plugin's own resolution (which loads esbuild, broken under jsdom).
vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
import { ContentScriptContext } from '../../components/sidebar/host/context';
import { mountSidebar, roomRules, type MountedSidebar } from '../../components/sidebar/host/mount';
import { claimSidebar, sidebarRunning } from '../../components/sidebar/host/running';
import { dropReservedRoom, RESERVED_WIDTH, reserveRoom, reservedRoomFor, takeReservedRoom } from '../../components/sidebar/host/room';
import { DEFAULT_WIDTH } from '../../components/models/sidebar-model';
import { demoAdapter } from '../../core/adapters/demo';
import { gmailAdapter } from '../../core/adapters/gmail';
import { outlookAdapter } from '../../core/adapters/outlook';
import { slackAdapter } from '../../core/adapters/slack';
import { whatsappAdapter } from '../../core/adapters/whatsapp';

const runtime = fakeBrowser.runtime as { id?: string };
const ID = runtime.id;

/** One content script's start, as start.tsx does it: claim, mount, tear down when invalidated. */
const started: ContentScriptContext[] = [];
function start(name: string): { ctx: ContentScriptContext; mounted?: MountedSidebar } {
  const ctx = new ContentScriptContext(name);
  started.push(ctx);
  if (!claimSidebar(ctx)) return { ctx };
  const mounted = mountSidebar(document, { mode: 'open', css: '', room: 'flow', stillOurs: () => ctx.isValid });
  ctx.onInvalidated(() => mounted.remove());
  return { ctx, mounted };
}

/** MutationObserver callbacks run as microtasks. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  for (const ctx of started.splice(0)) ctx.abort();
  runtime.id = ID;
  (globalThis as Record<string, unknown>).__tipSidebar = undefined;
  document.body.replaceChildren();
  for (const host of hosts()) host.remove();
  dropReservedRoom();
});

/** Sidebar hosts: children of `<html>`, after `<body>` (mount.ts). */
const hosts = () => Array.from(document.documentElement.children).filter((el) => el !== document.head && el !== document.body);

describe('sidebar host: one live copy, no announcement through the page', () => {
  it('starting dispatches no event on document and posts no message to window', () => {
    const dispatched = vi.spyOn(document, 'dispatchEvent');
    const posted = vi.spyOn(window, 'postMessage');
    const { mounted } = start('demo');
    expect(mounted).toBeDefined();
    expect(dispatched).not.toHaveBeenCalled();
    expect(posted).not.toHaveBeenCalled();
  });

  it("the page replaying WXT's start-up event or message does not stop the sidebar", async () => {
    const { ctx, mounted } = start('demo');
    const type = `${ID}:demo:wxt:content-script-started`;
    const detail = { contentScriptName: 'demo', messageId: 'replayed' };
    document.dispatchEvent(new CustomEvent(type, { detail }));
    window.dispatchEvent(new MessageEvent('message', { data: { type, ...detail } }));
    await settle();
    expect(ctx.isValid).toBe(true);
    expect(mounted!.host.isConnected).toBe(true);
  });

  it('a second script in the same frame finds the live sidebar and starts none', () => {
    start('demo');
    expect(sidebarRunning()).toBe(true);
    expect(start('generic').mounted).toBeUndefined();
    expect(hosts()).toHaveLength(1);
  });

  it('an orphaned copy (its extension reloaded) leaves as soon as the page changes around it, and a new copy takes over', async () => {
    const old = start('demo');
    // The page's own changes leave a live sidebar alone.
    document.body.append(document.createElement('p'));
    await settle();
    expect(old.mounted!.host.isConnected).toBe(true);

    runtime.id = undefined; // what the browser does to the old copy's API
    document.body.append(document.createElement('div')); // a newer copy mounting, or anything else
    await settle();
    expect(old.ctx.signal.aborted).toBe(true);
    expect(old.mounted!.host.isConnected).toBe(false);

    runtime.id = ID; // the new copy's own API
    expect(sidebarRunning()).toBe(false);
    const fresh = start('generic');
    expect(fresh.mounted?.host.parentNode).toBe(document.documentElement);
  });

  it('puts the host back when the page removes it, but not once its own context is gone', async () => {
    const { ctx, mounted } = start('demo');
    mounted!.host.remove();
    await settle();
    expect(mounted!.host.parentNode).toBe(document.documentElement);
    document.body.replaceChildren();
    await settle();
    expect(mounted!.host.parentNode).toBe(document.documentElement);

    runtime.id = undefined;
    mounted!.host.remove();
    await settle();
    expect(ctx.signal.aborted).toBe(true);
    expect(mounted!.host.isConnected).toBe(false);
  });

  it("makes the page's room with one sheet of its own, rewritten on each change and gone with the host", () => {
    const margin = () => getComputedStyle(document.documentElement).marginRight;
    const unset = margin();
    const { mounted } = start('demo');
    const sheet = mounted!.host.querySelector('style')!;
    mounted!.setLayout({ collapsed: false, width: 400 });
    expect(sheet.textContent).toBe(roomRules('flow', 400));
    expect(getComputedStyle(document.documentElement).marginRight).toBe('400px');
    mounted!.setLayout({ collapsed: true, width: 400 });
    expect(getComputedStyle(document.documentElement).marginRight).toBe('44px'); // the rail's room
    expect(document.documentElement.getAttribute('style')).toBeNull(); // the page's own <html> attributes are left alone
    mounted!.remove();
    expect(sheet.isConnected).toBe(false);
    expect(margin()).toBe(unset);
  });

  it('keeps the room reserved at document_start: the same sheet, moved into its host, its text not rewritten while the layout matches', () => {
    expect(RESERVED_WIDTH).toBe(DEFAULT_WIDTH);
    reserveRoom(document, 'shell');
    const reserved = document.documentElement.firstElementChild as HTMLStyleElement;
    expect(reserved.textContent).toBe(roomRules('shell', RESERVED_WIDTH));
    expect(getComputedStyle(document.documentElement).marginRight).toBe(`${RESERVED_WIDTH}px`);
    const text = reserved.firstChild;
    const mounted = mountSidebar(document, { mode: 'open', css: '', room: 'shell', reserved: takeReservedRoom(), stillOurs: () => true });
    mounted.setLayout({ collapsed: false, width: DEFAULT_WIDTH });
    expect(mounted.host.querySelector('style')).toBe(reserved);
    expect(reserved.firstChild).toBe(text); // not rewritten
    mounted.setLayout({ collapsed: true, width: DEFAULT_WIDTH }); // the agent's preference differs: corrected
    expect(getComputedStyle(document.documentElement).marginRight).toBe('44px');
    mounted.remove();
    expect(reserved.isConnected).toBe(false);
    expect(takeReservedRoom()).toBeNull();
  });

  it('drops a reserved room no sidebar takes, and reserves one per frame', () => {
    reserveRoom(document, 'self');
    reserveRoom(document, 'self');
    expect(document.querySelectorAll('style').length).toBe(1);
    dropReservedRoom();
    expect(document.querySelectorAll('style').length).toBe(0);
    expect(getComputedStyle(document.documentElement).getPropertyValue('--tip-reserved-right')).toBe('');
  });

  it("reserves each manifest site's own room: the demo inbox makes it itself, the named sites are shells", () => {
    for (const adapter of [demoAdapter, gmailAdapter, outlookAdapter, slackAdapter, whatsappAdapter]) {
      const host = adapter === demoAdapter ? '127.0.0.1' : adapter.id === 'gmail' ? 'mail.google.com' : adapter.id === 'outlook' ? 'outlook.office.com' : adapter.id === 'slack' ? 'app.slack.com' : 'web.whatsapp.com';
      expect(adapter.detect(new URL(`https://${host}/`), document) || adapter === demoAdapter).toBe(true);
      expect([adapter.id, reservedRoomFor(host)]).toEqual([adapter.id, adapter.room]);
    }
  });

  it('room rules: flow narrows <html>, a shell also contains its fixed root in <body>, a self-made room only gets the width', () => {
    expect(roomRules('flow', 360)).not.toContain('contain');
    expect(roomRules('shell', 360)).toContain('body{contain:layout !important');
    expect(roomRules('self', 360)).toBe(':root{--tip-reserved-right:360px !important}');
  });

  it('keeps the sealed events inside the shadow root, after the handlers in it ran', () => {
    const { mounted } = start('demo');
    const input = document.createElement('input');
    mounted!.container.append(input);
    const inside = vi.fn();
    const outside = vi.fn();
    input.addEventListener('keydown', inside);
    document.addEventListener('keydown', outside);
    window.addEventListener('input', outside);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'c', bubbles: true, composed: true }));
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    // A click is no text: it still reaches the page (its own menus close on it).
    document.addEventListener('click', outside);
    input.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(inside).toHaveBeenCalledTimes(1);
    expect(outside).toHaveBeenCalledTimes(1);
    expect(outside.mock.calls[0]![0]).toBeInstanceOf(MouseEvent);
    document.removeEventListener('keydown', outside);
    window.removeEventListener('input', outside);
    document.removeEventListener('click', outside);
  });
});
