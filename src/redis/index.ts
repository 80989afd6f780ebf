export { RedisClientOptions, connectRedis, createRedisClient, pingRedis } from './client.js';
export {
  RedisUnavailableError,
  StoreCorruptError,
  asRedisUnavailable,
  isRedisConnectionError,
} from './errors.js';
export { DEFAULT_KEY_PREFIX, createKeys, type RedisKeys } from './keys.js';
export { parseJsonRecord, validateRecord } from './parse-record.js';
export { execReplies } from './exec-replies.js';
export { deleteKeysWithPrefix } from './scan-keys.js';
export { defineScript } from './script.js';
export { createChannelSubscriber } from './subscriber.js';
