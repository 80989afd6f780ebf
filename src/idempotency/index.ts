export {
  IdempotencyRecord,
  StoredResponse,
  type ClaimResult,
  type IdempotencyStore,
} from './idempotency-store.js';
export {
  DEFAULT_MAX_IDEMPOTENCY_KEYS,
  createMemoryIdempotencyStore,
  type MemoryIdempotencyStoreOptions,
} from './memory-idempotency-store.js';
export { createRedisIdempotencyStore, type RedisIdempotencyStoreOptions } from './redis-idempotency-store.js';
