import { expect, it } from 'vitest';
import { createRedisIdempotencyStore } from '../../src/idempotency/index.js';
import { createKeys } from '../../src/redis/index.js';
import { describeWithRedis, probeTestRedis, useRedisKeyspace } from '../support/redis.js';
import { idempotencyStoreConformance } from './conformance.js';

const availability = await probeTestRedis();

describeWithRedis('redis idempotency store', availability, (url) => {
  const keyspace = useRedisKeyspace(url);

  idempotencyStoreConformance('redis', () =>
    createRedisIdempotencyStore({ redis: keyspace.client, keyPrefix: keyspace.prefix }),
  );

  it('stores a claim for its lease and a response for its ttl', async () => {
    const store = createRedisIdempotencyStore({ redis: keyspace.client, keyPrefix: keyspace.prefix });
    const key = createKeys(keyspace.prefix).idempotency('k');
    await store.claim('k', 'fp', 't-1', 60_000);
    const lease = await keyspace.client.pttl(key);
    expect(lease).toBeGreaterThan(0);
    expect(lease).toBeLessThanOrEqual(60_000);
    await store.complete(
      'k',
      't-1',
      { status: 200, contentType: 'application/json', body: '{}' },
      86_400_000,
    );
    expect(await keyspace.client.pttl(key)).toBeGreaterThan(60_000);
  });

  it('reports a stored record that is not one as STORE_CORRUPT', async () => {
    const store = createRedisIdempotencyStore({ redis: keyspace.client, keyPrefix: keyspace.prefix });
    await keyspace.client.set(createKeys(keyspace.prefix).idempotency('k'), '{"state":"lost"}');
    await expect(store.claim('k', 'fp', 't-1', 60_000)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });
});
