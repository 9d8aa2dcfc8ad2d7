import * as v from 'valibot';
import type { Command } from '../../../core/domain/commands';
import { handleRequest, type RouterDeps, type Sender } from '../../../core/messages/router';
import { CommandSchema, QuerySchema } from '../../../core/messages/schemas';

/** The dashboard's messages: bulk changes, delete-forever and the charts are for extension pages only. */

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}`;
const page: Sender = { id: EXT_ID, url: `${ORIGIN}/dashboard.html`, origin: ORIGIN };
const content: Sender = { id: EXT_ID, url: 'http://127.0.0.1:5174/c/x', origin: 'http://127.0.0.1:5174', tab: { id: 3 } };
const ticketId = (n: number) => `ticket:01JABCDEFGHJKMNPQRSTV${String(n).padStart(5, '0')}`;

function fakeDeps() {
  const executed: Command[] = [];
  const deps = {
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    execute: async (cmd: Command) => {
      executed.push(cmd);
      return { ok: true as const, value: { writes: [], activity: [] } };
    },
    query: async () => ({ ok: true as const, data: 'queried' }),
    broadcast: () => undefined,
    open: async () => undefined,
    sites: async () => ({ ok: true as const, data: null }),
  } satisfies Partial<RouterDeps>;
  // Only what these messages reach; the other handlers belong to other tests.
  return { deps: deps as unknown as RouterDeps, executed };
}

const BULK = { kind: 'tip.command', command: { type: 'tickets.bulk', ticketIds: [ticketId(1)], action: { type: 'status', status: 'closed' } } };
const PURGE_ITEM = { kind: 'tip.command', command: { type: 'trash.purgeItem', id: ticketId(1) } };
const STATS = { kind: 'tip.query', query: { type: 'tickets.stats', dayStarts: [0, 86_400_000] } };

describe('dashboard messages', () => {
  it.each([
    ['tickets.bulk', BULK],
    ['trash.purgeItem', PURGE_ITEM],
    ['tickets.stats', STATS],
  ])('%s is refused from a content script and accepted from an extension page', async (_name, message) => {
    const { deps, executed } = fakeDeps();
    expect(await handleRequest(deps, message, content)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(executed).toEqual([]);
    expect((await handleRequest(deps, message, page)).ok).toBe(true);
  });

  it.each([
    ['no tickets', { type: 'tickets.bulk', ticketIds: [], action: { type: 'delete' } }],
    ['501 tickets', { type: 'tickets.bulk', ticketIds: Array.from({ length: 501 }, (_, i) => ticketId(i)), action: { type: 'delete' } }],
    ['a conversation id', { type: 'tickets.bulk', ticketIds: ['conversation:01JABCDEFGHJKMNPQRSTVWXYZ0'], action: { type: 'delete' } }],
    ['an unknown action', { type: 'tickets.bulk', ticketIds: [ticketId(1)], action: { type: 'explode' } }],
    ['an extra action field', { type: 'tickets.bulk', ticketIds: [ticketId(1)], action: { type: 'delete', all: true } }],
    ['an owner that is not an agent id', { type: 'tickets.bulk', ticketIds: [ticketId(1)], action: { type: 'owner', ownerId: 'me' } }],
    ['a purge of a bad id', { type: 'trash.purgeItem', id: 'everything' }],
  ])('the command schema rejects %s', (_name, command) => {
    expect(v.safeParse(CommandSchema, command).success).toBe(false);
  });

  it('accepts every bulk action', () => {
    for (const action of [
      { type: 'status', status: 'closed' },
      { type: 'owner', ownerId: null },
      { type: 'owner', ownerId: 'agent:01JABCDEFGHJKMNPQRSTVWXYZ0' },
      { type: 'priority', priority: 'high' },
      { type: 'delete' },
    ]) {
      expect(v.safeParse(CommandSchema, { type: 'tickets.bulk', ticketIds: [ticketId(1), ticketId(2)], action }).success).toBe(true);
    }
  });

  it.each([
    ['one boundary', [0]],
    ['descending days', [86_400_000, 0]],
    ['negative time', [-1, 0]],
    ['a year and more', Array.from({ length: 368 }, (_, i) => i)],
  ])('the stats query rejects %s', (_name, dayStarts) => {
    expect(v.safeParse(QuerySchema, { type: 'tickets.stats', dayStarts }).success).toBe(false);
  });
});
