import { normalizeEmail, normalizeHandle } from './rules/validate';
import type { Contact, ConversationSnapshot, Identity } from './types';

export { normalizeEmail, normalizeHandle };

/**
 * A contact's identities and the keys that find it. Everything that links a
 * conversation to a contact, or suggests that two contacts are one person,
 * goes through these helpers, so "the same identity" means one thing
 * everywhere: an exact, normalised value, never a guess.
 */

/** E.164: a plus, then 6 to 15 digits, no leading zero. */
const E164 = /^\+[1-9]\d{5,14}$/;
const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A phone in E.164 form, or null: spaces, dots, dashes and brackets are dropped, nothing else is guessed (no country added). */
export function normalizePhone(value: string | null | undefined): string | null {
  const phone = value?.replace(/[\s().-]/g, '');
  return phone && E164.test(phone) ? phone : null;
}

/** The index key of one identity: `email:ana@x.com`, `phone:+34…`, `handle:slack:U1`. */
export function identityKey(identity: Identity): string {
  return `${identity.kind}:${identity.value}`;
}

/**
 * A name as names are compared for suggestions: accents, case and spacing
 * ignored. Null when the name is too weak to suggest anything: fewer than
 * two words with letters ("Ana", "Support", "+34 600") or an address standing in for a name.
 */
export function nameKey(name: string): string | null {
  const key = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  if (key.includes('@') || key.split(' ').filter((w) => /\p{L}/u.test(w)).length < 2) return null;
  return key;
}

/** The exact identities a page shows for its customer: email, phone, handle (normalised, no duplicates). */
export function identitiesOfSnapshot(seen: ConversationSnapshot['contact']): Identity[] {
  const out: Identity[] = [];
  const email = normalizeEmail(seen.email);
  const phone = normalizePhone(seen.phone);
  const handle = normalizeHandle(seen.handle);
  if (email) out.push({ kind: 'email', value: email });
  if (phone) out.push({ kind: 'phone', value: phone });
  if (handle) out.push({ kind: 'handle', value: handle });
  return out;
}

/** What the customer wrote in their own messages, as identity keys to look up (an email, else a phone; anything else is ignored). */
export function mentionedKeys(seen: ConversationSnapshot['contact']): { key: string; value: string }[] {
  const out = new Map<string, string>();
  for (const raw of seen.mentioned ?? []) {
    const trimmed = raw.trim();
    const email = EMAIL_LIKE.test(trimmed) ? normalizeEmail(trimmed) : null;
    const phone = email ? null : normalizePhone(trimmed);
    const identity: Identity | null = email ? { kind: 'email', value: email } : phone ? { kind: 'phone', value: phone } : null;
    if (identity) out.set(identityKey(identity), identity.value);
  }
  return [...out].map(([key, value]) => ({ key, value }));
}

/** Identities of `add` that `list` lacks, appended in order. */
export function withIdentities(list: readonly Identity[], add: readonly Identity[]): Identity[] {
  const keys = new Set(list.map(identityKey));
  const out = [...list];
  for (const identity of add) {
    const key = identityKey(identity);
    if (!keys.has(key)) {
      keys.add(key);
      out.push(identity);
    }
  }
  return out;
}

/** `list` without the identities of `remove`. */
export function withoutIdentities(list: readonly Identity[], remove: readonly Identity[]): Identity[] {
  const keys = new Set(remove.map(identityKey));
  return list.filter((i) => !keys.has(identityKey(i)));
}

/** The `lookupKeys` a contact with these identities and this name has (see Contact.lookupKeys). */
export function lookupKeysOf(fields: { identities: readonly Identity[]; name: string }): string[] {
  const keys = fields.identities.map(identityKey);
  const name = nameKey(fields.name);
  if (name) keys.push(`name:${name}`);
  return [...new Set(keys)];
}

/** The identities an older record implies: its email and handle. */
export function identitiesOfPrimary(contact: { email: string | null; handle: string | null }): Identity[] {
  const out: Identity[] = [];
  if (contact.email) out.push({ kind: 'email', value: contact.email });
  if (contact.handle) out.push({ kind: 'handle', value: contact.handle });
  return out;
}

/** Fields added to contacts after the first release, as a contact written before them gets them (import path). */
export type ContactV1 = Omit<Contact, 'identities' | 'mergedInto' | 'merge' | 'notSameAs' | 'lookupKeys'> &
  Partial<Pick<Contact, 'identities' | 'mergedInto' | 'merge' | 'notSameAs' | 'lookupKeys'>>;

/** A contact with the later fields filled in (identities from its email and handle) and `lookupKeys` derived again. */
export function withContactDefaults(contact: ContactV1): Contact {
  const identities = contact.identities ?? identitiesOfPrimary(contact);
  return {
    ...contact,
    identities,
    mergedInto: contact.mergedInto ?? null,
    merge: contact.merge ?? null,
    notSameAs: contact.notSameAs ?? [],
    lookupKeys: lookupKeysOf({ identities, name: contact.name }),
  };
}

/** A live contact: not in the trash and not merged into another. */
export function isLiveContact(contact: Contact): boolean {
  return contact.deletedAt === null && contact.mergedInto === null;
}

/**
 * The channel of each identity, for "the same name on another channel":
 * email, phone, or the site of a handle (`slack`, `whatsapp` …).
 */
export function channelsOf(contact: Pick<Contact, 'identities'>): Set<string> {
  return new Set(contact.identities.map((i) => (i.kind === 'handle' ? `handle:${i.value.split(':')[0] ?? ''}` : i.kind)));
}
