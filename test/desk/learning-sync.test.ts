import { describe, expect, it } from 'vitest';
import type { Learning } from '../../src/desk/learning.js';
import { startLearningSync } from '../../src/desk/learning-sync.js';

/** A learning loop whose looks finish only when the test says so. */
function heldLearning() {
  const pending: Array<(model: unknown) => void> = [];
  const learning: Learning = {
    knows: () => true,
    correct: async () => ({ applied: false }),
    modelJson: () => undefined,
    language: () => 'en',
    close: async () => {},
    catchUp: () => new Promise((resolve) => pending.push(resolve)),
  };
  return { learning, pending };
}

const ticks = (n: number) => new Promise((resolve) => setTimeout(resolve, n * 10 + 5));

describe('startLearningSync', () => {
  it('never starts a look while one is running, and hands on the model a look brings', async () => {
    const { learning, pending } = heldLearning();
    const received: unknown[] = [];
    const stop = startLearningSync({
      learning,
      intervalMs: 10,
      onModel: (model) => received.push(model),
      onError: () => {},
    });
    await ticks(5);
    expect(pending).toHaveLength(1);

    pending[0]?.({ model: 1 });
    await ticks(3);
    expect(received).toEqual([{ model: 1 }]);
    expect(pending).toHaveLength(2);

    pending[1]?.(undefined);
    const stopped = stop();
    pending[2]?.(undefined);
    await stopped;
    expect(received).toEqual([{ model: 1 }]);
  });

  it('reports a failed look and keeps looking', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const learning: Learning = {
      ...heldLearning().learning,
      catchUp: async () => {
        calls++;
        if (calls === 1) throw new Error('redis down');
        return undefined;
      },
    };
    const stop = startLearningSync({
      learning,
      intervalMs: 10,
      onModel: () => {},
      onError: (error) => errors.push(error),
    });
    await ticks(5);
    await stop();
    expect(errors).toHaveLength(1);
    expect(calls).toBeGreaterThan(1);
  });
});
