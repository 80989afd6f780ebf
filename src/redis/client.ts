import { Redis } from 'ioredis';
import { z } from 'zod';
import { RedisUnavailableError } from './errors.js';

export const RedisClientOptions = z.object({
  /**
   * Commands issued while disconnected wait in the offline queue and are retried this many times
   * across reconnects before rejecting: a short Redis restart is absorbed, a long outage surfaces.
   */
  maxRetriesPerRequest: z.number().int().min(0).default(3),
  enableOfflineQueue: z.boolean().default(true),
  /** Reconnect backoff: `attempt * reconnectStepMs`, capped at `reconnectMaxDelayMs`; never gives up. */
  reconnectStepMs: z.number().int().min(1).default(100),
  reconnectMaxDelayMs: z.number().int().min(1).default(2_000),
  connectTimeoutMs: z.number().int().min(1).default(5_000),
  /** How long `pingRedis` waits before reporting not ready. */
  pingTimeoutMs: z.number().int().min(1).default(1_000),
  /**
   * Connection errors while reconnecting. ioredis prints unhandled `error` events to the console, so a
   * handler is always attached; commands still reject to their callers.
   */
  onError: z.custom<(error: Error) => void>((v) => typeof v === 'function').optional(),
});
export type RedisClientOptions = z.input<typeof RedisClientOptions>;

/** The client swarmdesk recommends; it is created disconnected (`lazyConnect`): call `connectRedis`. */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const o = RedisClientOptions.parse(options);
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: o.maxRetriesPerRequest,
    enableOfflineQueue: o.enableOfflineQueue,
    connectTimeout: o.connectTimeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * o.reconnectStepMs, o.reconnectMaxDelayMs),
    // A failover leaves clients talking to a replica: reconnecting reaches the new primary.
    reconnectOnError: (error) => error.message.startsWith('READONLY'),
  });
  attachErrorHandler(client, o.onError);
  return client;
}

/** A subscriber connection sharing the client's options (and error handling). */
export function duplicateRedisClient(client: Redis, onError?: (error: Error) => void): Redis {
  const copy = client.duplicate();
  attachErrorHandler(copy, onError);
  return copy;
}

function attachErrorHandler(client: Redis, onError: ((error: Error) => void) | undefined): void {
  client.on('error', (error: Error) => onError?.(error));
}

/** Connects a lazy client and checks it answers; a failure names the target without its password. */
export async function connectRedis(client: Redis, url: string): Promise<void> {
  try {
    if (client.status === 'wait') await client.connect();
    await client.ping();
  } catch (error) {
    throw new RedisUnavailableError(redactRedisUrl(url), error);
  }
}

/** Readiness probe: true when Redis answers PING within the timeout; never throws. */
export async function pingRedis(client: Redis, timeoutMs = 1_000): Promise<boolean> {
  if (client.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([client.ping().then((reply) => reply === 'PONG'), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid url)';
  }
}
