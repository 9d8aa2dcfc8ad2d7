/**
 * The sidebar's extras (components/sidebar/extras.ts): the model asks for
 * them once, shows a failure as its visible error, asks again only after the
 * agent dismissed it.
 */
import 'fake-indexeddb/auto';
import { createTransport } from '../../../core/messages/client';
import type { Reply } from '../../../core/messages/protocol';
import { SidebarModel } from '../../../components/models/sidebar-model';
import type { Extras } from '../../../components/sidebar/extras';
import { EXT_ID, ORIGIN, inMemoryBackground, senders, snapshot } from '../background/harness';
import { useLocale } from '../locale';

const fakeExtras = (insertAtCursor: Extras['insertAtCursor'] = () => true) => ({ css: '.tip-menu{}', insertAtCursor }) as unknown as Extras;

function sidebar(loadExtras: () => Promise<Extras>, composer: HTMLElement | null = null) {
  const bg = inMemoryBackground();
  const { content } = senders(EXT_ID, ORIGIN);
  const inserted: string[] = [];
  const model = new SidebarModel({
    client: createTransport((message) => bg.send(message, content)),
    loadExtras,
    insertIntoComposer: (text, extras) => (composer ? extras.insertAtCursor(composer, text) : false) && inserted.push(text) > 0,
  });
  model.setPage({ kind: 'conversation', snapshot: snapshot('a') });
  return { model, inserted };
}

describe('sidebar extras in the model', () => {
  beforeEach(() => useLocale('en'));
  afterEach(() => vi.restoreAllMocks());

  it('asks for the extras once however often the UI wants them, and renders them once they arrive', async () => {
    const loaded = fakeExtras();
    const load = vi.fn(() => Promise.resolve(loaded));
    const { model } = sidebar(load);
    expect(model.extras.value).toBeNull();
    const first = model.wantExtras();
    void model.wantExtras();
    expect(await first).toBe(loaded);
    expect(await model.wantExtras()).toBe(loaded);
    expect(model.extras.value).toBe(loaded);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('shows a failed load as the visible error, and asks again only once that error is gone', async () => {
    const load = vi.fn(() => Promise.reject(new Error('Could not reach the extension')));
    const { model } = sidebar(load);
    await model.refresh();
    expect(await model.wantExtras()).toBeNull();
    expect(model.error.value).toBe('Part of the sidebar could not load. Reload the page and try again. (Could not reach the extension)');
    // Every render asks; none of them retries behind the agent's back.
    await model.wantExtras();
    expect(load).toHaveBeenCalledTimes(1);
    model.dismissError();
    await model.wantExtras();
    expect(load).toHaveBeenCalledTimes(2);
    // Moving to another conversation clears the error too: the next want asks again, never a silent dead end.
    model.setPage({ kind: 'conversation', snapshot: snapshot('b') });
    expect(model.error.value).toBeNull();
    await model.wantExtras();
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('R14 inserts a snippet with the extras, loading them first when the agent clicks before they came', async () => {
    const at = vi.fn(() => true);
    const { model, inserted } = sidebar(() => Promise.resolve(fakeExtras(at)), {} as HTMLElement);
    expect(await model.insertSnippet('Thanks for writing')).toBe(true);
    expect(inserted).toEqual(['Thanks for writing']);
    expect(at).toHaveBeenCalledWith({}, 'Thanks for writing');
    expect(model.error.value).toBeNull();
  });

  it('R14 a click while the extras are still on their way (the pointer entering the sidebar asked for them) waits for them', async () => {
    let arrive!: (extras: Extras) => void;
    const at = vi.fn(() => true);
    const load = vi.fn(() => new Promise<Extras>((resolve) => (arrive = resolve)));
    const { model, inserted } = sidebar(load, {} as HTMLElement);
    void model.wantExtras();
    const click = model.insertSnippet('On its way');
    arrive(fakeExtras(at));
    expect(await click).toBe(true);
    expect(inserted).toEqual(['On its way']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('R14 says so when the page has no reply box, and when the extras could not load', async () => {
    const none = sidebar(() => Promise.resolve(fakeExtras()), null).model;
    expect(await none.insertSnippet('Hi')).toBe(false);
    expect(none.error.value).toBe('No reply box found on this page. Open the reply box, then insert the snippet again.');
    const broken = sidebar(() => Promise.reject(new Error('gone')), {} as HTMLElement).model;
    expect(await broken.insertSnippet('Hi')).toBe(false);
    expect(broken.error.value).toMatch(/^Part of the sidebar could not load\. .*\(gone\)$/);
  });
});

