import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/runtime/index.js';
import { RestartPolicy } from '../../src/runtime/restart-policy.js';

const options = {
  maxRestarts: 3,
  withinMs: 10_000,
  backoff: { minMs: 100, maxMs: 1_000, factor: 2, jitter: 0 },
};

describe('RestartPolicy', () => {
  it('allows maxRestarts within the window with exponential backoff, then gives up', () => {
    const policy = new RestartPolicy({ ...options, maxRestarts: 5 });
    const delays = [0, 1, 2, 3, 4].map((at) => policy.next(at));
    expect(delays).toEqual([
      { kind: 'restart', delayMs: 100, attempt: 1 },
      { kind: 'restart', delayMs: 200, attempt: 2 },
      { kind: 'restart', delayMs: 400, attempt: 3 },
      { kind: 'restart', delayMs: 800, attempt: 4 },
      { kind: 'restart', delayMs: 1_000, attempt: 5 },
    ]);
    expect(policy.next(5)).toEqual({ kind: 'fail' });
  });

  it('forgets restarts older than the window, timed by the clock', () => {
    const clock = createManualClock(1_000);
    const policy = new RestartPolicy(options);
    for (let i = 0; i < 3; i++) {
      expect(policy.next(clock.now()).kind).toBe('restart');
      clock.advance(3_000);
    }
    // The first restart (at 1 000) left the 10 s window at 11 000; the clock is at 10 000.
    expect(policy.next(clock.now())).toEqual({ kind: 'fail' });
    clock.advance(1_000);
    expect(policy.next(clock.now())).toMatchObject({ kind: 'restart', attempt: 3 });
  });

  it('spreads delays by the jitter fraction either way', () => {
    const jittery = { ...options, backoff: { ...options.backoff, jitter: 0.5 } };
    expect(new RestartPolicy(jittery, () => 0).next(0)).toMatchObject({ delayMs: 50 });
    expect(new RestartPolicy(jittery, () => 1).next(0)).toMatchObject({ delayMs: 150 });
  });

  it('starts over after reset', () => {
    const policy = new RestartPolicy({ ...options, maxRestarts: 1 });
    policy.next(0);
    expect(policy.next(1).kind).toBe('fail');
    policy.reset();
    expect(policy.next(2)).toMatchObject({ kind: 'restart', attempt: 1 });
  });
});
