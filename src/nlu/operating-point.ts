import {
  operatingPoint,
  operatingPoints,
  thresholdForRecall,
  thresholdForTargets,
  wilsonLowerBound,
  type ThresholdCandidate,
} from './calibration.js';

/** What the user asked of the out-of-scope threshold; both absent means the default rule. */
export interface OperatingPointTargets {
  /** In-scope accuracy after the threshold to keep (95% lower bound on the held-out rows). */
  accuracy?: number;
  /** Out-of-scope recall to reach (95% lower bound on the held-out rows). */
  oosRecall?: number;
}

/**
 * The default trade when the user names no target: the most out-of-scope recall while the threshold
 * costs at most this much in-scope accuracy against no threshold at all. A balanced mean of accuracy
 * and recall weighs each out-of-scope row as much as all in-scope rows together, which on data with
 * 3% out-of-scope rows rejected five in-scope messages for one out-of-scope catch.
 */
export const DEFAULT_ACCURACY_COST = 0.01;

export const OperatingRule = {
  noEvidence: 'no-oos-evidence',
  accuracyCost: 'accuracy-cost',
  targets: 'targets',
  recall: 'target-oos-recall',
  accuracy: 'target-accuracy',
} as const;
export type OperatingRule = (typeof OperatingRule)[keyof typeof OperatingRule];

/** The threshold chosen, the rule that chose it, and what it does on the held-out rows. */
export interface ChosenOperatingPoint {
  threshold: number;
  rule: OperatingRule;
  /** One sentence: why this threshold, in the user's terms. */
  reason: string;
  heldOut: {
    inScope: number;
    outOfScope: number;
    /** Best in-scope intent right, no threshold. */
    topOneAccuracy: number;
    /** Right and accepted at the threshold. */
    accuracy: number;
    oosRecall: number | undefined;
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/**
 * Chooses the out-of-scope threshold from held-out candidates. Only out-of-scope evidence sets one:
 * without `oos` rows among the candidates the threshold is 0, because a threshold fitted to in-scope
 * rows alone only turns right answers into rejections.
 */
export function chooseOperatingPoint(
  candidates: readonly ThresholdCandidate[],
  targets: OperatingPointTargets = {},
): ChosenOperatingPoint {
  const base = operatingPoint(candidates, 0);
  const topOne =
    base.inScope === 0 ? 0 : candidates.filter((c) => !c.outOfScope && c.correct).length / base.inScope;
  const { threshold, rule } = pick(candidates, base.outOfScope, targets);
  const point = operatingPoint(candidates, threshold);
  const accuracy = point.inScope === 0 ? 0 : point.right / point.inScope;
  const oosRecall = point.outOfScope === 0 ? undefined : point.rejected / point.outOfScope;
  const heldOut = {
    inScope: point.inScope,
    outOfScope: point.outOfScope,
    topOneAccuracy: topOne,
    accuracy,
    oosRecall,
  };
  return { threshold, rule, reason: explain(rule, targets, heldOut), heldOut };
}

function pick(
  candidates: readonly ThresholdCandidate[],
  outOfScope: number,
  targets: OperatingPointTargets,
): { threshold: number; rule: OperatingRule } {
  if (outOfScope === 0) return { threshold: 0, rule: OperatingRule.noEvidence };
  const { accuracy, oosRecall } = targets;
  if (accuracy !== undefined && oosRecall !== undefined)
    return {
      threshold: thresholdForTargets(candidates, { minAccuracy: accuracy, minRecall: oosRecall }),
      rule: OperatingRule.targets,
    };
  if (oosRecall !== undefined)
    return { threshold: thresholdForRecall(candidates, oosRecall), rule: OperatingRule.recall };
  if (accuracy !== undefined)
    return { threshold: thresholdForAccuracy(candidates, accuracy), rule: OperatingRule.accuracy };
  return {
    threshold: thresholdForAccuracyCost(candidates, DEFAULT_ACCURACY_COST),
    rule: OperatingRule.accuracyCost,
  };
}

/**
 * The most rejecting threshold whose in-scope accuracy keeps a 95% lower bound of `minAccuracy`; 0
 * when even no threshold does not.
 */
export function thresholdForAccuracy(candidates: readonly ThresholdCandidate[], minAccuracy: number): number {
  let best = 0;
  for (const point of operatingPoints(candidates)) {
    if (wilsonLowerBound(point.right, point.inScope) >= minAccuracy) best = point.threshold;
  }
  return best;
}

/** The most rejecting threshold that loses at most `cost` of in-scope accuracy against threshold 0. */
function thresholdForAccuracyCost(candidates: readonly ThresholdCandidate[], cost: number): number {
  const points = operatingPoints(candidates);
  const base = points[0];
  if (!base || base.inScope === 0) return 0;
  let best = 0;
  for (const point of points) {
    if ((base.right - point.right) / base.inScope <= cost + 1e-12) best = point.threshold;
  }
  return best;
}

function explain(
  rule: OperatingRule,
  targets: OperatingPointTargets,
  heldOut: ChosenOperatingPoint['heldOut'],
): string {
  const figures = `in-scope accuracy ${pct(heldOut.accuracy)} (top-1 ${pct(heldOut.topOneAccuracy)})${
    heldOut.oosRecall === undefined ? '' : `, out-of-scope recall ${pct(heldOut.oosRecall)}`
  } on ${heldOut.inScope} in-scope and ${heldOut.outOfScope} out-of-scope held-out rows`;
  switch (rule) {
    case OperatingRule.noEvidence:
      return `no out-of-scope rows to tune on, so no threshold: every message gets its best intent (${figures}); add rows labelled oos, or --generic-oos, to reject messages no intent covers`;
    case OperatingRule.accuracyCost:
      return `default: the most out-of-scope recall for at most ${pct(DEFAULT_ACCURACY_COST)} of in-scope accuracy (${figures}); choose another trade with --target-oos-recall / --target-accuracy`;
    case OperatingRule.targets:
      return `in-scope accuracy ≥ ${pct(targets.accuracy ?? 0)} and out-of-scope recall ≥ ${pct(targets.oosRecall ?? 0)} at 95% confidence, with the most room to both (${figures})`;
    case OperatingRule.recall:
      return `the most in-scope accuracy with out-of-scope recall ≥ ${pct(targets.oosRecall ?? 0)} at 95% confidence (${figures})`;
    case OperatingRule.accuracy:
      return `the most out-of-scope recall with in-scope accuracy ≥ ${pct(targets.accuracy ?? 0)} at 95% confidence (${figures})`;
  }
}
