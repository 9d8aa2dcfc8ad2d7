import { applyCommand } from '../../../core/domain/rules';
import { DEFAULT_DISPLAYED, DEFAULT_STAGES } from '../../../core/domain/defaults';
import { createMemoryState, runCommand } from '../../../core/domain/memory';
import type { Reader } from '../../../core/domain/commands';
import { SCHEMA_VERSION, type Stage } from '../../../core/domain/types';
import { ANA_CHAT, ANA_EMAIL, BEN_EMAIL, BOB, ME, conversationOf, helpDesk, kinds, newTicket, ok, refused, snapshot, ticketOf } from './helpers';

describe('R6 displayed properties of the details panel', () => {
  it('R6 the displayed set is a setting that accepts built-in and user-defined property ids', async () => {
    const state = await helpDesk();
    await ok(state, { type: 'settings.update', properties: [{ id: 'custom.plan', name: 'Plan', type: 'select', options: ['Free', 'Pro'] }] });
    const { result } = await ok(state, { type: 'settings.update', displayedProperties: ['status', 'custom.plan', 'status'] });
    expect(result.displayedProperties).toEqual(['status', 'custom.plan']);
  });

  it('R6 unknown property ids are refused', async () => {
    const state = await helpDesk();
    const error = await refused(state, { type: 'settings.update', displayedProperties: ['status', 'custom.ghost'] });
    expect(error).toMatchObject({ code: 'invalid', message: `"ghost" is not a ticket property, so it can't be displayed.` });
  });

  it('R6 removing a user-defined property drops it from the displayed set', async () => {
    const state = await helpDesk();
    await ok(state, { type: 'settings.update', properties: [{ id: 'custom.plan', name: 'Plan', type: 'text' }] });
    await ok(state, { type: 'settings.update', displayedProperties: [...DEFAULT_DISPLAYED, 'custom.plan'] });
    const { result } = await ok(state, { type: 'settings.update', properties: [] });
    expect(result.displayedProperties).toEqual(DEFAULT_DISPLAYED);
  });
});

describe('R7 ticket record', () => {
  it('R7 the record has its conversations with links back and a history ordered by (clock, id)', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    await ok(state, { type: 'ticket.associate', conversation: ANA_CHAT, ticketId: ticket.id });
    await ok(state, { type: 'ticket.update', ticketId: ticket.id, field: 'priority', value: 'high' });
    await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    const links = (await state.conversationsOfTicket(ticket.id)).map((c) => c.hostUrl).sort();
    expect(links).toEqual([ANA_CHAT.hostUrl, ANA_EMAIL.hostUrl].sort());
    const history = state.activity().filter((a) => a.ticketId === ticket.id);
    expect(kinds(history)).toEqual([
      'ticket.created',
      'conversation.added',
      'conversation.added',
      'ticket.property',
      'ticket.property',
      'conversation.closed',
      'conversation.closed',
      'ticket.closed',
    ]);
    expect(history.every((a) => a.id.startsWith(`activity:${ticket.id.slice('ticket:'.length)}:`))).toBe(true);
  });
});

describe('R12 block sender / mark as spam', () => {
  it("R12 a blocked contact's new conversations are flagged; existing ones are left alone", async () => {
    const state = await helpDesk();
    const { result: first } = await ok(state, { type: 'conversation.observe', conversation: ANA_EMAIL });
    await ok(state, { type: 'contact.block', contactId: first.contactId ?? '', blocked: true });
    const { result: second } = await ok(state, { type: 'conversation.observe', conversation: snapshot({ key: 'thread-9' }) });
    expect(second.flag).toBe('blocked');
    expect((await conversationOf(state, first.id)).flag).toBeNull();
  });

  it("R12 a spam contact's new conversations are flagged spam; unflagging stops it", async () => {
    const state = await helpDesk();
    const { result: first } = await ok(state, { type: 'conversation.observe', conversation: BEN_EMAIL });
    const contactId = first.contactId ?? '';
    await ok(state, { type: 'contact.spam', contactId, spam: true });
    expect((await ok(state, { type: 'conversation.observe', conversation: { ...BEN_EMAIL, key: 'b2' } })).result.flag).toBe('spam');
    await ok(state, { type: 'contact.spam', contactId, spam: false });
    expect((await ok(state, { type: 'conversation.observe', conversation: { ...BEN_EMAIL, key: 'b3' } })).result.flag).toBeNull();
    expect((await refused(state, { type: 'contact.block', contactId: 'contact:NOPE', blocked: true })).code).toBe('not_found');
  });
});

