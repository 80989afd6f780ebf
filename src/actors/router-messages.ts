import { z } from 'zod';
import { BlackboardEntry, ConversationState } from '../domain/conversation.js';
import { Customer } from '../domain/customer.js';
import type { BlackboardEntryInput } from '../domain/conversation.js';
import type { QueryResult } from '../domain/query.js';
import { SpecialistDepartment } from '../domain/vocabulary.js';

/**
 * The conversation and the customer as the desk read them before routing: they ride with the message,
 * so the router does not cross back to the main thread to fetch them.
 */
export const RouteContext = z.object({
  state: ConversationState,
  /** The latest entries (follow-ups, given articles, feedback), oldest first. */
  entries: z.array(BlackboardEntry),
  customer: Customer.nullable(),
});
export type RouteContext = z.infer<typeof RouteContext>;

/** The desk's request to route and answer one customer message. */
export const RouteRequested = z.object({
  type: z.literal('support.route.requested'),
  queryId: z.string(),
  conversationId: z.string(),
  customerId: z.string(),
  channel: z.string().optional(),
  /** The customer chose this department: its specialist answers, whatever the router would choose. */
  department: SpecialistDepartment.optional(),
  text: z.string(),
  /** When the desk accepted the message (its clock), ISO 8601: stamps, policies and due times use it. */
  at: z.string(),
  /** What is left of the query's time budget when the message is sent. */
  budgetMs: z.number().int().positive(),
  /** Someone listens to the query's stream: emit `token` events. */
  stream: z.boolean(),
  context: RouteContext,
});
export type RouteRequested = z.infer<typeof RouteRequested>;

export const RouterMessage = z.discriminatedUnion('type', [RouteRequested]);
export type RouterMessage = z.infer<typeof RouterMessage>;

/**
 * The router's reply: the answer, and the trail the desk writes to the blackboard (in order, with the
 * conversation's next state) before it answers the customer. Produced by our own behaviour: typed,
 * not re-parsed.
 */
export interface RouteOutcome {
  result: QueryResult;
  trail: { entries: BlackboardEntryInput[]; state: ConversationState };
  /** The message brought a problem back unresolved: the CRM records the contact as such. */
  problemBack: boolean;
}
