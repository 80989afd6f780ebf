import { describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterHint } from '../../../src/llm/resilience/index.js';

describe('backoffDelay', () => {
  const options = (random: number) => ({ baseDelayMs: 100, maxDelayMs: 1_000, random: () => random });

  it('doubles per retry, jittered between half and the whole step', () => {
    expect([0, 1, 2].map((retry) => backoffDelay(retry, options(0)))).toEqual([50, 100, 200]);
    expect([0, 1, 2].map((retry) => backoffDelay(retry, options(1)))).toEqual([100, 200, 400]);
  });

  it('never exceeds the cap', () => {
    expect(backoffDelay(10, options(1))).toBe(1_000);
  });
});

describe('retryAfterHint', () => {
  it('prefers retry-after-ms over Retry-After', () => {
    expect(retryAfterHint(new Headers({ 'retry-after-ms': '250', 'retry-after': '3' }), 0)).toBe(250);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterHint(new Headers({ 'retry-after': '2' }), 0)).toBe(2_000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterHint(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5_000);
  });

  it('ignores absent or unreadable hints', () => {
    expect(retryAfterHint(new Headers(), 0)).toBeUndefined();
    expect(retryAfterHint(new Headers({ 'retry-after': 'soon' }), 0)).toBeUndefined();
    expect(retryAfterHint(undefined, 0)).toBeUndefined();
  });
});
