import { shortId } from '../../../core/domain/ids';
import {
  ANA_CHAT,
  ANA_EMAIL,
  BEN_EMAIL,
  BOB,
  ME,
  conversationOf,
  helpDesk,
  kinds,
  newTicket,
  ok,
  refused,
  ticketOf,
} from './helpers';

describe('R1 create a ticket from the conversation', () => {
  it('R1 prefills name, source, contact and status/priority defaults from the conversation', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state);
    expect(ticket).toMatchObject({
      name: 'Refund for order 1042',
      status: 'new',
      priority: 'medium',
      source: 'email',
      contactId: conversation.contactId,
      ownerId: null,
      closedAt: null,
      version: 1,
    });
    expect(conversation.contactId).toMatch(/^contact:/);
    expect(conversation.ticketId).toBe(ticket.id);
    expect(kinds(state.activity())).toEqual(['ticket.created', 'conversation.added']);
  });

  it('R1 the owner is the conversation owner unless the form picks one', async () => {
    const state = await helpDesk();
    const { result: seen } = await ok(state, { type: 'conversation.observe', conversation: ANA_EMAIL });
    await ok(state, { type: 'conversation.setOwner', conversationId: seen.id, ownerId: BOB });
    expect((await newTicket(state)).ticket.ownerId).toBe(BOB);

    const { ticket } = await newTicket(state, BEN_EMAIL, { ownerId: ME });
    expect(ticket.ownerId).toBe(ME);
  });

  it('R1 the form can change the prefilled fields', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state, ANA_EMAIL, {
      name: '  Refund  ',
      status: 'waiting-us',
      priority: 'high',
      category: 'Billing',
      description: 'Line 1\nLine 2',
    });
    expect(ticket).toMatchObject({ name: 'Refund', status: 'waiting-us', priority: 'high', category: 'Billing', description: 'Line 1\nLine 2' });
  });

  it('R1 refuses a blank name, an unknown status, priority or owner', async () => {
    const state = await helpDesk();
    const create = (fields: object) => ({ type: 'ticket.create' as const, conversation: ANA_EMAIL, fields: { name: 'x', ...fields } });
    expect(await refused(state, create({ name: '   ' }))).toEqual({ code: 'invalid', key: 'fieldEmpty', args: { field: 'ticketName' }, message: "The ticket name can't be empty." });
    expect((await refused(state, create({ status: 'done' }))).message).toMatch(/"done" is not a status/);
    expect((await refused(state, create({ priority: 'p0' }))).message).toMatch(/"p0" is not a priority/);
    expect((await refused(state, create({ ownerId: 'agent:ghost' }))).code).toBe('invalid');
  });

  it('R1 a ticket created in the closed stage closes its conversation (R8)', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state, ANA_EMAIL, { status: 'closed' });
    expect(ticket.closedAt).not.toBeNull();
    expect(conversation.status).toBe('closed');
    expect(kinds(state.activity())).toContain('ticket.closed');
  });
});

describe('R2 one ticket per conversation', () => {
  it('R2 a second ticket for the same conversation is refused with a clear message', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    const error = await refused(state, { type: 'ticket.create', conversation: ANA_EMAIL, fields: { name: 'Again' } });
    expect(error).toMatchObject({
      code: 'conflict',
      message: `This conversation already has a ticket (${shortId(ticket.id)}). A conversation can have only one ticket.`,
    });
  });

  it('R2 a conversation with a ticket cannot be associated to another ticket', async () => {
    const state = await helpDesk();
    await newTicket(state, ANA_EMAIL);
    const { ticket: other } = await newTicket(state, BEN_EMAIL);
    const error = await refused(state, { type: 'ticket.associate', conversation: ANA_EMAIL, ticketId: other.id });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/already belongs to ticket .* only one ticket/);
  });

  it('R2 no command dissociates: the conversation keeps its ticket through every change', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state);
    await ok(state, { type: 'conversation.setOwner', conversationId: conversation.id, ownerId: BOB });
    await ok(state, { type: 'conversation.setStatus', conversationId: conversation.id, status: 'closed' });
    await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'new' });
    await ok(state, { type: 'ticket.update', ticketId: ticket.id, field: 'owner', value: null });
    await ok(state, { type: 'conversation.observe', conversation: { ...ANA_EMAIL, subject: 'Renamed' } });
    await ok(state, { type: 'conversation.trash', conversationId: conversation.id });
    expect((await conversationOf(state, conversation.id)).ticketId).toBe(ticket.id);
    await ok(state, { type: 'trash.restore', id: conversation.id });
    expect((await conversationOf(state, conversation.id)).ticketId).toBe(ticket.id);
  });
});

