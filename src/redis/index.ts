export {
  RedisClientOptions,
  connectRedis,
  createRedisClient,
  duplicateRedisClient,
  pingRedis,
  redactRedisUrl,
} from './client.js';
export {
  REDIS_RETRY_AFTER_MS,
  RedisUnavailableError,
  StoreCorruptError,
  asRedisUnavailable,
  isRedisConnectionError,
} from './errors.js';
export { DEFAULT_KEY_PREFIX, createKeys, type RedisKeys } from './keys.js';
export { parseJsonRecord, validateRecord } from './parse-record.js';
export { execReplies } from './exec-replies.js';
export { deleteKeysWithPrefix } from './scan-keys.js';
export { defineScript, type LuaScript } from './script.js';
export { createChannelSubscriber, type ChannelSubscriber } from './subscriber.js';
