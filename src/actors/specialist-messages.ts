import { z } from 'zod';
import { Customer } from '../domain/customer.js';
import { ConsultFact } from '../domain/desk-profile.js';
import { Usage } from '../domain/query.js';
import { Language, Priority, SpecialistDepartment } from '../domain/vocabulary.js';
import { EscalationReason } from './escalation-policy.js';

export const HistoryMessage = z.object({ role: z.enum(['user', 'assistant']), content: z.string() });
export type HistoryMessage = z.infer<typeof HistoryMessage>;

/** One part of a customer message for a specialist, with the conversation's context riding along. */
export const AnswerRequested = z.object({
  type: z.literal('support.answer.requested'),
  queryId: z.string(),
  conversationId: z.string(),
  /** Whose conversation it is: what an action is called for (never chosen by a model). */
  customerId: z.string(),
  at: z.string(),
  /** The customer's words for this part. */
  text: z.string(),
  /** What to look up: `text`, plus the earlier problem when this is a follow-up to it. */
  searchText: z.string(),
  intent: z.string(),
  confidence: z.number(),
  /** The department this part was sent to (a specialist checks it is really its own). */
  department: SpecialistDepartment,
  language: Language,
  priority: Priority,
  /** Handoffs this part has been through. */
  hops: z.number().int().nonnegative(),
  /** The departments it was handed off from, so it is never handed back to one (no ping-pong). */
  visited: z.array(z.string()),
  /** The customer chose this department: answer or escalate, never hand the part to another one. */
  pinned: z.boolean(),
  /** The previous answer did not help: say so and try something else. */
  retry: z.boolean(),
  /** Articles already given in this conversation. */
  avoidArticles: z.array(z.string()),
  stream: z.boolean(),
  customer: Customer.nullable(),
  history: z.array(HistoryMessage),
});
export type AnswerRequested = z.infer<typeof AnswerRequested>;

/** A specialist asking another for a fact it needs to finish its answer. */
export const ConsultRequested = z.object({
  type: z.literal('support.consult.requested'),
  queryId: z.string(),
  from: z.string(),
  fact: ConsultFact,
  customer: Customer.nullable(),
});
export type ConsultRequested = z.infer<typeof ConsultRequested>;

export const SpecialistMessage = z.discriminatedUnion('type', [AnswerRequested, ConsultRequested]);
export type SpecialistMessage = z.infer<typeof SpecialistMessage>;

export const PostedFact = z.object({ by: z.string(), key: z.string(), value: z.unknown() });
export type PostedFact = z.infer<typeof PostedFact>;

const replyBase = { agent: z.string(), usage: Usage, llmMs: z.number() };

/** Replies are produced by our own behaviours: typed by these schemas, not re-parsed on the hot path. */
export const AnswerReply = z.discriminatedUnion('outcome', [
  z.object({
    ...replyBase,
    outcome: z.literal('answered'),
    text: z.string(),
    core: z.string(),
    articleId: z.string().nullable(),
    facts: z.array(PostedFact),
    /**
     * The answer went out as `token` events while it was written (the router then streams only what
     * the response adds to it). Absent: nothing was streamed, the router streams the whole response.
     */
    streamed: z.boolean().optional(),
  }),
  z.object({ ...replyBase, outcome: z.literal('handoff'), to: SpecialistDepartment, reason: z.string() }),
  z.object({
    ...replyBase,
    outcome: z.literal('escalate'),
    reason: EscalationReason,
    /** The knowledge base had nothing relevant: the handover says so instead of guessing. */
    noArticle: z.boolean(),
    /** Facts for the trail all the same (a failed action call is on it like a successful one). */
    facts: z.array(PostedFact).optional(),
  }),
]);
export type AnswerReply = z.infer<typeof AnswerReply>;

/** A consulted department's fact, posted with the answer that used it (`value` null when it has none). */
export const ConsultReply = z.object({ by: z.string(), key: ConsultFact, value: z.unknown() });
export type ConsultReply = z.infer<typeof ConsultReply>;
