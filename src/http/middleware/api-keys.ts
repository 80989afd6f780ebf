import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { UnauthorizedError } from '../errors.js';
import { isAdminRequest } from './admin-auth.js';
import { bearerToken, matchesAny } from './bearer.js';

/** Integrator keys on /v1: every call but the admin ones (those have their own token) needs one. */
export function apiKeys(keys: readonly string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (keys.length === 0 || isAdminRequest(c.req.method, c.req.path)) return next();
    const token = bearerToken(c.req.header('authorization'));
    if (token === undefined)
      throw new UnauthorizedError('an API key is required: Authorization: Bearer <key>');
    if (!matchesAny(token, keys)) throw new UnauthorizedError('the API key is not valid');
    await next();
  };
}
