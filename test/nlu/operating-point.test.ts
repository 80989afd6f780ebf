import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ACCURACY_COST,
  OperatingRule,
  chooseOperatingPoint,
  thresholdForAccuracy,
  thresholdForRecall,
  thresholdForTargets,
} from '../../src/nlu/index.js';
import { inScope, outOfScope } from './candidates.js';

// 200 right in-scope answers spread over (0.2, 1], 20 out-of-scope messages over (0, 0.4].
const right = Array.from({ length: 200 }, (_, i) => inScope(0.2 + (0.8 * (i + 1)) / 200));
const oos = Array.from({ length: 20 }, (_, i) => outOfScope((0.4 * (i + 1)) / 20));

describe('chooseOperatingPoint', () => {
  it('sets no threshold without out-of-scope evidence, and says so', () => {
    const chosen = chooseOperatingPoint(right, { oosRecall: 0.6 });
    expect(chosen.threshold).toBe(0);
    expect(chosen.rule).toBe(OperatingRule.noEvidence);
    expect(chosen.heldOut).toMatchObject({ inScope: 200, outOfScope: 0, accuracy: 1, oosRecall: undefined });
    expect(chosen.reason).toMatch(/no out-of-scope rows/);
  });

  it('by default rejects as much out of scope as costs at most one point of in-scope accuracy', () => {
    const chosen = chooseOperatingPoint([...right, ...oos]);
    expect(chosen.rule).toBe(OperatingRule.accuracyCost);
    expect(chosen.heldOut.topOneAccuracy - chosen.heldOut.accuracy).toBeLessThanOrEqual(
      DEFAULT_ACCURACY_COST + 1e-9,
    );
    // Two right answers (1%) lie at or below 0.208: the threshold may reject them, not a third.
    expect(chosen.heldOut.accuracy).toBeCloseTo(0.99, 5);
    expect(chosen.heldOut.oosRecall).toBe(0.5);
    expect(chosen.reason).toMatch(/--target-oos-recall/);
  });

  it('secures the targets the user names', () => {
    const candidates = [...right, ...oos];
    expect(chooseOperatingPoint(candidates, { oosRecall: 0.6 })).toMatchObject({
      rule: OperatingRule.recall,
      threshold: thresholdForRecall(candidates, 0.6),
    });
    expect(chooseOperatingPoint(candidates, { accuracy: 0.8, oosRecall: 0.6 })).toMatchObject({
      rule: OperatingRule.targets,
      threshold: thresholdForTargets(candidates, { minAccuracy: 0.8, minRecall: 0.6 }),
    });
    expect(chooseOperatingPoint(candidates, { accuracy: 0.8 })).toMatchObject({
      rule: OperatingRule.accuracy,
      threshold: thresholdForAccuracy(candidates, 0.8),
    });
  });
});

describe('thresholdForAccuracy', () => {
  it('is the most rejecting threshold whose in-scope accuracy bound holds', () => {
    const threshold = thresholdForAccuracy([...right, ...oos], 0.8);
    const kept = right.filter((c) => c.confidence >= threshold).length / right.length;
    expect(kept).toBeGreaterThan(0.8);
    const next = right.filter((c) => c.confidence > threshold).length / right.length;
    expect(next).toBeLessThan(kept);
    expect(threshold).toBeGreaterThan(0.3);
  });

  it('is 0 when even no threshold keeps the bound', () => {
    expect(thresholdForAccuracy([inScope(0.9, false), inScope(0.8), ...oos], 0.9)).toBe(0);
  });
});
