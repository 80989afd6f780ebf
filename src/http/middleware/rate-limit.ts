import type { Context, MiddlewareHandler } from 'hono';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
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
  /** Rejects with RATE_LIMITED (with `retryAfterMs`) when the bucket is empty. */
  take(key: string): Promise<void>;
}

/** Where buckets live when several processes serve one desk. */
export interface RateLimitStore {
  redis: Redis;
  keyPrefix: string;
}

function bucketOf(c: Context<AppEnv>): string {
  const principal = c.get('principal');
  if (principal?.kind === 'integrator') return `key:${principal.key}`;
  if (principal?.kind === 'customer') return `customer:${principal.customerId}`;
  return `addr:${clientAddress(c) ?? 'local'}`;
}

/**
 * Without a store: a token bucket per caller in this process. With Redis: the buckets are shared by
 * every process on it (rate-limiter-flexible, `burst` requests per window of `burst / rate` seconds,
 * counted atomically in Redis), so a caller gets the configured rate from the desk as a whole, not
 * from each process behind the balancer. While Redis is unreachable each process falls back to a
 * window of its own rather than refusing or failing requests.
 *
 * The caller is read after authentication, so a bucket name is a verified key or customer, never an
 * attacker-chosen string.
 */
export function createRateLimiter(
  limit: RateLimit,
  now: () => number = Date.now,
  store?: RateLimitStore,
): RateLimiter {
  if (store === undefined) {
    const bucket = createTokenBucket(limit);
    return {
      keyOf: bucketOf,
      async take(key) {
        const waitMs = bucket.take(key, now());
        if (waitMs > 0) throw new RateLimitedError(waitMs);
      },
    };
  }
  const window = {
    points: limit.burst,
    duration: Math.max(1, Math.round(limit.burst / limit.ratePerSecond)),
  };
  const shared = new RateLimiterRedis({
    ...window,
    storeClient: store.redis,
    keyPrefix: `${store.keyPrefix}ratelimit`,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(window),
  });
  return {
    keyOf: bucketOf,
    async take(key) {
      try {
        await shared.consume(key);
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, refusal.msBeforeNext));
        throw refusal;
      }
    },
  };
}

export function rateLimit(limiter: RateLimiter): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await limiter.take(limiter.keyOf(c));
    await next();
  };
}
