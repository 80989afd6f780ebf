export { Delivery, DeliveryAttempt, DeliveryStatus, RETRY_DELAYS_MS } from './delivery.js';
export { withActionFailedEvents, withWebhookEvents, type PublishEvent } from './desk-events.js';
export {
  WEBHOOK_DEFAULTS,
  createWebhookDispatcher,
  type WebhookDispatcher,
  type WebhookDispatcherOptions,
} from './dispatcher.js';
export { DeliveryNotFoundError } from './errors.js';
export { createFileOutbox, type FileOutboxOptions } from './file-outbox.js';
export { type DeliveryListOptions, type WebhookOutbox } from './outbox.js';
export { createRedisOutbox, type RedisOutboxOptions } from './redis-outbox.js';
export { WebhookSubscription } from './subscription.js';
export { WebhookEvent, WebhookEventType } from '../domain/webhook-event.js';
export { openOutbox, type OpenOutboxOptions } from './open-outbox.js';
export { resolveSubscriptions, type WebhookEntryInput } from './subscriptions.js';
