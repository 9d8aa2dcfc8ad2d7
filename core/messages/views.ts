import type { Agent, Settings, Snippet } from '../domain/types';

/**
 * The shapes the background answers queries with. The store produces them,
 * so they are defined there; clients import them from here.
 */
export type { ContactSuggestion, DayStats, SidebarView, SuggestionReason, TicketHit, TicketCounts, TicketPage, TicketRecordView, TicketStats, TrashItem, TrashPage } from '../store';

/** `settings.get`: what the options page and the sidebar's pickers need. */
export interface SettingsView {
  settings: Settings;
  agents: Agent[];
  snippets: Snippet[];
  meId: string;
}
