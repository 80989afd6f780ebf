import { describe, expect, it } from 'vitest';
import { thresholdForRecall, thresholdForTargets, wilsonLowerBound } from '../../src/nlu/index.js';
import { inScope, outOfScope } from './candidates.js';

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

describe('thresholdForTargets', () => {
  // 100 out-of-scope messages at 0.00..0.99; 1,000 in-scope ones, 950 right, at 0.00..0.999 (so each
  // step of the threshold costs about one right answer per thousand while it gains an out-of-scope one
  // per hundred).
  const oos = Array.from({ length: 100 }, (_, i) => outOfScope(i / 100));
  const inScopeRows = Array.from({ length: 1000 }, (_, i) => inScope(i / 1000, i % 20 !== 0));
  const candidates = [...oos, ...inScopeRows];
  const targets = { minAccuracy: 0.5, minRecall: 0.3 };
  const bounds = (threshold: number) => {
    const right = inScopeRows.filter((c) => c.correct && c.confidence >= threshold).length;
    const rejected = oos.filter((c) => c.confidence < threshold).length;
    return {
      accuracy: wilsonLowerBound(right, inScopeRows.length),
      recall: wilsonLowerBound(rejected, oos.length),
    };
  };

  it('chooses a point where both targets hold at 95% confidence, away from both edges', () => {
    const threshold = thresholdForTargets(candidates, targets);
    const chosen = bounds(threshold);
    expect(chosen.accuracy).toBeGreaterThanOrEqual(targets.minAccuracy);
    expect(chosen.recall).toBeGreaterThanOrEqual(targets.minRecall);
    const feasible = Array.from({ length: 101 }, (_, step) => step / 100).filter((t) => {
      const { accuracy, recall } = bounds(t);
      return accuracy >= targets.minAccuracy && recall >= targets.minRecall;
    });
    // Securing recall alone would sit at the lowest feasible threshold, accuracy at the highest.
    expect(threshold).toBeGreaterThan(Math.min(...feasible));
    expect(threshold).toBeLessThan(Math.max(...feasible));
    expect(thresholdForRecall(candidates, targets.minRecall)).toBeLessThanOrEqual(Math.min(...feasible));
  });

  it('keeps the most room to the nearer target of all feasible thresholds', () => {
    const slack = (hits: number, n: number, bound: number): number => {
      const p = hits / n;
      return (p - bound) / Math.sqrt((p * (1 - p)) / n);
    };
    const room = (threshold: number): number => {
      const right = inScopeRows.filter((c) => c.correct && c.confidence >= threshold).length;
      const rejected = oos.filter((c) => c.confidence < threshold).length;
      return Math.min(slack(right, 1000, targets.minAccuracy), slack(rejected, 100, targets.minRecall));
    };
    const chosen = room(thresholdForTargets(candidates, targets));
    for (let step = 0; step <= 100; step++) {
      const threshold = step / 100;
      const { accuracy, recall } = bounds(threshold);
      if (accuracy >= targets.minAccuracy && recall >= targets.minRecall) {
        expect(room(threshold)).toBeLessThanOrEqual(chosen + 1e-9);
      }
    }
  });

  it('secures recall alone when no threshold meets both targets', () => {
    const unreachable = { minAccuracy: 0.99, minRecall: 0.3 };
    expect(thresholdForTargets(candidates, unreachable)).toBe(thresholdForRecall(candidates, 0.3));
  });
});
