import { softmaxInPlace } from './linear.js';

export interface ScoredExample {
  /** Raw linear scores, one per model class. */
  scores: Float64Array;
  /** Index of the true class, or -1 for an out-of-scope message when the model has no `oos` class. */
  truth: number;
}

/**
 * Temperature scaling (Guo et al., 2017): one scalar that minimises the negative log-likelihood of
 * held-out labels; it changes confidence, never the ranking.
 */
export function fitTemperature(examples: readonly ScoredExample[]): number {
  const labelled = examples.filter((example) => example.truth >= 0);
  if (labelled.length === 0) return 1;
  const nll = (temperature: number): number => {
    let total = 0;
    for (const { scores, truth } of labelled) {
      const p = softmaxInPlace(Float64Array.from(scores), temperature);
      total -= Math.log(Math.max(1e-12, p[truth] as number));
    }
    return total;
  };
  // Golden-section search on log T: NLL is unimodal in T for a fixed set of logits.
  let lo = Math.log(0.01);
  let hi = Math.log(100);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = nll(Math.exp(a));
  let fb = nll(Math.exp(b));
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = nll(Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = nll(Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

export interface ThresholdCandidate {
  /**
   * The model's rejection score of the best in-scope intent: its calibrated probability, or that minus
   * the `oos` probability (`RejectionRule`); the threshold is a value of this score.
   */
  confidence: number;
  /** The best in-scope intent is the right one (always false for an out-of-scope message). */
  correct: boolean;
  outOfScope: boolean;
  /** The model's own `oos` class won, whatever the threshold. */
  rejectedByClass: boolean;
}

/**
 * The confidence below which a message is out of scope. With out-of-scope examples: the threshold that
 * maximises a weighted mean of in-scope accuracy and out-of-scope recall. Without: the value that
 * rejects `fallbackRejection` of the correctly classified in-scope messages.
 */
export function tuneThreshold(
  candidates: readonly ThresholdCandidate[],
  options: { oosWeight: number; fallbackRejection: number },
): number {
  const inScope = candidates.filter((c) => !c.outOfScope);
  const outOfScope = candidates.filter((c) => c.outOfScope);
  if (inScope.length === 0) return 0;
  if (outOfScope.length === 0) {
    const correct = inScope
      .filter((c) => c.correct && !c.rejectedByClass)
      .map((c) => c.confidence)
      .sort((a, b) => a - b);
    return correct[Math.floor(correct.length * options.fallbackRejection)] ?? 0;
  }
  let best = 0;
  let bestScore = -Infinity;
  for (const point of operatingPoints(candidates)) {
    const accuracy = point.right / point.inScope;
    const recall = point.rejected / point.outOfScope;
    const score = (1 - options.oosWeight) * accuracy + options.oosWeight * recall;
    if (score > bestScore + 1e-12) {
      bestScore = score;
      best = point.threshold;
    }
  }
  return best;
}

/** What one threshold does: in-scope messages right and accepted, out-of-scope messages rejected. */
export interface OperatingPoint {
  threshold: number;
  right: number;
  inScope: number;
  rejected: number;
  outOfScope: number;
}

/** The decision rule at one threshold, counted over the candidates. */
export function operatingPoint(candidates: readonly ThresholdCandidate[], threshold: number): OperatingPoint {
  const point = { threshold, right: 0, inScope: 0, rejected: 0, outOfScope: 0 };
  for (const c of candidates) {
    const accepted = !c.rejectedByClass && c.confidence >= threshold;
    if (c.outOfScope) {
      point.outOfScope += 1;
      if (!accepted) point.rejected += 1;
    } else {
      point.inScope += 1;
      if (c.correct && accepted) point.right += 1;
    }
  }
  return point;
}

/** Every threshold that changes a decision (and 0), lowest first, with what it does. */
export function operatingPoints(candidates: readonly ThresholdCandidate[]): OperatingPoint[] {
  const thresholds = [0, ...new Set(candidates.map((c) => c.confidence))].sort((a, b) => a - b);
  return thresholds.map((threshold) => operatingPoint(candidates, threshold));
}

/** One-sided 95%: the normal quantile for a lower confidence bound. */
const LOWER_BOUND_Z = 1.645;

/** Wilson score lower bound of a proportion: how low the true rate may be, given `hits` of `n`. */
export function wilsonLowerBound(hits: number, n: number, z = LOWER_BOUND_Z): number {
  if (n === 0) return 0;
  const p = hits / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return (centre - spread) / (1 + z2 / n);
}

/**
 * The threshold that keeps the most in-scope messages right while out-of-scope recall stays at least
 * `minRecall` with 95% confidence: a few hundred validation messages measure recall only to ±5–10
 * points, so meeting the target on validation alone would miss it on new data half of the time.
 * Without out-of-scope candidates, or when no threshold is confident enough, the most rejecting one.
 */
export function thresholdForRecall(candidates: readonly ThresholdCandidate[], minRecall: number): number {
  const points = operatingPoints(candidates);
  let best = points.at(-1)?.threshold ?? 0;
  let bestRight = -1;
  for (const point of points) {
    if (wilsonLowerBound(point.rejected, point.outOfScope) < minRecall) continue;
    if (point.right > bestRight) {
      bestRight = point.right;
      best = point.threshold;
    }
  }
  return best;
}

export interface OperatingTargets {
  /** In-scope accuracy (right and accepted) the operating point must keep. */
  minAccuracy: number;
  /** Out-of-scope recall it must reach. */
  minRecall: number;
}

/** How far an observed rate lies above a bound, in standard errors of that rate. */
function slackInStandardErrors(hits: number, n: number, bound: number): number {
  const p = hits / n;
  const standardError = Math.sqrt((p * (1 - p)) / n);
  if (standardError === 0) return p >= bound ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return (p - bound) / standardError;
}

/**
 * The threshold that meets both targets with 95% confidence (Wilson lower bounds on validation) and
 * keeps the most room to both: the one whose nearer target is the most standard errors away. Securing
 * one target only puts the operating point at the edge of the other one's, and validation and new
 * out-of-scope messages differ (CLINC150's val ones are easier than its test ones). When no threshold
 * meets both, `thresholdForRecall`'s.
 */
export function thresholdForTargets(
  candidates: readonly ThresholdCandidate[],
  targets: OperatingTargets,
): number {
  let best: number | undefined;
  let bestSlack = Number.NEGATIVE_INFINITY;
  for (const point of operatingPoints(candidates)) {
    if (wilsonLowerBound(point.right, point.inScope) < targets.minAccuracy) continue;
    if (wilsonLowerBound(point.rejected, point.outOfScope) < targets.minRecall) continue;
    const slack = Math.min(
      slackInStandardErrors(point.right, point.inScope, targets.minAccuracy),
      slackInStandardErrors(point.rejected, point.outOfScope, targets.minRecall),
    );
    if (slack > bestSlack) {
      bestSlack = slack;
      best = point.threshold;
    }
  }
  return best ?? thresholdForRecall(candidates, targets.minRecall);
}
