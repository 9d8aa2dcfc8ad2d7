import { MAX_MENTIONED, isE164Phone, isMentionedValue } from '../domain/mentioned';

/**
 * `contact.mentioned`: the email addresses and phone numbers a customer wrote
 * in their own messages. Weak evidence (anyone can type an address), so the
 * background only ever offers them as a suggestion. Each adapter picks the
 * texts (the customer's messages, never the agent's, never quoted text);
 * this scans them.
 */

/** Bounded parts and a start at a word edge: a 10 KB run of letters costs a linear scan, not a quadratic one. */
const EMAIL_IN_TEXT = /(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[a-z]{2,63}(?![\w-])/gi;
/**
 * A phone in international form only: `+`, then 7 to 15 digits with single
 * spaces, dots, dashes or brackets between them (`+34 600 11 12 22`,
 * `+1 (555) 010-4477`). A number without its country code can't be told
 * from an order number, so it is not read.
 */
const PHONE_IN_TEXT = /(?<![\w+])\+[1-9](?:[ .\-\u2011]?\(?\d\)?){6,14}(?!\w|[ .\-\u2011(]\(?\d)/g;
/** Characters scanned per text and in all, so a huge page can't stall the reader. */
const MAX_TEXT = 10_000;
const MAX_TOTAL = 100_000;

/** A phone as written (`+34 600-111 222`) → E.164 (`+34600111222`), or null. */
export function phoneOrNull(value: string | null | undefined): string | null {
  const text = (value ?? '').trim();
  if (!/^\+?[\d\s().\u2011-]+$/.test(text)) return null;
  const e164 = `+${text.replace(/\D/g, '')}`;
  return text.startsWith('+') && isE164Phone(e164) ? e164 : null;
}

/**
 * The first few distinct addresses and phones in the texts, in the order
 * written; values in `known` (the contact's own identities) are left out.
 */
export function mentionedIn(texts: Iterable<string>, known: readonly (string | null | undefined)[] = []): string[] {
  const skip = new Set(known.filter((k): k is string => !!k).map((k) => k.toLowerCase()));
  const out: string[] = [];
  let budget = MAX_TOTAL;
  for (const raw of texts) {
    if (budget <= 0 || out.length >= MAX_MENTIONED) break;
    const text = raw.slice(0, Math.min(MAX_TEXT, budget));
    budget -= text.length;
    const found: { at: number; value: string }[] = [];
    for (const m of text.matchAll(EMAIL_IN_TEXT)) found.push({ at: m.index, value: m[0].toLowerCase() });
    // Addresses blanked out first, so the digits of `+34600111222@example.com` are not also a phone.
    const rest = text.replace(EMAIL_IN_TEXT, (m) => ' '.repeat(m.length));
    for (const m of rest.matchAll(PHONE_IN_TEXT)) found.push({ at: m.index, value: `+${m[0].replace(/\D/g, '')}` });
    found.sort((a, b) => a.at - b.at);
    for (const { value } of found) {
      if (out.length >= MAX_MENTIONED) break;
      if (isMentionedValue(value) && !skip.has(value) && !out.includes(value)) out.push(value);
    }
  }
  return out;
}

/** The contact fields for what was mentioned: present only when something was. */
export function withMentioned<T extends object>(contact: T, mentioned: string[]): T & { mentioned?: string[] } {
  return mentioned.length ? { ...contact, mentioned } : contact;
}
