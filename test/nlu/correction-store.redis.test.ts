import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatasetInvalidError, RedisCorrectionStore } from '../../src/nlu/index.js';

let redis: Redis;
let prefix: string;

beforeEach(() => {
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  prefix = `test:${randomUUID()}:`;
});

afterEach(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe('RedisCorrectionStore', () => {
  it('appends corrections and lists them in order under its prefix', async () => {
    const store = new RedisCorrectionStore(redis, { keyPrefix: prefix });
    await store.append({ text: 'nejde platba', intent: 'payment_failed', language: 'cs' });
    await store.append({ text: 'refund please', intent: 'refund_request' });

    const again = new RedisCorrectionStore(redis, { keyPrefix: prefix });
    expect(await again.list()).toEqual([
      { text: 'nejde platba', intent: 'payment_failed', language: 'cs' },
      { text: 'refund please', intent: 'refund_request' },
    ]);
    expect(store.key.startsWith(prefix)).toBe(true);
  });

  it('names the entry of a damaged list', async () => {
    const store = new RedisCorrectionStore(redis, { keyPrefix: prefix });
    await store.append({ text: 'ok', intent: 'refund_request' });
    await redis.rpush(store.key, 'not json');
    await expect(store.list()).rejects.toThrow(DatasetInvalidError);
    await expect(store.list()).rejects.toThrow(/:2: not a JSON object/);
  });
});
