import { z } from '@hono/zod-openapi';
import { Ticket } from '../../domain/ticket.js';
import { Department, Language, Priority } from '../../domain/vocabulary.js';
import { LlmHealth } from '../../llm/llm-health.js';

/** One second of traffic as the console charts it. Latencies are null in a second without queries. */
export const TrafficPoint = z
  .object({
    /** Start of the second, epoch milliseconds. */
    at: z.number().int(),
    queries: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    escalations: z.number().int().nonnegative(),
    llmTokens: z.number().int().nonnegative(),
    p50Ms: z.number().nullable(),
    p99Ms: z.number().nullable(),
  })
  .openapi('TrafficPoint');
export type TrafficPoint = z.infer<typeof TrafficPoint>;

/** An answered query as the console lists it: what was decided about it, not what was said. */
export const QuerySummary = z
  .object({
    queryId: z.string(),
    conversationId: z.string(),
    customerId: z.string(),
    createdAt: z.string(),
    language: Language,
    intent: z.string(),
    department: Department,
    confidence: z.number(),
    priority: Priority,
    handoffs: z.number().int().nonnegative(),
    escalated: z.boolean(),
    ticketId: z.string().nullable(),
    latencyMs: z.number(),
  })
  .openapi('QuerySummary');
export type QuerySummary = z.infer<typeof QuerySummary>;

/** What the recorder holds: the recorded seconds, oldest first, and the latest queries, newest first. */
export const RecordedTraffic = z.object({ traffic: z.array(TrafficPoint), queries: z.array(QuerySummary) });
export type RecordedTraffic = z.infer<typeof RecordedTraffic>;

/** `GET /v1/console/traffic`: the recorded traffic and the LLM client now (null offline). */
export const ConsoleSnapshot = RecordedTraffic.extend({ llm: LlmHealth.nullable() }).openapi(
  'ConsoleSnapshot',
);
export type ConsoleSnapshot = z.infer<typeof ConsoleSnapshot>;

/** The top of the human-handoff queue: the tickets taken, then the open ones, most urgent first. */
export const TicketQueueView = z
  .object({ assigned: z.array(Ticket), open: z.array(Ticket) })
  .openapi('TicketQueueView');
export type TicketQueueView = z.infer<typeof TicketQueueView>;

/**
 * The console feed's events: a `snapshot` when a client connects, then a `tick` a second with the
 * seconds ended since the last tick, the queries answered meanwhile (newest first; a query may
 * repeat one of the snapshot's) and the LLM client now, and `tickets` when connecting and every few
 * seconds.
 */
export const ConsoleEvent = z.discriminatedUnion('type', [
  ConsoleSnapshot.extend({ type: z.literal('snapshot') }),
  TicketQueueView.extend({ type: z.literal('tickets') }),
  ConsoleSnapshot.extend({ type: z.literal('tick') }),
]);
export type ConsoleEvent = z.infer<typeof ConsoleEvent>;
