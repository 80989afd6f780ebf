import { jwtVerify } from 'jose';
import type { MiddlewareHandler } from 'hono';
import { Id } from '../../domain/id.js';
import type { AppEnv } from '../env.js';
import { UnauthorizedError } from '../errors.js';
import type { TokenRevocations } from '../../revocations/index.js';
import type { ApiKey, Principal } from '../principal.js';
import { isAdminRequest } from './admin-auth.js';
import { bearerToken, matchesAny } from './bearer.js';

export interface AuthOptions {
  apiKeys: readonly ApiKey[];
  /** HS256 secret shared with the integrator's backend, which mints customer tokens. */
  customerTokenSecret?: string | undefined;
}

/** True when /v1 asks who is calling: some key or a customer-token secret is configured. */
function isGuarded(options: AuthOptions): boolean {
  return options.apiKeys.length > 0 || options.customerTokenSecret !== undefined;
}

/** The integrator key matching `token`, compared in constant time against every key. */
function findKey(token: string, keys: readonly ApiKey[]): ApiKey | undefined {
  let found: ApiKey | undefined;
  for (const key of keys) if (matchesAny(token, [key.key])) found = key;
  return found;
}

interface CustomerClaims {
  customerId: string;
  /** `iat`, when the token carries one. */
  issuedAt: number | undefined;
}

/**
 * A customer token: a JWT signed HS256 with the shared secret, `sub` the customer id (in the id
 * grammar) and `exp` required. Anything else, an expired token included, is undefined.
 */
async function verifyCustomerToken(token: string, secret: Uint8Array): Promise<CustomerClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp'],
    });
    const subject = Id.safeParse(payload.sub);
    return subject.success ? { customerId: subject.data, issuedAt: payload.iat } : undefined;
  } catch {
    return undefined;
  }
}

/** A token issued at or before its customer's revocation (or without `iat` once revoked) is refused. */
async function isRevoked(claims: CustomerClaims, revocations: TokenRevocations): Promise<boolean> {
  const revokedAt = await revocations.revokedAt(claims.customerId);
  return revokedAt !== undefined && (claims.issuedAt === undefined || claims.issuedAt <= revokedAt);
}

/**
 * Browsers cannot set headers on a WebSocket upgrade, so `/v1/ws` also takes the bearer token as
 * `access_token` in its query (RFC 6750 §2.3). Query strings are never logged.
 */
function webSocketToken(path: string, queryToken: string | undefined): string | undefined {
  return path === '/v1/ws' && queryToken !== undefined && queryToken.length > 0 ? queryToken : undefined;
}

/**
 * Who is calling /v1: an integrator key (with its scopes) or a customer token, as a bearer token; the
 * principal is kept on the context for the routes to check. The admin calls have their own check.
 */
export function authenticate(options: AuthOptions, revocations: TokenRevocations): MiddlewareHandler<AppEnv> {
  const secret =
    options.customerTokenSecret === undefined
      ? undefined
      : new TextEncoder().encode(options.customerTokenSecret);
  const guarded = isGuarded(options);
  return async (c, next) => {
    if (!guarded) {
      c.set('principal', { kind: 'open' });
      return next();
    }
    const token =
      bearerToken(c.req.header('authorization')) ?? webSocketToken(c.req.path, c.req.query('access_token'));
    if (isAdminRequest(c.req.method, c.req.path)) {
      const key = token === undefined ? undefined : findKey(token, options.apiKeys);
      if (key) c.set('principal', { kind: 'integrator', key: key.key, scopes: new Set(key.scopes) });
      return next();
    }
    if (token === undefined)
      throw new UnauthorizedError('an API key or customer token is required: Authorization: Bearer <token>');
    let principal: Principal | undefined;
    const key = findKey(token, options.apiKeys);
    if (key) principal = { kind: 'integrator', key: key.key, scopes: new Set(key.scopes) };
    else if (secret !== undefined) {
      const claims = await verifyCustomerToken(token, secret);
      if (claims !== undefined && (await isRevoked(claims, revocations)))
        throw new UnauthorizedError('the customer token has been revoked');
      if (claims !== undefined) principal = { kind: 'customer', customerId: claims.customerId };
    }
    if (!principal)
      throw new UnauthorizedError('the API key or customer token is not valid (or has expired)');
    c.set('principal', principal);
    await next();
  };
}
