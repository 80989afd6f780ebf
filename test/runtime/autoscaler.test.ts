import { describe, expect, it } from 'vitest';
import { decideScale } from '../../src/runtime/autoscaler.js';

const base = { min: 1, max: 4, now: 10_000, scaleUpDepth: 10, idleMs: 5_000 };
const busy = (depth: number) => ({ depth, idleSince: 0 });

describe('decideScale', () => {
  it('grows to one instance per scaleUpDepth queued messages, capped at max', () => {
    expect(decideScale({ ...base, instances: [busy(25)] })).toMatchObject({ to: 3 });
    expect(decideScale({ ...base, instances: [busy(200)] })).toMatchObject({ to: 4 });
    expect(decideScale({ ...base, instances: [busy(10), busy(10)] })).toMatchObject({ to: 3 });
  });

  it('does nothing below the threshold or at max', () => {
    expect(decideScale({ ...base, instances: [busy(9)] })).toBeNull();
    expect(decideScale({ ...base, instances: [busy(50), busy(50), busy(50), busy(50)] })).toBeNull();
  });

  it('shrinks by one once an instance has been empty for idleMs, never below min', () => {
    const idle = { depth: 0, idleSince: 4_000 };
    expect(decideScale({ ...base, instances: [busy(1), idle, idle] })).toMatchObject({ to: 2 });
    expect(decideScale({ ...base, instances: [{ depth: 0, idleSince: 6_000 }, busy(1)] })).toBeNull();
    expect(decideScale({ ...base, instances: [idle] })).toBeNull();
  });
});
