import { z } from 'zod';
import { SerializedErrorSchema } from './error.js';
import { Id } from './id.js';
import { Department, Language, Priority, SpecialistDepartment } from './vocabulary.js';

export const QueryInput = z.object({
  customerId: Id,
  message: z.string().trim().min(1),
  conversationId: Id.optional(),
  channel: z.string().trim().min(1).max(64).optional(),
  /**
   * The department whose specialist answers instead of the one the router would choose (what a
   * `swarmdesk/<department>` model asks for); the desk checks it is one of its own.
   */
  department: SpecialistDepartment.optional(),
});
export type QueryInput = z.infer<typeof QueryInput>;

export const Handoff = z.object({
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type Handoff = z.infer<typeof Handoff>;

/** One part of a (possibly multi-intent) message and who answered it. */
export const QueryPart = z.object({
  text: z.string(),
  intent: z.string(),
  department: Department,
  confidence: z.number(),
  agent: z.string(),
  response: z.string(),
});
export type QueryPart = z.infer<typeof QueryPart>;

/** A topic the desk offers when it is unsure what the message is about: a button's label and target. */
export const Suggestion = z.object({
  intent: z.string(),
  department: Department,
  /** In the customer's language; sending it back as the next message picks the topic. */
  label: z.string(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const Usage = z.object({
  llmCalls: z.number().int().nonnegative(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
});
export type Usage = z.infer<typeof Usage>;

export const Timings = z.object({
  totalMs: z.number(),
  routingMs: z.number(),
  answerMs: z.number(),
  queuedMs: z.number(),
  llmMs: z.number(),
});
export type Timings = z.infer<typeof Timings>;

export const QueryResult = z.object({
  queryId: z.string(),
  conversationId: z.string(),
  customerId: z.string(),
  language: Language,
  intent: z.string(),
  department: Department,
  departments: z.array(Department),
  confidence: z.number(),
  priority: Priority,
  escalated: z.boolean(),
  ticketId: z.string().nullable(),
  assignedAgent: z.string(),
  handoffs: z.array(Handoff),
  parts: z.array(QueryPart),
  response: z.string(),
  /** Set when the desk asks which topic the customer means: the likeliest two or three, best first. */
  suggestions: z.array(Suggestion).default([]),
  createdAt: z.string(),
  timings: Timings,
  usage: Usage,
});
export type QueryResult = z.infer<typeof QueryResult>;

/** Every field is optional and `{}` is valid, as the schema says: it records nothing (`recorded: false`). */
export const Feedback = z.object({
  rating: z.number().int().min(1).max(5).optional(),
  resolved: z.boolean().optional(),
  correctIntent: z.string().trim().min(1).max(100).optional(),
});
export type Feedback = z.infer<typeof Feedback>;

export const FeedbackOutcome = z.object({
  queryId: z.string(),
  /** False for an empty feedback, which is accepted and stores nothing. */
  recorded: z.boolean(),
  /** What happened to `correctIntent`: learned, refused by the validation guard, or not given. */
  learning: z.enum(['applied', 'refused', 'none']),
  reason: z.string().optional(),
});
export type FeedbackOutcome = z.infer<typeof FeedbackOutcome>;

/** The one union of stream events, framed as SSE events and as WebSocket JSON frames alike. */
export const StreamEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('routed'),
    queryId: z.string(),
    conversationId: z.string(),
    language: Language,
    intent: z.string(),
    department: Department,
    departments: z.array(Department),
    confidence: z.number(),
    priority: Priority,
  }),
  z.object({
    type: z.literal('handoff'),
    queryId: z.string(),
    from: z.string(),
    to: z.string(),
    reason: z.string(),
  }),
  z.object({
    type: z.literal('token'),
    queryId: z.string(),
    delta: z.string(),
    agent: z.string().optional(),
  }),
  z.object({ type: z.literal('done'), queryId: z.string(), result: QueryResult }),
  z.object({ type: z.literal('error'), queryId: z.string().optional(), error: SerializedErrorSchema }),
]);
export type StreamEvent = z.infer<typeof StreamEvent>;
