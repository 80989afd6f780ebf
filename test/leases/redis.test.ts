import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { createRedisConversationLeases } from '../../src/leases/index.js';
import { deleteKeysWithPrefix } from '../../src/redis/index.js';
import { describeWithRedis, probeTestRedis, useRedisKeyspace } from '../support/redis.js';

const availability = await probeTestRedis();

describeWithRedis('redis conversation leases', availability, (url) => {
  const keyspace = useRedisKeyspace(url);
  const leasesFor = (ttlMs = 10_000) =>
    createRedisConversationLeases(keyspace.client, { keyPrefix: keyspace.prefix, ttlMs });

  it('grants one holder at a time, and frees the conversation only for that holder', async () => {
    const here = leasesFor();
    const elsewhere = leasesFor();
    const lease = await here.tryAcquire('c-1');
    expect(lease).toBeDefined();
    expect(await elsewhere.tryAcquire('c-1')).toBeUndefined();
    expect(await elsewhere.tryAcquire('c-2')).toBeDefined();
    if (!lease) return;
    expect(await elsewhere.release({ ...lease, token: 'someone else' })).toBe('lost');
    expect(await elsewhere.tryAcquire('c-1')).toBeUndefined();
    expect(await here.release(lease)).toBe('released');
    const next = await elsewhere.tryAcquire('c-1');
    expect(next?.fence).toBeGreaterThan(lease.fence);
  });

  it('lets the next holder in when a holder stops renewing, and fences the old one out', async () => {
    const leases = leasesFor(300);
    const stale = await leases.tryAcquire('c-1');
    if (!stale) throw new Error('no lease');
    expect(await leases.renew(stale)).toBe(true);
    expect(await leases.isCurrent(stale)).toBe(true);
    await sleep(350);
    const fresh = await leases.tryAcquire('c-1');
    if (!fresh) throw new Error('the expired lease was not granted again');
    expect(fresh.fence).toBeGreaterThan(stale.fence);
    expect(await leases.isCurrent(stale)).toBe(false);
    expect(await leases.isCurrent(fresh)).toBe(true);
    expect(await leases.renew(stale)).toBe(false);
    expect(await leases.drain(stale)).toBeUndefined();
    expect(await leases.release(stale)).toBe('lost');
    expect(await leases.release(fresh)).toBe('released');
  });

  it('grants fences above the old ones after Redis lost its data', async () => {
    const leases = leasesFor();
    const before = await leases.tryAcquire('c-1');
    if (!before) throw new Error('no lease');
    await deleteKeysWithPrefix(keyspace.client, keyspace.prefix);
    const after = await leases.tryAcquire('c-1');
    expect(after?.fence).toBeGreaterThan(before.fence);
    expect(await leases.isCurrent(before)).toBe(false);
  });

  it('queues texts for the holder in order, keeps the lease while any is queued, and hands back replies', async () => {
    const here = leasesFor();
    const elsewhere = leasesFor();
    const lease = await here.acquireOrJoin('c-1', { entryId: 'e-1', text: 'one' });
    if (!lease) throw new Error('no lease');
    expect(await elsewhere.acquireOrJoin('c-1', { entryId: 'e-2', text: 'two' })).toBeUndefined();
    expect(await elsewhere.acquireOrJoin('c-1', { entryId: 'e-3', text: 'three' })).toBeUndefined();
    expect(await elsewhere.pollJoined('c-1', 'e-2')).toBeUndefined();

    expect(await here.drain(lease)).toEqual([
      { entryId: 'e-2', text: 'two' },
      { entryId: 'e-3', text: 'three' },
    ]);
    expect(await elsewhere.acquireOrJoin('c-1', { entryId: 'e-4', text: 'four' })).toBeUndefined();
    // A text queued after the last drain keeps the holder at work instead of being left behind.
    expect(await here.release(lease)).toBe('joined');
    await here.reply(['e-2', 'e-3'], { queryId: 'q-2' });
    expect(await elsewhere.pollJoined('c-1', 'e-2')).toEqual({ reply: { queryId: 'q-2' } });
    expect(await here.drain(lease)).toEqual([{ entryId: 'e-4', text: 'four' }]);
    await here.reply(['e-4'], { error: { code: 'ASK_TIMEOUT', message: 'late' } });
    expect(await here.release(lease)).toBe('released');
    expect(await elsewhere.pollJoined('c-1', 'e-4')).toEqual({
      reply: { error: { code: 'ASK_TIMEOUT', message: 'late' } },
    });
  });

  it('gives a queued text’s sender the lease when the holder is gone', async () => {
    const leases = leasesFor(300);
    const gone = await leases.acquireOrJoin('c-1', { entryId: 'e-1', text: 'one' });
    expect(gone).toBeDefined();
    expect(await leases.acquireOrJoin('c-1', { entryId: 'e-2', text: 'two' })).toBeUndefined();
    expect(await leases.pollJoined('c-1', 'e-2')).toBeUndefined();
    await sleep(350);
    const polled = await leases.pollJoined('c-1', 'e-2');
    if (!polled || !('lease' in polled)) throw new Error(`expected the lease, got ${JSON.stringify(polled)}`);
    expect(await leases.drain(polled.lease)).toEqual([{ entryId: 'e-2', text: 'two' }]);
  });
});
