import type { Redis } from 'ioredis';
import { DEFAULT_KEY_PREFIX, createKeys, defineScript } from '../redis/index.js';
import { REVOCATION_RETENTION_SECONDS, type TokenRevocations } from './token-revocations.js';

/** KEYS: the customer's revocation. ARGV: second, retention. Keeps the later of the two seconds. */
const revokeScript = defineScript(`
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = math.max(current, tonumber(ARGV[1]))
redis.call('SET', KEYS[1], string.format('%.0f', at), 'EX', ARGV[2])
return at
`);

export interface RedisTokenRevocationsOptions {
  redis: Redis;
  keyPrefix?: string;
}

/** Revocations in Redis, so a token revoked through one process is refused by all of them at once. */
export function createRedisTokenRevocations(options: RedisTokenRevocationsOptions): TokenRevocations {
  const keys = createKeys(options.keyPrefix ?? DEFAULT_KEY_PREFIX);
  return {
    async revoke(customerId, atSeconds) {
      const at = await revokeScript.run(
        options.redis,
        [keys.customerTokensRevokedAt(customerId)],
        [Math.floor(atSeconds), REVOCATION_RETENTION_SECONDS],
      );
      return Number(at);
    },
    async revokedAt(customerId) {
      const at = await options.redis.get(keys.customerTokensRevokedAt(customerId));
      return at === null ? undefined : Number(at);
    },
    async close() {},
  };
}
