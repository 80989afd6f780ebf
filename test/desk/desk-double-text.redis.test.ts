import { afterEach, expect, it } from 'vitest';
import type { Desk } from '../../src/desk/index.js';
import { deleteKeysWithPrefix } from '../../src/redis/index.js';
import { describeWithRedis, probeTestRedis, useRedisKeyspace } from '../support/redis.js';
import { eventLog, startDesk } from './support/desk-harness.js';

const availability = await probeTestRedis();

describeWithRedis('desk: double texting across two desks on one Redis', availability, (url) => {
  const keyspace = useRedisKeyspace(url);
  let desks: Desk[] = [];

  afterEach(async () => {
    await Promise.all(desks.map((desk) => desk.close()));
    desks = [];
    await deleteKeysWithPrefix(keyspace.client, keyspace.prefix);
  });

  async function twoDesks(policy: 'reject' | 'merge'): Promise<[Desk, Desk]> {
    const options = { redisUrl: url, keyPrefix: keyspace.prefix, doubleTextPolicy: policy };
    desks = await Promise.all([startDesk(options), startDesk(options)]);
    const [a, b] = desks;
    if (!a || !b) throw new Error('two desks expected');
    return [a, b];
  }

  it(
    'reject: the second desk refuses a text while the first answers the conversation',
    { timeout: 60_000 },
    async () => {
      const [a, b] = await twoDesks('reject');
      const conversationId = 'c-reject';
      const first = a.submit({
        customerId: 'CUST005',
        conversationId,
        message: 'How do I reset my password?',
      });
      // The first desk holds the lease from the moment it accepts the message until it has answered.
      await expect
        .poll(() => keyspace.client.exists(`${keyspace.prefix}lease:conv:${conversationId}`))
        .toBe(1);
      await expect(
        b.submit({ customerId: 'CUST005', conversationId, message: 'Hello??' }),
      ).rejects.toMatchObject({
        code: 'CONVERSATION_BUSY',
      });
      expect((await first).intent).toBe('password_reset');
      const later = await b.submit({
        customerId: 'CUST005',
        conversationId,
        message: 'When will my invoice arrive?',
      });
      expect(later.department).toBe('billing');
      const trail = await b.getConversation(conversationId);
      expect(trail?.entries.filter((e) => e.kind === 'message')).toHaveLength(2);
    },
  );

  it(
    'merge: texts sent to both desks during an answer become one message, answered once for every sender',
    { timeout: 60_000 },
    async () => {
      const [a, b] = await twoDesks('merge');
      const conversationId = 'c-merge';
      const first = a.submit({
        customerId: 'CUST005',
        conversationId,
        message: 'How do I change my profile picture?',
      });
      await expect
        .poll(() => keyspace.client.exists(`${keyspace.prefix}lease:conv:${conversationId}`))
        .toBe(1);
      const local = eventLog();
      const [second, third] = await Promise.all([
        b.submit({ customerId: 'CUST005', conversationId, message: 'How do I reset my password?' }),
        a.submit(
          { customerId: 'CUST005', conversationId, message: 'When will my invoice arrive?' },
          { onEvent: local.onEvent },
        ),
        first,
      ]);
      expect(second).toEqual(third);
      expect(second.departments).toEqual(expect.arrayContaining(['technical', 'billing']));
      // The holder's own sender hears the stream; the other desk's sender gets the answer.
      expect(local.events.some((event) => event.type === 'routed')).toBe(true);
      const trail = await b.getConversation(conversationId);
      const messages = trail?.entries.flatMap((e) => (e.kind === 'message' ? [e.text] : []));
      expect(messages).toEqual([
        'How do I change my profile picture?',
        'How do I reset my password?\nWhen will my invoice arrive?',
      ]);
    },
  );
});
