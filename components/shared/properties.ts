import { BUILTIN_PROPERTIES, DEFAULT_PRIORITIES, DEFAULT_STAGES } from '../../core/domain/defaults';
import type { Agent, PropertyDefinition, Settings, Ticket } from '../../core/domain/types';
import { builtinName, formatDate, t } from './i18n';

export interface Option {
  value: string;
  label: string;
}

export type Editor =
  | { kind: 'text' | 'textarea' | 'number' | 'date' }
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

export function stageLabel(settings: Settings, id: string): string {
  const stage = settings.stages.find((s) => s.id === id);
  if (!stage) return id;
  return builtinName(`stage:${id}`, stage.name, DEFAULT_STAGES.find((d) => d.id === id)?.name);
}

export function priorityLabel(settings: Settings, id: string): string {
  const p = settings.priorities.find((x) => x.id === id);
  if (!p) return id;
  return builtinName(`priority:${id}`, p.name, DEFAULT_PRIORITIES.find((d) => d.id === id)?.name);
}

export function agentLabel(agents: readonly Agent[], id: string | null, meId?: string): string {
  if (!id) return t('unassigned');
  const agent = agents.find((a) => a.id === id);
  const name = agent?.name || id;
  if (id !== meId) return name;
  // The local agent before they set a profile name is just "me".
  const me = t('me');
  return name === 'Me' ? me.charAt(0).toUpperCase() + me.slice(1) : `${name} (${me})`;
}

export const stageOptions = (settings: Settings): Option[] => settings.stages.map((s) => ({ value: s.id, label: stageLabel(settings, s.id) }));
export const agentOptions = (agents: readonly Agent[], meId?: string): Option[] =>
  agents.map((a) => ({ value: a.id, label: agentLabel(agents, a.id, meId) }));

/** Every property the details panel can show: the built-ins, then the agent's own. */
export function allProperties(settings: Settings): PropertyDefinition[] {
  return [...BUILTIN_PROPERTIES, ...settings.properties];
}

export function propertyLabel(settings: Settings, id: string): string {
  const def = allProperties(settings).find((p) => p.id === id);
  if (!def) return id;
  return BUILTIN_PROPERTIES.some((b) => b.id === id) ? builtinName(`prop:${id}`, def.name) : def.name;
}

const isoDate = (ms: number | null) => (ms == null ? '' : new Date(ms).toISOString().slice(0, 10));

/** Describes one property of a ticket for display and inline editing (R4). */
export function describeProperty(id: string, ticket: Ticket, settings: Settings, agents: readonly Agent[], meId?: string): PropertyView {
  const label = propertyLabel(settings, id);
  const plain = (value: string, editor: Editor | null): PropertyView => ({ id, label, value, display: value || t('empty'), editor });
  switch (id) {
    case 'name':
      return plain(ticket.name, { kind: 'text' });
    case 'status':
      return { id, label, value: ticket.status, display: stageLabel(settings, ticket.status), editor: { kind: 'select', options: stageOptions(settings) } };
    case 'priority':
      return {
        id,
        label,
        value: ticket.priority,
        display: priorityLabel(settings, ticket.priority),
        editor: { kind: 'select', options: settings.priorities.map((p) => ({ value: p.id, label: priorityLabel(settings, p.id) })) },
      };
    case 'owner':
      return {
        id,
        label,
        value: ticket.ownerId ?? '',
        display: agentLabel(agents, ticket.ownerId, meId),
        editor: { kind: 'select', options: agentOptions(agents, meId), allowEmpty: true },
      };
    case 'category':
      return plain(ticket.category, { kind: 'text' });
    case 'description':
      return plain(ticket.description, { kind: 'textarea' });
    case 'source':
      return { id, label, value: ticket.source, display: builtinName(`source:${ticket.source}`, ticket.source === 'email' ? 'Email' : 'Chat'), editor: null };
    case 'createDate':
      return { id, label, value: isoDate(ticket.createdAt), display: formatDate(ticket.createdAt), editor: null };
    case 'lastActivity':
      return { id, label, value: isoDate(ticket.lastActivityAt), display: formatDate(ticket.lastActivityAt), editor: null };
    case 'closeDate':
      return { id, label, value: isoDate(ticket.closedAt), display: ticket.closedAt ? formatDate(ticket.closedAt) : t('empty'), editor: null };
    default:
      return describeCustom(id, label, ticket, settings);
  }
}

function describeCustom(id: string, label: string, ticket: Ticket, settings: Settings): PropertyView {
  const def = settings.properties.find((p) => p.id === id);
  const raw = ticket.custom[id];
  const value = raw == null ? '' : String(raw);
  if (!def) return { id, label, value, display: value || t('empty'), editor: null };
  const display = def.type === 'date' && value ? formatDate(Date.parse(`${value}T00:00:00`)) : value;
  const editor: Editor =
    def.type === 'select'
      ? { kind: 'select', options: (def.options ?? []).map((o) => ({ value: o, label: o })), allowEmpty: true }
      : { kind: def.type };
  return { id, label, value, display: display || t('empty'), editor };
}

/** The value to send for an edited property (`ticket.update`), from the editor's string. */
export function parseEdited(view: PropertyView, input: string): string | number | null {
  if (view.editor?.kind === 'number') return input.trim() === '' ? null : Number(input);
  if (view.id === 'owner') return input === '' ? null : input;
  if (view.editor?.kind === 'select' && view.editor.allowEmpty && input === '') return null;
  return input;
}
