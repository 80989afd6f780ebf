import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConsoleFeed, createConsoleRecorder, ConsoleEvent } from '../../../src/http/console/index.js';
import { sampleResult } from '../../blackboard/conformance.js';
import { parseSse } from '../helpers.js';

function events(frames: string[]): ConsoleEvent[] {
  return parseSse(frames.join('')).events.map((e) => ConsoleEvent.parse(JSON.parse(e.data)));
}

describe('console feed', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('runs no timer while nobody watches, and stops when the last watcher leaves', () => {
    const feed = createConsoleFeed(createConsoleRecorder());
    expect(vi.getTimerCount()).toBe(0);
    const first = feed.subscribe(() => {});
    const second = feed.subscribe(() => {});
    expect(vi.getTimerCount()).toBe(1);
    first();
    expect(vi.getTimerCount()).toBe(1);
    second();
    expect(vi.getTimerCount()).toBe(0);
    expect(feed.subscribers).toBe(0);
  });

  it('sends every watcher the same frame each tick: the seconds ended and the queries answered since', () => {
    const recorder = createConsoleRecorder({ now: Date.now });
    const feed = createConsoleFeed(recorder, 1000);
    recorder.observer.queryCompleted(sampleResult('before'));
    const a: string[] = [];
    const b: string[] = [];
    feed.subscribe((frame) => a.push(frame));
    feed.subscribe((frame) => b.push(frame));

    recorder.observer.queryCompleted(sampleResult('q-1'));
    recorder.observer.queryCompleted({ ...sampleResult('q-2'), escalated: true });
    vi.advanceTimersByTime(1000);
    expect(a).toHaveLength(1);
    expect(b[0]).toBe(a[0]);
    const [tick] = events(a);
    expect(tick).toMatchObject({ type: 'tick', traffic: [{ at: 1_000_000, queries: 3, escalations: 1 }] });
    expect(tick?.type === 'tick' && tick.queries.map((q) => q.queryId)).toEqual(['q-2', 'q-1']);

    vi.advanceTimersByTime(1000);
    const [, quiet] = events(a);
    expect(quiet).toMatchObject({ type: 'tick', traffic: [{ at: 1_001_000, queries: 0 }], queries: [] });
  });

  it('leaves no second out when a tick comes late', () => {
    const recorder = createConsoleRecorder({ now: Date.now });
    const feed = createConsoleFeed(recorder, 1000);
    const frames: string[] = [];
    feed.subscribe((frame) => frames.push(frame));
    vi.setSystemTime(1_003_500);
    vi.advanceTimersByTime(1000);
    const [tick] = events(frames);
    expect(tick?.type === 'tick' && tick.traffic.map((p) => p.at)).toEqual([
      1_000_000, 1_001_000, 1_002_000, 1_003_000,
    ]);
  });
});
