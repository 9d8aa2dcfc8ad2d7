import { lookupKeysOf, nameKey, normalizePhone } from '../../../core/domain/contacts';
import type { MemoryState } from '../../../core/domain/memory';
import type { Contact, ConversationSnapshot } from '../../../core/domain/types';
import { dump, helpDesk, kinds, newTicket, ok, refused, snapshot } from './helpers';

/** Contacts with identities: exact linking, merge, split, dismiss (docs/rules.md R13, "Contacts and identities"). */

const MARIA_MAIL = snapshot({ key: 'maria-mail', subject: 'Order 7', contact: { name: 'María López', email: 'maria@example.com', handle: null } });
const MARIA_WA = snapshot({
  source: 'whatsapp',
  key: 'maria-wa',
  subject: 'Maria Lopez',
  channel: 'chat',
  hostUrl: 'https://web.whatsapp.com/',
  contact: { name: 'Maria  Lopez', email: null, handle: 'whatsapp:+34600111222', phone: '+34600111222' },
});

async function contactOf(state: MemoryState, snap: ConversationSnapshot): Promise<Contact> {
  const conversation = await state.conversationByKey(snap.source, snap.key);
  const contact = conversation?.contactId ? await state.contact(conversation.contactId) : undefined;
  if (!contact) throw new Error(`no contact for ${snap.key}`);
  return contact;
}

const contacts = (state: MemoryState) => state.all().filter((r): r is Contact => r.id.startsWith('contact:'));

describe('identities', () => {
  it('a new contact holds every exact identity its page shows: a WhatsApp chat with a number is the handle and the phone', async () => {
    const state = await helpDesk();
    await ok(state, { type: 'conversation.observe', conversation: MARIA_WA });
    const maria = await contactOf(state, MARIA_WA);
    expect(maria.identities).toEqual([
      { kind: 'phone', value: '+34600111222' },
      { kind: 'handle', value: 'whatsapp:+34600111222' },
    ]);
    expect(maria.lookupKeys).toEqual(['phone:+34600111222', 'handle:whatsapp:+34600111222', 'name:maria lopez']);
  });

  it('links a conversation by ANY exact identity and adds the identities the contact lacked', async () => {
    const state = await helpDesk();
    await ok(state, { type: 'conversation.observe', conversation: MARIA_WA });
    // Another site shows the same phone and, this time, an email too.
    const sms = snapshot({ key: 'maria-sms', contact: { name: 'M. López', email: 'maria@example.com', handle: null, phone: '+34 600 111 222' } });
    await ok(state, { type: 'ticket.create', conversation: sms, fields: { name: 'Refund' } });
    expect(contacts(state)).toHaveLength(1);
    const maria = await contactOf(state, sms);
    expect(maria.identities.map((i) => `${i.kind}:${i.value}`)).toEqual(['phone:+34600111222', 'handle:whatsapp:+34600111222', 'email:maria@example.com']);
    // And the email alone now finds her.
    await ok(state, { type: 'conversation.observe', conversation: MARIA_MAIL });
    expect((await contactOf(state, MARIA_MAIL)).id).toBe(maria.id);
  });

  it('never links on anything weaker: the same name, or an address the customer wrote, makes a second contact', async () => {
    const state = await helpDesk();
    await ok(state, { type: 'conversation.observe', conversation: MARIA_MAIL });
    await ok(state, { type: 'conversation.observe', conversation: { ...MARIA_WA, contact: { ...MARIA_WA.contact, mentioned: ['maria@example.com'] } } });
    expect(contacts(state)).toHaveLength(2);
    expect((await contactOf(state, MARIA_MAIL)).id).not.toBe((await contactOf(state, MARIA_WA)).id);
  });

  it('does not take an identity another contact holds (the page is ambiguous: it links, it does not steal)', async () => {
    const state = await helpDesk();
    await ok(state, { type: 'conversation.observe', conversation: MARIA_MAIL });
    await ok(state, { type: 'conversation.observe', conversation: MARIA_WA });
    const both = snapshot({ key: 'both', contact: { name: 'Maria', email: 'maria@example.com', handle: 'whatsapp:+34600111222' } });
    await ok(state, { type: 'conversation.observe', conversation: both });
    const mail = await contactOf(state, MARIA_MAIL);
    expect((await contactOf(state, both)).id).toBe(mail.id);
    expect(mail.identities).toEqual([{ kind: 'email', value: 'maria@example.com' }]);
  });

  it('normalises phones to E.164 without guessing, and weak names give no name key', () => {
    expect(normalizePhone('+34 (600) 111-222')).toBe('+34600111222');
    expect(normalizePhone('600111222')).toBeNull();
    expect(nameKey('  MARÍA   López ')).toBe('maria lopez');
    expect(nameKey('Support')).toBeNull();
    expect(nameKey('ana@example.com Ruiz')).toBeNull();
    expect(nameKey('+34 600')).toBeNull();
    expect(lookupKeysOf({ identities: [], name: 'Ana' })).toEqual([]);
  });
});

