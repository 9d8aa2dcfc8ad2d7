import * as v from 'valibot';
import type { Applied, Command, CommandContext, Outcome, Reader } from '../domain/commands';
import { AnyRequestSchema, describeIssues, type DataRequest, type OpenTarget, type Query, type SitesRequest } from './schemas';
import { fail, type ChangeEvent, type Part, type Reply } from './protocol';

/** What the router needs from the world; the background passes the real ones, tests fakes. */
export interface RouterDeps {
  /** This extension's id (`browser.runtime.id`). */
  extensionId: string;
  /** This extension's origin (`chrome-extension://<id>` or `moz-extension://<uuid>`). */
  extensionOrigin: string;
  execute(cmd: Command): Promise<Outcome>;
  query(q: Query): Promise<Reply>;
  broadcast(event: ChangeEvent): void;
  /** Opens an extension page in a new tab. */
  open(target: OpenTarget): Promise<void>;
  /** Enabled sites: list/add/remove (pages only). */
  sites(request: SitesRequest): Promise<Reply>;
  /** Export, import and erase of the whole help desk (pages only). */
  data(request: DataRequest): Promise<Reply>;
  /**
   * Runs one of the sidebar's parts in the document that asked (`scripting.executeScript`):
   * by `documentId` where the browser names it, else by frame.
   */
  inject(part: Part, target: { tabId: number; frameId: number; documentId?: string }): Promise<void>;
}

/** The parts of `runtime.MessageSender` the router trusts: set by the browser, not the page. */
export interface Sender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  /** The frame the message came from in that tab (0: the top frame). */
  frameId?: number;
  /**
   * The document the message came from (Chrome 106+; Firefox has none): unlike
   * the frame, it no longer matches once that frame has navigated elsewhere.
   */
  documentId?: string;
}

/**
 * Commands and queries only extension pages may send. A content script runs
 * beside an untrusted page (a compromised renderer could forge its messages),
 * so it gets the sidebar's needs and nothing that reads or wipes the whole help desk.
 */
const PRIVILEGED_COMMANDS: ReadonlySet<Command['type']> = new Set(['trash.purge', 'trash.purgeItem', 'tickets.bulk']);
const PRIVILEGED_QUERIES: ReadonlySet<Query['type']> = new Set(['ticket.record', 'tickets.list', 'tickets.count', 'tickets.stats', 'trash.list']);

export type Privilege = 'page' | 'content' | 'foreign';

/** Who sent a message, from what the browser says about the sender. */
export function classifySender(sender: Sender, deps: Pick<RouterDeps, 'extensionId' | 'extensionOrigin'>): Privilege {
  if (sender.id !== deps.extensionId) return 'foreign';
  const from = sender.origin ?? (sender.url ? safeOrigin(sender.url) : undefined);
  if (from === deps.extensionOrigin) return 'page';
  // Our own id but not our origin: a content script in some page's tab.
  return sender.tab ? 'content' : 'foreign';
}

function safeOrigin(url: string): string | undefined {
  try {
    const u = new URL(url);
    // `new URL('chrome-extension://id/x').origin` is "null" in some runtimes.
    return `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}

/** Validates, checks privilege, dispatches; never throws. */
export async function handleRequest(deps: RouterDeps, raw: unknown, sender: Sender): Promise<Reply> {
  try {
    const privilege = classifySender(sender, deps);
    if (privilege === 'foreign') return fail('forbidden', 'Messages are accepted only from Tickets in place itself.');
    const parsed = v.safeParse(AnyRequestSchema, raw);
    if (!parsed.success) return fail('invalid', describeIssues(parsed.issues));
    const request = parsed.output;
    if (request.kind === 'tip.sites') {
      // Each site's registration runs the reader the agent chose: no content script needs the list.
      if (privilege !== 'page') return fail('forbidden', 'Sites are enabled only from the options page.');
      return await deps.sites(request);
    }
    if (request.kind === 'tip.data') {
      // Reads or replaces the whole help desk: never from beside a host page.
      if (privilege !== 'page') return fail('forbidden', 'Export, import and erase are available only on the options page.');
      return await deps.data(request);
    }
    if (request.kind === 'tip.part') {
      // Only a sidebar beside a page loads parts, and only into its own frame.
      const tabId = sender.tab?.id;
      if (privilege !== 'content' || tabId === undefined) return fail('forbidden', 'Only the sidebar in a page loads its parts.');
      // Only the browser's word for the document: the message itself can't name one (a strict schema).
      const { documentId } = sender;
      await deps.inject(request.part, { tabId, frameId: sender.frameId ?? 0, ...(documentId ? { documentId } : {}) });
      return { ok: true, data: null };
    }
    if (request.kind === 'tip.open') {
      await deps.open(request.target);
      return { ok: true, data: null };
    }
    if (request.kind === 'tip.query') {
      if (privilege !== 'page' && PRIVILEGED_QUERIES.has(request.query.type)) {
        return fail('forbidden', `"${request.query.type}" is available only on the extension's own pages.`);
      }
      return await deps.query(request.query);
    }
    const command = request.command;
    if (privilege !== 'page' && PRIVILEGED_COMMANDS.has(command.type)) {
      return fail('forbidden', `"${command.type}" is available only on the extension's own pages.`);
    }
    const outcome = await deps.execute(command);
    if (!outcome.ok) return { ok: false, error: outcome.error };
    const ids = changedIds(outcome.value);
    if (ids.length > 0) deps.broadcast({ kind: 'tip.changed', causeId: causeOf(outcome.value), commandType: command.type, ids });
    return { ok: true, data: outcome.value.result ?? null };
  } catch (error) {
    return fail('internal', `Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function changedIds(applied: Applied): string[] {
  const ids = new Set<string>();
  for (const w of applied.writes) ids.add(w.op === 'put' ? w.record.id : w.id);
  for (const a of applied.activity) ids.add(a.ticketId);
  return [...ids];
}

function causeOf(applied: Applied): string {
  for (const w of applied.writes) if (w.op === 'put') return w.record.causeId;
  return applied.activity[0]?.causeId ?? '';
}

export type ApplyFn = (reader: Reader, cmd: Command, ctx: CommandContext) => Promise<Outcome>;
