import { expect, it } from 'vitest';
import type { Desk } from '../../src/desk/index.js';
import { connectRedis, createRedisClient, deleteKeysWithPrefix } from '../../src/redis/index.js';
import { describeWithRedis, freshKeyPrefix, probeTestRedis } from '../support/redis.js';
import { startDesk } from './support/desk-harness.js';

const availability = await probeTestRedis();

async function routedIntent(desk: Desk, message: string): Promise<string> {
  return (await desk.submit({ customerId: 'CUST002', message })).intent;
}

describeWithRedis('desk learning across processes on one Redis', availability, (url) => {
  it('routes a message corrected through one desk right on another, without a restart', async () => {
    const keyPrefix = freshKeyPrefix();
    const here = await startDesk({ redisUrl: url, keyPrefix, learningSyncMs: 50 });
    const elsewhere = await startDesk({ redisUrl: url, keyPrefix, learningSyncMs: 50 });
    try {
      const message = 'Put me on the lighter option please';
      const before = await here.submit({ customerId: 'CUST005', message });
      // Whatever the shipped model makes of it today, the correction names another intent.
      const corrected = before.intent === 'plan_change' ? 'pricing_question' : 'plan_change';
      expect(await routedIntent(elsewhere, message)).not.toBe(corrected);

      const outcome = await here.feedback(before.queryId, { correctIntent: corrected, rating: 1 });
      expect(outcome.learning).toBe('applied');

      // The other desk retrains on its own schedule: look until it has, within a bound.
      const deadline = Date.now() + 20_000;
      let seen = await routedIntent(elsewhere, message);
      while (seen !== corrected && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        seen = await routedIntent(elsewhere, message);
      }
      expect(seen).toBe(corrected);
    } finally {
      await Promise.all([here.close(), elsewhere.close()]);
      const client = createRedisClient(url);
      await connectRedis(client, url);
      await deleteKeysWithPrefix(client, keyPrefix);
      await client.quit();
    }
    // Two desks retraining on a loaded machine: room beyond the 20 s the loop itself may wait.
  }, 60_000);
});