describe('R13 context: one contact across channels', () => {
  it('R13 conversations from the same email (any case) share one contact, and the ticket keeps it', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state);
    const { result: again } = await ok(state, { type: 'conversation.observe', conversation: ANA_CHAT });
    expect(again.contactId).toBe(conversation.contactId);
    expect(ticket.contactId).toBe(conversation.contactId);
    const contact = await state.contact(conversation.contactId ?? '');
    expect(contact).toMatchObject({ name: 'Ana Ruiz', email: 'ana.ruiz@example.com', blocked: false, spam: false });
  });

  it('R13 a chat-only contact is found by handle; a page with no contact has none', async () => {
    const state = await helpDesk();
    const chat = (key: string) => snapshot({ source: 'whatsapp', key, channel: 'chat', contact: { name: '', email: null, handle: 'whatsapp:+34600' } });
    const { result: a } = await ok(state, { type: 'conversation.observe', conversation: chat('w1') });
    const { result: b } = await ok(state, { type: 'conversation.observe', conversation: chat('w2') });
    expect(b.contactId).toBe(a.contactId);
    expect((await state.contact(a.contactId ?? ''))?.name).toBe('whatsapp:+34600');
    const { result: none } = await ok(state, {
      type: 'conversation.observe',
      conversation: snapshot({ source: 'generic', key: 'https://x.test/1', contact: { name: '', email: null, handle: null } }),
    });
    expect(none.contactId).toBeNull();
  });

  it('R13 observing again refreshes the subject, and writes nothing when unchanged', async () => {
    const state = await helpDesk();
    const { result: seen } = await ok(state, { type: 'conversation.observe', conversation: ANA_EMAIL });
    expect((await ok(state, { type: 'conversation.observe', conversation: ANA_EMAIL })).writes).toEqual([]);
    const { result } = await ok(state, { type: 'conversation.observe', conversation: { ...ANA_EMAIL, subject: 'Re: Refund' } });
    expect(result).toMatchObject({ id: seen.id, subject: 'Re: Refund', version: 2 });
  });
});

describe('R14 reply helpers: notes and saved replies', () => {
  it('R14 a note is its own record, logged on the ticket with its text', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    const { result: note, activity } = await ok(state, { type: 'note.add', ticketId: ticket.id, text: '  Called her back  ' });
    expect(note).toMatchObject({ ticketId: ticket.id, text: 'Called her back', authorId: ME });
    expect(note.id).toMatch(/^note:/);
    expect(activity.map((a) => [a.kind, a.text])).toEqual([['note.added', 'Called her back']]);
    expect((await ticketOf(state, ticket.id)).lastActivityAt).toBe(note.createdAt);
  });

  it('R14 blank and over-long notes are refused', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    expect((await refused(state, { type: 'note.add', ticketId: ticket.id, text: ' \n ' })).code).toBe('invalid');
    const error = await refused(state, { type: 'note.add', ticketId: ticket.id, text: 'x'.repeat(10_001) });
    expect(error.message).toBe('The note is too long (at most 10,000 characters).');
    expect((await refused(state, { type: 'note.add', ticketId: 'ticket:NOPE', text: 'x' })).code).toBe('not_found');
  });

  it('R14 saved replies are created, edited and deleted (to the trash)', async () => {
    const state = await helpDesk();
    const { result: made } = await ok(state, { type: 'snippet.save', name: 'Thanks', body: 'Thanks for writing!' });
    const { result: edited } = await ok(state, { type: 'snippet.save', id: made.id, name: 'Thanks', body: 'Thank you!' });
    expect(edited).toMatchObject({ id: made.id, body: 'Thank you!', version: 2 });
    expect((await refused(state, { type: 'snippet.save', name: ' ', body: 'x' })).code).toBe('invalid');
    expect((await refused(state, { type: 'snippet.save', name: 'x', body: '' })).code).toBe('invalid');
    await ok(state, { type: 'snippet.delete', id: made.id });
    expect((await state.snippet(made.id))?.deletedAt).not.toBeNull();
    await ok(state, { type: 'trash.restore', id: made.id });
    expect((await state.snippet(made.id))?.deletedAt).toBeNull();
  });
});

