import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Command } from '../../../core/domain/commands';
import type { ExportFile } from '../../../core/domain/export-format';
import { makeId } from '../../../core/domain/ids';
import { applyCommand, type CommandResults } from '../../../core/domain/rules';
import type { ConversationSnapshot } from '../../../core/domain/types';
import { createClient } from '../../../core/messages/client';
import { exportFileParts } from '../../../core/messages/data-client';
import { createDataService } from '../../../core/messages/data-service';
import type { ChangeEvent, ProgressEvent } from '../../../core/messages/protocol';
import { handleRequest, type RouterDeps } from '../../../core/messages/router';
import { createService } from '../../../core/messages/service';
import { openHelpDesk, type HelpDeskStore } from '../../../core/store';
import { fakeUlid, testClock } from './fixtures';

/**
 * A help desk built through the real rules, and the background's data path
 * (router → data service → store) on fake-indexeddb, for the export, import
 * and erase tests.
 */

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}`;
export const PAGE_SENDER = { id: EXT_ID, url: `${ORIGIN}/options.html`, origin: ORIGIN };

export function thread(key: string, over: Partial<ConversationSnapshot> = {}): ConversationSnapshot {
  return {
    source: 'demo',
    key,
    subject: `Order ${key}`,
    channel: 'email',
    hostUrl: `http://127.0.0.1:5174/c/${key}`,
    contact: { name: `Customer ${key}`, email: `${key}@example.com`, handle: null },
    ...over,
  };
}

export interface Background {
  factory: IDBFactory;
  store: HelpDeskStore;
  clock: ReturnType<typeof testClock>;
  events: ChangeEvent[];
  progress: ProgressEvent[];
  /** How many times the background's services opened the store (a dropped connection is reopened). */
  opens: { count: number };
  /** The options page's client over the real router. */
  client: ReturnType<typeof createClient>;
  run<C extends Command>(cmd: C): Promise<CommandResults[C['type']]>;
}

/**
 * A background on its own in-memory IndexedDB, reached through the real
 * router. Ids count up from `firstUlid`: give two installations different ones.
 */
export async function openBackground(
  factory = new IDBFactory(),
  firstUlid = 0,
  opts: { storageFullMessage?: () => string } = {},
): Promise<Background> {
  const clock = testClock();
  let n = firstUlid;
  const newUlid = () => fakeUlid(++n);
  const open = () => openHelpDesk(factory, { keyRange: IDBKeyRange, now: clock.now, newUlid });
  const store = await open();
  const opens = { count: 0 };
  const reopen = () => {
    opens.count++;
    return open();
  };
  const events: ChangeEvent[] = [];
  const progress: ProgressEvent[] = [];
  const deps: RouterDeps = {
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    ...createService(reopen, applyCommand, opts),
    broadcast: (e) => void events.push(e),
    open: async () => undefined,
    sites: async () => ({ ok: true, data: [] }),
    data: createDataService({
      openStore: reopen,
      broadcast: (e) => void events.push(e),
      progress: (e) => void progress.push(e),
      newId: () => makeId('cmd', newUlid()),
      now: clock.now,
      ...opts,
    }),
  };
  const client = createClient((message) => handleRequest(deps, message, PAGE_SENDER));
  async function run<C extends Command>(cmd: C): Promise<CommandResults[C['type']]> {
    clock.advance(1000);
    const outcome = await store.execute(cmd, (reader, ctx) => applyCommand(reader, cmd, ctx));
    if (!outcome.ok) throw new Error(`${cmd.type} refused: ${outcome.error.message}`);
    return outcome.value.result as CommandResults[C['type']];
  }
  return { factory, store, clock, events, progress, opens, client, run };
}

/**
 * Every kind of record, trashed ones too: teammates, custom properties and
 * stages, tickets with one and two conversations, notes, a snippet, a closed
 * ticket, a blocked contact, a trashed ticket and a trashed snippet.
 */
export async function fillHelpDesk(bg: Background): Promise<{ ticketIds: string[] }> {
  const meId = (await bg.store.meta()).meId;
  await bg.run({ type: 'agent.save', id: meId, name: 'Ana Agent', email: 'ana@example.com' });
  const sam = await bg.run({ type: 'agent.save', name: 'Sam Rivera', email: 'sam@example.com' });
  const settings = await bg.store.settings();
  await bg.run({
    type: 'settings.update',
    stages: [...settings.stages.slice(0, 3), { id: 'escalated', name: 'Escalated', closed: false }, settings.stages[3]!],
    properties: [
      { id: 'custom.plan', name: 'Plan', type: 'select', options: ['Free', 'Pro'] },
      { id: 'custom.seats', name: 'Seats', type: 'number' },
    ],
  });
  const a = await bg.run({ type: 'ticket.create', conversation: thread('t-1'), fields: { name: 'Refund <b>please</b>', ownerId: sam.id } });
  await bg.run({ type: 'ticket.associate', conversation: thread('t-1-chat', { source: 'slack', channel: 'chat', hostUrl: 'https://app.slack.com/client/T1/C1' }), ticketId: a.ticket.id });
  await bg.run({ type: 'ticket.update', ticketId: a.ticket.id, field: 'custom.plan', value: 'Pro' });
  await bg.run({ type: 'ticket.update', ticketId: a.ticket.id, field: 'custom.seats', value: 12 });
  await bg.run({ type: 'note.add', ticketId: a.ticket.id, text: 'Called back, "=1+1" in the subject' });
  const b = await bg.run({ type: 'ticket.create', conversation: thread('t-2'), fields: { name: 'Login broken', priority: 'urgent' } });
  await bg.run({ type: 'ticket.setStatus', ticketId: b.ticket.id, status: 'closed' });
  const c = await bg.run({ type: 'ticket.create', conversation: thread('t-3'), fields: { name: 'Spam maybe' } });
  await bg.run({ type: 'contact.block', contactId: c.ticket.contactId!, blocked: true });
  await bg.run({ type: 'ticket.delete', ticketId: c.ticket.id });
  const snippet = await bg.run({ type: 'snippet.save', name: 'Thanks', body: 'Thanks for writing!' });
  await bg.run({ type: 'snippet.save', name: 'Old', body: 'Old reply' }).then((s) => bg.run({ type: 'snippet.delete', id: s.id }));
  await bg.run({ type: 'conversation.observe', conversation: thread('t-4') });
  void snippet;
  return { ticketIds: [a.ticket.id, b.ticket.id, c.ticket.id] };
}

/** The export file as the options page makes it, parsed back. */
export async function exportFile(bg: Background, at = new Date('2026-01-02T03:04:05.000Z')): Promise<ExportFile> {
  const parts = await exportFileParts(bg.client.data, at);
  return JSON.parse(parts.join('')) as ExportFile;
}

/** An export without the one field that must differ between two exports of the same help desk. */
export function withoutTime(file: ExportFile): Omit<ExportFile, 'exportedAt'> {
  const { exportedAt: _at, ...rest } = file;
  return rest;
}
