import type { ErrorCode, Refusal } from './commands';
/**
 * Every refusal the help desk gives, as a stable key and its English words.
 *
 * A refusal travels as `{ code, key, args, message }`: pages show the locale
 * entry `err_<key>` in the agent's language with `{name}` placeholders filled
 * from `args` (components/shared/refusal.ts), and `message` (built here)
 * keeps the English for logs and for a page that doesn't know the key yet.
 * Core stays free of browser APIs, so the English lives here and the
 * translations in public/_locales/*\/messages.json (a unit test keeps both
 * in step: same keys, same placeholders).
 *
 * An arg named `field` holds a key of REFUSAL_FIELDS (which text was wrong),
 * worded in turn: `err_field_<key>` in the pages.
 */
export const REFUSALS = {
  // ---- values (core/domain/rules/validate.ts) ----
  fieldEmpty: "{field} can't be empty.",
  fieldNotText: '{field} must be text.',
  fieldTooLong: '{field} is too long (at most {max} characters).',
  optionEmpty: 'Every option of "{name}" can\'t be empty.',
  optionTooLong: 'Every option of "{name}" is too long (at most {max} characters).',
  customNotNumber: '"{name}" must be a number.',
  customNotOption: '"{name}" must be one of: {options}.',
  customNotDate: '"{name}" must be a date (YYYY-MM-DD).',
  customNotText: '"{name}" must be text.',
  customTooLong: '"{name}" is too long (at most {max} characters).',

  // ---- tickets, conversations, lookups ----
  unknownCommand: 'Unknown command "{type}".',
  ticketGone: 'That ticket no longer exists.',
  ticketMergedAway: 'Ticket {id} was merged into {target}: work on that ticket, or undo the merge first.',
  ticketTrashed: 'Ticket {id} is in the trash. Restore it first.',
  conversationGone: 'That conversation no longer exists.',
  conversationTrashed: 'This conversation is in the trash. Restore it first.',
  conversationHasTicket: 'This conversation already has a ticket ({id}). A conversation can have only one ticket.',
  conversationOnOtherTicket:
    "This conversation already belongs to ticket {id}. A conversation can have only one ticket and can't be moved to another.",
  addToMergedTicket: 'Ticket {id} was merged into {target}. Add the conversation to {target} instead.',
  conversationStatus: 'A conversation is either open or closed.',
  reopenTicketFirst: 'Reopen the ticket first: a closed ticket keeps all its conversations closed.',
  ownerInvalid: 'The owner must be a teammate or "Unassigned".',
  ownerUnknown: 'That owner is not one of your teammates (any more). Pick another owner.',
  statusUnknown: '"{value}" is not a status. Pick one of: {options}.',
  priorityUnknown: '"{value}" is not a priority. Pick one of: {options}.',
  noOpenStatus: 'The settings have no open status to start a ticket in.',
  noPriorities: 'The settings have no priorities.',
  propertyUnknown: 'There is no property "{name}". It may have been removed in the options.',
  propertyBuiltin: '"{name}" is set by the help desk and can\'t be edited.',
  ticketPropertyUnknown: 'There is no ticket property "{name}".',

  // ---- bulk changes ----
  bulkNone: 'Select at least one ticket.',
  bulkTooMany: 'At most {max} tickets can be changed at once; {n} were selected.',
  bulkOneGone: 'Ticket {ids} is no longer in the help desk (deleted or moved to the trash elsewhere). Nothing was changed.',
  bulkSomeGone:
    '{n} of the selected tickets ({ids}) are no longer in the help desk (deleted or moved to the trash elsewhere). Nothing was changed.',

  // ---- ticket merge ----
  mergePickOne: 'Pick at least one ticket to merge into this one.',
  mergeSelf: "Ticket {id} can't be merged into itself.",
  mergeKeepGone: 'The ticket to keep no longer exists.',
  mergeKeepMerged: 'Ticket {id} was merged into {target}: merge into that ticket instead.',
  mergeKeepTrashed: 'Ticket {id} is in the trash: restore it before merging into it.',
  mergeTicketGone: 'Ticket {id} no longer exists.',
  mergeAlreadyMerged: 'Ticket {id} was already merged into {target}.',
  mergeTicketTrashed: 'Ticket {id} is in the trash: restore it before merging it.',
  unmergePurged: 'This merge can no longer be undone: the trash has deleted the merged ticket for good.',
  unmergeNotMerged: 'Ticket {id} is not merged into another ticket.',
  unmergeConversationPurged: "A conversation this merge moved was deleted for good, so the merge can't be undone.",
  unmergeConversationMoved: 'A conversation this merge moved is now on ticket {id}: undo that merge first.',
  unmergeKeptTrashedAll: 'Ticket {id} and the conversations this merge moved are in the trash: restore {id} first.',
  unmergeNoteMoved: 'A note this merge moved is no longer on ticket {id}: undo that merge first.',
  unmergeKeptTrashed: 'Ticket {id} is in the trash: restore it first.',
  unmergeKeptPurged: "Ticket {id} was deleted for good, so the merge can't be undone.",

  // ---- notes, saved replies, teammates ----
  noteGone: 'That note no longer exists.',
  noteTrashed: 'That note is in the trash. Restore it first.',
  noteNotAuthorEdit: "Only the note's author can edit it.",
  noteNotAuthorDelete: "Only the note's author can delete it.",
  snippetGone: 'That saved reply no longer exists.',
  snippetTrashed: 'That saved reply is in the trash. Restore it first.',
  agentTrashed: 'That teammate was deleted. Restore them from the trash first.',
  agentIdInvalid: 'A teammate id looks like "agent:…".',
  agentEmailNotText: 'The email must be text.',
  agentEmailInvalid: '"{value}" is not an email address.',
  agentDeleteSelf: "You can't delete yourself. Edit your name in the options instead.",
  agentGone: 'That teammate no longer exists.',

  // ---- contacts ----
  contactFlagInvalid: 'Say whether to turn the flag on or off.',
  contactGone: 'That contact no longer exists.',
  contactAlreadyMerged: '{name} was already merged into another contact.',
  contactTrashed: '{name} is in the trash.',
  contactMergeSelf: 'A contact can’t be merged with itself.',
  contactSplitPurged: 'That merged contact is gone for good (the trash was emptied), so the merge can’t be undone.',
  contactNotMerged: '{name} was not merged into another contact.',
  contactKeptGone: 'The contact it was merged into no longer exists.',
  contactKeptMerged: '{name} was merged into another contact since. Split that merge first.',
  contactApartSelf: 'A contact can’t be told apart from itself.',

  // ---- trash ----
  restoreNothing: 'There is nothing with that id to restore. It may have been emptied from the trash.',
  restoreNotTrashed: 'That item is not in the trash.',
  purgeNothing: 'There is nothing with that id in the trash. It may have been emptied already.',
  purgeNotTrashed: 'That item is not in the trash: only trashed items can be deleted forever.',
  purgeAgentInUse:
    '{name} still owns tickets or conversations, or appears in their history, so they stay in the trash until those are deleted for good.',
  purgeContactInUse:
    '{name} is still the contact of a ticket or conversation in the trash, so it stays there until those are deleted for good.',

  // ---- settings ----
  staleStages: 'Someone changed the stages since you opened this page; reload to see their change.',
  stalePriorities: 'Someone changed the priorities since you opened this page; reload to see their change.',
  staleProperties: 'Someone changed the ticket properties since you opened this page; reload to see their change.',
  stagesNone: 'Keep at least one status.',
  stagesOneClosed: 'Exactly one status must be the closed one.',
  stagesOneOpen: 'Keep at least one open status for new tickets.',
  stageDuplicateId: 'Two statuses have the id "{id}".',
  stageDuplicateName: 'Two statuses have the same name.',
  stageSwitchInUse: '{n} tickets are in "{name}". Move them to another status before changing whether it closes tickets.',
  stageSwitchInUseOne: '1 ticket is in "{name}". Move them to another status before changing whether it closes tickets.',
  stageRemoveInUse: '{n} tickets are in "{name}". Choose a status to move them to before removing it.',
  stageRemoveInUseOne: '1 ticket is in "{name}". Choose a status to move them to before removing it.',
  stageMoveTarget: 'Tickets in "{name}" can\'t move to "{target}": it is not one of the statuses kept.',
  stageQueriesMissing: "This help desk can't yet check which tickets use a status, so statuses can't be removed or switched.",
  prioritiesNone: 'Keep at least one priority.',
  priorityDuplicateId: 'Two priorities have the id "{id}".',
  priorityDuplicateName: 'Two priorities have the same name.',
  priorityQueriesMissing: "This help desk can't yet check which tickets have a priority, so priorities can't be removed.",
  priorityInUse: '{n} tickets have the priority "{name}". Give them another priority before removing it.',
  priorityInUseOne: '1 ticket has the priority "{name}". Give them another priority before removing it.',
  propertyDuplicateId: 'Two properties have the id "{id}".',
  propertyDuplicateName: 'There is already a property named "{name}".',
  propertyIdInvalid: 'The property "{name}" needs an id like "{id}".',
  propertyTypeInvalid: 'The property "{name}" must be text, number, select or date.',
  propertyNoOptions: 'The property "{name}" needs at least one option.',
  propertyDuplicateOption: '"{name}" lists the option "{option}" twice.',
  displayedNotList: 'The displayed properties must be a list.',
  displayedUnknown: '"{name}" is not a ticket property, so it can\'t be displayed.',
  stagesListInvalid: 'Each status must be given with its fields.',
  prioritiesListInvalid: 'Each priority must be given with its fields.',
  propertiesListInvalid: 'Each property must be given with its fields.',

  // ---- tags ----
  tagEmpty: "A tag can't be empty.",
  tagTooLong: 'A tag is too long (at most {max} characters).',
  tagControl: "A tag can't contain line breaks or control characters.",
  tagTooMany: 'A ticket can have at most {max} tags.',
  tagNotList: 'The tags must be a list of names.',
  tagUnknown: 'There is no tag "{name}". It may have been renamed or removed elsewhere.',
  tagExists: 'There is already a tag "{name}". Pick another name.',
  tagColorUnknown: '"{color}" is not one of the tag colours.',
  tagQueriesMissing: "This help desk can't yet find the tickets that have a tag, so tags can't be renamed or removed.",
  // ---- SLA (settings and tickets) ----
  slaInvalid: 'The SLA settings must be given with all their fields.',
  slaHoursInvalid: '"{value}" is not a time of day (HH:MM, 00:00 to 24:00).',
  slaHoursOrder: 'Business hours must end after they start ({start}–{end}).',
  slaHoursOverlap: 'The business hours {a} and {b} overlap on the same day.',
  slaHolidayInvalid: '"{value}" is not a real date (YYYY-MM-DD).',
  slaFirstResponseInvalid: 'The first response target of "{name}" must be a whole number of minutes, from 1 to {max}.',
  slaResolutionInvalid: 'The resolution target of "{name}" must be a whole number of minutes, from 1 to {max}.',
  slaTimeZoneUnknown: '"{value}" is not a time zone this browser knows.',
  slaAlreadyResponded: 'A first response is already recorded for this ticket.',

  // ---- the store ----
  changedTicket: 'This ticket changed elsewhere (another tab or window saved it first). Try again.',
  changedConversation: 'This conversation changed elsewhere (another tab or window saved it first). Try again.',
  changedContact: 'This contact changed elsewhere (another tab or window saved it first). Try again.',
  changedAgent: 'This agent changed elsewhere (another tab or window saved it first). Try again.',
  changedNote: 'This note changed elsewhere (another tab or window saved it first). Try again.',
  changedSnippet: 'This saved reply changed elsewhere (another tab or window saved it first). Try again.',
  changedSettings: 'The settings changed elsewhere (another tab or window saved it first). Try again.',
  changedRecord: 'This record changed elsewhere (another tab or window saved it first). Try again.',
  saveFailed: 'Could not save ({type}): {detail}. Nothing was changed.',
  applyFailed: 'Could not apply {type}: {detail}. Nothing was changed.',
  storageFull: "Not saved: the browser's storage for this extension is full. Nothing was changed. Free up disk space, then try again.",
  storageOpenFailed: "The help desk's storage could not be opened: {detail}",
  readFailed: 'Reading the help desk failed: {detail}',
  storageFailed: '{detail}',
  badCursor: 'Bad paging cursor: {detail}',
  ticketPurged: 'This ticket does not exist (it may have been purged from the trash).',

  // ---- messages and the router ----
  invalidMessage: '{detail}',
  unexpected: 'Unexpected error: {detail}',
  foreignSender: 'Messages are accepted only from Tickets in place itself.',
  notHere: '"{kind}" is not available here.',
  sitesOnlyOptions: 'Sites are enabled only from the options page.',
  dataOnlyOptions: 'Export, import and erase are available only on the options page.',
  onlyPages: '"{type}" is available only on the extension\'s own pages.',
  sidebarSettings: 'From a page the sidebar may change only which properties it shows; the rest is on the options page.',
  sidebarRestore: "From a page the sidebar may restore only a conversation; the rest is in the dashboard's trash.",
  prefNotSidebar: 'The preference "{key}" is not the sidebar\'s.',
  prefOnlyPages: 'The preference "{key}" is available only on the extension\'s own pages.',
  noConversationOpen: 'There is no conversation open on this page yet.',
  conversationNotRecorded: 'This conversation is not recorded yet: wait a moment, then try again.',
  noTicketYet: 'There is no ticket for this conversation yet.',
  noContactYet: 'There is no contact for this conversation yet.',
  noAnswer: 'The extension did not answer. Reload the page and try again.',
  unreachable: 'Could not reach the extension ({detail}). Reload the page and try again.',

  // ---- sites ----
  sitePatternInvalid: '{detail}',
  siteBroad: '{pattern} would let the sidebar read every page of every site it matches. Enable it from Options → Sites and confirm.',
  siteNotAllowed: 'The browser has not allowed Tickets in place on {pattern}. Add the site again and accept the prompt.',

  // ---- import ----
  importInterrupted:
    'The import was interrupted (the extension restarted or another import began). Nothing was changed: import the file again.',
  importTooMany: 'The file has {n} records; at most {max} can be imported at once. Nothing was changed.',
  importMoreThanAnnounced: 'The file has more {store} than its import announced. Nothing was changed.',
  importIncomplete: 'The import is incomplete: {got} of {expected} {store} arrived. Nothing was changed.',
  importHeaderInvalid: '{detail}',
  importInvalid: '{detail} Nothing was changed.',
  importConflict: '{detail}',

  // ---- site health ----
  healthOrigin: "A page may report only its own site's health.",
  // ---- due dates, snooze (core/domain/rules/time.ts) ----
  timeDueInvalid: 'The due date must be a date and time between 1 January 2000 and ten years from now.',
  timeSnoozePast: 'Pick a time in the future to snooze until.',
  timeSnoozeInvalid: 'The snooze must end within ten years.',
  timeSnoozeEmpty: 'Pick a time to snooze until, or "until the customer writes".',
  timeSnoozeClosed: "A closed ticket can't be snoozed. Reopen it first.",
} as const;

