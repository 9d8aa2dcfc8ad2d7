import * as v from 'valibot';
import type { Command } from '../../../core/domain/commands';
import { emailSchema, isSafeEmail } from '../../../core/domain/email';
import { createMemoryState, runCommand } from '../../../core/domain/memory';
import type { Agent } from '../../../core/domain/types';
import { changedIds } from '../../../core/messages/router';
import { ANA_CHAT, ANA_EMAIL, BEN_EMAIL, BOB, ME, helpDesk, newTicket, ok, refused, ticketOf } from './helpers';

/**
 * What the rules write is always what an import accepts, and the change
 * events they cause name what changed.
 */

describe('the change event after a purge', () => {
  it('names the tickets that stay but lost a conversation or note, and the purged ticket, never each activity entry', async () => {
    const before = await helpDesk();
    const { ticket } = await newTicket(before);
    const { result: chat } = await ok(before, { type: 'ticket.associate', conversation: ANA_CHAT, ticketId: ticket.id });
    const { result: note } = await ok(before, { type: 'note.add', ticketId: ticket.id, text: 'Refund approved' });
    await ok(before, { type: 'ticket.delete', ticketId: ticket.id });
    // As after a merge with another device: the chat and the note carry another action's causeId,
    // so restoring the ticket leaves them in the trash while the ticket is live again.
    const other = (r: ReturnType<typeof before.all>[number]) =>
      r.id === chat.conversation.id || r.id === note.id ? { ...r, causeId: 'cmd:elsewhere' } : r;
    const state = createMemoryState({ records: before.all().map(other), activity: before.activity(), startAt: before.nextContext().now + 1 });
    await ok(state, { type: 'trash.restore', id: ticket.id });
    const gone = await newTicket(state, BEN_EMAIL);
    await ok(state, { type: 'ticket.delete', ticketId: gone.ticket.id });

    const purge: Command = { type: 'trash.purge', all: true };
    const applied = await ok(state, purge);
    expect(applied.writes.filter((w) => w.op === 'remove' && w.id.startsWith('activity:')).length).toBeGreaterThan(3);
    const ids = changedIds(purge, applied);
    expect(ids).toEqual(expect.arrayContaining([ticket.id, chat.conversation.id, note.id, gone.ticket.id, gone.conversation.id]));
    expect(ids.filter((id) => id.startsWith('activity:'))).toEqual([]);
    expect(applied.result.tickets).toEqual([ticket.id]);
  });
});

describe("a teammate's email: one rule for the rules, the messages and an imported file", () => {
  const candidates = [
    'sam@example.com',
    'Sam.Rivera+support@Example.co.uk',
    'sam@example.com?cc=boss@example.com',
    'sam@example.com?subject=hi',
    'sam@example.com#top',
    'sam%40evil.test@example.com',
    'sam@example.com,lee@example.com',
    'sam@example.com;lee@example.com',
    '"sam"@example.com',
    'sam@exa(mple).com',
    'sam@exa/mple.com',
    'sam@example',
    'sam example@example.com',
    'sam@@example.com',
  ];

  it.each(candidates)('agent.save accepts %j exactly when the import would', async (email) => {
    const state = await helpDesk();
    const outcome = await runCommand(state, { type: 'agent.save', name: 'Sam', email });
    const stored = outcome.ok ? (outcome.value.result as Agent).email : null;
    expect(outcome.ok).toBe(isSafeEmail(email.trim().toLowerCase()));
    if (outcome.ok) {
      expect(v.is(emailSchema, stored)).toBe(true);
    } else {
      expect(outcome.error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/is not an email address/) });
    }
  });

  it('refuses an address with URL syntax that the old loose check let through, and writes nothing', async () => {
    const state = await helpDesk();
    const error = await refused(state, { type: 'agent.save', id: BOB, name: 'Bob', email: 'bob@example.com?bcc=spy' });
    expect(error).toMatchObject({ code: 'invalid', message: '"bob@example.com?bcc=spy" is not an email address.' });
  });
});

