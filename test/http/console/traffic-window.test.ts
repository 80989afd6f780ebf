import { describe, expect, it } from 'vitest';
import { createTrafficWindow } from '../../../src/http/console/traffic-window.js';

function clockAt(ms: number) {
  const clock = { now: ms, read: () => clock.now };
  return clock;
}

describe('traffic window', () => {
  it('counts each second apart and reports a second only once it has ended', () => {
    const clock = clockAt(10_000);
    const window = createTrafficWindow(60, clock.read);
    window.queryAnswered(20, false);
    window.queryAnswered(40, true);
    window.queryFailed();
    window.llmTokens(120);
    expect(window.points().at(-1)).toMatchObject({ at: 9_000, queries: 0 });

    clock.now = 11_500;
    window.queryAnswered(5, false);
    expect(window.points().at(-1)).toEqual({
      at: 10_000,
      queries: 2,
      failed: 1,
      escalations: 1,
      llmTokens: 120,
      p50Ms: 40,
      p99Ms: 40,
    });
  });

  it('gives the median and the 99th percentile of a second', () => {
    const clock = clockAt(0);
    const window = createTrafficWindow(10, clock.read);
    for (let ms = 1; ms <= 200; ms++) window.queryAnswered(ms, false);
    clock.now = 1_000;
    expect(window.points().at(-1)).toMatchObject({ queries: 200, p50Ms: 101, p99Ms: 199 });
  });

  it('fills quiet seconds with zeros and null latencies, oldest first', () => {
    const clock = clockAt(100_000);
    const window = createTrafficWindow(5, clock.read);
    window.queryAnswered(7, false);
    clock.now = 103_000;
    expect(window.points()).toEqual([
      { at: 99_000, queries: 0, failed: 0, escalations: 0, llmTokens: 0, p50Ms: null, p99Ms: null },
      expect.objectContaining({ at: 100_000, queries: 1, p50Ms: 7 }),
      expect.objectContaining({ at: 101_000, queries: 0, p50Ms: null }),
      expect.objectContaining({ at: 102_000, queries: 0 }),
    ]);
  });

  it('forgets seconds older than the window when their slot is reused', () => {
    const clock = clockAt(0);
    const window = createTrafficWindow(3, clock.read);
    window.queryAnswered(1, false);
    clock.now = 3_000;
    window.queryAnswered(2, false);
    clock.now = 4_000;
    const points = window.points();
    expect(points.map((p) => p.at)).toEqual([2_000, 3_000]);
    expect(points.at(-1)).toMatchObject({ queries: 1, p50Ms: 2 });
  });

  it('lists only the seconds after a given one', () => {
    const clock = clockAt(50_000);
    const window = createTrafficWindow(30, clock.read);
    expect(window.points(46_000).map((p) => p.at)).toEqual([47_000, 48_000, 49_000]);
    expect(window.points(49_000)).toEqual([]);
  });
});
