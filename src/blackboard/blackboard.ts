import type {
  BlackboardChange,
  BlackboardEntry,
  BlackboardEntryInput,
  Conversation,
  ConversationState,
} from '../domain/conversation.js';
import type { QueryResult } from '../domain/query.js';

/**
 * The shared memory agents collaborate on, per conversation. Implementations: `memory` (default) and
 * `redis`; both pass `test/blackboard/conformance.ts`. No Redis type leaks through this interface.
 */
/**
 * A writer's fence (see docs/swarm.md, double texting across processes): a conversation remembers the
 * highest fence written with, and refuses a write carrying a lower one with STALE_FENCE, in the same
 * atomic step as the write. Writes without a fence are never refused for it.
 */
export interface WriteOptions {
  fence?: number;
}

export interface Blackboard {
  /** Creates the conversation if it does not exist; returns it either way. */
  open(conversationId: string, init: { customerId: string; channel?: string }): Promise<Conversation>;
  get(conversationId: string): Promise<Conversation | undefined>;
  /** Appends one entry atomically (assigns `seq`); concurrent appends are all kept, in one order. */
  append(conversationId: string, entry: BlackboardEntryInput): Promise<BlackboardEntry>;
  /**
   * Appends several entries atomically and in order, with consecutive `seq`s (no other append lands
   * between them), one change per entry: a query's trail in one write. All are validated first; an
   * invalid one writes none.
   */
  appendMany(
    conversationId: string,
    entries: readonly BlackboardEntryInput[],
    options?: WriteOptions,
  ): Promise<BlackboardEntry[]>;
  /**
   * Optimistic read-modify-write of the conversation state: `mutate` may run more than once when
   * another writer got in between; it must be a pure function of the state it is given.
   */
  updateState(
    conversationId: string,
    mutate: (state: ConversationState) => ConversationState,
    options?: WriteOptions,
  ): Promise<ConversationState>;
  /** Live changes of one conversation, or of all (`'*'`). */
  subscribe(
    conversationId: string | '*',
    listener: (change: BlackboardChange) => void,
  ): Promise<() => Promise<void>>;
  saveResult(result: QueryResult): Promise<void>;
  getResult(queryId: string): Promise<QueryResult | undefined>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