describe('contact.merge and contact.split', () => {
  async function twoMarias() {
    const state = await helpDesk();
    const mail = await newTicket(state, MARIA_MAIL);
    const chat = await newTicket(state, MARIA_WA);
    const keep = await contactOf(state, MARIA_MAIL);
    const merge = await contactOf(state, MARIA_WA);
    return { state, mail, chat, keep, merge };
  }

  it('moves identities, conversations and tickets to the kept contact; the other is a tombstone in the trash that says where it went', async () => {
    const { state, chat, keep, merge } = await twoMarias();
    const { activity } = await ok(state, { type: 'contact.merge', keepId: keep.id, mergeId: merge.id });
    const kept = (await state.contact(keep.id))!;
    const gone = (await state.contact(merge.id))!;
    expect(kept.identities.map((i) => i.value)).toEqual(['maria@example.com', '+34600111222', 'whatsapp:+34600111222']);
    expect(kept.handle).toBe('whatsapp:+34600111222');
    expect((await state.conversation(chat.conversation.id))?.contactId).toBe(keep.id);
    expect((await state.ticket(chat.ticket.id))?.contactId).toBe(keep.id);
    expect(gone).toMatchObject({ mergedInto: keep.id, deletedAt: expect.any(Number) });
    expect(gone.merge).toEqual({
      identities: merge.identities,
      conversationIds: [chat.conversation.id],
      ticketIds: [chat.ticket.id],
      kept: { email: 'maria@example.com', handle: null, blocked: false, spam: false },
    });
    expect(kinds(activity)).toEqual(['contact.merged']);
    expect(activity[0]).toMatchObject({ ticketId: chat.ticket.id, text: 'Maria  Lopez into María López' });
  });

  it('a new chat from the merged number now links to the kept contact', async () => {
    const { state, keep, merge } = await twoMarias();
    await ok(state, { type: 'contact.merge', keepId: keep.id, mergeId: merge.id });
    const later = { ...MARIA_WA, key: 'maria-wa-2' };
    await ok(state, { type: 'conversation.observe', conversation: later });
    expect((await contactOf(state, later)).id).toBe(keep.id);
  });

  it('R12: the kept contact is blocked (or spam) if either was; the split gives it back its own flags', async () => {
    const { state, keep, merge } = await twoMarias();
    await ok(state, { type: 'contact.block', contactId: merge.id, blocked: true });
    await ok(state, { type: 'contact.merge', keepId: keep.id, mergeId: merge.id });
    expect((await state.contact(keep.id))?.blocked).toBe(true);
    await ok(state, { type: 'contact.split', mergedId: merge.id });
    expect((await state.contact(keep.id))?.blocked).toBe(false);
    expect((await state.contact(merge.id))?.blocked).toBe(true);
  });

  it('split restores both contacts, their conversations and tickets exactly (only write stamps, lastActivityAt and the history differ)', async () => {
    const { state, keep, merge } = await twoMarias();
    const before = dump(state);
    await ok(state, { type: 'contact.merge', keepId: keep.id, mergeId: merge.id });
    const { activity } = await ok(state, { type: 'contact.split', mergedId: merge.id });
    expect(kinds(activity)).toEqual(['contact.split']);
    expect(dump(state)).toEqual(before);
  });

  it('split through the trash: restoring the merged-away contact is the split', async () => {
    const { state, keep, merge } = await twoMarias();
    const before = dump(state);
    await ok(state, { type: 'contact.merge', keepId: keep.id, mergeId: merge.id });
    const { result } = await ok(state, { type: 'trash.restore', id: merge.id });
    expect(result.restored).toEqual([merge.id]);
    expect(dump(state)).toEqual(before);
  });

  it('refuses, changing nothing: itself, a merged-away or missing contact, a split of what was not merged or was purged', async () => {
    const { state, keep, merge } = await twoMarias();
    expect((await refused(state, { type: 'contact.merge', keepId: keep.id, mergeId: keep.id })).message).toMatch(/itself/);
    expect((await refused(state, { type: 'contact.split', mergedId: keep.id })).message).toMatch(/was not merged/);
    const missing = 'contact:01J00000000000000000000000';
    expect((await refused(state, { type: 'contact.merge', keepId: keep.id, mergeId: missing })).code).toBe('not_found');
    await ok(state, { type: 'contact.merge', keepId: keep.id, mergeId: merge.id });
    expect((await refused(state, { type: 'contact.merge', keepId: keep.id, mergeId: merge.id })).message).toMatch(/already merged/);
    expect((await refused(state, { type: 'contact.merge', keepId: merge.id, mergeId: keep.id })).message).toMatch(/already merged/);
    // Emptying the trash takes the tombstone: the merge can't be undone any more, and says so.
    await ok(state, { type: 'trash.purge', all: true });
    expect(await state.contact(merge.id)).toBeUndefined();
    expect((await refused(state, { type: 'contact.split', mergedId: merge.id })).message).toMatch(/gone for good/);
    expect((await state.contact(keep.id))?.identities).toHaveLength(3);
  });

  it('a trashed ticket keeps its merged-away contact, which then stays in the trash until that ticket goes', async () => {
    const { state, chat, keep, merge } = await twoMarias();
    await ok(state, { type: 'ticket.delete', ticketId: chat.ticket.id });
    await ok(state, { type: 'contact.merge', keepId: keep.id, mergeId: merge.id });
    expect((await state.ticket(chat.ticket.id))?.contactId).toBe(merge.id);
    expect((await state.contact(merge.id))?.merge?.ticketIds).toEqual([]);
    // Deleted forever on its own while the trashed ticket names it: refused, it waits for the ticket.
    expect((await refused(state, { type: 'trash.purgeItem', id: merge.id })).message).toMatch(/stays there/);
    await ok(state, { type: 'trash.purge', all: true });
    // Both purged together: the ticket named it last.
    expect(await state.contact(merge.id)).toBeUndefined();
    expect(await state.contact(keep.id)).toBeDefined();
  });

  it('dismissing a suggestion is remembered on both contacts, once', async () => {
    const { state, keep, merge } = await twoMarias();
    await ok(state, { type: 'contact.dismiss', contactId: keep.id, otherId: merge.id });
    const { writes } = await ok(state, { type: 'contact.dismiss', contactId: merge.id, otherId: keep.id });
    expect(writes).toEqual([]);
    expect((await state.contact(keep.id))?.notSameAs).toEqual([merge.id]);
    expect((await state.contact(merge.id))?.notSameAs).toEqual([keep.id]);
  });
});
