import { z } from 'zod';

/**
 * The right to work on one conversation, held by one process at a time. `fence` grows with every
 * grant of the conversation's lease, so a holder that lost its lease (it stalled past the lease's time,
 * or Redis forgot it) can tell that a newer holder exists.
 */
export interface Lease {
  readonly conversationId: string;
  readonly fence: number;
  readonly token: string;
}

/** A text handed to the lease's holder by a process that could not take the lease (`merge`). */
export const JoinedText = z.object({ entryId: z.string().min(1), text: z.string() });
export type JoinedText = z.infer<typeof JoinedText>;

/** What the holder tells a joined text's sender: the query that answered it, or why it failed. */
export const JoinedReply = z.union([
  z.object({ queryId: z.string().min(1) }),
  z.object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
]);
export type JoinedReply = z.infer<typeof JoinedReply>;

/** How `pollJoined` found a joined text: answered, still waiting, or the lease was free and is now ours. */
export type JoinedPoll = { reply: JoinedReply } | { lease: Lease } | undefined;

type ReleaseOutcome = 'released' | 'joined' | 'lost';

/**
 * Per-conversation leases shared by every process on one store, for the double-text gate. No Redis type
 * leaks through it. A lease expires unless renewed, so a crashed holder frees its conversations.
 */
export interface ConversationLeases {
  /** The lease when the conversation is free, else undefined. */
  tryAcquire(conversationId: string): Promise<Lease | undefined>;
  /**
   * The lease when the conversation is free; else `joined` is queued, in one step, for the holder to
   * take with `drain`, and undefined is returned.
   */
  acquireOrJoin(conversationId: string, joined: JoinedText): Promise<Lease | undefined>;
  /** A queued text's reply when there is one; else the lease, when the conversation has come free. */
  pollJoined(conversationId: string, entryId: string): Promise<JoinedPoll>;
  /** Extends the lease; false when it is no longer held by `lease`. */
  renew(lease: Lease): Promise<boolean>;
  /** Takes every queued text, in the order queued; undefined when the lease is no longer held. */
  drain(lease: Lease): Promise<JoinedText[] | undefined>;
  /** Answers queued texts by their entry ids. */
  reply(entryIds: readonly string[], reply: JoinedReply): Promise<void>;
  /**
   * Compare-and-delete: frees the conversation when `lease` still holds it and no text is queued
   * (`joined` otherwise: drain again); `lost` when another holder (or none) has it.
   */
  release(lease: Lease): Promise<ReleaseOutcome>;
  /** True when no lease newer than `lease` has been granted for its conversation. */
  isCurrent(lease: Lease): Promise<boolean>;
}
