import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import { bearerToken, matchesAny } from './bearer.js';
import { clientAddress, isLoopback } from './client-address.js';

const ADMIN_PATH = /^\/v1\/(agents\/[^/]+\/(restart|stop|start|scale)|webhooks\/deliveries\/[^/]+\/replay)$/;

/** The agent control calls and webhook replays: guarded by the admin token instead of integrator keys. */
export function isAdminRequest(method: string, path: string): boolean {
  return method === 'POST' && ADMIN_PATH.test(path);
}

export type AdminDecision = 'allow' | 'missing-token' | 'wrong-token' | 'not-loopback';

/**
 * With an admin token configured, the bearer token must match it; without one, control is limited to
 * clients on this machine (the socket's address, not a forwarded header).
 */
export function decideAdmin(
  adminToken: string | undefined,
  authorization: string | undefined,
  remoteAddress: string | undefined,
): AdminDecision {
  if (adminToken === undefined) return isLoopback(remoteAddress) ? 'allow' : 'not-loopback';
  const token = bearerToken(authorization);
  if (token === undefined) return 'missing-token';
  return matchesAny(token, [adminToken]) ? 'allow' : 'wrong-token';
}

export function adminAuth(adminToken: string | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const decision = decideAdmin(adminToken, c.req.header('authorization'), clientAddress(c));
    switch (decision) {
      case 'allow':
        return next();
      case 'missing-token':
        throw new UnauthorizedError('agent control needs Authorization: Bearer <SWARM_ADMIN_TOKEN>');
      case 'wrong-token':
        throw new UnauthorizedError('the admin token is not valid');
      case 'not-loopback':
        throw new ForbiddenError(
          'agent control is limited to loopback clients when SWARM_ADMIN_TOKEN is unset',
        );
    }
  };
}
