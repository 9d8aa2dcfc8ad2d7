/** Types for data.js (the demo inbox's conversations), for TypeScript tests that import it. */

export interface DemoMessage {
  from: 'contact' | 'agent';
  /** ISO timestamp, relative to the day the module is loaded. */
  at: string;
  body: string;
  attachments?: { name: string; size: string }[];
}

export interface DemoConversation {
  /** Stable slug: `em-…` email thread, `ch-…` chat. */
  key: string;
  channel: 'email' | 'chat';
  /** Email subject, or the chat title ("Chat with …"). */
  subject: string;
  /** `address` for every email thread and most chats; `handle` (e.g. `@marta.ruiz`) for chats only. */
  contact: { name: string; address?: string; handle?: string };
  lang: 'en' | 'es';
  tags: string[];
  unread: boolean;
  starred: boolean;
  messages: DemoMessage[];
}

export declare const AGENT: Readonly<{ name: string; team: string }>;
export declare const conversations: DemoConversation[];