describe('a teammate deleted while still named', () => {
  it('stays in the trash through a purge while a ticket they own names them, is never deleted forever alone, and goes with that ticket', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state, ANA_EMAIL, { ownerId: BOB });
    const other = await newTicket(state, BEN_EMAIL);
    await ok(state, { type: 'agent.delete', id: BOB });

    const { result } = await ok(state, { type: 'trash.purge', all: true });
    expect(result.purged).toEqual([]);
    expect((await state.agent(BOB))?.deletedAt).not.toBeNull();
    expect((await state.agent(BOB))?.name).toBe('Bob'); // the ticket still shows its owner's name
    expect((await ticketOf(state, ticket.id)).ownerId).toBe(BOB);

    const error = await refused(state, { type: 'trash.purgeItem', id: BOB });
    expect(error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/^Bob still owns tickets .*stay in the trash/) });

    // Bob's ticket goes, with its history; Bob now names nothing and goes in the same purge.
    await ok(state, { type: 'ticket.delete', ticketId: ticket.id });
    const last = await ok(state, { type: 'trash.purge', all: true });
    expect(last.result.purged).toEqual(expect.arrayContaining([ticket.id, BOB]));
    expect(await state.agent(BOB)).toBeUndefined();
    expect(await state.ticket(other.ticket.id)).toBeDefined();
  });

  it('is kept while history names them as a former owner, and purged alone once nothing does', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state, ANA_EMAIL, { ownerId: BOB });
    await ok(state, { type: 'ticket.update', ticketId: ticket.id, field: 'owner', value: ME });
    await ok(state, { type: 'agent.delete', id: BOB });
    expect(state.all().filter((r) => r.id !== BOB && JSON.stringify(r).includes(BOB))).toEqual([]);
    await ok(state, { type: 'trash.purge', all: true });
    expect(await state.agent(BOB)).toBeDefined(); // "owner: Bob → Me" in the ticket's history

    const lone = await helpDesk();
    await ok(lone, { type: 'agent.delete', id: BOB });
    expect((await ok(lone, { type: 'trash.purgeItem', id: BOB })).result.purged).toEqual([BOB]);
    expect(await lone.agent(BOB)).toBeUndefined();
  });
});

describe('a priority tickets have', () => {
  it('is not removed while a live ticket has it; the refusal says how many and writes nothing; once moved it goes', async () => {
    const state = await helpDesk();
    const a = await newTicket(state, ANA_EMAIL, { priority: 'high' });
    await newTicket(state, BEN_EMAIL, { priority: 'high' });
    const opened = (await state.settings());
    const withoutHigh = opened.priorities.filter((p) => p.id !== 'high');

    const error = await refused(state, { type: 'settings.update', priorities: withoutHigh, expected: { priorities: opened.clock.priorities } });
    expect(error).toMatchObject({ code: 'conflict', message: '2 tickets have the priority "High". Give them another priority before removing it.' });

    await ok(state, { type: 'ticket.update', ticketId: a.ticket.id, field: 'priority', value: 'low' });
    await ok(state, { type: 'tickets.bulk', ticketIds: (await state.ticketsByPriority('high')).map((t) => t.id), action: { type: 'priority', priority: 'urgent' } });
    await ok(state, { type: 'settings.update', priorities: withoutHigh, expected: { priorities: opened.clock.priorities } });
    expect((await state.settings()).priorities.map((p) => p.id)).toEqual(['low', 'medium', 'urgent']);
  });

  it('may be removed while only trashed tickets have it; restoring one gives it the default priority, in its history', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state, ANA_EMAIL, { priority: 'urgent' });
    await ok(state, { type: 'ticket.delete', ticketId: ticket.id });
    const { priorities } = await state.settings();
    await ok(state, { type: 'settings.update', priorities: priorities.filter((p) => p.id !== 'urgent') });
    await ok(state, { type: 'trash.restore', id: ticket.id });
    expect((await ticketOf(state, ticket.id)).priority).toBe('medium');
    const entry = state.activity().find((e) => e.ticketId === ticket.id && e.field === 'priority');
    expect(entry).toMatchObject({ kind: 'ticket.property', from: 'urgent', to: 'medium' });
  });
});
