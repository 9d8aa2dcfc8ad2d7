import type { Activity, Agent, Contact, Conversation, Note, Settings, Snippet, Ticket } from '../domain/types';

/** What the sidebar shows for one conversation (query `sidebar.view`). */
export interface SidebarView {
  /** The stored conversation, or null when it was never recorded. */
  conversation: Conversation | null;
  ticket: Ticket | null;
  /** All live conversations of the ticket (this one included). */
  ticketConversations: Conversation[];
  contact: Contact | null;
  notes: Note[];
  /** R13: the contact's other conversations and tickets. */
  pastConversations: Conversation[];
  pastTickets: Ticket[];
  /** R3: the contact's open tickets this conversation could join. */
  openTicketsOfContact: Ticket[];
  settings: Settings;
  agents: Agent[];
  snippets: Snippet[];
  meId: string;
}

/** The ticket record page (query `ticket.record`, R7). */
export interface TicketRecordView {
  ticket: Ticket;
  conversations: Conversation[];
  contact: Contact | null;
  notes: Note[];
  activity: Activity[];
  settings: Settings;
  agents: Agent[];
  meId: string;
}

export interface TicketPage {
  items: Ticket[];
  nextCursor: string | null;
}

export interface TicketCounts {
  byStatus: Record<string, number>;
  total: number;
}

export interface SettingsView {
  settings: Settings;
  agents: Agent[];
  snippets: Snippet[];
  meId: string;
}
