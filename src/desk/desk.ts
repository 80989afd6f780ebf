import type { ActorStatus, SystemEvent } from '../runtime/index.js';
import type { Conversation } from '../domain/conversation.js';
import type { Customer } from '../domain/customer.js';
import type { DeskProfile } from '../domain/desk-profile.js';
import type { Feedback, FeedbackOutcome, QueryInput, QueryResult, StreamEvent } from '../domain/query.js';
import type { Ticket, TicketUpdate } from '../domain/ticket.js';
import type { LlmHealth } from '../llm/index.js';
import type { TicketListOptions } from '../tickets/index.js';

export interface SubmitOptions {
  /** Receives `routed`, `handoff` and `token` events while the query is worked on. */
  onEvent?: (event: StreamEvent) => void;
  signal?: AbortSignal;
}

export interface Readiness {
  ready: boolean;
  checks: { pool: boolean; blackboard: boolean; crm: boolean; tickets: boolean };
}

/**
 * The support desk as the HTTP edge and the CLI see it: one facade over the swarm, its stores and its
 * supervisor. Created by `createDesk(config)`; nothing in it is a singleton.
 */
export interface Desk {
  /** The desk's name, languages, departments and intents (from its folder). */
  readonly profile: DeskProfile;
  /**
   * Routes and answers one customer message. Rejects with SwarmError codes the edge maps to statuses:
   * `CONVERSATION_BUSY` (double-text policy `reject`), `MAILBOX_FULL` (backpressure), `SHUTTING_DOWN`.
   */
  submit(input: QueryInput, options?: SubmitOptions): Promise<QueryResult>;
  getQuery(queryId: string): Promise<QueryResult | undefined>;
  feedback(queryId: string, feedback: Feedback): Promise<FeedbackOutcome>;
  getConversation(conversationId: string): Promise<Conversation | undefined>;
  getCustomer(customerId: string): Promise<Customer | undefined>;
  /** The human-handoff queue, most urgent first, then oldest first. */
  listTickets(options?: TicketListOptions): Promise<Ticket[]>;
  getTicket(ticketId: string): Promise<Ticket | undefined>;
  /**
   * A person working the queue took the ticket (`assigned`, an assignee), finished it (`closed`), put
   * it back (`open`) or added a note. Undefined when there is no such ticket.
   */
  updateTicket(ticketId: string, update: TicketUpdate): Promise<Ticket | undefined>;
  readiness(): Promise<Readiness>;
  /**
   * The LLM client's breaker, calls in flight and queued, and its concurrency limit now; undefined
   * offline or with an LLM service of the caller's own.
   */
  llmHealth(): LlmHealth | undefined;
  readonly agents: {
    status(): ActorStatus[];
    subscribe(listener: (event: SystemEvent) => void): () => void;
    restart(id: string): Promise<void>;
    stop(id: string): Promise<void>;
    start(id: string): Promise<void>;
    scale(type: string, instances: number): Promise<string[]>;
    /** Kills a worker thread as a crash would (fault drills); resolves with its id. */
    killThread(thread?: number): Promise<number>;
  };
  /** Stops intake, answers every accepted query, then closes the pool and the stores. */
  close(): Promise<void>;
}
