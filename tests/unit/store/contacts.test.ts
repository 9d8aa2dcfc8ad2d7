import './setup';
import { parseExportText } from '../../../core/domain/export-format';
import type { Contact, ConversationSnapshot } from '../../../core/domain/types';
import { sendImport } from '../../../core/messages/data-client';
import { exportFile, openBackground, thread } from './backup-fixtures';

/** Contacts with identities through the real store (fake-indexeddb): lookups, R13 history, suggestions, trash, export and import. */

const MAIL: ConversationSnapshot = thread('lucia-mail', { contact: { name: 'Lucía Fernández', email: 'lucia@example.org', handle: null } });
const CHAT: ConversationSnapshot = thread('lucia-wa', {
  source: 'whatsapp',
  channel: 'chat',
  contact: { name: 'Lucia  Fernandez', email: null, handle: 'whatsapp:+34600000001', phone: '+34600000001' },
});

describe('contacts in the store', () => {
  it('finds a contact by any identity with one index get, before and after the conversation is recorded', async () => {
    const bg = await openBackground();
    await bg.run({ type: 'conversation.observe', conversation: CHAT });
    // Another page shows only the phone: the sidebar finds the contact before anything is recorded.
    const byPhone = thread('sms', { contact: { name: '', email: null, handle: null, phone: '+34600000001' } });
    const view = await bg.store.sidebarView(byPhone);
    expect(view.conversation).toBeNull();
    expect(view.contact?.handle).toBe('whatsapp:+34600000001');
    expect(view.pastConversations.map((c) => c.key)).toEqual(['lucia-wa']);
  });

  it('suggests by name on another channel and by an address the customer wrote; never the same channel, never a dismissed one', async () => {
    const bg = await openBackground();
    await bg.run({ type: 'conversation.observe', conversation: MAIL });
    await bg.run({ type: 'conversation.observe', conversation: CHAT });
    // Another email contact with the same name: same channel, not suggested.
    await bg.run({ type: 'conversation.observe', conversation: thread('other', { contact: { name: 'Lucía Fernández', email: 'lf@example.com', handle: null } }) });
    const byName = await bg.store.contactSuggestions(CHAT);
    expect(byName.map((s) => [s.contact.email, s.reason])).toEqual([['lucia@example.org', { kind: 'name' }], ['lf@example.com', { kind: 'name' }]]);
    expect(await bg.store.contactSuggestions(MAIL)).toEqual([expect.objectContaining({ reason: { kind: 'name' } })]);

    const wrote = { ...CHAT, contact: { ...CHAT.contact, mentioned: ['My mail is LF@example.com', 'LF@example.com', '+34 600 000 001'] } };
    const mentioned = await bg.store.contactSuggestions(wrote);
    expect(mentioned[0]).toMatchObject({ contact: { email: 'lf@example.com' }, reason: { kind: 'mentioned', value: 'lf@example.com' } });

    const me = (await bg.store.sidebarView(CHAT)).contact!;
    await bg.run({ type: 'contact.dismiss', contactId: me.id, otherId: byName[0]!.contact.id });
    expect((await bg.store.contactSuggestions(CHAT)).map((s) => s.contact.email)).toEqual(['lf@example.com']);
  });

  it('R13 after a merge: each conversation lists the other; the merged-away contact is in the trash, and restoring it splits', async () => {
    const bg = await openBackground();
    await bg.run({ type: 'ticket.create', conversation: MAIL, fields: { name: 'Plan change' } });
    await bg.run({ type: 'conversation.observe', conversation: CHAT });
    const keep = (await bg.store.sidebarView(CHAT)).contact!;
    const merge = (await bg.store.sidebarView(MAIL)).contact!;
    await bg.run({ type: 'contact.merge', keepId: keep.id, mergeId: merge.id });

    const chat = await bg.store.sidebarView(CHAT);
    expect(chat.pastConversations.map((c) => c.key)).toEqual(['lucia-mail']);
    expect(chat.pastTickets.map((t) => t.name)).toEqual(['Plan change']);
    expect(chat.mergedContacts.map((c) => c.id)).toEqual([merge.id]);
    expect(await bg.store.contactSuggestions(CHAT)).toEqual([]);
    const mail = await bg.store.sidebarView(MAIL);
    expect(mail.contact?.id).toBe(keep.id);
    expect(mail.pastConversations.map((c) => c.key)).toEqual(['lucia-wa']);
    const record = await bg.store.ticketRecord(mail.ticket!.id);
    expect(record?.activity.map((a) => a.kind)).toContain('contact.merged');

    expect((await bg.store.listTrash()).items.map((i) => [i.kind, i.record.id])).toEqual([['contact', merge.id]]);
    await bg.run({ type: 'trash.restore', id: merge.id });
    expect((await bg.store.sidebarView(MAIL)).contact?.id).toBe(merge.id);
    expect((await bg.store.sidebarView(CHAT)).pastConversations).toEqual([]);
    expect((await bg.store.listTrash()).items).toEqual([]);
  });

  it('exports a merge and imports it back as it was; a file from before identities gets them from its email and handle', async () => {
    const bg = await openBackground();
    await bg.run({ type: 'conversation.observe', conversation: MAIL });
    await bg.run({ type: 'conversation.observe', conversation: CHAT });
    const keep = (await bg.store.sidebarView(CHAT)).contact!;
    const merge = (await bg.store.sidebarView(MAIL)).contact!;
    await bg.run({ type: 'contact.merge', keepId: keep.id, mergeId: merge.id });
    const file = await exportFile(bg);

    const fresh = await openBackground(undefined, 10_000);
    await fresh.client.data.erase();
    await sendImport(fresh.client.data, file);
    expect((await fresh.store.sidebarView(MAIL)).contact?.id).toBe(keep.id);
    await fresh.run({ type: 'contact.split', mergedId: merge.id });
    expect((await fresh.store.sidebarView(MAIL)).contact?.id).toBe(merge.id);

    // The same file as an older version wrote it: no identities, no merge fields, no lookup keys.
    const old = JSON.parse(JSON.stringify(file)) as typeof file;
    old.records.contacts = old.records.contacts.map((c) => {
      const { identities: _i, mergedInto: _m, merge: _g, notSameAs: _n, lookupKeys: _l, ...rest } = c;
      const clock = Object.fromEntries(Object.entries(c.clock).filter(([k]) => !['identities', 'mergedInto', 'merge', 'notSameAs', 'lookupKeys'].includes(k)));
      return { ...rest, clock, deletedAt: null } as unknown as Contact;
    });
    const parsed = parseExportText(JSON.stringify(old));
    if (!parsed.ok) throw new Error(parsed.error);
    const lucia = parsed.value.records.contacts.find((c) => c.email === 'lucia@example.org')!;
    expect(lucia).toMatchObject({ identities: [{ kind: 'email', value: 'lucia@example.org' }], mergedInto: null, merge: null, notSameAs: [] });
    expect(lucia.lookupKeys).toEqual(['email:lucia@example.org', 'name:lucia fernandez']);
  });

  it('refuses a file whose contact is merged into a contact nobody has, and never trusts its lookup keys', async () => {
    const bg = await openBackground();
    await bg.run({ type: 'conversation.observe', conversation: MAIL });
    const file = await exportFile(bg);
    const forged = JSON.parse(JSON.stringify(file)) as typeof file;
    forged.records.contacts[0]!.lookupKeys = ['email:someone-else@example.com'];
    const parsed = parseExportText(JSON.stringify(forged));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.records.contacts[0]!.lookupKeys).toEqual(['email:lucia@example.org', 'name:lucia fernandez']);

    const orphan = JSON.parse(JSON.stringify(file)) as typeof file;
    orphan.records.contacts[0]!.mergedInto = 'contact:01JZZZZZZZZZZZZZZZZZZZZZZZ';
    const fresh = await openBackground(undefined, 10_000);
    await expect(sendImport(fresh.client.data, orphan)).rejects.toThrow(/mergedInto/);
  });
});
