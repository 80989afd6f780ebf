import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import { bearerToken, matchesAny } from './bearer.js';
import { clientAddress, isLoopback } from './client-address.js';

const ADMIN_PATH =
  /^\/v1\/(agents\/[^/]+\/(restart|stop|start|scale)|faults\/[^/]+|webhooks\/deliveries\/[^/]+\/replay)$/;

/**
 * The agent control calls, fault drills and webhook replays: guarded by the admin token instead of
 * integrator keys.
 */
export function isAdminRequest(method: string, path: string): boolean {
  return method === 'POST' && ADMIN_PATH.test(path);
}

export type AdminDecision = 'allow' | 'missing-token' | 'wrong-token' | 'missing-scope' | 'not-loopback';

/** How admin access is configured beyond the admin token. */
export interface AdminKeys {
  /** Some integrator key has the `admin` scope: control is then never open to loopback alone. */
  configured: boolean;
  /** The request's bearer token is such a key. */
  presented: boolean;
  /** The request's bearer token is an integrator key without the `admin` scope. */
  unscoped?: boolean;
}

/**
 * With an admin token or an admin-scoped key configured, the bearer token must be one of them;
 * without either, control is limited to clients on this machine (the client address, see
 * `clientAddresses`).
 */
export function decideAdmin(
  adminToken: string | undefined,
  authorization: string | undefined,
  remoteAddress: string | undefined,
  keys: AdminKeys = { configured: false, presented: false },
): AdminDecision {
  if (adminToken === undefined && !keys.configured)
    return isLoopback(remoteAddress) ? 'allow' : 'not-loopback';
  if (keys.presented) return 'allow';
  const token = bearerToken(authorization);
  if (token === undefined) return 'missing-token';
  if (adminToken !== undefined && matchesAny(token, [adminToken])) return 'allow';
  return keys.unscoped ? 'missing-scope' : 'wrong-token';
}

export function adminAuth(
  adminToken: string | undefined,
  adminKeysConfigured: boolean,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    const integrator = principal?.kind === 'integrator' ? principal : undefined;
    const decision = decideAdmin(adminToken, c.req.header('authorization'), clientAddress(c), {
      configured: adminKeysConfigured,
      presented: integrator?.scopes.has('admin') ?? false,
      unscoped: integrator !== undefined && !integrator.scopes.has('admin'),
    });
    switch (decision) {
      case 'allow':
        return next();
      case 'missing-token':
        throw new UnauthorizedError(
          'agent control needs Authorization: Bearer <SWARM_ADMIN_TOKEN or a key with the admin scope>',
        );
      case 'wrong-token':
        throw new UnauthorizedError('the admin token is not valid');
      case 'missing-scope':
        throw new ForbiddenError('this API key lacks the admin scope', { scope: 'admin' });
      case 'not-loopback':
        throw new ForbiddenError(
          'agent control is limited to loopback clients when SWARM_ADMIN_TOKEN is unset',
        );
    }
  };
}