describe('R3 many conversations per ticket', () => {
  it('R3 associates a conversation without ticket (same customer by chat) to an existing ticket', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    const { result } = await ok(state, { type: 'ticket.associate', conversation: ANA_CHAT, ticketId: ticket.id });
    expect(result.conversation.ticketId).toBe(ticket.id);
    expect(await state.conversationsOfTicket(ticket.id)).toHaveLength(2);
    expect(kinds(state.activity()).filter((k) => k === 'conversation.added')).toHaveLength(2);
  });

  it('R3 an open conversation added to a closed ticket reopens it (R9; R8 invariant kept)', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    const { result } = await ok(state, { type: 'ticket.associate', conversation: ANA_CHAT, ticketId: ticket.id });
    expect(result.conversation.status).toBe('open');
    expect(result.ticket.closedAt).toBeNull();
  });

  it('R3 refuses an unknown or trashed ticket; re-associating to the same ticket is a no-op', async () => {
    const state = await helpDesk();
    expect((await refused(state, { type: 'ticket.associate', conversation: ANA_CHAT, ticketId: 'ticket:NOPE' })).code).toBe('not_found');
    const { ticket } = await newTicket(state);
    const again = await ok(state, { type: 'ticket.associate', conversation: ANA_EMAIL, ticketId: ticket.id });
    expect(again.writes).toEqual([]);
    await ok(state, { type: 'ticket.delete', ticketId: ticket.id });
    expect((await refused(state, { type: 'ticket.associate', conversation: BEN_EMAIL, ticketId: ticket.id })).code).toBe('conflict');
  });
});

