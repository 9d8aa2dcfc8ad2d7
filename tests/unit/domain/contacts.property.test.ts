import fc from 'fast-check';
import { identitiesOfSnapshot, identityKey, isLiveContact } from '../../../core/domain/contacts';
import { runCommand, type MemoryState } from '../../../core/domain/memory';
import type { Command } from '../../../core/domain/commands';
import type { Contact, Conversation, ConversationSnapshot, Ticket } from '../../../core/domain/types';
import { dump, helpDesk, ok, snapshot } from './helpers';

/**
 * Random help desks (conversations on email and chat whose pages show
 * overlapping identities, tickets, trash), then random merges and splits of
 * their contacts: a merge never loses or doubles a conversation, ticket or
 * identity; a split right after returns the exact previous state; and a
 * conversation only ever links to a contact that holds one of its page's
 * exact identities.
 */

const NAMES = ['Maria Lopez', 'María López', 'Ana Ruiz', 'Ben'];
const EMAILS = ['maria@example.com', 'ana@example.com', null];
const PHONES = ['+34600111222', '+34600333444', null];
const HANDLES = ['whatsapp:+34600111222', 'slack:U1', 'slack:U2', null];

interface Page {
  key: number;
  name: string;
  email: string | null;
  phone: string | null;
  handle: string | null;
  mentioned: string[];
}

const page: fc.Arbitrary<Page> = fc.record({
  key: fc.integer({ min: 0, max: 7 }),
  name: fc.constantFrom(...NAMES),
  email: fc.constantFrom(...EMAILS),
  phone: fc.constantFrom(...PHONES),
  handle: fc.constantFrom(...HANDLES),
  mentioned: fc.subarray(['maria@example.com', '+34600333444']),
});

type Step = { k: 'observe'; page: Page } | { k: 'create'; page: Page } | { k: 'trash'; key: number } | { k: 'merge'; a: number; b: number } | { k: 'split'; a: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ k: fc.constant('observe' as const), page }),
  fc.record({ k: fc.constant('create' as const), page }),
  fc.record({ k: fc.constant('trash' as const), key: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ k: fc.constant('merge' as const), a: fc.nat(9), b: fc.nat(9) }),
  fc.record({ k: fc.constant('split' as const), a: fc.nat(9) }),
);

function toSnapshot(p: Page): ConversationSnapshot {
  return snapshot({
    source: p.handle?.startsWith('slack') ? 'slack' : p.handle ? 'whatsapp' : 'demo',
    key: `k${p.key}`,
    channel: p.handle ? 'chat' : 'email',
    contact: { name: p.name, email: p.email, phone: p.phone, handle: p.handle, mentioned: p.mentioned },
  });
}

const ofKind = <T,>(state: MemoryState, prefix: string) => state.all().filter((r) => r.id.startsWith(`${prefix}:`)) as T[];
const contactsOf = (state: MemoryState) => ofKind<Contact>(state, 'contact').sort((x, y) => (x.id < y.id ? -1 : 1));

/** Identity keys held by live contacts, each with how many live contacts hold it. */
function liveIdentities(state: MemoryState): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of contactsOf(state).filter(isLiveContact)) for (const i of c.identities) out.set(identityKey(i), (out.get(identityKey(i)) ?? 0) + 1);
  return out;
}

async function play(state: MemoryState, s: Step): Promise<void> {
  const contacts = contactsOf(state);
  let cmd: Command | undefined;
  if (s.k === 'observe') cmd = { type: 'conversation.observe', conversation: toSnapshot(s.page) };
  else if (s.k === 'create') cmd = { type: 'ticket.create', conversation: toSnapshot(s.page), fields: { name: 'Case' } };
  else if (s.k === 'trash') {
    const c = ofKind<Conversation>(state, 'conversation').find((x) => x.key === `k${s.key}`);
    if (c) cmd = { type: 'conversation.trash', conversationId: c.id };
  } else if (s.k === 'merge') {
    const a = contacts[s.a % Math.max(contacts.length, 1)];
    const b = contacts[s.b % Math.max(contacts.length, 1)];
    if (a && b) cmd = { type: 'contact.merge', keepId: a.id, mergeId: b.id };
  } else if (s.k === 'split') {
    const a = contacts[s.a % Math.max(contacts.length, 1)];
    if (a) cmd = { type: 'contact.split', mergedId: a.id };
  }
  if (!cmd) return;
  const before = JSON.stringify(state.all());
  const outcome = await runCommand(state, cmd);
  // A refusal changes nothing.
  if (!outcome.ok) expect(JSON.stringify(state.all())).toBe(before);
}

describe('contacts: merge and split (property)', () => {
  it('a merge never loses or doubles a conversation, ticket or identity, and a split right after restores the exact state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), fc.nat(20), fc.nat(20), async (steps, i, j) => {
        const state = await helpDesk();
        for (const s of steps) await play(state, s);
        const contacts = contactsOf(state).filter(isLiveContact);
        const keep = contacts[i % Math.max(contacts.length, 1)];
        const merge = contacts[j % Math.max(contacts.length, 1)];
        if (!keep || !merge || keep.id === merge.id) return;

        const before = dump(state);
        const conversations = ofKind<Conversation>(state, 'conversation');
        const tickets = ofKind<Ticket>(state, 'ticket');
        const identities = liveIdentities(state);
        await ok(state, { type: 'contact.merge', keepId: keep.id, mergeId: merge.id });

        // Same records, each once; every live one of the merged contact is now the kept contact's.
        const after = ofKind<Conversation>(state, 'conversation');
        expect(after.map((c) => c.id).sort()).toEqual(conversations.map((c) => c.id).sort());
        expect(ofKind<Ticket>(state, 'ticket').map((t) => t.id).sort()).toEqual(tickets.map((t) => t.id).sort());
        for (const r of [...after, ...ofKind<Ticket>(state, 'ticket')]) {
          if (r.deletedAt === null) expect(r.contactId).not.toBe(merge.id);
        }
        // Every identity still has exactly one live holder (linking never gives one identity to two contacts).
        const now = liveIdentities(state);
        expect([...now.keys()].sort()).toEqual([...identities.keys()].sort());
        expect([...identities.values(), ...now.values()].every((n) => n === 1)).toBe(true);
        for (const i of [...keep.identities, ...merge.identities]) expect(contactsOf(state).find((c) => c.id === keep.id)?.identities).toContainEqual(i);

        await ok(state, { type: 'contact.split', mergedId: merge.id });
        expect(dump(state)).toEqual(before);
      }),
      { numRuns: 120 },
    );
  });

  it('links only by an exact identity of the page: every conversation’s contact holds one of them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step.filter((s) => s.k === 'observe' || s.k === 'create'), { minLength: 1, maxLength: 12 }), async (steps) => {
        const state = await helpDesk();
        const pages = new Map<string, ConversationSnapshot>();
        for (const s of steps) {
          if (s.k !== 'observe' && s.k !== 'create') continue;
          const snap = toSnapshot(s.page);
          const existed = (await state.conversationByKey(snap.source, snap.key)) !== undefined;
          await play(state, s);
          if (!existed) pages.set(`${snap.source}\n${snap.key}`, snap);
        }
        for (const c of ofKind<Conversation>(state, 'conversation')) {
          const snap = pages.get(`${c.source}\n${c.key}`)!;
          const shown = identitiesOfSnapshot(snap.contact).map(identityKey);
          if (shown.length === 0) {
            expect(c.contactId).toBeNull();
            continue;
          }
          const contact = (await state.contact(c.contactId!))!;
          expect(contact.identities.map(identityKey).some((k) => shown.includes(k))).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
