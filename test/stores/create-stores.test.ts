import { describe, expect, it } from 'vitest';
import { createStores } from '../../src/stores/index.js';
import { describeWithRedis, probeTestRedis, useRedisKeyspace } from '../support/redis.js';
import { sampleTicket } from '../tickets/conformance.js';

const availability = await probeTestRedis();

describe('createStores without a Redis URL', () => {
  it('keeps everything in memory', async () => {
    const stores = await createStores();
    expect(stores.redis).toBe('memory');
    await stores.blackboard.open('c-1', { customerId: 'A' });
    expect(await stores.blackboard.get('c-1')).toBeDefined();
    expect(await stores.ping()).toBe(true);
    await stores.close();
  });

  it('refuses an unreachable Redis URL with REDIS_UNAVAILABLE, hiding the password', async () => {
    const failure = createStores({
      redisUrl: 'redis://:secret@127.0.0.1:1',
      client: { connectTimeoutMs: 500 },
    });
    await expect(failure).rejects.toMatchObject({ code: 'REDIS_UNAVAILABLE' });
    await expect(failure).rejects.not.toThrow(/secret/);
  });
});

describeWithRedis('createStores with a Redis URL', availability, (url) => {
  const keyspace = useRedisKeyspace(url);

  it('puts every store on Redis under the key prefix', async () => {
    const stores = await createStores({ redisUrl: url, keyPrefix: keyspace.prefix });
    expect(stores.redis).toBe('redis');
    await stores.blackboard.open('c-1', { customerId: 'A' });
    await stores.tickets.open(sampleTicket('T-1', { customerId: 'A' }));
    expect(await keyspace.client.exists(`${keyspace.prefix}conv:c-1`, `${keyspace.prefix}ticket:T-1`)).toBe(
      2,
    );
    expect(await stores.ping()).toBe(true);
    await stores.close();
  });
});
