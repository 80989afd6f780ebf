import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

/** An address (`10.0.0.5`, `::1`) or a CIDR range (`10.0.0.0/8`, `fd00::/8`). */
export const ProxyAddress = z.string().refine(
  (entry) => {
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) return false;
    if (bits === undefined) return true;
    const prefix = Number(bits);
    return /^\d+$/.test(bits) && prefix <= (family === 4 ? 32 : 128);
  },
  { message: 'must be an IP address or a CIDR range (10.0.0.0/8)' },
);

/** `::ffff:10.0.0.1` is 10.0.0.1: sockets on a dual-stack listener report IPv4 peers that way. */
function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export interface TrustedProxies {
  readonly configured: boolean;
  has(address: string): boolean;
}

export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(plainAddress(address), type);
    else list.addSubnet(plainAddress(address), Number(bits), type);
  }
  const configured = entries.length > 0;
  return {
    configured,
    has(address) {
      // Checking builds a SocketAddress each time: not worth it on every request when none is trusted.
      if (!configured) return false;
      const plain = plainAddress(address);
      const family = isIP(plain);
      return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

/**
 * The client's address: the socket's, unless the socket is a trusted proxy. Then `X-Forwarded-For` is
 * read from the right (each proxy appends the address it saw), skipping trusted proxies: the first
 * address not in the list is the client. Anything left of it was written by the client and is not
 * believed; a malformed entry stops the walk at the last address a trusted proxy vouched for.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  proxies: TrustedProxies,
): string | undefined {
  if (socketAddress === undefined || !proxies.has(socketAddress) || forwardedFor === undefined)
    return socketAddress;
  let client = socketAddress;
  const hops = forwardedFor.split(',').map((hop) => hop.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? '';
    if (isIP(hop) === 0) break;
    client = hop;
    if (!proxies.has(hop)) break;
  }
  return client;
}
