import type { Delivery, DeliveryStatus } from './delivery.js';

export interface DeliveryListOptions {
  status?: DeliveryStatus;
  limit?: number;
}

/**
 * Where deliveries wait until they are sent: durable (a file, Redis), so a restart loses none. A
 * claim is a lease: a process that dies while sending leaves the delivery due again when it ends.
 */
export interface WebhookOutbox {
  add(deliveries: readonly Delivery[]): Promise<void>;
  /** Up to `limit` pending deliveries due at `now`, each leased until `now + leaseMs`. */
  claimDue(now: number, limit: number, leaseMs: number): Promise<Delivery[]>;
  /** Stores a delivery after an attempt or a replay; a pending one is due at its `nextAttemptAt`. */
  save(delivery: Delivery): Promise<void>;
  get(id: string): Promise<Delivery | undefined>;
  /** Newest first. */
  list(options?: DeliveryListOptions): Promise<Delivery[]>;
  close(): Promise<void>;
}
