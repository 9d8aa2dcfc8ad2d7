/**
 * The sidebar's extras (components/sidebar/extras.ts): the model asks for
 * them once, shows a failure as its visible error, asks again only after the
 * agent dismissed it; the loader lends the kit, asks the background for the
 * part, adds its styles, and forgets a failure.
 */
import 'fake-indexeddb/auto';
import { createTransport } from '../../../core/messages/client';
import type { Reply } from '../../../core/messages/protocol';
import { SidebarModel } from '../../../components/models/sidebar-model';
import type { Extras } from '../../../components/sidebar/extras';
import { extrasLoader, type Kit } from '../../../components/sidebar/host/kit';
import { KIT_EXPORTS, KIT_GLOBAL } from '../../../components/sidebar/host/kit-names';
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

describe('extras loader (host/kit.ts)', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[KIT_GLOBAL];
  });

  /** The background's side of `tip.part`: runs the part, which finds the kit and leaves its extras there. */
  const runsPart = (extras: Extras) =>
    vi.fn(async (): Promise<Reply> => {
      const kit = (globalThis as Record<string, unknown>)[KIT_GLOBAL] as Kit;
      kit.extras = extras;
      return { ok: true, data: null };
    });

  it("lends exactly the kit's listed modules and names, asks for the part once, and adds its styles once", async () => {
    const extras = fakeExtras();
    const request = runsPart(extras);
    const styles: string[] = [];
    const load = extrasLoader(request, (css) => styles.push(css));
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(extras);
    expect(b).toBe(extras);
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith('sidebar-extras');
    expect(styles).toEqual(['.tip-menu{}']);
    const kit = (globalThis as Record<string, unknown>)[KIT_GLOBAL] as Record<string, Record<string, unknown>>;
    for (const [module, names] of Object.entries(KIT_EXPORTS)) {
      expect(Object.keys(kit[module]!).sort(), module).toEqual([...names].sort());
      for (const name of names) expect(typeof kit[module]![name], `${module} ${name}`).toBe('function');
    }
  });

  it('rejects with the refusal, or when the part did not run, and asks again on the next call', async () => {
    const refused = vi.fn(async (): Promise<Reply> => ({ ok: false, error: { code: 'forbidden', message: 'Only the sidebar in a page loads its parts.' } }));
    const load = extrasLoader(refused, () => undefined);
    await expect(load()).rejects.toThrow('Only the sidebar in a page loads its parts.');
    await expect(load()).rejects.toThrow('Only the sidebar in a page loads its parts.');
    expect(refused).toHaveBeenCalledTimes(2);
    const silent = extrasLoader(async () => ({ ok: true, data: null }), () => undefined);
    await expect(silent()).rejects.toThrow('sidebar-extras.js did not run');
  });
});
