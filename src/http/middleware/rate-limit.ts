import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { RateLimitedError } from '../errors.js';
import type { RateLimit } from '../http-options.js';
import { bearerToken } from './bearer.js';
import { clientAddress } from './client-address.js';
import { createTokenBucket } from './token-bucket.js';

/**
 * Token bucket per integrator key when keys are in use, else per client address. Runs after key
 * checking, so a bearer token here is a valid key, never an attacker-chosen bucket name.
 */
export function rateLimit(
  limit: RateLimit,
  keyed: boolean,
  now: () => number = Date.now,
): MiddlewareHandler<AppEnv> {
  const bucket = createTokenBucket(limit);
  return async (c, next) => {
    const token = keyed ? bearerToken(c.req.header('authorization')) : undefined;
    const key = token !== undefined ? `key:${token}` : `addr:${clientAddress(c) ?? 'local'}`;
    const waitMs = bucket.take(key, now());
    if (waitMs > 0) throw new RateLimitedError(waitMs);
    await next();
  };
}
