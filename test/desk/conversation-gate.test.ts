import { describe, expect, it } from 'vitest';
import { ConversationGate, type GatedMessage } from '../../src/desk/conversation-gate.js';
import { ConversationBusyError } from '../../src/desk/errors.js';

/** Work whose completion the test controls, recording what it was asked to answer. */
function controlledWork() {
  const started: GatedMessage<string>[] = [];
  const finishers: Array<() => void> = [];
  const work = (message: GatedMessage<string>) => {
    started.push(message);
    return new Promise<string>((resolve) => finishers.push(() => resolve(`answer to ${message.text}`)));
  };
  const finishNext = async () => {
    await Promise.resolve();
    finishers.shift()?.();
    // Let the gate chain the next message.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { started, work, finishNext };
}

describe('conversation gate', () => {
  it('enqueue: answers a conversation’s messages one at a time, in order', async () => {
    const gate = new ConversationGate<string, string>('enqueue');
    const { started, work, finishNext } = controlledWork();
    const first = gate.submit('c1', 'one', 'a', work);
    const second = gate.submit('c1', 'two', 'b', work);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started.map((m) => m.text)).toEqual(['one']);
    await finishNext();
    expect(started.map((m) => m.text)).toEqual(['one', 'two']);
    await finishNext();
    expect(await first).toBe('answer to one');
    expect(await second).toBe('answer to two');
    expect(gate.size).toBe(0);
  });

  it('keeps different conversations independent', async () => {
    const gate = new ConversationGate<string, string>('reject');
    const { started, work } = controlledWork();
    void gate.submit('c1', 'one', 'a', work);
    void gate.submit('c2', 'two', 'b', work);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(2);
  });

  it('reject: refuses a second message while the first is worked on, and accepts after', async () => {
    const gate = new ConversationGate<string, string>('reject');
    const { work, finishNext } = controlledWork();
    const first = gate.submit('c1', 'one', 'a', work);
    await expect(gate.submit('c1', 'two', 'b', work)).rejects.toBeInstanceOf(ConversationBusyError);
    await finishNext();
    expect(await first).toBe('answer to one');
    const third = gate.submit('c1', 'three', 'c', work);
    await finishNext();
    expect(await third).toBe('answer to three');
  });

  it('merge: texts arriving during a message join into one next message that every caller gets', async () => {
    const gate = new ConversationGate<string, string>('merge');
    const { started, work, finishNext } = controlledWork();
    const first = gate.submit('c1', 'one', 'a', work);
    const second = gate.submit('c1', 'two', 'b', work);
    const third = gate.submit('c1', 'three', 'c', work);
    await finishNext();
    await finishNext();
    expect(started).toEqual([
      { text: 'one', callers: ['a'] },
      { text: 'two\nthree', callers: ['b', 'c'] },
    ]);
    expect(await first).toBe('answer to one');
    expect(await second).toBe('answer to two\nthree');
    expect(await third).toBe('answer to two\nthree');
  });

  it('goes on with the next message when one fails', async () => {
    const gate = new ConversationGate<string, string>('enqueue');
    const failing = gate.submit('c1', 'one', 'a', () => Promise.reject(new Error('boom')));
    const next = gate.submit('c1', 'two', 'b', async (m) => `answer to ${m.text}`);
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('answer to two');
  });
});
