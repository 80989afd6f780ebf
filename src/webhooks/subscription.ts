import { z } from 'zod';
import { WebhookEventType } from '../domain/webhook-event.js';

/**
 * One receiver: where, which events, and the secret its deliveries are signed with, in the
 * Standard Webhooks form (`whsec_` and base64), so the receiver's own libraries verify them.
 */
export const WebhookSubscription = z.object({
  url: z.url({ protocol: /^https?$/ }),
  events: z.array(WebhookEventType).min(1),
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/, 'must be a Standard Webhooks secret: whsec_ and base64'),
});
export type WebhookSubscription = z.infer<typeof WebhookSubscription>;
