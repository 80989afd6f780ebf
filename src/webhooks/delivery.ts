import { z } from 'zod';
import { WebhookEventType } from '../domain/webhook-event.js';

export const DeliveryStatus = z.enum(['pending', 'delivered', 'dead']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const DeliveryAttempt = z.object({
  at: z.string(),
  /** The receiver's HTTP status; null when none came (refused, timed out). */
  status: z.number().int().nullable(),
  error: z.string().optional(),
  durationMs: z.number(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

/**
 * One event for one subscription, from the outbox's point of view. The secret is not in it: it is
 * looked up by `url` when sending, so a rotated secret signs the retries and none is ever stored.
 */
export const Delivery = z.object({
  schemaVersion: z.literal(1),
  /** `webhook-id`: the same on every attempt, so receivers deduplicate on it. */
  id: z.string(),
  eventType: WebhookEventType,
  url: z.string(),
  /** The signed body, kept as sent so every attempt signs the same bytes. */
  payload: z.string(),
  status: DeliveryStatus,
  attempts: z.array(DeliveryAttempt),
  /** Epoch ms of the next attempt while pending; null once delivered or dead. */
  nextAttemptAt: z.number().nullable(),
  /** Attempts made before the last replay: the retry schedule restarts after them. */
  attemptsBeforeReplay: z.number().int().optional(),
  createdAt: z.string(),
});
export type Delivery = z.infer<typeof Delivery>;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Svix's schedule: the first attempt at once, then these waits after each failure (27 h 35 min in all,
 * more than the day a receiver's outage may last); a delivery failing all eight attempts is dead.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];
