import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import { ForbiddenError, NotFoundError } from './errors.js';
import type { Principal, Scope } from './principal.js';

type NotFoundCode = 'QUERY_NOT_FOUND' | 'CONVERSATION_NOT_FOUND' | 'CUSTOMER_NOT_FOUND';

function principalOf(c: Context<AppEnv>): Principal {
  return c.get('principal') ?? { kind: 'open' };
}

/**
 * The route's rule for who may call it: an integrator key needs `scope`; a customer token may call
 * only routes that act on its own customer (`customers: true`), never the queue or the agents.
 */
export function requireScope(c: Context<AppEnv>, scope: Scope, customers: boolean): void {
  const principal = principalOf(c);
  if (principal.kind === 'integrator' && !principal.scopes.has(scope))
    throw new ForbiddenError(`this API key lacks the ${scope} scope`, { scope });
  if (principal.kind === 'customer' && !customers)
    throw new ForbiddenError('a customer token cannot use this route');
}

/** Reading the agents is for integrators (any scope), never for customer tokens. */
export function requireIntegrator(c: Context<AppEnv>): void {
  if (principalOf(c).kind === 'customer') throw new ForbiddenError('a customer token cannot use this route');
}

/** A customer token writes only as its own customer. */
export function requireSelf(c: Context<AppEnv>, customerId: string): void {
  const principal = principalOf(c);
  if (principal.kind === 'customer' && principal.customerId !== customerId)
    throw new ForbiddenError('a customer token acts only as its own customer', {
      customerId: principal.customerId,
    });
}

/**
 * A customer token reads only its own records: another customer's is answered as not found, so ids
 * cannot be probed for existence.
 */
export function ownOrNotFound<T>(
  c: Context<AppEnv>,
  record: T | undefined,
  ownerOf: (record: T) => string,
  code: NotFoundCode,
  message: string,
): T {
  const principal = principalOf(c);
  if (!record || (principal.kind === 'customer' && ownerOf(record) !== principal.customerId))
    throw new NotFoundError(code, message);
  return record;
}

/** The customer a customer token acts as, or undefined for integrators and open access. */
export function tokenCustomer(c: Context<AppEnv>): string | undefined {
  const principal = principalOf(c);
  return principal.kind === 'customer' ? principal.customerId : undefined;
}
