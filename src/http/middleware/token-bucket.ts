import type { RateLimit } from '../http-options.js';

export interface TokenBucket {
  /** Takes one token; returns 0 when allowed, else the milliseconds until one is available. */
  take(key: string, nowMs: number): number;
}

/**
 * One bucket per key, refilled continuously at `ratePerSecond` up to `burst`. Full buckets are dropped
 * (a full bucket and a missing one behave the same), so idle keys do not accumulate.
 */
export function createTokenBucket(limit: RateLimit, maxKeys = 100_000): TokenBucket {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = limit.ratePerSecond / 1000;

  const sweep = (nowMs: number) => {
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + (nowMs - bucket.at) * perMs >= limit.burst) buckets.delete(key);
    }
  };

  return {
    take(key, nowMs) {
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: nowMs };
      const tokens = Math.min(limit.burst, bucket.tokens + (nowMs - bucket.at) * perMs);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: nowMs });
        return Math.ceil((1 - tokens) / perMs);
      }
      if (buckets.size >= maxKeys) sweep(nowMs);
      buckets.set(key, { tokens: tokens - 1, at: nowMs });
      return 0;
    },
  };
}
