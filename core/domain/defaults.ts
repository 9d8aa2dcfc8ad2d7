import { defaultSla, isTimeZone, type SlaSettings } from './sla';
import { SCHEMA_VERSION, type PropertyDefinition, type Priority, type Settings, type Stage } from './types';

/** The defaults of docs/rules.md "Defaults". */
export const DEFAULT_STAGES: Stage[] = [
  { id: 'new', name: 'New', closed: false },
  { id: 'waiting-contact', name: 'Waiting on contact', closed: false },
  { id: 'waiting-us', name: 'Waiting on us', closed: false },
  { id: 'closed', name: 'Closed', closed: true },
];

export const DEFAULT_PRIORITIES: Priority[] = [
  { id: 'low', name: 'Low' },
  { id: 'medium', name: 'Medium' },
  { id: 'high', name: 'High' },
  { id: 'urgent', name: 'Urgent' },
];

/** Built-in ticket properties, in the order the details panel lists them. */
export const BUILTIN_PROPERTIES: PropertyDefinition[] = [
  { id: 'name', name: 'Name', type: 'text' },
  { id: 'status', name: 'Status', type: 'select' },
  { id: 'priority', name: 'Priority', type: 'select' },
  { id: 'owner', name: 'Owner', type: 'select' },
  { id: 'category', name: 'Category', type: 'text' },
  { id: 'description', name: 'Description', type: 'text' },
  { id: 'source', name: 'Source', type: 'select' },
  { id: 'createDate', name: 'Create date', type: 'date' },
  { id: 'lastActivity', name: 'Last activity', type: 'date' },
  { id: 'closeDate', name: 'Close date', type: 'date' },
  // A date and time (epoch ms), edited inline; core/domain/rules/time.ts.
  { id: 'due', name: 'Due date', type: 'date' },
];

/** R6: the compact card's set is fixed. */
export const CARD_PROPERTIES = ['status', 'priority', 'owner', 'createDate', 'due'] as const;

/** R6: the details panel's default displayed set (editable, kept in settings). */
export const DEFAULT_DISPLAYED = [
  'status',
  'priority',
  'owner',
  'category',
  'description',
  'source',
  'createDate',
  'lastActivity',
  'closeDate',
];

/** Properties an agent can type or pick (R4); the dates above are read-only. */
export const EDITABLE_BUILTINS = ['name', 'status', 'priority', 'owner', 'category', 'description', 'due'] as const;

/** Trash is purged after this long (ms). */
export const TRASH_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export const SETTINGS_ID = 'settings:main';

/** The SLA defaults of docs/rules.md, in UTC (a new help desk gets the agent's zone: defaultSettings). */
export const DEFAULT_SLA: SlaSettings = /* @__PURE__ */ defaultSla('UTC');

/** The zone the runtime runs in (the agent's), else UTC. */
export function localTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return typeof zone === 'string' && isTimeZone(zone) ? zone : 'UTC';
}

/** The settings record a new help desk starts with. */
export function defaultSettings(at: { now: number; clock: string; deviceId: string; agentId: string; causeId: string; timeZone?: string }): Settings {
  return {
    id: SETTINGS_ID,
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    createdAt: at.now,
    updatedAt: at.now,
    updatedBy: at.agentId,
    deviceId: at.deviceId,
    clock: { stages: at.clock, priorities: at.clock, properties: at.clock, displayedProperties: at.clock, sla: at.clock },
    causeId: at.causeId,
    deletedAt: null,
    stages: DEFAULT_STAGES.map((s) => ({ ...s })),
    priorities: DEFAULT_PRIORITIES.map((p) => ({ ...p })),
    properties: [],
    displayedProperties: [...DEFAULT_DISPLAYED],
    sla: defaultSla(at.timeZone ?? localTimeZone()),
  };
}
