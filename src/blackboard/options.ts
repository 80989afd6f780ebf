import { z } from 'zod';

/** Bounds that keep a long-running desk's memory (or Redis) from growing without limit. */
const BLACKBOARD_DEFAULTS = {
  /** Entries kept per conversation (the most recent); `seq` keeps counting past it. */
  maxEntries: 200,
  /** Memory: conversations kept, least recently used evicted first. */
  maxConversations: 10_000,
  /** Memory: query results kept, least recently used evicted first. */
  maxResults: 10_000,
  /** Redis: conversations expire this long after their last write. */
  conversationTtlSeconds: 7 * 24 * 3600,
  /** Redis: query results expire this long after they were saved. */
  resultTtlSeconds: 24 * 3600,
  /** `updateState` gives up with STATE_CONFLICT after this many lost compare-and-set rounds. */
  maxUpdateAttempts: 100,
} as const;

export const BlackboardOptions = z.object({
  maxEntries: z.number().int().min(1).default(BLACKBOARD_DEFAULTS.maxEntries),
  maxConversations: z.number().int().min(1).default(BLACKBOARD_DEFAULTS.maxConversations),
  maxResults: z.number().int().min(1).default(BLACKBOARD_DEFAULTS.maxResults),
  conversationTtlSeconds: z.number().int().min(1).default(BLACKBOARD_DEFAULTS.conversationTtlSeconds),
  resultTtlSeconds: z.number().int().min(1).default(BLACKBOARD_DEFAULTS.resultTtlSeconds),
  maxUpdateAttempts: z.number().int().min(1).default(BLACKBOARD_DEFAULTS.maxUpdateAttempts),
  /**
   * A listener threw, or (Redis) a change notification could not be read. Listeners are isolated from
   * writers and from each other, so the failure is reported here instead of failing the write.
   */
  onListenerError: z.custom<(error: unknown) => void>((v) => typeof v === 'function').optional(),
});
export type BlackboardOptions = z.input<typeof BlackboardOptions>;
export type ResolvedBlackboardOptions = z.output<typeof BlackboardOptions>;

export function resolveBlackboardOptions(options: BlackboardOptions = {}): ResolvedBlackboardOptions {
  return BlackboardOptions.parse(options);
}
