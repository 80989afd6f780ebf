import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/desk/index.js';
import { startDesk } from './support/desk-harness.js';

let desk: Desk;

beforeAll(async () => {
  desk = await startDesk({ memory: { maxConversations: 2, maxResults: 2 } });
});

afterAll(async () => {
  await desk?.close();
});

describe('desk: memory bounds without Redis', () => {
  it('keeps only the most recent conversations and results it is told to', async () => {
    const results = [];
    for (const conversationId of ['c-first', 'c-second', 'c-third']) {
      results.push(
        await desk.submit({ customerId: 'CUST001', conversationId, message: 'How do I reset my password?' }),
      );
    }
    const [first, second, third] = results;
    expect(await desk.getConversation('c-first')).toBeUndefined();
    expect(await desk.getQuery(first?.queryId ?? '')).toBeUndefined();
    expect((await desk.getConversation('c-second'))?.conversationId).toBe('c-second');
    expect((await desk.getConversation('c-third'))?.conversationId).toBe('c-third');
    expect(await desk.getQuery(second?.queryId ?? '')).toEqual(second);
    expect(await desk.getQuery(third?.queryId ?? '')).toEqual(third);
  });
});