describe('R4 inline edit of ticket properties', () => {
  it('R4 edits each built-in property and logs old → new', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    const edits: [string, string | null][] = [
      ['name', 'Refund 1042'],
      ['priority', 'urgent'],
      ['owner', BOB],
      ['category', 'Billing'],
      ['description', 'Charged twice'],
      ['status', 'waiting-us'],
    ];
    for (const [field, value] of edits) await ok(state, { type: 'ticket.update', ticketId: ticket.id, field, value });
    expect(await ticketOf(state, ticket.id)).toMatchObject({
      name: 'Refund 1042',
      priority: 'urgent',
      ownerId: BOB,
      category: 'Billing',
      description: 'Charged twice',
      status: 'waiting-us',
    });
    const changes = state.activity().filter((a) => a.kind === 'ticket.property');
    expect(changes.map((a) => [a.field, a.from, a.to])).toEqual([
      ['name', 'Refund for order 1042', 'Refund 1042'],
      ['priority', 'medium', 'urgent'],
      ['owner', null, BOB],
      ['category', '', 'Billing'],
      ['description', '', 'Charged twice'],
      ['status', 'new', 'waiting-us'],
    ]);
  });

  it('R4 each edit moves last activity and stamps only the edited field clock', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    const { writes, activity } = await ok(state, { type: 'ticket.update', ticketId: ticket.id, field: 'priority', value: 'high' });
    const after = await ticketOf(state, ticket.id);
    expect(writes).toHaveLength(1);
    expect(after.version).toBe(2);
    expect(after.lastActivityAt).toBe(activity[0]?.at);
    expect(after.clock.priority).toBe(activity[0]?.clock);
    expect(after.clock.name).toBe(ticket.clock.name);
  });

  it('R4 setting the same value again writes nothing (idempotent)', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    const applied = await ok(state, { type: 'ticket.update', ticketId: ticket.id, field: 'priority', value: 'medium' });
    expect(applied.writes).toEqual([]);
    expect(applied.activity).toEqual([]);
  });

  it('R4 user-defined properties are checked by type; null clears', async () => {
    const state = await helpDesk();
    await ok(state, {
      type: 'settings.update',
      properties: [
        { id: 'custom.order', name: 'Order number', type: 'number' },
        { id: 'custom.plan', name: 'Plan', type: 'select', options: ['Free', 'Pro'] },
        { id: 'custom.due', name: 'Due', type: 'date' },
        { id: 'custom.sku', name: 'SKU', type: 'text' },
      ],
    });
    const { ticket } = await newTicket(state);
    const set = (field: string, value: string | number | null) => ({ type: 'ticket.update' as const, ticketId: ticket.id, field, value });
    await ok(state, set('custom.order', 1042));
    await ok(state, set('custom.plan', 'Pro'));
    await ok(state, set('custom.due', '2024-02-29'));
    await ok(state, set('custom.sku', 'AB-1'));
    expect((await ticketOf(state, ticket.id)).custom).toEqual({ 'custom.order': 1042, 'custom.plan': 'Pro', 'custom.due': '2024-02-29', 'custom.sku': 'AB-1' });
    expect((await ticketOf(state, ticket.id)).clock['custom.plan']).toBeDefined();

    expect(await refused(state, set('custom.order', 'many'))).toMatchObject({ code: 'invalid', message: '"Order number" must be a number.' });
    expect((await refused(state, set('custom.order', Number.POSITIVE_INFINITY))).code).toBe('invalid');
    expect((await refused(state, set('custom.plan', 'Gold'))).message).toBe('"Plan" must be one of: Free, Pro.');
    expect((await refused(state, set('custom.due', '2025-02-29'))).message).toBe('"Due" must be a date (YYYY-MM-DD).');
    expect((await refused(state, set('custom.sku', 7))).message).toBe('"SKU" must be text.');

    await ok(state, set('custom.plan', null));
    expect((await ticketOf(state, ticket.id)).custom['custom.plan']).toBeNull();
  });

  it('R4 refuses unknown and read-only properties, blank names and unknown tickets', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    const set = (field: string, value: string | null, ticketId = ticket.id) => ({ type: 'ticket.update' as const, ticketId, field, value });
    expect((await refused(state, set('custom.nope', 'x'))).message).toMatch(/no property "nope"/);
    expect((await refused(state, set('colour', 'red'))).message).toBe('There is no ticket property "colour".');
    expect((await refused(state, set('createDate', '2020-01-01'))).message).toMatch(/"Create date" is set by the help desk/);
    expect((await refused(state, set('name', ' '))).code).toBe('invalid');
    expect((await refused(state, set('status', 'nope'))).code).toBe('invalid');
    expect((await refused(state, set('name', 'x', 'ticket:UNKNOWN'))).code).toBe('not_found');
  });
});

describe('R5 owner propagation is one way', () => {
  it('R5 changing the conversation owner also sets the ticket owner', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state);
    const { activity } = await ok(state, { type: 'conversation.setOwner', conversationId: conversation.id, ownerId: BOB });
    expect((await ticketOf(state, ticket.id)).ownerId).toBe(BOB);
    expect((await conversationOf(state, conversation.id)).ownerId).toBe(BOB);
    expect(activity.map((a) => [a.kind, a.field, a.from, a.to])).toEqual([
      ['conversation.owner', undefined, null, BOB],
      ['ticket.property', 'owner', null, BOB],
    ]);
  });

  it('R5 changing the ticket owner does not change any conversation owner', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state);
    await ok(state, { type: 'conversation.setOwner', conversationId: conversation.id, ownerId: ME });
    const { writes } = await ok(state, { type: 'ticket.update', ticketId: ticket.id, field: 'owner', value: BOB });
    expect(writes.map((w) => (w.op === 'put' ? w.record.id : w.id))).toEqual([ticket.id]);
    expect((await conversationOf(state, conversation.id)).ownerId).toBe(ME);
  });

  it('R5 the owner must be a teammate who still exists', async () => {
    const state = await helpDesk();
    const { conversation } = await newTicket(state);
    await ok(state, { type: 'agent.delete', id: BOB });
    const error = await refused(state, { type: 'conversation.setOwner', conversationId: conversation.id, ownerId: BOB });
    expect(error.code).toBe('invalid');
  });
});

