/** The card's tags through the real sidebar model and router, as a content script sends them. */
import 'fake-indexeddb/auto';
import { createTransport } from '../../../core/messages/client';
import type { SidebarView } from '../../../core/messages/views';
import { tagCatalogOf, tagsOf } from '../../../core/domain/types';
import { SidebarModel } from '../../../components/models/sidebar-model';
import { EXT_ID, ORIGIN, inMemoryBackground, senders, snapshot } from '../background/harness';
import { useLocale } from '../locale';

async function withTicket() {
  const bg = inMemoryBackground();
  const { content } = senders(EXT_ID, ORIGIN);
  const model = new SidebarModel({
    client: createTransport((message) => bg.send(message, content)),
    loadExtras: () => Promise.reject(new Error('no extras here')),
    insertIntoComposer: () => false,
  });
  model.setPage({ kind: 'conversation', snapshot: snapshot('a') });
  await model.refresh();
  await model.createTicket({ name: 'Refund' });
  return { model, view: () => model.view.value as SidebarView };
}

describe('sidebar tags', () => {
  beforeEach(() => useLocale('en'));

  it('saves the whole list, and the view brings the ticket’s tags and the catalog back', async () => {
    const { model, view } = await withTicket();
    expect((await model.setTags(['VIP', ' billing '])).ok).toBe(true);
    expect(tagsOf(view().ticket!)).toEqual(['VIP', 'billing']);
    expect(tagCatalogOf(view().settings).map((d) => d.name)).toEqual(['VIP', 'billing']);
    expect(model.error.value).toBeNull();
  });

  it('a refused tag is the visible error, in the agent’s words, and the tags stay as they were', async () => {
    const { model, view } = await withTicket();
    await model.setTags(['VIP']);
    const reply = await model.setTags(['VIP', 'x'.repeat(41)]);
    expect(reply.ok).toBe(false);
    expect(model.error.value).toBe('A tag is too long (at most 40 characters).');
    expect(tagsOf(view().ticket!)).toEqual(['VIP']);
    useLocale('es');
    await model.setTags(['a\nb']);
    expect(model.error.value).toBe('Una etiqueta no puede contener saltos de línea ni caracteres de control.');
  });
});
