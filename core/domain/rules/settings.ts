import { SETTINGS_LISTS, type Command, type SettingsList } from '../commands';
import { BUILTIN_PROPERTIES } from '../defaults';
import { CUSTOM_PREFIX, sameValue } from '../records';
import { refusal, type RefusalArgs, type RefusalKey } from '../refusals';
import type { Priority, PropertyDefinition, PropertyType, Settings, Stage, Ticket } from '../types';
import { checkSlaSettings } from './sla-settings';
import { Refused, refuse, type Session } from './session';
import { setTicketStatus } from './status';
import { optionText, requiredText } from './validate';

type SettingsCommand = Extract<Command, { type: 'settings.update' }>;

const PROPERTY_TYPES: readonly PropertyType[] = ['text', 'number', 'select', 'date'];
const CUSTOM_ID = /^custom\.[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * The options page's help-desk settings. Each part given is checked whole
 * and written as one field (each has its own clock); parts left out are kept.
 *
 * Stages, priorities and properties are sent as whole lists, so a list
 * computed from a stale copy would silently drop another tab's change: the
 * editor says which clock it saw (`expected`) and a list changed since is
 * refused before anything is written. `displayedProperties` carries no
 * clock: it is how the details panel shows tickets, toggled one property at
 * a time (also from the sidebar, whose content script may send nothing else
 * in this command), and a lost toggle is visible at once and redone in one
 * click.
 */
export async function updateSettings(s: Session, cmd: SettingsCommand): Promise<Settings> {
  const current = await s.settings();
  const stages = cmd.stages === undefined ? undefined : checkStages(cmd.stages);
  const priorities = cmd.priorities === undefined ? undefined : checkPriorities(cmd.priorities);
  const properties = cmd.properties === undefined ? undefined : checkProperties(cmd.properties);
  assertUnchangedSince(cmd, current, { stages, priorities, properties });
  const displayedProperties = checkDisplayed(cmd.displayedProperties, properties, current);
  if (stages) await moveStageTickets(s, current.stages, stages, cmd.moveTickets ?? {});
  if (priorities) await assertRemovedPrioritiesUnused(s, current.priorities, priorities);
  const reopenOnMessage = cmd.reopenOnMessage === undefined ? undefined : cmd.reopenOnMessage === true;
  const sla = cmd.sla === undefined ? undefined : checkSlaSettings(cmd.sla, priorities ?? current.priorities, stages ?? current.stages);
  s.change<Settings>(current, { stages, priorities, properties, displayedProperties, reopenOnMessage, sla });
  return s.current(current);
}

// ---- stale copies ----

const STALE_KEY = { stages: 'staleStages', priorities: 'stalePriorities', properties: 'staleProperties' } as const;

/**
 * A list sent that equals the stored one writes nothing, so it is let
 * through however old its copy: the same save sent twice (a name edited in
 * place saves on Enter and again on blur before the page reloads) must not
 * turn into a conflict with itself.
 */
function assertUnchangedSince(cmd: SettingsCommand, current: Settings, lists: Partial<Pick<Settings, SettingsList>>): void {
  for (const list of SETTINGS_LISTS) {
    const seen = cmd.expected?.[list];
    const sent = lists[list];
    if (sent === undefined || seen === undefined || current.clock[list] === seen || sameValue(sent, current[list])) continue;
    throw new Refused({ ...refusal('conflict', STALE_KEY[list]), stale: list });
  }
}

// ---- stages ----

function checkStages(input: unknown): Stage[] {
  const stages = listOf(input, 'stagesListInvalid').map((item) => ({
    id: requiredText(item.id, 'stageId'),
    name: requiredText(item.name, 'stageName'),
    closed: item.closed === true,
  }));
  if (stages.length === 0) refuse('invalid', 'stagesNone');
  assertUnique(stages.map((st) => st.id), (id) => ['stageDuplicateId', { id }]);
  assertUnique(stages.map((st) => st.name.toLowerCase()), () => ['stageDuplicateName']);
  if (stages.filter((st) => st.closed).length !== 1) refuse('invalid', 'stagesOneClosed');
  if (!stages.some((st) => !st.closed)) refuse('invalid', 'stagesOneOpen');
  return stages;
}

/**
 * Tickets never end up in a status that no longer exists: a removed status's
 * tickets move to `moveTickets[removedId]` through the R8/R9 cascade. A
 * status can't switch between open and closed while tickets use it (they
 * would break R8 silently); the agent moves them first.
 */
async function moveStageTickets(
  s: Session,
  before: Stage[],
  after: Stage[],
  moves: Record<string, string>,
): Promise<void> {
  const kept = (id: string) => after.find((st) => st.id === id);
  // Checked before any move, so tickets moved into a switched status don't count against it.
  for (const stage of before.filter((st) => kept(st.id) && kept(st.id)?.closed !== st.closed)) {
    const tickets = await liveTicketsIn(s, stage);
    if (tickets.length > 0) {
      refuse('conflict', tickets.length === 1 ? 'stageSwitchInUseOne' : 'stageSwitchInUse', { n: tickets.length, name: stage.name });
    }
  }
  for (const stage of before.filter((st) => !kept(st.id))) {
    const tickets = await liveTicketsIn(s, stage);
    if (tickets.length === 0) continue;
    const target = moves[stage.id];
    if (target === undefined) {
      refuse('conflict', tickets.length === 1 ? 'stageRemoveInUseOne' : 'stageRemoveInUse', { n: tickets.length, name: stage.name });
    }
    if (!kept(target)) refuse('invalid', 'stageMoveTarget', { name: stage.name, target });
    for (const ticket of tickets) await setTicketStatus(s, ticket, target, after);
  }
}

async function liveTicketsIn(s: Session, stage: Stage): Promise<Ticket[]> {
  const tickets = await s.ticketsByStatus(stage.id);
  if (!tickets) {
    refuse('internal', 'stageQueriesMissing');
  }
  // Trashed tickets are left alone (rewriting them would lose their trash action); restore fixes their status.
  return tickets.filter((t) => t.deletedAt === null);
}

// ---- priorities ----

function checkPriorities(input: unknown): Priority[] {
  const priorities = listOf(input, 'prioritiesListInvalid').map((item) => ({
    id: requiredText(item.id, 'priorityId'),
    name: requiredText(item.name, 'priorityName'),
  }));
  if (priorities.length === 0) refuse('invalid', 'prioritiesNone');
  assertUnique(priorities.map((p) => p.id), (id) => ['priorityDuplicateId', { id }]);
  assertUnique(priorities.map((p) => p.name.toLowerCase()), () => ['priorityDuplicateName']);
  return priorities;
}

/**
 * Like a status, a priority tickets have is not removed from under them (a
 * live ticket with an unknown priority makes the next backup one that import
 * refuses). The agent gives those tickets another priority first (the
 * dashboard's bulk change does it in one go). Trashed tickets don't count:
 * restoring one gives it the default priority if its own is gone.
 */
async function assertRemovedPrioritiesUnused(s: Session, before: Priority[], after: Priority[]): Promise<void> {
  for (const priority of before.filter((p) => !after.some((kept) => kept.id === p.id))) {
    const tickets = await s.ticketsByPriority(priority.id);
    if (!tickets) refuse('internal', 'priorityQueriesMissing');
    const live = tickets.filter((t) => t.deletedAt === null);
    if (live.length > 0) {
      refuse('conflict', live.length === 1 ? 'priorityInUseOne' : 'priorityInUse', { n: live.length, name: priority.name });
    }
  }
}

// ---- user-defined properties ----

function checkProperties(input: unknown): PropertyDefinition[] {
  const properties = listOf(input, 'propertiesListInvalid').map(checkProperty);
  assertUnique(properties.map((p) => p.id), (id) => ['propertyDuplicateId', { id }]);
  const names = [...BUILTIN_PROPERTIES, ...properties].map((p) => p.name.toLowerCase());
  assertUnique(names, (name) => ['propertyDuplicateName', { name }]);
  return properties;
}

function checkProperty(item: Record<string, unknown>): PropertyDefinition {
  const name = requiredText(item.name, 'propertyName');
  const id = typeof item.id === 'string' ? item.id : '';
  if (!CUSTOM_ID.test(id)) refuse('invalid', 'propertyIdInvalid', { name, id: `custom.${slug(name)}` });
  const type = PROPERTY_TYPES.find((t) => t === item.type);
  if (!type) refuse('invalid', 'propertyTypeInvalid', { name });
  if (type !== 'select') return { id, name, type };
  const options = (Array.isArray(item.options) ? item.options : []).map((o) =>
    optionText(o, name),
  );
  if (options.length === 0) refuse('invalid', 'propertyNoOptions', { name });
  assertUnique(options, (option) => ['propertyDuplicateOption', { name, option }]);
  return { id, name, type, options };
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'name';
}

// ---- R6: the details panel's displayed properties ----

/**
 * Checks the displayed set when given. When only the properties changed,
 * drops the ids of removed properties from the current set instead, so the
 * panel never lists a property that doesn't exist.
 */
function checkDisplayed(
  input: unknown,
  properties: PropertyDefinition[] | undefined,
  current: Settings,
): string[] | undefined {
  const known = new Set([...BUILTIN_PROPERTIES, ...(properties ?? current.properties)].map((p) => p.id));
  if (input === undefined) {
    if (!properties) return undefined;
    return current.displayedProperties.filter((id) => known.has(id));
  }
  if (!Array.isArray(input)) refuse('invalid', 'displayedNotList');
  const ids: string[] = [];
  for (const id of input) {
    if (typeof id !== 'string' || !known.has(id)) {
      const name = typeof id === 'string' && id.startsWith(CUSTOM_PREFIX) ? id.slice(CUSTOM_PREFIX.length) : String(id);
      refuse('invalid', 'displayedUnknown', { name });
    }
    ids.push(id);
  }
  return [...new Set(ids)];
}

// ---- shared ----

function listOf(input: unknown, refusal: RefusalKey): Record<string, unknown>[] {
  if (!Array.isArray(input) || !input.every((item) => typeof item === 'object' && item !== null)) {
    refuse('invalid', refusal);
  }
  return input as Record<string, unknown>[];
}

function assertUnique(values: string[], refusalOf: (duplicate: string) => [RefusalKey, RefusalArgs?]): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) refuse('invalid', ...refusalOf(value));
    seen.add(value);
  }
}
