import { describe, expect, it } from 'vitest';
import { OOS_LABEL, intentModelFromJSON, trainIntentModel, type IntentModel } from '../../src/nlu/index.js';
import { toyData, toyModel } from './toy-data.js';

/** The toy model with another rule and threshold: same weights, so only the decision differs. */
function withRule(rejection: 'confidence' | 'oosMargin', threshold: number): IntentModel {
  return intentModelFromJSON({ ...toyModel().model.toJSON(), rejection, threshold });
}

/** Probabilities over the toy model's classes: `best` on one intent, `oos` on the `oos` class. */
function probabilities(model: IntentModel, best: number, oos: number): Float64Array {
  const classes = model.toJSON().classes;
  const p = new Float64Array(classes.length);
  p[classes.indexOf('login_problem')] = best;
  p[classes.indexOf(OOS_LABEL)] = oos;
  const rest = classes.findIndex((label) => label !== 'login_problem' && label !== OOS_LABEL);
  p[rest] = 1 - best - oos;
  return p;
}

describe('out-of-scope rejection rule', () => {
  it('rejects an intent only a little ahead of the oos class under oosMargin, not under confidence', () => {
    const margin = withRule('oosMargin', 0.3);
    const confidence = withRule('confidence', 0.3);
    expect(margin.predictFromProbabilities(probabilities(margin, 0.5, 0.4))).toMatchObject({
      intent: OOS_LABEL,
      outOfScope: true,
      confidence: 0.5,
    });
    expect(confidence.predictFromProbabilities(probabilities(confidence, 0.5, 0.4))).toMatchObject({
      intent: 'login_problem',
      outOfScope: false,
    });
  });

  it('decides as the confidence rule does when the oos class has no probability', () => {
    for (const best of [0.2, 0.35, 0.9]) {
      const margin = withRule('oosMargin', 0.3);
      const confidence = withRule('confidence', 0.3);
      expect(margin.predictFromProbabilities(probabilities(margin, best, 0))).toEqual(
        confidence.predictFromProbabilities(probabilities(confidence, best, 0)),
      );
    }
  });

  it('gives threshold candidates on the score the rule compares, never below zero', () => {
    const margin = withRule('oosMargin', 0);
    const confidence = withRule('confidence', 0);
    const classes = margin.toJSON().classes;
    for (const text of ['I cannot sign in', 'what is the weather in Rome', 'vratte mi penize']) {
      const p = margin.probabilities(text);
      const best = Math.max(...p.filter((_, c) => classes[c] !== OOS_LABEL));
      const oos = p[classes.indexOf(OOS_LABEL)] as number;
      const example = { text, label: 'login_problem' };
      expect(margin.thresholdCandidate(example).confidence).toBeCloseTo(Math.max(0, best - oos), 12);
      expect(confidence.thresholdCandidate(example).confidence).toBeCloseTo(best, 12);
      expect(margin.thresholdCandidate(example).rejectedByClass).toBe(oos > best);
    }
  });

  it('reads a model saved before the rule existed with the confidence rule', () => {
    const { rejection: _dropped, ...older } = toyModel().model.toJSON();
    expect(intentModelFromJSON(older).toJSON().rejection).toBe('confidence');
  });

  it.each(['confidence', 'oosMargin'] as const)(
    'tunes its threshold on the score it applies (%s): validation figures match its own decisions',
    (rejection) => {
      const { examples, catalog } = toyData();
      const { model, validation } = trainIntentModel(examples, { catalog, rejection });
      expect(model.toJSON().rejection).toBe(rejection);
      const right = validation.filter((example) => {
        const prediction = model.classify(example.text);
        return example.label === OOS_LABEL ? prediction.outOfScope : prediction.intent === example.label;
      });
      expect(model.validation?.accuracy).toBeCloseTo(right.length / validation.length, 12);
    },
  );
});