describe('settings: stages, priorities, properties', () => {
  const stagesWithout = (id: string): Stage[] => DEFAULT_STAGES.filter((st) => st.id !== id);

  it("a stage in use can't vanish: its tickets must be moved", async () => {
    const state = await helpDesk();
    await newTicket(state, ANA_EMAIL, { status: 'waiting-us' });
    const error = await refused(state, { type: 'settings.update', stages: stagesWithout('waiting-us') });
    expect(error).toMatchObject({ code: 'conflict', message: '1 ticket is in "Waiting on us". Choose a status to move them to before removing it.' });
    const bad = await refused(state, { type: 'settings.update', stages: stagesWithout('waiting-us'), moveTickets: { 'waiting-us': 'waiting-us' } });
    expect(bad.code).toBe('invalid');
  });

  it('R8 moving the tickets of a removed stage to the closed stage closes them and their conversations', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state, ANA_EMAIL, { status: 'waiting-us' });
    const { activity } = await ok(state, { type: 'settings.update', stages: stagesWithout('waiting-us'), moveTickets: { 'waiting-us': 'closed' } });
    expect((await ticketOf(state, ticket.id)).status).toBe('closed');
    expect((await conversationOf(state, conversation.id)).status).toBe('closed');
    expect(kinds(activity)).toEqual(['ticket.property', 'conversation.closed', 'ticket.closed']);
  });

  it('an unused stage can be removed; stages are renamed freely', async () => {
    const state = await helpDesk();
    await newTicket(state);
    const stages = stagesWithout('waiting-contact').map((st) => (st.id === 'new' ? { ...st, name: 'Inbox' } : st));
    const { result } = await ok(state, { type: 'settings.update', stages });
    expect(result.stages.map((st) => st.name)).toEqual(['Inbox', 'Waiting on us', 'Closed']);
  });

  it('stages need exactly one closed stage, an open one, unique ids and names', async () => {
    const state = await helpDesk();
    const update = (stages: Stage[]) => refused(state, { type: 'settings.update', stages });
    expect((await update(DEFAULT_STAGES.map((st) => ({ ...st, closed: false })))).message).toBe('Exactly one status must be the closed one.');
    expect((await update([{ id: 'closed', name: 'Closed', closed: true }])).message).toBe('Keep at least one open status for new tickets.');
    expect((await update([...DEFAULT_STAGES, { id: 'new', name: 'Other', closed: false }])).message).toBe('Two statuses have the id "new".');
    expect((await update([...DEFAULT_STAGES, { id: 'x', name: 'new', closed: false }])).code).toBe('invalid');
    expect((await update([...DEFAULT_STAGES, { id: 'x', name: ' ', closed: false }])).code).toBe('invalid');
  });

  it("a stage in use can't switch between open and closed", async () => {
    const state = await helpDesk();
    await newTicket(state, ANA_EMAIL, { status: 'waiting-us' });
    const stages = DEFAULT_STAGES.map((st) => ({ ...st, closed: st.id === 'waiting-us' }));
    expect((await refused(state, { type: 'settings.update', stages })).code).toBe('conflict');
  });

  it('without a ticketsByStatus query, removing a stage is refused rather than guessed', async () => {
    const state = await helpDesk();
    const { ticketsByStatus: _omitted, ...plain } = state;
    const reader: Reader = plain;
    const outcome = await applyCommand(reader, { type: 'settings.update', stages: stagesWithout('waiting-us') }, state.nextContext());
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.code).toBe('internal');
  });

  it('priorities and properties are checked', async () => {
    const state = await helpDesk();
    expect((await refused(state, { type: 'settings.update', priorities: [] })).code).toBe('invalid');
    expect((await refused(state, { type: 'settings.update', priorities: [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }] })).code).toBe('invalid');
    const prop = (p: object) => refused(state, { type: 'settings.update', properties: [{ id: 'custom.x', name: 'X', type: 'text', ...p }] });
    expect((await prop({ id: 'plan' })).message).toBe('The property "X" needs an id like "custom.x".');
    expect((await prop({ type: 'colour' })).code).toBe('invalid');
    expect((await prop({ type: 'select', options: [] })).message).toBe('The property "X" needs at least one option.');
    expect((await prop({ name: 'Priority' })).message).toBe('There is already a property named "priority".');
    const { result } = await ok(state, { type: 'settings.update', priorities: [{ id: 'p1', name: ' P1 ' }] });
    expect(result.priorities).toEqual([{ id: 'p1', name: 'P1' }]);
    // New tickets fall back to the first priority when 'medium' is gone.
    expect((await newTicket(state)).ticket.priority).toBe('p1');
  });
});

