import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { systemClock, type Clock } from '../runtime/index.js';
import { RETRY_DELAYS_MS, type Delivery, type DeliveryAttempt } from './delivery.js';
import { DeliveryNotFoundError } from './errors.js';
import type { DeliveryListOptions, WebhookOutbox } from './outbox.js';
import type { WebhookSubscription } from './subscription.js';
import type { WebhookEvent, WebhookEventType } from '../domain/webhook-event.js';

export interface WebhookDispatcherOptions {
  outbox: WebhookOutbox;
  subscriptions: readonly WebhookSubscription[];
  clock?: Clock;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Told when an event cannot be recorded or a pass fails; never given a secret or a body. */
  onError?: (error: unknown) => void;
  /** How often the outbox is looked at for due deliveries. */
  pollMs?: number;
  /** Deliveries sent per pass. */
  batchSize?: number;
  /** How long a receiver may take to answer. */
  timeoutMs?: number;
  /** Waits after each failed attempt; the delivery is dead after one attempt more than this has entries. */
  retryDelaysMs?: readonly number[];
}

const WEBHOOK_DEFAULTS = { pollMs: 1000, batchSize: 20, timeoutMs: 10_000 };

/** Sends an outbox's deliveries; every instance may run one (claims keep them from sending twice). */
export interface WebhookDispatcher {
  /** Records one delivery per subscription to `type`, due at once. Resolves once they are durable. */
  publish(type: WebhookEventType, data: Record<string, unknown>): Promise<void>;
  /** One pass: sends what is due now. Resolves with how many were attempted. */
  deliverDue(): Promise<number>;
  list(options?: DeliveryListOptions): Promise<Delivery[]>;
  /** Sends a delivery again (dead, delivered or waiting) at the next pass, its attempts kept. */
  replay(id: string): Promise<Delivery>;
  /** Starts polling the outbox. */
  start(): void;
  /** Stops polling and waits for a pass in progress; the outbox stays open. */
  stop(): Promise<void>;
}

export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { outbox } = options;
  const clock = options.clock ?? systemClock;
  const send = options.fetch ?? fetch;
  const pollMs = options.pollMs ?? WEBHOOK_DEFAULTS.pollMs;
  const batchSize = options.batchSize ?? WEBHOOK_DEFAULTS.batchSize;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_DEFAULTS.timeoutMs;
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  // A claim outlasts one attempt (its timeout) by a margin, so a live sender never loses it.
  const leaseMs = timeoutMs * 3;
  const onError = options.onError ?? (() => {});
  const signers = new Map(options.subscriptions.map((s) => [s.url, new Webhook(s.secret)]));
  let timer: unknown;
  let running = false;
  let pass: Promise<number> | undefined;

  async function attempt(delivery: Delivery): Promise<Delivery> {
    const started = clock.now();
    const at = new Date(started);
    const signer = signers.get(delivery.url);
    let record: DeliveryAttempt;
    if (!signer) {
      record = { at: at.toISOString(), status: null, error: 'no subscription for this url', durationMs: 0 };
    } else {
      try {
        const response = await send(delivery.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': delivery.id,
            'webhook-timestamp': String(Math.floor(started / 1000)),
            'webhook-signature': signer.sign(delivery.id, at, delivery.payload),
          },
          body: delivery.payload,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.body?.cancel();
        record = { at: at.toISOString(), status: response.status, durationMs: clock.now() - started };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        record = { at: at.toISOString(), status: null, error: message, durationMs: clock.now() - started };
      }
    }
    const attempts = [...delivery.attempts, record];
    if (record.status !== null && record.status >= 200 && record.status < 300)
      return { ...delivery, attempts, status: 'delivered', nextAttemptAt: null };
    // Failures since the last replay decide the wait, so a replayed delivery gets the whole schedule.
    const failures = attempts.length - (delivery.attemptsBeforeReplay ?? 0);
    const delay = signer ? delays[failures - 1] : undefined;
    if (delay === undefined) return { ...delivery, attempts, status: 'dead', nextAttemptAt: null };
    return { ...delivery, attempts, status: 'pending', nextAttemptAt: clock.now() + delay };
  }

  async function deliverDue(): Promise<number> {
    const due = await outbox.claimDue(clock.now(), batchSize, leaseMs);
    await Promise.all(due.map(async (delivery) => outbox.save(await attempt(delivery))));
    return due.length;
  }

  function schedule(): void {
    if (!running) return;
    timer = clock.setTimeout(() => {
      pass = deliverDue().catch((error: unknown) => {
        onError(error);
        return 0;
      });
      void pass.finally(schedule);
    }, pollMs);
  }

  return {
    async publish(type, data) {
      const now = clock.now();
      const timestamp = new Date(now).toISOString();
      const event: WebhookEvent = { type, timestamp, data };
      const payload = JSON.stringify(event);
      const deliveries = options.subscriptions
        .filter((s) => s.events.includes(type))
        .map((s): Delivery => ({
          schemaVersion: 1,
          id: `msg_${randomUUID().replaceAll('-', '')}`,
          eventType: type,
          url: s.url,
          payload,
          status: 'pending',
          attempts: [],
          nextAttemptAt: now,
          createdAt: timestamp,
        }));
      if (deliveries.length > 0) await outbox.add(deliveries);
    },

    deliverDue,

    list: (listOptions) => outbox.list(listOptions),

    async replay(id) {
      const delivery = await outbox.get(id);
      if (!delivery) throw new DeliveryNotFoundError(id);
      const replayed: Delivery = {
        ...delivery,
        status: 'pending',
        nextAttemptAt: clock.now(),
        attemptsBeforeReplay: delivery.attempts.length,
      };
      await outbox.save(replayed);
      return replayed;
    },

    start() {
      if (running) return;
      running = true;
      schedule();
    },

    async stop() {
      running = false;
      if (timer !== undefined) clock.clearTimeout(timer);
      await pass;
    },
  };
}
