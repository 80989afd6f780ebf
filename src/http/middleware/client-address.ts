import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';

/** The socket's remote address; never a header, which any client can forge. Undefined without a socket. */
export function clientAddress(c: Context<AppEnv>): string | undefined {
  if (!c.env?.incoming) return undefined;
  return getConnInfo(c).remote.address;
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}
