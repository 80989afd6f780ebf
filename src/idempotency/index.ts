export { IdempotencyRecord, StoredResponse, type IdempotencyStore } from './idempotency-store.js';
export { createMemoryIdempotencyStore } from './memory-idempotency-store.js';
export { createRedisIdempotencyStore } from './redis-idempotency-store.js';
