/**
 * The sidebar renders the ticket card in the task that brings the view, and
 * the rest (notes, saved replies, the contact) at the next idle moment, so a
 * page load waits for the card only. The real model on the in-memory
 * background; no time is measured, only what is in the DOM at each step.
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../public/_locales/en/messages.json';

// The content script's `browser`, faked without WXT's Vitest plugin (its esbuild breaks under jsdom), as sidebar-host.test.ts does.
vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
import { SidebarModel } from '../../components/models/sidebar-model';
import { SidebarApp } from '../../components/sidebar/SidebarApp';
import { createTransport } from '../../core/messages/client';
import { EXT_ID, ORIGIN, inMemoryBackground, senders, snapshot } from '../unit/background/harness';

const has = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`) !== null;

it('shows the ticket card first, then the notes, saved replies and contact once the page is idle', async () => {
  // The page's idle moments come when the test says: a loaded machine can't make one come early.
  const idle: (() => void)[] = [];
  vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
  vi.stubGlobal('cancelIdleCallback', () => {});
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => (en as Record<string, { message: string }>)[key]?.message ?? '');
  const bg = inMemoryBackground();
  const { content } = senders(EXT_ID, ORIGIN);
  const client = createTransport((message) => bg.send(message, content));
  const model = new SidebarModel({ client, loadExtras: () => Promise.reject(new Error('not here')), insertIntoComposer: () => false });
  const root = document.createElement('div');
  document.body.append(root);
  render(<SidebarApp model={model} />, root);

  model.setPage({ kind: 'conversation', snapshot: snapshot('a', { contact: { name: 'Ana', email: 'ana@example.com', handle: null } }) });
  await model.refresh();
  await model.createTicket({ name: 'Refund' });
  // A fresh sidebar on that conversation (a page load): the view arrives, the card renders at once.
  render(null, root);
  const fresh = new SidebarModel({ client, loadExtras: () => Promise.reject(new Error('not here')), insertIntoComposer: () => false });
  render(<SidebarApp model={fresh} />, root);
  fresh.setPage({ kind: 'conversation', snapshot: snapshot('a', { contact: { name: 'Ana', email: 'ana@example.com', handle: null } }) });
  await fresh.refresh();
  await Promise.resolve(); // preact's render of the new view (debounced to a microtask)
  await vi.waitFor(() => expect(has(root, 'tip-ticket-card')).toBe(true));
  expect([has(root, 'tip-notes'), has(root, 'tip-snippets'), has(root, 'tip-contact')]).toEqual([false, false, false]);
  // Then, idle: everything else.
  expect(idle.length).toBeGreaterThan(0);
  for (const callback of idle.splice(0)) callback();
  await vi.waitFor(() => expect([has(root, 'tip-notes'), has(root, 'tip-snippets'), has(root, 'tip-contact')]).toEqual([true, true, true]));
  expect(has(root, 'tip-ticket-card')).toBe(true);
  render(null, root);
  vi.unstubAllGlobals();
});
