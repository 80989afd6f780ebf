import { expect, it } from 'vitest';
import { createKeys } from '../../src/redis/index.js';
import { createRedisTicketQueue } from '../../src/tickets/index.js';
import { describeWithRedis, probeTestRedis, useRedisKeyspace } from '../support/redis.js';
import { sampleTicket, ticketQueueConformance } from './conformance.js';

const availability = await probeTestRedis();

describeWithRedis('redis ticket queue', availability, (url) => {
  const keyspace = useRedisKeyspace(url);

  ticketQueueConformance('redis', () =>
    createRedisTicketQueue({ redis: keyspace.client, keyPrefix: keyspace.prefix }),
  );

  it('reports a ticket whose stored record is not JSON as STORE_CORRUPT', async () => {
    const queue = createRedisTicketQueue({ redis: keyspace.client, keyPrefix: keyspace.prefix });
    await queue.open(sampleTicket('T-1'));
    await keyspace.client.hset(createKeys(keyspace.prefix).ticket('T-1'), 'record', 'not json');
    await expect(queue.get('T-1')).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    await expect(queue.list()).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });

  it('reports a ticket with an unknown status as STORE_CORRUPT', async () => {
    const queue = createRedisTicketQueue({ redis: keyspace.client, keyPrefix: keyspace.prefix });
    await queue.open(sampleTicket('T-1'));
    await keyspace.client.hset(createKeys(keyspace.prefix).ticket('T-1'), 'status', 'lost');
    await expect(queue.get('T-1')).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });

  it('reads a ticket stored before tickets had an assignee, notes or updatedAt', async () => {
    const queue = createRedisTicketQueue({ redis: keyspace.client, keyPrefix: keyspace.prefix });
    const { assignee, notes, updatedAt, ...old } = sampleTicket('T-1');
    const keys = createKeys(keyspace.prefix);
    await keyspace.client.hset(
      keys.ticket('T-1'),
      'record',
      JSON.stringify(old),
      'status',
      'open',
      'score',
      1,
    );
    expect(await queue.get('T-1')).toEqual({ ...old, assignee, notes, updatedAt: old.createdAt });
    expect(updatedAt).toBe(old.createdAt);
  });
});
