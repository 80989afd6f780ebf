import type { ThresholdCandidate } from '../../src/nlu/index.js';

/** A validation message in scope at `confidence`, its best intent right or wrong. */
export const inScope = (confidence: number, correct = true): ThresholdCandidate => ({
  confidence,
  correct,
  outOfScope: false,
  rejectedByClass: false,
});

/** An out-of-scope validation message whose best intent scored `confidence`. */
export const outOfScope = (confidence: number): ThresholdCandidate => ({
  confidence,
  correct: false,
  outOfScope: true,
  rejectedByClass: false,
});
