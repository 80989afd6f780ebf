import { z } from 'zod';

/** The desk's request to route and answer one customer message. */
export const RouteRequested = z.object({
  type: z.literal('support.route.requested'),
  queryId: z.string(),
  conversationId: z.string(),
  customerId: z.string(),
  channel: z.string().optional(),
  text: z.string(),
  /** When the desk accepted the message (its clock), ISO 8601: stamps, policies and due times use it. */
  at: z.string(),
  /** What is left of the query's time budget when the message is sent. */
  budgetMs: z.number().int().positive(),
  /** Someone listens to the query's stream: emit `token` events. */
  stream: z.boolean(),
});
export type RouteRequested = z.infer<typeof RouteRequested>;

export const RouterMessage = z.discriminatedUnion('type', [RouteRequested]);
export type RouterMessage = z.infer<typeof RouterMessage>;