describe('teammates', () => {
  it('an agent needs a name; the email is optional but must look like one', async () => {
    const state = await helpDesk();
    expect((await refused(state, { type: 'agent.save', name: '', email: '' })).code).toBe('invalid');
    expect((await refused(state, { type: 'agent.save', name: 'Eve', email: 'eve@' })).message).toBe('"eve@" is not an email address.');
    const { result } = await ok(state, { type: 'agent.save', name: 'Eve', email: ' Eve@Example.COM ' });
    expect(result).toMatchObject({ name: 'Eve', email: 'eve@example.com' });
  });

  it("the local agent can't delete itself; others go to the trash", async () => {
    const state = await helpDesk();
    expect((await refused(state, { type: 'agent.delete', id: ME })).code).toBe('conflict');
    await ok(state, { type: 'agent.delete', id: BOB });
    expect((await state.agent(BOB))?.deletedAt).not.toBeNull();
  });
});

describe('every write is sync-ready', () => {
  it('stamps version, who/where/when, causeId, schemaVersion and the clock of each written field', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state);
    const ctx = state.nextContext({ agentId: BOB, deviceId: 'device:two' });
    const outcome = await applyCommand(state, { type: 'conversation.setOwner', conversationId: conversation.id, ownerId: BOB }, ctx);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const puts = outcome.value.writes.flatMap((w) => (w.op === 'put' ? [w.record] : []));
    expect(puts.map((r) => r.id).sort()).toEqual([conversation.id, ticket.id].sort());
    for (const r of puts) {
      expect(r).toMatchObject({ version: 2, updatedAt: ctx.now, updatedBy: BOB, deviceId: 'device:two', causeId: ctx.causeId, schemaVersion: SCHEMA_VERSION });
      expect(r.clock.ownerId).toBe(ctx.clock);
    }
    for (const a of outcome.value.activity) expect(a).toMatchObject({ causeId: ctx.causeId, clock: ctx.clock, agentId: BOB, at: ctx.now });
  });

  it('new records clock every data field', async () => {
    const state = createMemoryState();
    const outcome = await runCommand(state, { type: 'conversation.observe', conversation: ANA_EMAIL });
    if (!outcome.ok) throw new Error(outcome.error.message);
    for (const w of outcome.value.writes) {
      if (w.op !== 'put') continue;
      expect(w.record.version).toBe(1);
      const data = Object.keys(w.record).filter((k) => !['id', 'schemaVersion', 'version', 'createdAt', 'updatedAt', 'updatedBy', 'deviceId', 'clock', 'causeId'].includes(k));
      expect(Object.keys(w.record.clock).sort()).toEqual(data.sort());
    }
  });
});

describe('one conversation open at two URLs', () => {
  // The same Gmail thread under #inbox/ID and #label/x/ID: one key, two URLs.
  const atInbox = snapshot({ source: 'gmail', key: 'FMfcgz1', hostUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz1' });
  const atLabel = { ...atInbox, hostUrl: 'https://mail.google.com/mail/u/0/#label/vip/FMfcgz1' };

  it('observing it at another URL writes nothing and keeps the first URL; a new subject is still followed', async () => {
    const state = await helpDesk();
    const { result: first } = await ok(state, { type: 'conversation.observe', conversation: atInbox });
    for (const seen of [atLabel, atInbox, atLabel]) {
      const again = await ok(state, { type: 'conversation.observe', conversation: seen });
      expect(again.writes).toEqual([]);
    }
    expect(await conversationOf(state, first.id)).toEqual(first);

    await ok(state, { type: 'conversation.observe', conversation: { ...atLabel, subject: 'Re: Refund for order 1042' } });
    const renamed = await conversationOf(state, first.id);
    expect(renamed).toMatchObject({ subject: 'Re: Refund for order 1042', hostUrl: atInbox.hostUrl, version: first.version + 1 });
  });

  it('creating or attaching a ticket at a URL moves the stored URL there: the agent worked on it there', async () => {
    const state = await helpDesk();
    const { result: created } = await ok(state, { type: 'ticket.create', conversation: atInbox, fields: { name: 'Refund' } });
    expect(created.conversation.hostUrl).toBe(atInbox.hostUrl);
    const other = snapshot({ source: 'gmail', key: 'FMfcgz2', hostUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz2' });
    await ok(state, { type: 'conversation.observe', conversation: other });
    const { result: attached } = await ok(state, { type: 'ticket.associate', conversation: { ...other, hostUrl: 'https://mail.google.com/mail/u/0/#label/vip/FMfcgz2' }, ticketId: created.ticket.id });
    expect(attached.conversation.hostUrl).toBe('https://mail.google.com/mail/u/0/#label/vip/FMfcgz2');
  });
});
