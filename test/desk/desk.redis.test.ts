import { expect, it } from 'vitest';
import { deleteKeysWithPrefix, connectRedis, createRedisClient } from '../../src/redis/index.js';
import { describeWithRedis, freshKeyPrefix, probeTestRedis } from '../support/redis.js';
import { startDesk } from './support/desk-harness.js';

const availability = await probeTestRedis();

describeWithRedis('desk on Redis', availability, (url) => {
  it('seeds the demo customers, answers, and keeps the trail, the CRM contact and the ticket in Redis', async () => {
    const keyPrefix = freshKeyPrefix();
    const desk = await startDesk({ redisUrl: url, keyPrefix });
    try {
      const answered = await desk.submit({
        customerId: 'CUST001',
        message: 'Kdy mi přijde faktura za tento měsíc?',
      });
      expect(answered).toMatchObject({ department: 'billing', language: 'cs' });
      expect(answered.response).toContain('Dobrý den, pane Nováku,');
      const escalated = await desk.submit({ customerId: 'CUST001', message: 'I want to speak to a human.' });
      expect(escalated.escalated).toBe(true);

      expect(await desk.getQuery(answered.queryId)).toEqual(answered);
      const trail = await desk.getConversation(answered.conversationId);
      expect(trail?.entries.map((e) => e.kind)).toContain('answer');
      const customer = await desk.getCustomer('CUST001');
      expect(customer?.issuesHistory.at(-1)?.queryId).toBe(escalated.queryId);
      expect((await desk.listTickets()).map((t) => t.ticketId)).toContain(escalated.ticketId);
      expect((await desk.readiness()).ready).toBe(true);
    } finally {
      await desk.close();
      const client = createRedisClient(url);
      await connectRedis(client, url);
      await deleteKeysWithPrefix(client, keyPrefix);
      await client.quit();
    }
  });
});