export type RefusalKey = keyof typeof REFUSALS;

/** Which text a `field…` refusal is about; `{field}` starts the sentence. */
export const REFUSAL_FIELDS = {
  ticketName: 'The ticket name',
  category: 'The category',
  description: 'The description',
  note: 'The note',
  snippetName: "The saved reply's name",
  snippetBody: 'The saved reply',
  agentName: "The teammate's name",
  stageId: 'Every status id',
  stageName: 'Every status name',
  priorityId: 'Every priority id',
  priorityName: 'Every priority name',
  propertyName: 'Every property name',
} as const;

export type RefusalField = keyof typeof REFUSAL_FIELDS;

export type RefusalArgs = Record<string, string | number>;

/** The placeholders a template names, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))];
}

const withThousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The English words of a refusal: `{name}` filled from args (numbers with thousands separators). */
export function refusalMessage(key: RefusalKey, args: RefusalArgs = {}): string {
  return REFUSALS[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = args[name];
    if (v === undefined) return whole;
    if (name === 'field' && typeof v === 'string' && v in REFUSAL_FIELDS) return REFUSAL_FIELDS[v as RefusalField];
    // Lengths read as "10,000 characters"; counts as they always did.
    return typeof v === 'number' ? (key.endsWith('TooLong') && name === 'max' ? withThousands(v) : String(v)) : v;
  });
}

/** A refusal with its key, args and English message. */
export function refusal(code: ErrorCode, key: RefusalKey, args?: RefusalArgs): Refusal {
  return args ? { code, key, args, message: refusalMessage(key, args) } : { code, key, message: refusalMessage(key) };
}
