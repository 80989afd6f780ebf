import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { RateLimitedError } from '../errors.js';
import type { RateLimit } from '../http-options.js';
import { clientAddress } from './client-address.js';
import { createTokenBucket } from './token-bucket.js';

/**
 * One budget per integrator, shared by every way a query arrives: HTTP requests and the frames of a
 * WebSocket opened by the same key or address draw from the same bucket.
 */
export interface RateLimiter {
  /** The bucket a request belongs to. */
  keyOf(c: Context<AppEnv>): string;
  /** Throws RATE_LIMITED (with `retryAfterMs`) when the bucket is empty. */
  take(key: string): void;
}

/**
 * Token bucket per integrator key, per customer for customer tokens, else per client address. The
 * caller is read after authentication, so a bucket name is a verified key or customer, never an
 * attacker-chosen string.
 */
export function createRateLimiter(limit: RateLimit, now: () => number = Date.now): RateLimiter {
  const bucket = createTokenBucket(limit);
  return {
    keyOf(c) {
      const principal = c.get('principal');
      if (principal?.kind === 'integrator') return `key:${principal.key}`;
      if (principal?.kind === 'customer') return `customer:${principal.customerId}`;
      return `addr:${clientAddress(c) ?? 'local'}`;
    },
    take(key) {
      const waitMs = bucket.take(key, now());
      if (waitMs > 0) throw new RateLimitedError(waitMs);
    },
  };
}

export function rateLimit(limiter: RateLimiter): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    limiter.take(limiter.keyOf(c));
    await next();
  };
}