describe('R8 close ticket', () => {
  it('R8 closing a ticket closes all its conversations', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state);
    const { result: chat } = await ok(state, { type: 'ticket.associate', conversation: ANA_CHAT, ticketId: ticket.id });
    const { activity } = await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    expect((await ticketOf(state, ticket.id)).closedAt).toBe(activity[0]?.at);
    expect((await conversationOf(state, conversation.id)).status).toBe('closed');
    expect((await conversationOf(state, chat.conversation.id)).status).toBe('closed');
    expect(kinds(activity)).toEqual(['ticket.property', 'conversation.closed', 'conversation.closed', 'ticket.closed']);
    expect(new Set(activity.map((a) => a.causeId)).size).toBe(1);
  });

  it('R8 refuses an unknown stage', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    expect((await refused(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'archived' })).code).toBe('invalid');
  });
});

describe('R9 reopen ticket', () => {
  it('R9 reopening a ticket with one conversation reopens that conversation', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state);
    await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    const { activity } = await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'waiting-contact' });
    expect((await ticketOf(state, ticket.id)).closedAt).toBeNull();
    expect((await conversationOf(state, conversation.id)).status).toBe('open');
    expect(kinds(activity)).toEqual(['ticket.property', 'ticket.reopened', 'conversation.reopened']);
  });

  it('R9 reopening a ticket with several conversations reopens none of them', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state);
    const { result: chat } = await ok(state, { type: 'ticket.associate', conversation: ANA_CHAT, ticketId: ticket.id });
    await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'new' });
    expect((await conversationOf(state, conversation.id)).status).toBe('closed');
    expect((await conversationOf(state, chat.conversation.id)).status).toBe('closed');
    expect((await ticketOf(state, ticket.id)).closedAt).toBeNull();
  });

  it('R9 moving between open stages touches no conversation', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    const { writes } = await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'waiting-us' });
    expect(writes.map((w) => (w.op === 'put' ? w.record.id : w.id))).toEqual([ticket.id]);
  });
});

describe('R10 close conversation', () => {
  it('R10 closing a conversation leaves its ticket open', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state);
    const { activity } = await ok(state, { type: 'conversation.setStatus', conversationId: conversation.id, status: 'closed' });
    expect((await conversationOf(state, conversation.id)).status).toBe('closed');
    const after = await ticketOf(state, ticket.id);
    expect(after).toMatchObject({ status: 'new', closedAt: null });
    expect(kinds(activity)).toEqual(['conversation.closed']);
    expect(after.lastActivityAt).toBe(activity[0]?.at);
  });

  it('R10 a conversation of an open ticket can be reopened', async () => {
    const state = await helpDesk();
    const { conversation } = await newTicket(state);
    await ok(state, { type: 'conversation.setStatus', conversationId: conversation.id, status: 'closed' });
    await ok(state, { type: 'conversation.setStatus', conversationId: conversation.id, status: 'open' });
    expect((await conversationOf(state, conversation.id)).status).toBe('open');
  });

  it('R10 reopening a conversation of a closed ticket is refused: reopen the ticket first', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state);
    await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    const error = await refused(state, { type: 'conversation.setStatus', conversationId: conversation.id, status: 'open' });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/^Reopen the ticket first/);
  });

  it('R10 a conversation without ticket closes and reopens alone, without activity', async () => {
    const state = await helpDesk();
    const { result: seen } = await ok(state, { type: 'conversation.observe', conversation: BEN_EMAIL });
    const { activity } = await ok(state, { type: 'conversation.setStatus', conversationId: seen.id, status: 'closed' });
    expect(activity).toEqual([]);
    expect((await conversationOf(state, seen.id)).status).toBe('closed');
  });
});

describe('R15 done: closing the ticket and/or the conversation marks the case resolved', () => {
  it('R15 closing the ticket resolves ticket and conversation at once', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state);
    await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    expect((await ticketOf(state, ticket.id)).closedAt).not.toBeNull();
    expect((await conversationOf(state, conversation.id)).status).toBe('closed');
  });

  it('R15 closing the conversation first, then the ticket, also ends resolved', async () => {
    const state = await helpDesk();
    const { ticket, conversation } = await newTicket(state);
    await ok(state, { type: 'conversation.setStatus', conversationId: conversation.id, status: 'closed' });
    const { activity } = await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    expect(kinds(activity)).toEqual(['ticket.property', 'ticket.closed']); // the conversation was already closed
    expect((await ticketOf(state, ticket.id)).closedAt).not.toBeNull();
    expect((await conversationOf(state, conversation.id)).status).toBe('closed');
  });
});
