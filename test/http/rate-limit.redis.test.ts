import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { connectRedis, createRedisClient, deleteKeysWithPrefix } from '../../src/redis/index.js';
import { createApp, createMetrics } from '../../src/http/index.js';
import { FakeDesk } from '../support/fake-desk.js';
import { describeWithRedis, freshKeyPrefix, probeTestRedis } from '../support/redis.js';
import { memoryLogger } from './helpers.js';

const availability = await probeTestRedis();

describeWithRedis('rate limits shared through Redis', availability, (url) => {
  let redis: Redis;
  const prefix = freshKeyPrefix();
  beforeAll(async () => {
    redis = createRedisClient(url);
    await connectRedis(redis, url);
  });
  afterAll(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  const deskProcess = () =>
    createApp({
      desk: new FakeDesk(),
      options: { rateLimit: { ratePerSecond: 0.01, burst: 3 } },
      logger: memoryLogger().logger,
      metrics: createMetrics({ defaultMetrics: false }),
      rateLimitStore: { redis, keyPrefix: prefix },
    });

  it('gives a caller one budget across processes behind a balancer', async () => {
    const processes = [deskProcess(), deskProcess()];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await processes[i % 2]!.request('/v1/tickets')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    const limited = await processes[0]!.request('/v1/tickets');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('rate limits while Redis is unreachable', () => {
  it('fall back to a budget per process instead of failing requests', async () => {
    const redis = createRedisClient('redis://127.0.0.1:1', { maxRetriesPerRequest: 0 });
    const app = createApp({
      desk: new FakeDesk(),
      options: { rateLimit: { ratePerSecond: 0.01, burst: 2 } },
      logger: memoryLogger().logger,
      metrics: createMetrics({ defaultMetrics: false }),
      rateLimitStore: { redis, keyPrefix: freshKeyPrefix() },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.request('/v1/tickets')).status);
    expect(statuses).toEqual([200, 200, 429]);
    redis.disconnect();
  });
});
