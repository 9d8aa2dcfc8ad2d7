import { isSafeEmail } from './email';

/**
 * What an adapter may report as `contact.phone` and in `contact.mentioned`:
 * a phone in E.164 form (`+` and 7 to 15 digits, no leading zero) or a
 * lower-cased email address that `isSafeEmail` accepts. One check for the
 * adapters and the message schema, so a value never passes one and fails the other.
 */

export const E164 = /^\+[1-9]\d{6,14}$/;

/** At most this many mentioned values per snapshot (the first ones the customer wrote). */
export const MAX_MENTIONED = 5;

export function isE164Phone(value: string): boolean {
  return E164.test(value);
}

/** A mentioned value: an E.164 phone, or an email address as the store keeps it (lower case). */
export function isMentionedValue(value: string): boolean {
  return isE164Phone(value) || (value === value.toLowerCase() && isSafeEmail(value));
}
