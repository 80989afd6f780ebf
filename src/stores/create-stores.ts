import { z } from 'zod';
import {
  BlackboardOptions,
  createMemoryBlackboard,
  createRedisBlackboard,
  type Blackboard,
} from '../blackboard/index.js';
import { CrmOptions, createMemoryCrm, createRedisCrm, type Crm } from '../crm/index.js';
import {
  DEFAULT_KEY_PREFIX,
  RedisClientOptions,
  connectRedis,
  createRedisClient,
  pingRedis,
} from '../redis/index.js';
import {
  RedisConversationLeasesOptions,
  createRedisConversationLeases,
  type ConversationLeases,
} from '../leases/index.js';
import {
  MemoryTicketQueueOptions,
  createMemoryTicketQueue,
  createRedisTicketQueue,
  type TicketQueue,
} from '../tickets/index.js';

export const StoresOptions = z.object({
  /** Redis for every store; all in memory when absent. */
  redisUrl: z.string().min(1).optional(),
  keyPrefix: z.string().min(1).default(DEFAULT_KEY_PREFIX),
  blackboard: BlackboardOptions.optional(),
  crm: CrmOptions.optional(),
  /** Without Redis: how many closed tickets are kept. */
  tickets: MemoryTicketQueueOptions.optional(),
  client: RedisClientOptions.optional(),
  /** With Redis: the double-text gate's per-conversation leases. */
  leases: RedisConversationLeasesOptions.omit({ keyPrefix: true }).optional(),
});
export type StoresOptions = z.input<typeof StoresOptions>;

export interface Stores {
  blackboard: Blackboard;
  crm: Crm;
  tickets: TicketQueue;
  /** With Redis only: leases that let processes on the same Redis take turns on a conversation. */
  leases?: ConversationLeases;
  redis: 'memory' | 'redis';
  /** True when the backing store answers (always for memory): for readiness probes. */
  ping(): Promise<boolean>;
  /** Closes the stores, then the Redis connection they share. */
  close(): Promise<void>;
}

/**
 * The one place a Redis client is created for the stores: they share it (plus one subscriber
 * connection for blackboard changes). Rejects with REDIS_UNAVAILABLE when `redisUrl` does not answer
 * at start-up; later outages are ridden out by the client's reconnect strategy.
 */
export async function createStores(options: StoresOptions = {}): Promise<Stores> {
  const o = StoresOptions.parse(options);
  if (o.redisUrl === undefined) {
    const blackboard = createMemoryBlackboard(o.blackboard);
    const crm = createMemoryCrm(o.crm);
    const tickets = createMemoryTicketQueue(o.tickets);
    return {
      blackboard,
      crm,
      tickets,
      redis: 'memory',
      ping: async () => true,
      async close() {
        await Promise.all([blackboard.close(), crm.close(), tickets.close()]);
      },
    };
  }

  const redis = createRedisClient(o.redisUrl, o.client);
  try {
    await connectRedis(redis, o.redisUrl);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  const blackboard = createRedisBlackboard({ ...o.blackboard, redis, keyPrefix: o.keyPrefix });
  const crm = createRedisCrm({ ...o.crm, redis, keyPrefix: o.keyPrefix });
  const tickets = createRedisTicketQueue({ redis, keyPrefix: o.keyPrefix });
  const leases = createRedisConversationLeases(redis, { ...o.leases, keyPrefix: o.keyPrefix });
  return {
    blackboard,
    crm,
    tickets,
    leases,
    redis: 'redis',
    ping: () => pingRedis(redis),
    async close() {
      await Promise.all([blackboard.close(), crm.close(), tickets.close()]);
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}
