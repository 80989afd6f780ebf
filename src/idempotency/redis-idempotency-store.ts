import type { Redis } from 'ioredis';
import { createKeys, defineScript, parseJsonRecord } from '../redis/index.js';
import { IdempotencyRecord, type IdempotencyStore } from './idempotency-store.js';

export interface RedisIdempotencyStoreOptions {
  /** Owned by the caller: `close()` leaves it open. */
  redis: Redis;
  keyPrefix?: string;
}

/** KEYS: the key. ARGV: pending record, lease ms. Returns nil when claimed, else the stored record. */
const claimScript = defineScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])
`);

/*
 * The claim's token is matched inside Redis: a request whose lease ran out (and whose key another
 * request then claimed) must not overwrite or free that newer claim.
 * KEYS: the key. ARGV: token, replacement record ('' to delete), ttl ms.
 */
const finishScript = defineScript(`
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local record = cjson.decode(current)
if record.state ~= 'pending' or record.token ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1
`);

/** Keys shared by every process on one Redis: a retry may reach another instance than the first try. */
export function createRedisIdempotencyStore(options: RedisIdempotencyStoreOptions): IdempotencyStore {
  const { redis } = options;
  const keys = createKeys(options.keyPrefix);

  return {
    async claim(key, fingerprint, token, leaseMs) {
      const redisKey = keys.idempotency(key);
      const pending: IdempotencyRecord = { schemaVersion: 1, state: 'pending', fingerprint, token };
      const stored = (await claimScript.run(redis, [redisKey], [JSON.stringify(pending), leaseMs])) as
        string | null;
      if (stored === null) return { claimed: true };
      return { claimed: false, record: parseJsonRecord(IdempotencyRecord, redisKey, stored) };
    },

    async complete(key, token, response, ttlMs) {
      const redisKey = keys.idempotency(key);
      const current = await redis.get(redisKey);
      if (current === null) return;
      const { fingerprint } = parseJsonRecord(IdempotencyRecord, redisKey, current);
      const done: IdempotencyRecord = { schemaVersion: 1, state: 'done', fingerprint, response };
      await finishScript.run(redis, [redisKey], [token, JSON.stringify(done), ttlMs]);
    },

    async release(key, token) {
      await finishScript.run(redis, [keys.idempotency(key)], [token, '', 0]);
    },

    async close() {},
  };
}
