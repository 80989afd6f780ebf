import { z } from 'zod';
import { Department, Language } from './vocabulary.js';

const entryBase = {
  seq: z.number().int().nonnegative(),
  at: z.string(),
  /** The agent (actor id) or `customer` that wrote the entry. */
  by: z.string(),
  queryId: z.string().optional(),
};

/** What agents post on a conversation's blackboard; the trail of a conversation is its entries in order. */
export const BlackboardEntry = z.discriminatedUnion('kind', [
  z.object({ ...entryBase, kind: z.literal('message'), text: z.string(), language: z.string().optional() }),
  z.object({
    ...entryBase,
    kind: z.literal('intent'),
    intent: z.string(),
    department: Department,
    confidence: z.number(),
    text: z.string().optional(),
  }),
  z.object({ ...entryBase, kind: z.literal('fact'), key: z.string(), value: z.unknown() }),
  z.object({
    ...entryBase,
    kind: z.literal('handoff'),
    from: z.string(),
    to: z.string(),
    reason: z.string(),
  }),
  z.object({
    ...entryBase,
    kind: z.literal('answer'),
    text: z.string(),
    department: Department,
    language: Language,
  }),
]);
export type BlackboardEntry = z.infer<typeof BlackboardEntry>;

type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq' | 'at'> & { at?: string } : never;
/** An entry as an agent writes it: the blackboard assigns `seq` (and `at` when absent). */
export type BlackboardEntryInput = WithoutSeq<BlackboardEntry>;

/** Working memory of a conversation that agents read and update with optimistic concurrency. */
export const ConversationState = z.object({
  department: Department.optional(),
  intent: z.string().optional(),
  /** Actor id of the specialist that answered last: follow-ups stay with it. */
  assignedAgent: z.string().optional(),
  /** How many times the current problem came back unresolved. */
  attempts: z.number().int().nonnegative().default(0),
  /** Agents that already tried the current problem, so a retry goes elsewhere. */
  triedAgents: z.array(z.string()).default([]),
  escalated: z.boolean().default(false),
  /** The customer said the last answer solved the problem ("thanks, it works"). */
  resolved: z.boolean().optional(),
  lastQueryId: z.string().optional(),
});
export type ConversationState = z.infer<typeof ConversationState>;

export const Conversation = z.object({
  schemaVersion: z.literal(1).default(1),
  conversationId: z.string(),
  customerId: z.string(),
  channel: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Incremented on every write; `update` retries when another writer got there first. */
  version: z.number().int().nonnegative(),
  state: ConversationState,
  entries: z.array(BlackboardEntry),
});
export type Conversation = z.infer<typeof Conversation>;

export const BlackboardChange = z.object({
  conversationId: z.string(),
  version: z.number().int(),
  entry: BlackboardEntry.optional(),
  state: ConversationState.optional(),
});
export type BlackboardChange = z.infer<typeof BlackboardChange>;
