/** The help desk's IndexedDB store: open it with `openHelpDesk(indexedDB)`. */
export { openHelpDesk, type HelpDeskOptions, type HelpDeskStore } from './store';
export type { ApplyCommand, FaultInjector } from './execute';
export type { KeyRangeFactory } from './db';
export type { TicketQuery, TicketPage } from './list-tickets';
export type { TicketHit, TicketSearch } from './find-tickets';
export type { ContactSuggestion, SidebarView, SuggestionReason, TicketRecordView, TicketCounts } from './queries';
export type { TrashItem, TrashPage, TrashQuery } from './trash';
export type { DayStats, TicketStats } from './stats';
export type { StoreReader } from './reader';
export { ImportConflict, PROGRESS_EVERY, type ExportPage, type ExportSummary, type ExportTextPage, type ImportProgress, type ImportSummary } from './backup';
export { DB_NAME, DB_VERSION, type PrefValue } from './schema';
