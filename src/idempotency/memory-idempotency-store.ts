import type { Clock } from '../runtime/index.js';
import { systemClock } from '../runtime/index.js';
import type { IdempotencyRecord, IdempotencyStore } from './idempotency-store.js';

export interface MemoryIdempotencyStoreOptions {
  /** At most this many keys; the oldest finished ones go first. */
  maxKeys?: number;
  clock?: Pick<Clock, 'now'>;
}

const DEFAULT_MAX_IDEMPOTENCY_KEYS = 10_000;

interface Entry {
  record: IdempotencyRecord;
  expiresAt: number;
}

/** Keys in one process's memory (no Redis): bounded, oldest first out, each with its expiry. */
export function createMemoryIdempotencyStore(options: MemoryIdempotencyStoreOptions = {}): IdempotencyStore {
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_IDEMPOTENCY_KEYS;
  const clock = options.clock ?? systemClock;
  // A Map iterates in insertion order, and every write re-inserts: the first entries are the oldest.
  const entries = new Map<string, Entry>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= clock.now()) entries.delete(key);
    return entry && entry.expiresAt > clock.now() ? entry : undefined;
  };
  const put = (key: string, record: IdempotencyRecord, ttlMs: number): void => {
    entries.delete(key);
    entries.set(key, { record, expiresAt: clock.now() + ttlMs });
    if (entries.size <= maxKeys) return;
    // A pending claim is a request running now: never evicted, or its retry would run it twice.
    for (const [oldKey, entry] of entries) {
      if (entries.size <= maxKeys) break;
      if (entry.record.state === 'done' || entry.expiresAt <= clock.now()) entries.delete(oldKey);
    }
  };

  return {
    async claim(key, fingerprint, token, leaseMs) {
      const existing = live(key);
      if (existing) return { claimed: false, record: structuredClone(existing.record) };
      put(key, { schemaVersion: 1, state: 'pending', fingerprint, token }, leaseMs);
      return { claimed: true };
    },

    async complete(key, token, response, ttlMs) {
      const entry = live(key);
      if (entry?.record.state !== 'pending' || entry.record.token !== token) return;
      put(key, { schemaVersion: 1, state: 'done', fingerprint: entry.record.fingerprint, response }, ttlMs);
    },

    async release(key, token) {
      const entry = live(key);
      if (entry?.record.state === 'pending' && entry.record.token === token) entries.delete(key);
    },

    async close() {
      entries.clear();
    },
  };
}
