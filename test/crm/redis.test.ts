import { expect, it } from 'vitest';
import { createRedisCrm } from '../../src/crm/index.js';
import { createKeys } from '../../src/redis/index.js';
import { describeWithRedis, probeTestRedis, useRedisKeyspace } from '../support/redis.js';
import { crmConformance, sampleCustomer } from './conformance.js';

const availability = await probeTestRedis();

describeWithRedis('redis crm', availability, (url) => {
  const keyspace = useRedisKeyspace(url);

  crmConformance('redis', (options) =>
    createRedisCrm({ ...options, redis: keyspace.client, keyPrefix: keyspace.prefix }),
  );

  it('reports a customer whose stored profile is not JSON as STORE_CORRUPT', async () => {
    const crm = createRedisCrm({ redis: keyspace.client, keyPrefix: keyspace.prefix });
    await crm.upsert(sampleCustomer('CUST001'));
    await keyspace.client.hset(createKeys(keyspace.prefix).customer('CUST001'), 'profile', '{broken');
    await expect(crm.get('CUST001')).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });

  it('reports a stored issue that breaks the schema as STORE_CORRUPT', async () => {
    const crm = createRedisCrm({ redis: keyspace.client, keyPrefix: keyspace.prefix });
    await crm.upsert(sampleCustomer('CUST001'));
    await keyspace.client.rpush(createKeys(keyspace.prefix).customerIssues('CUST001'), '{"summary":42}');
    await expect(crm.get('CUST001')).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });
});
