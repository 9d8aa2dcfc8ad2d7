import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The stores' limits on what the manifest shows, the tighter of the two per field:
 * a name of at most 50 characters (Firefox Add-ons; the Chrome Web Store allows 75)
 * and a description of at most 132 (the Chrome Web Store; Firefox allows 250 for the summary).
 * A store refuses an upload over either, so every locale is checked, not only English.
 */
const LIMITS = { extName: 50, extDescription: 132 } as const;

const root = new URL('../../../public/_locales/', import.meta.url);
const locales = readdirSync(root);

describe('store texts fit both stores in every locale', () => {
  it('finds the locales', () => {
    expect(locales).toEqual(expect.arrayContaining(['en', 'es']));
  });

  for (const locale of locales) {
    const messages = JSON.parse(readFileSync(new URL(`${locale}/messages.json`, root), 'utf8')) as Record<string, { message: string }>;
    for (const [key, limit] of Object.entries(LIMITS)) {
      it(`${locale}: ${key} is at most ${limit} characters`, () => {
        const text = messages[key]?.message ?? '';
        expect(text.trim().length, `${locale} ${key} is empty`).toBeGreaterThan(0);
        // Characters as the stores count them (code points), not UTF-16 units.
        expect([...text].length, `${locale} ${key}: "${text}"`).toBeLessThanOrEqual(limit);
      });
    }
  }
});
