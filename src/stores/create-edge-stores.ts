import type { Redis } from 'ioredis';
import { z } from 'zod';
import {
  createMemoryIdempotencyStore,
  createRedisIdempotencyStore,
  type IdempotencyStore,
} from '../idempotency/index.js';
import { DEFAULT_KEY_PREFIX, connectRedis, createRedisClient } from '../redis/index.js';
import {
  createMemoryTokenRevocations,
  createRedisTokenRevocations,
  type TokenRevocations,
} from '../revocations/index.js';

export const EdgeStoresOptions = z.object({
  /** Redis, shared with other instances; this process's memory when absent. */
  redisUrl: z.string().min(1).optional(),
  keyPrefix: z.string().min(1).default(DEFAULT_KEY_PREFIX),
});
export type EdgeStoresOptions = z.input<typeof EdgeStoresOptions>;

/** What the HTTP edge keeps itself, apart from the desk's stores: its own connection, its own close. */
export interface EdgeStores {
  idempotency: IdempotencyStore;
  /** Customers whose tokens were revoked. */
  revocations: TokenRevocations;
  /** The connection the stores share, when on Redis (for other edge services to share too). */
  redis?: Redis;
  close(): Promise<void>;
}

export async function createEdgeStores(options: EdgeStoresOptions = {}): Promise<EdgeStores> {
  const o = EdgeStoresOptions.parse(options);
  if (o.redisUrl === undefined) {
    const idempotency = createMemoryIdempotencyStore();
    const revocations = createMemoryTokenRevocations();
    return {
      idempotency,
      revocations,
      async close() {
        await Promise.all([idempotency.close(), revocations.close()]);
      },
    };
  }
  const redis = createRedisClient(o.redisUrl);
  try {
    await connectRedis(redis, o.redisUrl);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  const idempotency = createRedisIdempotencyStore({ redis, keyPrefix: o.keyPrefix });
  const revocations = createRedisTokenRevocations({ redis, keyPrefix: o.keyPrefix });
  return {
    idempotency,
    revocations,
    redis,
    async close() {
      await Promise.all([idempotency.close(), revocations.close()]);
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}
