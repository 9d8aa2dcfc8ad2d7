import * as v from 'valibot';
import type { Command } from '../../../core/domain/commands';
import { emailSchema, isSafeEmail } from '../../../core/domain/email';
import { createMemoryState, runCommand } from '../../../core/domain/memory';
import type { Agent } from '../../../core/domain/types';
import { changedIds } from '../../../core/messages/router';
import { ANA_CHAT, BEN_EMAIL, BOB, helpDesk, newTicket, ok, refused } from './helpers';

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
    expect(error).toEqual({ code: 'invalid', message: '"bob@example.com?bcc=spy" is not an email address.' });
  });
});
