import * as v from 'valibot';

/**
 * One email check for everything that reaches the store: the messages from
 * content scripts and pages (core/messages/schemas.ts) and the records of an
 * imported file (export-format.ts). An address ends up in a `mailto:` link on
 * the ticket record, so besides being an address it may hold nothing a URL
 * would read as more than the address: `?` and `&` start and join headers
 * (`a@b.co?bcc=x@evil`), `%` decodes into anything, `#` ends the address,
 * `,`/`;` add recipients, CR/LF and spaces split headers.
 */

export const MAX_EMAIL = 320;

/** Characters that would make a `mailto:` URL carry more than one address. */
const MAILTO_UNSAFE = /[?&%#,;:<>"'()[\]\\/\s]/u;

/** An email address safe to put in a `mailto:` link (valibot's address check plus no URL syntax). */
export function isSafeEmail(value: string): boolean {
  return value.length <= MAX_EMAIL && !MAILTO_UNSAFE.test(value) && v.is(EMAIL_FORMAT, value);
}

const EMAIL_FORMAT = v.pipe(v.string(), v.email());

/** The schema piece: an email address (see `isSafeEmail`). */
export const emailSchema = v.pipe(
  v.string(),
  v.maxLength(MAX_EMAIL),
  v.check((s) => isSafeEmail(s), 'expected an email address'),
);

/** A teammate's optional email as a form sends it: blank, or an address once trimmed. */
export const optionalEmailSchema = v.pipe(
  v.string(),
  v.maxLength(MAX_EMAIL),
  v.check((s) => s.trim() === '' || isSafeEmail(s.trim()), 'expected an email address or nothing'),
);

/** A `mailto:` link for a checked address, encoded anyway: a record written before this check may hold anything. */
export function mailtoHref(email: string): string {
  return `mailto:${encodeURIComponent(email).replace(/%40/g, '@')}`;
}
