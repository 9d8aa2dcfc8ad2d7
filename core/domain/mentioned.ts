/**
 * What an adapter may report as `contact.phone` and in `contact.mentioned`:
 * a phone in E.164 form (`+` and 7 to 15 digits, no leading zero), or a
 * lower-cased email address (checked with `isSafeEmail` by the message
 * schema). No valibot here: the content scripts import this file.
 */

export const E164 = /^\+[1-9]\d{6,14}$/;

/** At most this many mentioned values per snapshot (the first ones the customer wrote). */
export const MAX_MENTIONED = 5;

export function isE164Phone(value: string): boolean {
  return E164.test(value);
}
