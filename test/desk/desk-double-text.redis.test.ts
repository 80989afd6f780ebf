import { afterEach, expect, it } from 'vitest';
import type { Desk } from '../../src/desk/index.js';
import { createKeys, deleteKeysWithPrefix } from '../../src/redis/index.js';
import { createStores, type Stores } from '../../src/stores/index.js';
import { describeWithRedis, probeTestRedis, useRedisKeyspace } from '../support/redis.js';
import { eventLog, startDesk } from './support/desk-harness.js';

const availability = await probeTestRedis();

/**
 * Stores whose first conversation read waits for the test: the desk using them holds the
 * conversation's lease, mid-answer, for as long as the test likes.
 */
async function pausedStores(url: string, keyPrefix: string) {
  const stores: Stores = await createStores({ redisUrl: url, keyPrefix });
  let resume = () => {};
  const resumed = new Promise<void>((resolve) => {
    resume = resolve;
  });
  let signalReading = () => {};
  const reading = new Promise<void>((resolve) => {
    signalReading = resolve;
  });
  const open = stores.blackboard.open.bind(stores.blackboard);
  stores.blackboard.open = async (conversationId, init) => {
    signalReading();
    await resumed;
    return open(conversationId, init);
  };
  return { stores, reading, resume };
}

describeWithRedis('desk: double texting across two desks on one Redis', availability, (url) => {
  const keyspace = useRedisKeyspace(url);
  let desks: Desk[] = [];
  let ownStores: Stores[] = [];

  afterEach(async () => {
    await Promise.all(desks.map((desk) => desk.close()));
    await Promise.all(ownStores.map((stores) => stores.close()));
    desks = [];
    ownStores = [];
    await deleteKeysWithPrefix(keyspace.client, keyspace.prefix);
  });

  /** Desk `a` answers its first message only when the test resumes it; `b` as usual. */
  async function twoDesks(policy: 'reject' | 'merge') {
    const options = { redisUrl: url, keyPrefix: keyspace.prefix, doubleTextPolicy: policy };
    const paused = await pausedStores(url, keyspace.prefix);
    ownStores = [paused.stores];
    const [a, b] = await Promise.all([startDesk(options, { stores: paused.stores }), startDesk(options)]);
    desks = [a, b];
    return { a, b, reading: paused.reading, resume: paused.resume };
  }

  it(
    'reject: the second desk refuses a text while the first answers the conversation',
    { timeout: 60_000 },
    async () => {
      const { a, b, reading, resume } = await twoDesks('reject');
      const conversationId = 'c-reject';
      const first = a.submit({
        customerId: 'CUST005',
        conversationId,
        message: 'How do I reset my password?',
      });
      await reading;
      await expect(
        b.submit({ customerId: 'CUST005', conversationId, message: 'Hello??' }),
      ).rejects.toMatchObject({ code: 'CONVERSATION_BUSY' });
      resume();
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
      const { a, b, reading, resume } = await twoDesks('merge');
      const conversationId = 'c-merge';
      const first = a.submit({
        customerId: 'CUST005',
        conversationId,
        message: 'How do I change my profile picture?',
      });
      await reading;
      const second = b.submit({
        customerId: 'CUST005',
        conversationId,
        message: 'How do I reset my password?',
      });
      // Queued for the holder in this order: the other desk's text first.
      const joined = createKeys(keyspace.prefix).conversationJoined(conversationId);
      await expect.poll(() => keyspace.client.llen(joined)).toBe(1);
      const local = eventLog();
      const third = a.submit(
        { customerId: 'CUST005', conversationId, message: 'When will my invoice arrive?' },
        { onEvent: local.onEvent },
      );
      await expect.poll(() => keyspace.client.llen(joined)).toBe(2);
      resume();
      const [answered, merged, alsoMerged] = await Promise.all([first, second, third]);
      expect(merged).toEqual(alsoMerged);
      expect(merged.queryId).not.toBe(answered.queryId);
      expect(merged.departments).toEqual(expect.arrayContaining(['technical', 'billing']));
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
