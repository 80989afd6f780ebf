import { afterEach, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/desk/index.js';
import { ConversationBusyError } from '../../src/desk/index.js';
import { eventLog, startDesk } from './support/desk-harness.js';

let desk: Desk | undefined;

afterEach(async () => {
  await desk?.close();
  desk = undefined;
});

describe('desk: double texting', () => {
  it('reject: refuses a second text while the first is worked on, and answers the first', async () => {
    desk = await startDesk({ doubleTextPolicy: 'reject' });
    const first = desk.submit({
      customerId: 'CUST005',
      conversationId: 'c-reject',
      message: 'How do I reset my password?',
    });
    await expect(
      desk.submit({ customerId: 'CUST005', conversationId: 'c-reject', message: 'Hello??' }),
    ).rejects.toBeInstanceOf(ConversationBusyError);
    expect((await first).intent).toBe('password_reset');
    const trail = await desk.getConversation('c-reject');
    expect(trail?.entries.filter((e) => e.kind === 'message')).toHaveLength(1);
    const later = await desk.submit({
      customerId: 'CUST005',
      conversationId: 'c-reject',
      message: 'When will my invoice arrive?',
    });
    expect(later.department).toBe('billing');
  });

  it('merge: texts sent during an answer become one message whose answer every sender gets', async () => {
    desk = await startDesk({ doubleTextPolicy: 'merge' });
    const second = eventLog();
    const third = eventLog();
    const conversationId = 'c-merge';
    const [a, b, c] = await Promise.all([
      desk.submit({ customerId: 'CUST005', conversationId, message: 'How do I change my profile picture?' }),
      desk.submit(
        { customerId: 'CUST005', conversationId, message: 'How do I reset my password?' },
        { onEvent: second.onEvent },
      ),
      desk.submit(
        { customerId: 'CUST005', conversationId, message: 'When will my invoice arrive?' },
        { onEvent: third.onEvent },
      ),
    ]);
    expect(a.queryId).not.toBe(b.queryId);
    expect(b).toEqual(c);
    expect(b.departments).toEqual(expect.arrayContaining(['technical', 'billing']));
    expect(second.events.at(-1)).toEqual({ type: 'done', queryId: b.queryId, result: b });
    expect(third.events.at(-1)).toEqual({ type: 'done', queryId: b.queryId, result: b });
    const trail = await desk.getConversation(conversationId);
    const messages = trail?.entries.flatMap((e) => (e.kind === 'message' ? [e.text] : []));
    expect(messages).toEqual([
      'How do I change my profile picture?',
      'How do I reset my password?\nWhen will my invoice arrive?',
    ]);
  });
});
