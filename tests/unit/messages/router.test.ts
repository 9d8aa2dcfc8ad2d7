import fc from 'fast-check';
import type { Command, Outcome } from '../../../core/domain/commands';
import { classifySender, handleRequest, type RouterDeps, type Sender } from '../../../core/messages/router';
import type { ChangeEvent } from '../../../core/messages/protocol';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}`;
const page: Sender = { id: EXT_ID, url: `${ORIGIN}/dashboard.html`, origin: ORIGIN };
const content: Sender = { id: EXT_ID, url: 'http://127.0.0.1:5174/c/x', origin: 'http://127.0.0.1:5174', tab: { id: 3 } };
const TICKET = 'ticket:01JABCDEFGHJKMNPQRSTVWXYZ0';

function fakeDeps(outcome: Outcome = { ok: true, value: { writes: [], activity: [] } }) {
  const executed: Command[] = [];
  const events: ChangeEvent[] = [];
  const echoes: (string | undefined)[] = [];
  const deps: RouterDeps = {
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    execute: async (cmd) => {
      executed.push(cmd);
      return outcome;
    },
    query: async () => ({ ok: true, data: 'queried' }),
    broadcast: (e, _topics, echo) => {
      events.push(e);
      echoes.push(echo);
    },
    open: async () => undefined,
    sites: async () => ({ ok: true, data: 'sites' }),
    data: async () => ({ ok: true, data: 'data' }),
  };
  return { deps, executed, events, echoes };
}

describe('router: who may send what', () => {
  it('classifies senders by what the browser says, not by the message', () => {
    expect(classifySender(page, { extensionId: EXT_ID, extensionOrigin: ORIGIN })).toBe('page');
    expect(classifySender(content, { extensionId: EXT_ID, extensionOrigin: ORIGIN })).toBe('content');
    expect(classifySender({ id: 'another-extension', url: 'chrome-extension://another/x' }, { extensionId: EXT_ID, extensionOrigin: ORIGIN })).toBe('foreign');
    expect(classifySender({ url: 'https://evil.example/' }, { extensionId: EXT_ID, extensionOrigin: ORIGIN })).toBe('foreign');
  });

  it('refuses a foreign sender and runs nothing', async () => {
    const { deps, executed } = fakeDeps();
    const reply = await handleRequest(deps, { kind: 'tip.command', command: { type: 'ticket.delete', ticketId: TICKET } }, { id: 'other' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(executed).toEqual([]);
  });

  it('keeps whole-help-desk queries and purges to extension pages', async () => {
    const { deps, executed } = fakeDeps();
    expect(await handleRequest(deps, { kind: 'tip.query', query: { type: 'tickets.list' } }, content)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handleRequest(deps, { kind: 'tip.command', command: { type: 'trash.purge', all: true } }, content)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(executed).toEqual([]);
    expect(await handleRequest(deps, { kind: 'tip.query', query: { type: 'tickets.list' } }, page)).toEqual({ ok: true, data: 'queried' });
  });

  it('keeps export, import and erase to extension pages', async () => {
    const { deps } = fakeDeps();
    const requests = [
      { kind: 'tip.data', action: 'export.summary' },
      { kind: 'tip.data', action: 'export.page', store: 'tickets', limit: 10 },
      { kind: 'tip.data', action: 'export.text', store: 'activity', after: 'activity:x', limit: 10 },
      { kind: 'tip.data', action: 'import.commit', sessionId: 'import:x' },
      { kind: 'tip.data', action: 'erase' },
    ];
    for (const request of requests) {
      expect(await handleRequest(deps, request, content)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await handleRequest(deps, request, page)).toEqual({ ok: true, data: 'data' });
    }
    expect(await handleRequest(deps, { kind: 'tip.data', action: 'erase', all: true }, page)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await handleRequest(deps, { kind: 'tip.data', action: 'export.page', store: 'meta' }, page)).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});


describe('router: validation', () => {
  it.each([
    ['not an object', 42],
    ['null', null],
    ['unknown kind', { kind: 'tip.nope' }],
    ['unknown command', { kind: 'tip.command', command: { type: 'ticket.explode' } }],
    ['extra field', { kind: 'tip.command', command: { type: 'ticket.delete', ticketId: TICKET, also: 1 } }],
    ['bad id', { kind: 'tip.command', command: { type: 'ticket.delete', ticketId: 'ticket:1' } }],
    ['wrong id type', { kind: 'tip.command', command: { type: 'ticket.delete', ticketId: 'conversation:01JABCDEFGHJKMNPQRSTVWXYZ0' } }],
    ['non-finite number', { kind: 'tip.command', command: { type: 'ticket.update', ticketId: TICKET, field: 'custom.x', value: Infinity } }],
    ['script url', { kind: 'tip.command', command: { type: 'conversation.observe', conversation: { source: 'demo', key: 'k', subject: '', channel: 'email', hostUrl: 'not a url', contact: { name: '', email: null, handle: null } } } }],
    ['huge text', { kind: 'tip.command', command: { type: 'note.add', ticketId: TICKET, text: 'x'.repeat(20_000) } }],
  ])('rejects %s with a typed error and runs nothing', async (_name, message) => {
    const { deps, executed } = fakeDeps();
    const reply = await handleRequest(deps, message, page);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('invalid');
      expect(reply.error.message).toMatch(/Malformed message/);
    }
    expect(executed).toEqual([]);
  });

  it('rejects fuzzed messages of many shapes without running anything', async () => {
    const { deps, executed } = fakeDeps();
    const types = ['ticket.create', 'ticket.update', 'ticket.setStatus', 'conversation.trash', 'note.add', 'settings.update', 'trash.restore'];
    const near = fc.record({
      kind: fc.constantFrom('tip.command', 'tip.query', 'tip.changed', ''),
      command: fc.oneof(fc.anything(), fc.record({ type: fc.constantFrom(...types), ticketId: fc.string(), text: fc.anything() })),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), near), async (message) => {
        const reply = await handleRequest(deps, message, page);
        expect(reply.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
    expect(executed).toEqual([]);
  });

  it('broadcasts a change after an applied command, with the records written', async () => {
    const record = { id: TICKET, causeId: 'cmd:01JABCDEFGHJKMNPQRSTVWXYZ1' } as never;
    const { deps, events, echoes } = fakeDeps({ ok: true, value: { writes: [{ op: 'put', record }], activity: [], result: { done: true } } });
    const reply = await handleRequest(deps, { kind: 'tip.command', command: { type: 'ticket.setStatus', ticketId: TICKET, status: 'closed' } }, content);
    // The reply carries the echo its tabs' event will carry, so the sender's sidebar skips that one.
    expect(reply).toEqual({ ok: true, data: { done: true }, echo: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(events).toEqual([{ kind: 'tip.changed', causeId: 'cmd:01JABCDEFGHJKMNPQRSTVWXYZ1', commandType: 'ticket.setStatus', ids: [TICKET] }]);
    expect(echoes).toEqual([(reply as { echo: string }).echo]);
  });

  it('passes a refusal through as a result and broadcasts nothing', async () => {
    const { deps, events } = fakeDeps({ ok: false, error: { code: 'conflict', key: 'conversationHasTicket', args: { id: 'T-1' }, message: 'This conversation already has a ticket.' } });
    const reply = await handleRequest(deps, { kind: 'tip.command', command: { type: 'ticket.setStatus', ticketId: TICKET, status: 'closed' } }, content);
    expect(reply).toEqual({ ok: false, error: { code: 'conflict', key: 'conversationHasTicket', args: { id: 'T-1' }, message: 'This conversation already has a ticket.' } });
    expect(events).toEqual([]);
  });

  it('turns a thrown error into an internal error result', async () => {
    const { deps } = fakeDeps();
    deps.execute = async () => {
      throw new Error('boom');
    };
    const reply = await handleRequest(deps, { kind: 'tip.command', command: { type: 'ticket.delete', ticketId: TICKET } }, page);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
