import { expect, it } from 'vitest';
import { createRedisBlackboard } from '../../src/blackboard/index.js';
import { createKeys } from '../../src/redis/index.js';
import { describeWithRedis, probeTestRedis, useRedisKeyspace } from '../support/redis.js';
import { blackboardConformance, sampleResult } from './conformance.js';

const availability = await probeTestRedis();

describeWithRedis('redis blackboard', availability, (url) => {
  const keyspace = useRedisKeyspace(url);

  blackboardConformance('redis', (options) =>
    createRedisBlackboard({ ...options, redis: keyspace.client, keyPrefix: keyspace.prefix }),
  );

  it('reports a result that is not JSON as STORE_CORRUPT', async () => {
    const board = createRedisBlackboard({ redis: keyspace.client, keyPrefix: keyspace.prefix });
    await keyspace.client.set(createKeys(keyspace.prefix).result('q-1'), '{not json');
    await expect(board.getResult('q-1')).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    await board.close();
  });

  it('reports a conversation whose record breaks the schema as STORE_CORRUPT', async () => {
    const board = createRedisBlackboard({ redis: keyspace.client, keyPrefix: keyspace.prefix });
    await board.open('c-1', { customerId: 'A' });
    const keys = createKeys(keyspace.prefix);
    await keyspace.client.rpush(keys.conversationEntries('c-1'), '{"seq":1,"kind":"nonsense"}');
    await expect(board.get('c-1')).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    await keyspace.client.hset(keys.conversation('c-1'), 'state', 'oops');
    await expect(board.updateState('c-1', (s) => s)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    await board.close();
  });

  it('updates from the state another process wrote, though it remembered an older one', async () => {
    const here = createRedisBlackboard({ redis: keyspace.client, keyPrefix: keyspace.prefix });
    const elsewhere = createRedisBlackboard({ redis: keyspace.client, keyPrefix: keyspace.prefix });
    await here.open('c-1', { customerId: 'A' });
    await here.updateState('c-1', (s) => ({ ...s, attempts: s.attempts + 1 }));
    await elsewhere.updateState('c-1', (s) => ({ ...s, attempts: s.attempts + 1, intent: 'billing.refund' }));
    const seen: number[] = [];
    const next = await here.updateState('c-1', (s) => {
      seen.push(s.attempts);
      return { ...s, attempts: s.attempts + 1 };
    });
    expect(next).toMatchObject({ attempts: 3, intent: 'billing.refund' });
    // First from what it remembered (1), then, refused, from what is stored (2).
    expect(seen).toEqual([1, 2]);
    expect((await elsewhere.get('c-1'))?.state).toMatchObject({ attempts: 3, intent: 'billing.refund' });
    await Promise.all([here.close(), elsewhere.close()]);
  });

  it('multiplexes listeners on one subscription per channel and drops it after the last unsubscribe', async () => {
    const board = createRedisBlackboard({ redis: keyspace.client, keyPrefix: keyspace.prefix });
    const channel = createKeys(keyspace.prefix).conversationChannel('c-1');
    const first = await board.subscribe('c-1', () => {});
    const second = await board.subscribe('c-1', () => {});
    expect(await keyspace.client.pubsub('NUMSUB', channel)).toEqual([channel, 1]);
    await first();
    expect(await keyspace.client.pubsub('NUMSUB', channel)).toEqual([channel, 1]);
    await second();
    expect(await keyspace.client.pubsub('NUMSUB', channel)).toEqual([channel, 0]);
    await board.close();
  });

  it('keeps every key under its prefix', async () => {
    const board = createRedisBlackboard({ redis: keyspace.client, keyPrefix: keyspace.prefix });
    await board.open('c-1', { customerId: 'A' });
    await board.append('c-1', { kind: 'message', by: 'customer', text: 'hi' });
    const keys = await keyspace.client.keys(`${keyspace.prefix}*`);
    expect(keys.sort()).toEqual([`${keyspace.prefix}conv:c-1`, `${keyspace.prefix}conv:c-1:entries`]);
    await board.close();
  });

  it('sets a TTL on conversations and results', async () => {
    const board = createRedisBlackboard({
      redis: keyspace.client,
      keyPrefix: keyspace.prefix,
      conversationTtlSeconds: 60,
      resultTtlSeconds: 30,
    });
    const keys = createKeys(keyspace.prefix);
    await board.open('c-1', { customerId: 'A' });
    await board.append('c-1', { kind: 'message', by: 'customer', text: 'hi' });
    await board.saveResult(sampleResult('q-1'));
    expect(await keyspace.client.ttl(keys.conversation('c-1'))).toBeGreaterThan(50);
    expect(await keyspace.client.ttl(keys.conversationEntries('c-1'))).toBeGreaterThan(50);
    const resultTtl = await keyspace.client.ttl(keys.result('q-1'));
    expect(resultTtl).toBeGreaterThan(0);
    expect(resultTtl).toBeLessThanOrEqual(30);
    await board.close();
  });
});
