import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { resolveClientAddress, type TrustedProxies } from './trusted-proxies.js';

/** The socket's remote address; undefined without a socket (`app.request()`). */
function socketAddress(c: Context<AppEnv>): string | undefined {
  if (!c.env?.incoming) return undefined;
  return getConnInfo(c).remote.address;
}

/** The client's address as `clientAddresses` resolved it for this request. */
export function clientAddress(c: Context<AppEnv>): string | undefined {
  return c.get('clientAddress');
}

/**
 * Resolves each request's client address once (see `resolveClientAddress`), for the rate limit and
 * the loopback rule of agent control. `onUntrustedForward` hears of the first request that came
 * through a proxy the configuration does not name.
 */
export function clientAddresses(
  proxies: TrustedProxies,
  onUntrustedForward: (socketAddress: string) => void,
): MiddlewareHandler<AppEnv> {
  let warned = false;
  return async (c, next) => {
    const socket = socketAddress(c);
    const forwarded = c.req.header('x-forwarded-for');
    if (!warned && socket !== undefined && forwarded !== undefined && !proxies.has(socket)) {
      warned = true;
      onUntrustedForward(socket);
    }
    c.set('clientAddress', resolveClientAddress(socket, forwarded, proxies));
    await next();
  };
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}
