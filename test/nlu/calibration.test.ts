import { describe, expect, it } from 'vitest';
import { thresholdForRecall, wilsonLowerBound, type ThresholdCandidate } from '../../src/nlu/index.js';

const inScope = (confidence: number, correct = true): ThresholdCandidate => ({
  confidence,
  correct,
  outOfScope: false,
  rejectedByClass: false,
});
const outOfScope = (confidence: number): ThresholdCandidate => ({
  confidence,
  correct: false,
  outOfScope: true,
  rejectedByClass: false,
});

describe('wilsonLowerBound', () => {
  it('lies below the observed rate and closes in on it as the sample grows', () => {
    const small = wilsonLowerBound(68, 100);
    const large = wilsonLowerBound(680, 1000);
    expect(small).toBeLessThan(0.68);
    expect(small).toBeCloseTo(0.6, 1);
    expect(large).toBeGreaterThan(small);
    expect(large).toBeLessThan(0.68);
    expect(wilsonLowerBound(0, 0)).toBe(0);
  });
});

describe('thresholdForRecall', () => {
  // 40 out-of-scope messages at confidences 0.01..0.40, in-scope ones spread above and among them.
  const oos = Array.from({ length: 40 }, (_, i) => outOfScope((i + 1) / 100));
  const candidates = [...oos, ...Array.from({ length: 60 }, (_, i) => inScope(0.2 + i / 100))];

  it('keeps the most in-scope messages while the recall lower bound meets the target', () => {
    const threshold = thresholdForRecall(candidates, 0.6);
    const rejected = oos.filter((c) => c.confidence < threshold).length;
    expect(wilsonLowerBound(rejected, oos.length)).toBeGreaterThanOrEqual(0.6);
    expect(wilsonLowerBound(rejected - 1, oos.length)).toBeLessThan(0.6);
  });

  it('demands more observed recall than the target, because validation recall is noisy', () => {
    const threshold = thresholdForRecall(candidates, 0.6);
    expect(oos.filter((c) => c.confidence < threshold).length / oos.length).toBeGreaterThan(0.7);
  });

  it('falls back to the most rejecting threshold when the target cannot be met', () => {
    expect(thresholdForRecall([inScope(0.9), inScope(0.5)], 0.6)).toBe(0.9);
  });
});
