import '../store/setup';
import { OptionsModel } from '../../../components/models/options-model';
import { optionsWords } from '../../../components/options/words';
import type { Platform } from '../../../components/shared/platform';
import { openBackground, thread } from '../store/backup-fixtures';
import { useLocale } from '../locale';

/** The options page over the real router, rules and store (fake-indexeddb), in the agent's language. */
async function optionsPage(lang: 'en' | 'es') {
  useLocale(lang);
  const bg = await openBackground();
  const model = new OptionsModel(bg.client, {} as Platform, optionsWords());
  await model.refresh();
  return { bg, model };
}

describe("options: a teammate's bad email", () => {
  it.each([
    ['en', 'sam@example', '"sam@example" is not an email address. Check it for a typo, or leave the email empty.'],
    ['es', 'sam@example.com?cc=x', '«sam@example.com?cc=x» no es una dirección de correo electrónico. Revisa si tiene alguna errata o deja el correo vacío.'],
  ] as const)('(%s) is refused in the agent\'s words, not as a malformed message, and nothing is saved', async (lang, email, words) => {
    const { bg, model } = await optionsPage(lang);
    const before = await bg.store.agents();
    expect(await model.addTeammate('Sam Rivera', email)).toBe(false);
    expect(model.error.value).toBe(words);
    expect(await model.saveProfile('Ana', email)).toBe(false);
    expect(model.error.value).toBe(words);
    expect(await bg.store.agents()).toEqual(before);

    expect(await model.addTeammate('Sam Rivera', ' Sam@Example.com ')).toBe(true);
    expect(model.error.value).toBeNull();
    expect((await bg.store.agents()).find((a) => a.name === 'Sam Rivera')?.email).toBe('sam@example.com');
    bg.store.close();
  });
});

describe('options: removing a priority tickets have', () => {
  it('shows the refusal with how many tickets have it as tip-error and keeps the list; once they have another, it goes', async () => {
    const { bg, model } = await optionsPage('en');
    const { ticket } = await bg.run({ type: 'ticket.create', conversation: thread('p-1'), fields: { name: 'Refund', priority: 'high' } });
    await model.refresh();

    expect(await model.removePriority('high')).toBe(false);
    expect(model.error.value).toBe('1 ticket has the priority "High". Give them another priority before removing it.');
    expect(model.view.value?.settings.priorities.map((p) => p.id)).toEqual(['low', 'medium', 'high', 'urgent']);

    await bg.run({ type: 'ticket.update', ticketId: ticket.id, field: 'priority', value: 'urgent' });
    expect(await model.removePriority('high')).toBe(true);
    expect(model.error.value).toBeNull();
    expect((await bg.store.settings()).priorities.map((p) => p.id)).toEqual(['low', 'medium', 'urgent']);
    bg.store.close();
  });
});
