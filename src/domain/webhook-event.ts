import { z } from 'zod';

export const WebhookEventType = z.enum([
  'ticket.created',
  'ticket.updated',
  'query.escalated',
  'conversation.resolved',
  'feedback.received',
  'action.failed',
]);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** The body every delivery carries, as Standard Webhooks suggests: a type, when, and the data. */
export const WebhookEvent = z.object({
  type: WebhookEventType,
  timestamp: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookEvent = z.infer<typeof WebhookEvent>;
