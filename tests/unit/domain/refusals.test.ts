import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import en from '../../../public/_locales/en/messages.json';
import es from '../../../public/_locales/es/messages.json';
import { pageRefusal, PAGE_REFUSALS } from '../../../core/messages/client';
import { placeholders, REFUSAL_FIELDS, REFUSALS, refusal, refusalMessage, type RefusalKey } from '../../../core/domain/refusals';

const locales = { en, es } as Record<'en' | 'es', Record<string, { message: string } | undefined>>;
const sorted = (xs: string[]) => [...xs].sort();

describe('refusal keys and their words', () => {
  it.each(['en', 'es'] as const)('every refusal key has err_<key> in %s with the same placeholders', (lang) => {
    for (const [key, english] of Object.entries(REFUSALS)) {
      const entry = locales[lang][`err_${key}`];
      expect(entry, `err_${key} in ${lang}`).toBeDefined();
      expect(sorted(placeholders(entry!.message)), `placeholders of err_${key} in ${lang}`).toEqual(sorted(placeholders(english)));
    }
  });

  it.each(['en', 'es'] as const)('every field a refusal names has err_field_<key> in %s, without placeholders', (lang) => {
    for (const key of Object.keys(REFUSAL_FIELDS)) {
      const entry = locales[lang][`err_field_${key}`];
      expect(entry, `err_field_${key} in ${lang}`).toBeDefined();
      expect(placeholders(entry!.message)).toEqual([]);
    }
  });

  it('the English locale says what core says', () => {
    for (const [key, english] of Object.entries(REFUSALS)) expect(en[`err_${key}` as keyof typeof en].message).toBe(english);
  });

  it('the Spanish words are not the English ones, where there are words', () => {
    // `{detail}` alone passes on a detail the page words around it ("Este archivo no se puede importar: …").
    const same = Object.keys(REFUSALS).filter(
      (key) => REFUSALS[key as RefusalKey] !== '{detail}' && (es as Record<string, { message: string }>)[`err_${key}`]?.message === REFUSALS[key as RefusalKey],
    );
    expect(same).toEqual([]);
  });

  it('builds the English message from the key and its arguments', () => {
    expect(refusal('conflict', 'mergeSelf', { id: 'T-1A2B' })).toEqual({
      code: 'conflict',
      key: 'mergeSelf',
      args: { id: 'T-1A2B' },
      message: "Ticket T-1A2B can't be merged into itself.",
    });
    expect(refusalMessage('fieldTooLong', { field: 'description', max: 10_000 })).toBe('The description is too long (at most 10,000 characters).');
    expect(refusal('invalid', 'bulkNone')).toEqual({ code: 'invalid', key: 'bulkNone', message: 'Select at least one ticket.' });
  });

  it('core builds no refusal from a free-form text', () => {
    // RefusalKey makes a wrong key a type error; this catches a refusal assembled by hand around it.
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk('core');
    walk('entrypoints');
    const offenders = files.filter((path) => /\{\s*code:\s*'[a-z_]+',\s*(?:reason:\s*'quota',\s*)?message:/.test(readFileSync(path, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('refusals a page makes itself', () => {
  it('carry the same English as the table', () => {
    for (const [key, english] of Object.entries(PAGE_REFUSALS)) expect(english, key).toBe(REFUSALS[key as RefusalKey]);
    expect(pageRefusal('internal', 'unreachable', { detail: 'port closed' })).toEqual({
      ok: false,
      error: refusal('internal', 'unreachable', { detail: 'port closed' }),
    });
  });
});
