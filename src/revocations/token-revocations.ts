/**
 * How long a revocation is kept: it must outlive the tokens it refuses, so customer tokens should
 * expire well within it (docs/security.md).
 */
export const REVOCATION_RETENTION_SECONDS = 30 * 24 * 3600;

/**
 * Per-customer revocation of customer tokens: every token of the customer issued (`iat`) at or
 * before the revocation's second is refused. Shared by every process on Redis; no Redis type leaks.
 */
export interface TokenRevocations {
  /** Refuses the customer's tokens issued at or before `atSeconds` (never earlier than a previous revocation); returns the second in force. */
  revoke(customerId: string, atSeconds: number): Promise<number>;
  /** The second up to which the customer's tokens are refused, if they were ever revoked. */
  revokedAt(customerId: string): Promise<number | undefined>;
  close(): Promise<void>;
}

export interface MemoryTokenRevocationsOptions {
  /** Customers whose revocation is remembered; the oldest revocation is forgotten first beyond it. */
  maxCustomers?: number;
  now?: () => number;
}

const DEFAULT_MAX_REVOKED_CUSTOMERS = 100_000;

/** Revocations in this process's memory (no Redis): bounded, each kept for the retention. */
export function createMemoryTokenRevocations(options: MemoryTokenRevocationsOptions = {}): TokenRevocations {
  const maxCustomers = options.maxCustomers ?? DEFAULT_MAX_REVOKED_CUSTOMERS;
  const now = options.now ?? Date.now;
  // Insertion order is revocation order (each revocation re-inserts): the first entry is the oldest.
  const revoked = new Map<string, { atSeconds: number; expiresAt: number }>();

  const live = (customerId: string) => {
    const entry = revoked.get(customerId);
    if (entry && entry.expiresAt <= now()) revoked.delete(customerId);
    return entry && entry.expiresAt > now() ? entry : undefined;
  };

  return {
    async revoke(customerId, atSeconds) {
      const atInForce = Math.max(live(customerId)?.atSeconds ?? 0, Math.floor(atSeconds));
      revoked.delete(customerId);
      revoked.set(customerId, {
        atSeconds: atInForce,
        expiresAt: now() + REVOCATION_RETENTION_SECONDS * 1000,
      });
      for (const oldest of revoked.keys()) {
        if (revoked.size <= maxCustomers) break;
        revoked.delete(oldest);
      }
      return atInForce;
    },
    async revokedAt(customerId) {
      return live(customerId)?.atSeconds;
    },
    async close() {
      revoked.clear();
    },
  };
}
