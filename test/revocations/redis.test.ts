import { expect, it } from 'vitest';
import { REVOCATION_RETENTION_SECONDS, createRedisTokenRevocations } from '../../src/revocations/index.js';
import { createKeys } from '../../src/redis/index.js';
import { describeWithRedis, probeTestRedis, useRedisKeyspace } from '../support/redis.js';
import { revocationsConformance } from './conformance.js';

const availability = await probeTestRedis();

describeWithRedis('redis token revocations', availability, (url) => {
  const keyspace = useRedisKeyspace(url);
  const make = () => createRedisTokenRevocations({ redis: keyspace.client, keyPrefix: keyspace.prefix });

  revocationsConformance('redis', make);

  it('keeps a revocation for the retention', async () => {
    await make().revoke('C001', 1_800_000_000);
    const ttl = await keyspace.client.ttl(createKeys(keyspace.prefix).customerTokensRevokedAt('C001'));
    expect(ttl).toBeGreaterThan(REVOCATION_RETENTION_SECONDS - 10);
    expect(ttl).toBeLessThanOrEqual(REVOCATION_RETENTION_SECONDS);
  });
});
