import type { Redis } from 'ioredis';
import { createKeys, defineScript, execReplies, parseJsonRecord } from '../redis/index.js';
import { Delivery } from './delivery.js';
import type { WebhookOutbox } from './outbox.js';

export interface RedisOutboxOptions {
  /** Owned by the caller: `close()` leaves it open. */
  redis: Redis;
  keyPrefix?: string;
  /** How long a finished delivery stays listed. */
  finishedTtlMs?: number;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/*
 * A delivery is a JSON string; `webhooks:due` scores pending ones by the time they are due, and
 * `webhooks:deliveries` scores all of them by creation for the listing. Claiming moves a due
 * delivery's score to the end of its lease in the same script, so two instances never take the same
 * one, and one that dies while sending leaves it due again.
 * KEYS: due set. ARGV: now, limit, lease end.
 */
const claimScript = defineScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[3], id) end
return ids
`);

/** Shared by every instance on one Redis: any of them may send a delivery another one recorded. */
export function createRedisOutbox(options: RedisOutboxOptions): WebhookOutbox {
  const { redis } = options;
  const keys = createKeys(options.keyPrefix);
  const finishedTtlMs = options.finishedTtlMs ?? WEEK_MS;

  async function readMany(ids: string[]): Promise<Delivery[]> {
    if (ids.length === 0) return [];
    const texts = await redis.mget(...ids.map((id) => keys.webhookDelivery(id)));
    return texts.flatMap((text, i) =>
      text === null ? [] : [parseJsonRecord(Delivery, keys.webhookDelivery(ids[i] ?? ''), text)],
    );
  }

  return {
    async add(deliveries) {
      const multi = redis.multi();
      for (const d of deliveries) {
        multi.set(keys.webhookDelivery(d.id), JSON.stringify(d));
        multi.zadd(keys.webhookDeliveries(), Date.parse(d.createdAt), d.id);
        if (d.status === 'pending' && d.nextAttemptAt !== null)
          multi.zadd(keys.webhooksDue(), d.nextAttemptAt, d.id);
      }
      execReplies(await multi.exec());
    },

    async claimDue(now, limit, leaseMs) {
      const ids = (await claimScript.run(
        redis,
        [keys.webhooksDue()],
        [now, limit, now + leaseMs],
      )) as string[];
      return readMany(ids);
    },

    async save(d) {
      const multi = redis.multi();
      if (d.status === 'pending' && d.nextAttemptAt !== null) {
        multi.set(keys.webhookDelivery(d.id), JSON.stringify(d));
        multi.zadd(keys.webhooksDue(), d.nextAttemptAt, d.id);
      } else {
        multi.set(keys.webhookDelivery(d.id), JSON.stringify(d), 'PX', finishedTtlMs);
        multi.zrem(keys.webhooksDue(), d.id);
      }
      multi.zadd(keys.webhookDeliveries(), Date.parse(d.createdAt), d.id);
      execReplies(await multi.exec());
    },

    async get(id) {
      const [delivery] = await readMany([id]);
      return delivery;
    },

    async list(listOptions = {}) {
      const { status, limit } = listOptions;
      // Finished deliveries expire on their own; their ids leave the index when next listed.
      const ids = await redis.zrevrange(keys.webhookDeliveries(), 0, -1);
      const texts = ids.length === 0 ? [] : await redis.mget(...ids.map((id) => keys.webhookDelivery(id)));
      const gone = ids.filter((_, i) => texts[i] === null);
      if (gone.length > 0) await redis.zrem(keys.webhookDeliveries(), ...gone);
      const all = texts.flatMap((text, i) =>
        text === null ? [] : [parseJsonRecord(Delivery, keys.webhookDelivery(ids[i] ?? ''), text)],
      );
      const matching = all.filter((d) => status === undefined || d.status === status);
      return matching.slice(0, limit ?? matching.length);
    },

    async close() {},
  };
}
