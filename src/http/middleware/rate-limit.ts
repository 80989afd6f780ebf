import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { RateLimitedError } from '../errors.js';
import type { RateLimit } from '../http-options.js';
import { bearerToken } from './bearer.js';
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
 * Token bucket per integrator key when keys are in use, else per client address. Keys are read after
 * key checking, so a bearer token here is a valid key, never an attacker-chosen bucket name.
 */
export function createRateLimiter(
  limit: RateLimit,
  keyed: boolean,
  now: () => number = Date.now,
): RateLimiter {
  const bucket = createTokenBucket(limit);
  return {
    keyOf(c) {
      const token = keyed ? bearerToken(c.req.header('authorization')) : undefined;
      return token !== undefined ? `key:${token}` : `addr:${clientAddress(c) ?? 'local'}`;
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
