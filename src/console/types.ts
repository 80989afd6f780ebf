import type { Credentials } from './credentials.js';

export type { ActorStatus, SystemEvent } from '../runtime/index.js';
export type { Conversation, BlackboardEntry } from '../domain/conversation.js';
export type { FeedbackOutcome, QueryResult, StreamEvent } from '../domain/query.js';
export type { Ticket, TicketStatus } from '../domain/ticket.js';
export type { ConsoleEvent, QuerySummary, TicketQueueView, TrafficPoint } from '../http/console/schemas.js';
export type { LlmHealth } from '../llm/llm-health.js';

export interface Notice {
  id: number;
  ok: boolean;
  text: string;
  at: Date;
}

/** What every panel gets from the page: the credentials, a way to report, a way to ask first. */
export interface PanelProps {
  credentials: Credentials;
  notify(ok: boolean, text: string): void;
  confirm(question: string, action: string): Promise<boolean>;
}
