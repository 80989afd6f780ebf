import { createRedisOutbox } from '../../src/webhooks/index.js';
import { describeWithRedis, probeTestRedis, useRedisKeyspace } from '../support/redis.js';
import { outboxConformance } from './outbox-conformance.js';

const availability = await probeTestRedis();

describeWithRedis('redis webhook outbox', availability, (url) => {
  const keyspace = useRedisKeyspace(url);
  const open = async () => createRedisOutbox({ redis: keyspace.client, keyPrefix: keyspace.prefix });
  outboxConformance('redis', { create: open, reopen: open });
});
