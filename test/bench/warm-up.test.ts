import { describe, expect, it } from 'vitest';
import { warmUntilSteady } from '../../bench/lib/warm-up.js';

/** A round function that reports the given CPU figures in turn. */
function rounds(figures: Array<number | null>): () => Promise<number | null> {
  let next = 0;
  return async () => figures[next++] ?? null;
}

describe('warm-up until the CPU per query settles', () => {
  it('goes on while each round is 5% below the best so far, and stops after two that are not', async () => {
    const warm = await warmUntilSteady(rounds([3.8, 2.6, 1.9, 1.8, 1.5, 1.48, 1.36, 1.4, 1.5, 1.0]));
    expect(warm.cpuMsPerQuery).toEqual([3.8, 2.6, 1.9, 1.8, 1.5, 1.48, 1.36, 1.4, 1.5]);
    expect(warm.rounds).toBe(9);
  });

  it('stops at the most rounds it is given however the figures fall', async () => {
    const falling = Array.from({ length: 20 }, (_, i) => 10 * 0.8 ** i);
    const warm = await warmUntilSteady(rounds(falling), { maxRounds: 6 });
    expect(warm.rounds).toBe(6);
  });

  it('runs one round when the CPU cannot be read', async () => {
    const warm = await warmUntilSteady(rounds([null, 1, 1, 1]));
    expect(warm).toEqual({ rounds: 1, cpuMsPerQuery: [] });
  });
});
