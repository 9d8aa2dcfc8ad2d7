import * as v from 'valibot';
import type { Applied, Command, CommandContext, Outcome, Reader } from '../domain/commands';
import type { Purged } from '../domain/rules';
import { AnyRequestSchema, describeIssues, PREFS, type AnyRequest, type DataRequest, type OpenTarget, type PrefKey, type Query, type SitesRequest } from './schemas';
import type { RefusalKey } from '../domain/refusals';
import { fail, newEcho, type ChangeEvent, type Reply } from './protocol';
import { changeTopics, viewTopics, type Tag } from './tags';
import type { ConversationSnapshot } from '../domain/types';
import type { SidebarView } from '../store';

/** What the router needs from the world; the background passes the real ones, tests fakes. */
export interface RouterDeps {
  /** This extension's id (`browser.runtime.id`). */
  extensionId: string;
  /** This extension's origin (`chrome-extension://<id>` or `moz-extension://<uuid>`). */
  extensionOrigin: string;
  execute(cmd: Command): Promise<Outcome>;
  query(q: Query): Promise<Reply>;
  /**
   * `topics` (core/messages/tags.ts) are what tabs get, hashed; none: the change may concern anything.
   * `echo` goes to tabs as is (TabChangeEvent.echo): the sender got it in its reply.
   */
  broadcast(event: ChangeEvent, topics?: string[], echo?: string): void;
  /** Hashes topics for tabs; without it `sidebar.view` carries none and the sidebar reloads on every change. */
  tag?: Tag;
  /** Opens an extension page in a new tab. */
  open(target: OpenTarget): Promise<void>;
  /** Enabled sites: list/add/remove (pages only). */
  sites(request: SitesRequest): Promise<Reply>;
  /** Export, import and erase of the whole help desk (pages only). */
  data(request: DataRequest): Promise<Reply>;
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

export type Privilege = 'page' | 'content' | 'foreign';
type Trusted = Exclude<Privilege, 'foreign'>;

const PAGES = ['page'] as const;
/** Commands only the service worker issues itself (never through a message). */
const NONE = [] as const;
const BOTH = ['page', 'content'] as const;

/**
 * Who may send what: every request kind, command and query, and the sender
 * kinds allowed it. A content script runs beside an untrusted page (a
 * compromised renderer could forge its messages), so it gets exactly what the
 * sidebar sends (components/models/sidebar-model.ts, components/sidebar/**)
 * and nothing that reads, rewrites or wipes beyond the open conversation. A
 * new command or query fails to compile until it has a row here.
 */
export const ACCESS = {
  request: {
    // `tip.command` and `tip.query` are decided per command and query below.
    'tip.command': BOTH,
    'tip.query': BOTH,
    // A web page can't navigate to an extension page, so the sidebar asks (R7).
    'tip.open': BOTH,
    // Each site's registration runs the reader the agent chose: no content script needs the list.
    'tip.sites': PAGES,
    // Reads or replaces the whole help desk.
    'tip.data': PAGES,
  },
  command: {
    'conversation.observe': BOTH,
    'ticket.create': BOTH,
    'ticket.associate': BOTH,
    'ticket.update': BOTH,
    'ticket.setStatus': BOTH,
    // The card's menu snoozes and its banner wakes.
    'ticket.snooze': BOTH,
    'ticket.unsnooze': BOTH,
    // The worker's own tick; it is not in the message schema either.
    'reminders.tick': NONE,
    // The sidebar trashes the conversation (R11), never a ticket by id.
    'ticket.delete': PAGES,
    // The card's tag chips and input.
    'ticket.setTags': BOTH,
    // The catalog is edited on the options page only.
    'tags.rename': PAGES,
    'tags.recolor': PAGES,
    'tags.remove': PAGES,
    'tickets.bulk': PAGES,
    // "Mark first response sent" on the card (sidebar and record page).
    'ticket.markResponded': BOTH,
    // Merging is done from the record page and the dashboard, never the sidebar.
    'ticket.merge': PAGES,
    'ticket.unmerge': PAGES,
    'conversation.setOwner': BOTH,
    'conversation.setStatus': BOTH,
    'conversation.trash': BOTH,
    // Content scripts: a conversation only (see `narrowedCommand`).
    'trash.restore': BOTH,
    'trash.purge': PAGES,
    'trash.purgeItem': PAGES,
    'contact.block': BOTH,
    'contact.spam': BOTH,
    // The sidebar's contact card: "Same person as …?", its confirm, dismiss and the split that undoes it.
    'contact.merge': BOTH,
    'contact.split': BOTH,
    'contact.dismiss': BOTH,
    'note.add': BOTH,
    // The sidebar edits and trashes its notes; the rule checks the author.
    'note.edit': BOTH,
    'note.delete': BOTH,
    'snippet.save': PAGES,
    'snippet.delete': PAGES,
    'agent.save': PAGES,
    'agent.delete': PAGES,
    // Content scripts: `displayedProperties` only (see `narrowedCommand`).
    'settings.update': BOTH,
  },
  query: {
    'sidebar.view': BOTH,
    // By the snapshot, like sidebar.view: a content script asks only about the conversation it shows.
    'contact.suggestions': BOTH,
    'ticket.record': PAGES,
    'tickets.list': PAGES,
    // R3: the sidebar searches every ticket to add its conversation to; the answer is names and stages, at most 50.
    'tickets.find': BOTH,
    'tickets.count': PAGES,
    'tickets.stats': PAGES,
    'trash.list': PAGES,
    // Agents, snippets and settings come to the sidebar inside `sidebar.view`.
    'settings.get': PAGES,
    // Content scripts: the sidebar's own keys only (schemas.ts PREFS).
    'prefs.get': BOTH,
    'prefs.set': BOTH,
    // Site health: each sidebar reports its site's check; the popup lists the last report per site.
    'health.report': ['content'],
    'health.list': PAGES,
    // Names a site and gets its diagnostics: landmark names, origin, versions, never page text.
    'health.diagnostics': ['content'],
  },
} as const satisfies {
  request: Record<AnyRequest['kind'], readonly Trusted[]>;
  command: Record<Command['type'], readonly Trusted[]>;
  query: Record<Query['type'], readonly Trusted[]>;
};

/** What `settings.update` from a content script may carry besides its type: the details panel's choice (R6). */
const CONTENT_SETTINGS_FIELDS: ReadonlySet<string> = new Set(['type', 'displayedProperties']);

/** Why `privilege` may not send `request`, or null when it may. */
export function refusal(privilege: Privilege, request: AnyRequest): Reply<never> | null {
  if (privilege === 'foreign') return fail('forbidden', 'foreignSender');
  if (!allows(ACCESS.request[request.kind], privilege)) return fail('forbidden', REQUEST_REFUSALS[request.kind] ?? 'notHere', { kind: request.kind });
  if (request.kind === 'tip.command') {
    const { command } = request;
    if (!allows(ACCESS.command[command.type], privilege)) return onlyPages(command.type);
    return privilege === 'content' ? narrowedCommand(command) : null;
  }
  if (request.kind === 'tip.query') {
    const { query } = request;
    if (!allows(ACCESS.query[query.type], privilege)) return onlyPages(query.type);
    if (query.type === 'prefs.get' || query.type === 'prefs.set') return prefRefusal(privilege, query);
  }
  return null;
}

const REQUEST_REFUSALS: Partial<Record<AnyRequest['kind'], RefusalKey>> = {
  'tip.sites': 'sitesOnlyOptions',
  'tip.data': 'dataOnlyOptions',
};

const allows = (row: readonly Trusted[], privilege: Privilege) => (row as readonly Privilege[]).includes(privilege);
const onlyPages = (type: string) => fail('forbidden', 'onlyPages', { type });

/** A content script's commands that its row allows only in part. */
function narrowedCommand(command: Command): Reply<never> | null {
  if (command.type === 'settings.update') {
    const extra = Object.keys(command).filter((k) => !CONTENT_SETTINGS_FIELDS.has(k));
    if (extra.length > 0 || command.displayedProperties === undefined) {
      return fail('forbidden', 'sidebarSettings');
    }
  }
  if (command.type === 'trash.restore' && !command.id.startsWith('conversation:')) {
    // The sidebar restores the conversation it trashed (which brings its ticket back), nothing else.
    return fail('forbidden', 'sidebarRestore');
  }
  return null;
}

/** A preference outside the sender's rows, or a value outside its key's bounds. */
function prefRefusal(privilege: Trusted, query: Extract<Query, { type: 'prefs.get' | 'prefs.set' }>): Reply<never> | null {
  const row = Object.hasOwn(PREFS, query.key) ? PREFS[query.key as PrefKey] : undefined;
  if (!row) return privilege === 'page' ? null : fail('forbidden', 'prefNotSidebar', { key: query.key });
  if (!allows(row.from, privilege)) return fail('forbidden', 'prefOnlyPages', { key: query.key });
  if (query.type === 'prefs.set') {
    const parsed = v.safeParse(row.value, query.value);
    if (!parsed.success) return fail('invalid', 'invalidMessage', { detail: describeIssues(parsed.issues) });
  }
  return null;
}

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

/** Validates, checks privilege (`ACCESS`), dispatches; never throws. */
export async function handleRequest(deps: RouterDeps, raw: unknown, sender: Sender): Promise<Reply> {
  try {
    const privilege = classifySender(sender, deps);
    if (privilege === 'foreign') return fail('forbidden', 'foreignSender');
    const parsed = v.safeParse(AnyRequestSchema, raw);
    if (!parsed.success) return fail('invalid', 'invalidMessage', { detail: describeIssues(parsed.issues) });
    const request = parsed.output;
    const refused = refusal(privilege, request);
    if (refused) return refused;
    if (request.kind === 'tip.sites') return await deps.sites(request);
    if (request.kind === 'tip.data') return await deps.data(request);
    if (request.kind === 'tip.open') {
      await deps.open(request.target);
      return { ok: true, data: null };
    }
    if (request.kind === 'tip.query') {
      // A page reports and reads its own site's health only: the origin it names is the sender's, as the browser says.
      const { query } = request;
      if ((query.type === 'health.report' || query.type === 'health.diagnostics') && query.origin !== (sender.origin ?? (sender.url ? safeOrigin(sender.url) : undefined))) {
        return fail('forbidden', 'healthOrigin');
      }
      const reply = await deps.query(request.query);
      return request.query.type === 'sidebar.view' && reply.ok ? await watched(deps, reply.data as SidebarView, request.query.conversation) : reply;
    }
    const command = request.command;
    const outcome = await deps.execute(command);
    if (!outcome.ok) return { ok: false, error: outcome.error };
    const ids = changedIds(command, outcome.value);
    // Tabs hear hashed topics: the change's own, and the tickets a purge left with less.
    if (ids.length === 0) return { ok: true, data: outcome.value.result ?? null };
    const echo = newEcho();
    deps.broadcast({ kind: 'tip.changed', causeId: causeOf(outcome.value), commandType: command.type, ids }, [...new Set([...changeTopics(outcome.value), ...ids])], echo);
    return { ok: true, data: outcome.value.result ?? null, echo };
  } catch (error) {
    return fail('internal', 'unexpected', { detail: error instanceof Error ? error.message : String(error) });
  }
}

/** A sidebar view with the hashes of what it shows; without them (no tagger, or it failed) the sidebar reloads on every change. */
async function watched(deps: RouterDeps, view: SidebarView, snapshot: ConversationSnapshot): Promise<Reply> {
  if (!deps.tag) return { ok: true, data: view };
  try {
    return { ok: true, data: { ...view, watch: await deps.tag(viewTopics(view, snapshot)) } };
  } catch {
    return { ok: true, data: view };
  }
}

/**
 * The records a command changed, and the tickets whose page shows them. A
 * removed activity entry is named by its ticket, not by its own id: a 30-day
 * purge may remove thousands, and listeners refresh by ticket. A purge also
 * names the tickets that stay but lost a conversation or note (a removed
 * record's id alone does not say whose it was).
 */
export function changedIds(command: Command, applied: Applied): string[] {
  const ids = new Set<string>();
  for (const w of applied.writes) ids.add(w.op === 'put' ? w.record.id : (ticketOfActivity(w.id) ?? w.id));
  for (const a of applied.activity) ids.add(a.ticketId);
  if (command.type === 'trash.purge' || command.type === 'trash.purgeItem') {
    for (const id of (applied.result as Partial<Purged> | undefined)?.tickets ?? []) ids.add(id);
  }
  return [...ids];
}

/** `activity:<ticketULID>:<ULID>` (core/domain/ids.ts) → `ticket:<ticketULID>`. */
function ticketOfActivity(id: string): string | undefined {
  const m = /^activity:([^:]+):[^:]+$/.exec(id);
  return m ? `ticket:${m[1]}` : undefined;
}

function causeOf(applied: Applied): string {
  for (const w of applied.writes) if (w.op === 'put') return w.record.causeId;
  return applied.activity[0]?.causeId ?? '';
}

export type ApplyFn = (reader: Reader, cmd: Command, ctx: CommandContext) => Promise<Outcome>;
