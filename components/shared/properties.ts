import { BUILTIN_PROPERTIES, DEFAULT_PRIORITIES, DEFAULT_STAGES } from '../../core/domain/defaults';
import { dueAtOf, type Agent, type PropertyDefinition, type Settings, type Ticket } from '../../core/domain/types';
import { builtinName, formatDate, formatDateTime, t } from './i18n';

export interface Option {
  value: string;
  label: string;
}

export type Editor =
  | { kind: 'text' | 'textarea' | 'number' | 'date' | 'datetime-local' }
  | { kind: 'select'; options: Option[]; allowEmpty?: boolean };

/** One ticket property as the card and the details panel show it. */
export interface PropertyView {
  id: string;
  label: string;
  /** Raw value for `data-value` (stage id, agent id, ISO date…). */
  value: string;
  /** What a person reads. */
  display: string;
  /** Null when read-only (dates the system sets). */
  editor: Editor | null;
}

/** A stage's or priority's name in the agent's language (`stage:new`, `priority:high`), or the agent's own. */
function pipelineLabel(kind: 'stage' | 'priority', list: readonly { id: string; name: string }[], defaults: readonly { id: string; name: string }[], id: string): string {
  const found = list.find((x) => x.id === id);
  return found ? builtinName(`${kind}:${id}`, found.name, defaults.find((d) => d.id === id)?.name) : id;
}

export const stageLabel = (settings: Settings, id: string): string => pipelineLabel('stage', settings.stages, DEFAULT_STAGES, id);

export const priorityLabel = (settings: Settings, id: string): string => pipelineLabel('priority', settings.priorities, DEFAULT_PRIORITIES, id);

export function agentLabel(agents: readonly Agent[], id: string | null, meId?: string): string {
  if (!id) return t('unassigned');
  const name = agents.find((a) => a.id === id)?.name || id;
  if (id !== meId) return name;
  // The local agent before they set a profile name is just "me".
  const me = t('me');
  return name === 'Me' ? me.charAt(0).toUpperCase() + me.slice(1) : `${name} (${me})`;
}

export const stageOptions = (settings: Settings): Option[] => settings.stages.map((s) => ({ value: s.id, label: stageLabel(settings, s.id) }));
const priorityOptions = (settings: Settings): Option[] => settings.priorities.map((p) => ({ value: p.id, label: priorityLabel(settings, p.id) }));
export const agentOptions = (agents: readonly Agent[], meId?: string): Option[] =>
  agents.map((a) => ({ value: a.id, label: agentLabel(agents, a.id, meId) }));

/** Every property the details panel can show: the built-ins, then the agent's own. */
export function allProperties(settings: Settings): PropertyDefinition[] {
  return [...BUILTIN_PROPERTIES, ...settings.properties];
}

export function propertyLabel(settings: Settings, id: string): string {
  const def = allProperties(settings).find((p) => p.id === id);
  if (!def) return id === 'tags' ? t('tag_label') : id;
  if (id === 'due') return t('timeDue');
  return BUILTIN_PROPERTIES.some((b) => b.id === id) ? builtinName(`prop:${id}`, def.name) : def.name;
}

const isoDate = (ms: number | null) => (ms == null ? '' : new Date(ms).toISOString().slice(0, 10));
const select = (options: Option[], allowEmpty?: boolean): Editor => ({ kind: 'select', options, allowEmpty });

/** Describes one property of a ticket for display and inline editing (R4). */
export function describeProperty(id: string, ticket: Ticket, settings: Settings, agents: readonly Agent[], meId?: string): PropertyView {
  const label = propertyLabel(settings, id);
  const view = (value: string, display: string, editor: Editor | null = null): PropertyView => ({ id, label, value, display, editor });
  const plain = (value: string, kind: 'text' | 'textarea') => view(value, value || t('empty'), { kind });
  const date = (ms: number | null, display = formatDate(ms)) => view(isoDate(ms), display);
  switch (id) {
    case 'name':
      return plain(ticket.name, 'text');
    case 'status':
      return view(ticket.status, stageLabel(settings, ticket.status), select(stageOptions(settings)));
    case 'priority':
      return view(ticket.priority, priorityLabel(settings, ticket.priority), select(priorityOptions(settings)));
    case 'owner':
      return view(ticket.ownerId ?? '', agentLabel(agents, ticket.ownerId, meId), select(agentOptions(agents, meId), true));
    case 'category':
      return plain(ticket.category, 'text');
    case 'description':
      return plain(ticket.description, 'textarea');
    case 'source':
      return view(ticket.source, builtinName(`source:${ticket.source}`, ticket.source === 'email' ? 'Email' : 'Chat'));
    case 'createDate':
      return date(ticket.createdAt);
    case 'lastActivity':
      return date(ticket.lastActivityAt);
    case 'closeDate':
      return date(ticket.closedAt, ticket.closedAt ? formatDate(ticket.closedAt) : t('empty'));
    case 'due': {
      const due = dueAtOf(ticket);
      return view(localDateTime(due), dueDisplay(due, Date.now()), { kind: 'datetime-local' });
    }
    default:
      return describeCustom(view, ticket.custom[id], settings.properties.find((p) => p.id === id));
  }
}

function describeCustom(
  view: (value: string, display: string, editor?: Editor | null) => PropertyView,
  raw: Ticket['custom'][string] | undefined,
  def: PropertyDefinition | undefined,
): PropertyView {
  const value = raw == null ? '' : String(raw);
  const display = (def?.type === 'date' && value ? formatDate(Date.parse(`${value}T00:00:00`)) : value) || t('empty');
  if (!def) return view(value, display);
  return view(value, display, def.type === 'select' ? select((def.options ?? []).map((o) => ({ value: o, label: o })), true) : { kind: def.type });
}

/** An `<input type="datetime-local">` value in the agent's own time zone (`2026-03-01T09:30`), or ''. */
export function localDateTime(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value read in the agent's time zone, or null when empty; the text as typed when it is not one (the rule refuses it). */
export function parseLocalDateTime(input: string): number | string | null {
  const text = input.trim();
  if (text === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return text;
  const n = (i: number) => Number(m[i] ?? 0);
  return new Date(n(1), n(2) - 1, n(3), n(4), n(5), n(6)).getTime();
}

/** The due date as the card shows it, "overdue" once it has passed. */
export function dueDisplay(due: number | null, now: number): string {
  if (due === null) return t('empty');
  return due <= now ? `${formatDateTime(due)} · ${t('timeOverdue')}` : formatDateTime(due);
}

/** The value to send for an edited property (`ticket.update`), from the editor's string. */
export function parseEdited(view: PropertyView, input: string): string | number | null {
  if (view.editor?.kind === 'datetime-local') return parseLocalDateTime(input);
  if (view.editor?.kind === 'number') return input.trim() === '' ? null : Number(input);
  if (view.id === 'owner') return input === '' ? null : input;
  if (view.editor?.kind === 'select' && view.editor.allowEmpty && input === '') return null;
  return input;
}
