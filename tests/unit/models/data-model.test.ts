import '../store/setup';
import { DataModel } from '../../../components/models/data-model';
import { dataWords } from '../../../components/options/words';
import type { Platform } from '../../../components/shared/platform';
import type { ExportCounts } from '../../../core/domain/export-format';
import type { Client } from '../../../core/messages/client';
import { exportFile, fillHelpDesk, openBackground } from '../store/backup-fixtures';
import { useLocale } from '../locale';

/**
 * Options → Data refuses a file with more records than one import may write
 * (MAX_IMPORT_RECORDS) as soon as it has read it: a tip-error, no preview,
 * nothing sent. The file here is small and real; only its record counts are
 * made to say cap + 1 (a file that size would take minutes to build).
 */
const over = vi.hoisted(() => ({ counts: undefined as ExportCounts | undefined }));
vi.mock('../../../core/domain/export-format', async (original) => {
  const real = await original<typeof import('../../../core/domain/export-format')>();
  return { ...real, countsOf: (data: Parameters<typeof real.countsOf>[0]) => over.counts ?? real.countsOf(data) };
});

async function modelWithFile(lang: 'en' | 'es') {
  useLocale(lang);
  const bg = await openBackground();
  await fillHelpDesk(bg);
  const text = JSON.stringify(await exportFile(bg));
  const sent: unknown[] = [];
  const client = { data: new Proxy({}, { get: (_t, name) => async (...args: unknown[]) => void sent.push([name, ...args]) }) } as unknown as Client;
  const model = new DataModel(client, {} as Platform, dataWords());
  return { bg, model, sent, file: new File([text], 'big.json', { type: 'application/json' }) };
}

describe('options → data: a file over the record cap', () => {
  afterEach(() => {
    over.counts = undefined;
  });

  it.each<['en' | 'es', RegExp]>([
    ['en', /^This file can't be imported: it holds 270,001 records, and at most 270,000 can be imported at once/],
    ['es', /^Este archivo no se puede importar: contiene 270.001 registros y se pueden importar como máximo 270.000 de una vez/],
  ])('is refused in the page with a clear error (%s), before any preview or message', async (lang, message) => {
    const { bg, model, sent, file } = await modelWithFile(lang);
    over.counts = { tickets: 269_998, conversations: 0, contacts: 0, agents: 1, notes: 0, snippets: 0, settings: 1, activity: 1 };
    await model.chooseFile(file);
    expect(model.error.value).toMatch(message);
    expect(model.preview.value).toBeNull();
    expect(model.phase.value).toBe('idle');
    expect(sent).toEqual([]);
    bg.store.close();
  });

  it('at the cap it is previewed as usual', async () => {
    const { bg, model, file } = await modelWithFile('en');
    over.counts = { tickets: 269_997, conversations: 0, contacts: 0, agents: 1, notes: 0, snippets: 0, settings: 1, activity: 1 };
    await model.chooseFile(file);
    expect(model.error.value).toBeNull();
    expect(model.preview.value?.counts.tickets).toBe(269_997);
    bg.store.close();
  });
});
