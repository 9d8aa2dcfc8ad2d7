import type { Applied } from '../domain/commands';
import { prefixOf } from '../domain/ids';
import { identitiesOfSnapshot, identityKey } from '../domain/contacts';
import type { Contact, Conversation, ConversationSnapshot, StoredRecord } from '../domain/types';
import type { SidebarView } from '../store';
import type { ChangeTags } from './protocol';

/**
 * Which sidebars a change concerns, without telling any tab a record id.
 *
 * A change and a sidebar view are each described by *topics*: record ids,
 * plus a few names for what a view shows without knowing an id yet (its
 * page's conversation before it is recorded, its customer's address before
 * the contact exists, the whole teammate/saved-reply/settings lists). Tabs
 * never see topics, only their keyed hashes (`createTagger`): HMAC-SHA-256
 * under a secret made once per browser session and kept where only the
 * extension's own contexts read it. A tab gets the hashes of what its view
 * shows with that view (`sidebar.view`), and the hashes of what changed with
 * each event; it reloads when they meet. A hash it has not been given tells it
 * nothing it could invert, and its own hashes name only records it already
 * displays.
 */

/** Stores the sidebar shows in whole: any write to one concerns every sidebar. */
const WHOLE_LISTS: ReadonlySet<string> = new Set(['agent', 'snippet', 'settings']);

const atTopic = (source: string, key: string) => `at:${source}\n${key}`;
const listTopic = (prefix: string) => `all:${prefix}`;

/**
 * What a command's writes concern: each record, what it hangs under (its
 * ticket, its contact: their views list it), and for a conversation or a
 * contact, how a sidebar finds it before knowing its id.
 */
export function changeTopics(applied: Applied): string[] {
  const topics = new Set<string>();
  for (const w of applied.writes) {
    const id = w.op === 'put' ? w.record.id : w.id;
    topics.add(id);
    const prefix = prefixOf(id);
    if (WHOLE_LISTS.has(prefix)) topics.add(listTopic(prefix));
    if (w.op === 'put') for (const topic of recordTopics(w.record, prefix)) topics.add(topic);
  }
  for (const a of applied.activity) topics.add(a.ticketId);
  return [...topics];
}

function recordTopics(record: StoredRecord, prefix: string): string[] {
  const topics: string[] = [];
  if ('contactId' in record && record.contactId) topics.push(record.contactId);
  if ('ticketId' in record && record.ticketId) topics.push(record.ticketId);
  if (prefix === 'conversation') {
    const c = record as Conversation;
    topics.push(atTopic(c.source, c.key));
  } else if (prefix === 'contact') {
    // Every identity (email, phone, handle): a sidebar that has not found its contact yet watches the page's.
    for (const identity of (record as Contact).identities ?? []) topics.push(identityKey(identity));
  }
  return topics;
}

/** What a sidebar view shows, as `changeTopics` names it (`core/store` sidebarView builds the view). */
export function viewTopics(view: SidebarView, snapshot: ConversationSnapshot): string[] {
  const topics = new Set<string>([atTopic(snapshot.source, snapshot.key), ...[...WHOLE_LISTS].map(listTopic)]);
  const records = [view.conversation, view.ticket, view.contact, ...view.ticketConversations, ...view.pastConversations, ...view.pastTickets, ...view.openTicketsOfContact];
  for (const r of records) if (r) topics.add(r.id);
  if (!view.contact) {
    // Found by any exact identity once someone records it (sidebarView's findContact).
    for (const identity of identitiesOfSnapshot(snapshot.contact)) topics.add(identityKey(identity));
  }
  return [...topics];
}

/** Hashes topics for tabs. */
export type Tag = (topics: string[]) => Promise<ChangeTags>;

/** Bytes kept of each HMAC: 128 bits, far beyond guessing, half the wire size. */
const TAG_BYTES = 16;
/** Names the secret (not a topic: topics have no NUL). */
const EPOCH_TOPIC = '\0epoch';

/**
 * Keyed hashes under `secret()`'s key, loaded once per worker life (the secret
 * itself lives in storage the worker reads back after a restart). A failed
 * load is retried on the next call. `epoch` names the secret, so a tab holding
 * hashes under another one knows to reload rather than miss changes.
 */
export function createTagger(subtle: SubtleCrypto, secret: () => Promise<Uint8Array<ArrayBuffer>>): Tag {
  let key: Promise<CryptoKey> | undefined;
  const keyOnce = () =>
    (key ??= secret()
      .then((raw) => subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']))
      .catch((error: unknown) => {
        key = undefined;
        throw error;
      }));
  const encoder = new TextEncoder();
  return async (topics) => {
    const k = await keyOnce();
    const macs = await Promise.all([EPOCH_TOPIC, ...topics].map((t) => subtle.sign('HMAC', k, encoder.encode(t))));
    const [epoch = '', ...tags] = macs.map((mac) => hex(new Uint8Array(mac, 0, TAG_BYTES)));
    return { epoch: epoch.slice(0, 8), tags };
  };
}

export function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
