import { expect, it } from 'vitest';
import type { BlackboardChange } from '../../src/domain/conversation.js';
import { createStores, type Stores } from '../../src/stores/index.js';
import { describeWithRedis, freshKeyPrefix, probeOwnRedisServer } from '../support/redis.js';

const own = await probeOwnRedisServer();

describeWithRedis('stores across a Redis restart', own, (url) => {
  it('serve reads, writes and subscriptions again once a killed Redis is back', async () => {
    if (!own.available) return;
    const stores: Stores = await createStores({ redisUrl: url, keyPrefix: freshKeyPrefix() });
    try {
      await stores.blackboard.open('before', { customerId: 'A' });
      const heard: BlackboardChange[] = [];
      let onHeard = () => {};
      await stores.blackboard.subscribe('*', (change) => {
        heard.push(change);
        onHeard();
      });

      await own.redis.restart();

      // The restarted server has no data (no persistence): new writes must work on the new one.
      expect(await stores.blackboard.get('before')).toBeUndefined();
      await stores.blackboard.open('after', { customerId: 'B' });
      await stores.crm.upsert({
        schemaVersion: 1,
        customerId: 'CUST001',
        name: 'A',
        email: 'a@example.com',
        phone: '1',
        subscriptionType: 'Basic',
        lastContact: null,
        issuesHistory: [],
      });
      expect((await stores.crm.get('CUST001'))?.name).toBe('A');
      expect(await stores.ping()).toBe(true);

      // Pub/sub is at-most-once and the subscriber connection resubscribes on its own schedule, so
      // keep appending until one is heard: each append is a fresh publish.
      const heardOne = new Promise<void>((resolve) => {
        onHeard = resolve;
      });
      const appends: Promise<unknown>[] = [];
      const publisher = setInterval(() => {
        appends.push(stores.blackboard.append('after', { kind: 'message', by: 'customer', text: 'again' }));
      }, 50);
      try {
        await heardOne;
      } finally {
        clearInterval(publisher);
        await Promise.allSettled(appends);
      }
      expect(heard.at(-1)?.conversationId).toBe('after');
    } finally {
      await stores.close();
    }
  });
});
