import '../store/setup';
import { OptionsModel, type OptionsWords } from '../../../components/models/options-model';
import { optionsWords } from '../../../components/options/words';
import type { Platform } from '../../../components/shared/platform';
import { openBackground } from '../store/backup-fixtures';
import { useLocale } from '../locale';

/**
 * Two options tabs on one background (the real router, rules and store on
 * fake-indexeddb). Neither hears the other's change broadcast, as when both
 * save before it arrives: the second save must not undo the first.
 */
async function twoTabs(words: OptionsWords = optionsWords()) {
  const bg = await openBackground();
  const tab = () => new OptionsModel(bg.client, {} as Platform, words);
  const a = tab();
  const b = tab();
  await Promise.all([a.refresh(), b.refresh()]);
  return { bg, a, b };
}

const stageNames = (model: InstanceType<typeof OptionsModel>) => model.view.value?.settings.stages.map((st) => st.name);

describe('options: two tabs editing the same list', () => {
  beforeEach(() => useLocale('en'));

  it('the tab with the stale stages gets tip-error, the other tab keeps its change, and the fresh list shows', async () => {
    const { bg, a, b } = await twoTabs();
    expect(await a.renameStage('new', 'Inbox')).toBe(true);

    expect(await b.renameStage('waiting-us', 'With us')).toBe(false);
    expect(b.error.value).toBe(
      'Someone changed the stages since you opened this page, so your change was not saved. The list now shows theirs: make yours again if it still applies.',
    );
    expect((await bg.store.settings()).stages.map((st) => st.name)).toEqual(['Inbox', 'Waiting on contact', 'Waiting on us', 'Closed']);
    // The refusal reloaded the list: making the change again now lands, and both are kept.
    expect(stageNames(b)).toEqual(['Inbox', 'Waiting on contact', 'Waiting on us', 'Closed']);
    expect(await b.renameStage('waiting-us', 'With us')).toBe(true);
    expect(b.error.value).toBeNull();
    expect((await bg.store.settings()).stages.map((st) => st.name)).toEqual(['Inbox', 'Waiting on contact', 'With us', 'Closed']);
  });

  it('priorities and properties are protected the same way; a change to another list is not a conflict', async () => {
    const { bg, a, b } = await twoTabs();
    expect(await a.addPriority('Blocker')).toBe(true);
    expect(await b.removePriority('low')).toBe(false);
    expect(b.error.value).toMatch(/^Someone changed the priorities since you opened this page/);
    expect((await bg.store.settings()).priorities.map((p) => p.id)).toEqual(['low', 'medium', 'high', 'urgent', 'blocker']);

    expect(await a.addProperty('Plan', 'text', [])).toBe(true);
    // Tab b has not seen "Plan", but its stages are current: that save is not a conflict.
    expect(await b.addStage('Escalated')).toBe(true);
    expect(await a.addProperty('Tier', 'text', [])).toBe(true);
    expect(await b.addProperty('Seats', 'number', [])).toBe(false);
    expect(b.error.value).toMatch(/^Someone changed the ticket properties since you opened this page/);
    const stored = await bg.store.settings();
    expect(stored.properties.map((p) => p.id)).toEqual(['custom.plan', 'custom.tier']);
    expect(stored.stages.map((st) => st.id)).toContain('escalated');
  });

  it('says it in Spanish to a Spanish-speaking agent', async () => {
    useLocale('es');
    const { a, b } = await twoTabs();
    await a.renameStage('new', 'Entrada');
    await b.renameStage('waiting-us', 'Nuestra');
    expect(b.error.value).toMatch(/^Alguien cambió las etapas desde que abriste esta página/);
  });
});
