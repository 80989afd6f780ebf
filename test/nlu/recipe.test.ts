import { describe, expect, it } from 'vitest';
import {
  GENERIC_OUT_OF_SCOPE,
  OOS_LABEL,
  OperatingRule,
  supportModelOptions,
  trainIntentModel,
  trainWithRecipe,
} from '../../src/nlu/index.js';
import { toyData } from './toy-data.js';

const { examples, catalog } = toyData();
const inScopeOnly = examples.filter((example) => example.label !== OOS_LABEL);

describe('trainWithRecipe', () => {
  it('calibrates on held-out rows, then refits on every row', () => {
    const result = trainWithRecipe(examples, { catalog });
    expect(result.trainedOn).toBe(examples.length);
    expect(result.heldOut).toBeGreaterThan(0);
    expect(result.heldOut).toBeLessThan(examples.length / 2);
    // The refit learned the held-out rows too: every training sentence is classified as labelled.
    for (const example of examples.filter((e) => e.label !== OOS_LABEL)) {
      expect(result.model.classify(example.text).ranked[0]?.intent, example.text).toBe(example.label);
    }
  });

  it('refits on the training rows and --val rows together when validation is given', () => {
    const validation = examples.slice(0, 12);
    const result = trainWithRecipe(examples.slice(12), { catalog, validation });
    expect(result.trainedOn).toBe(examples.length);
    expect(result.heldOut).toBe(12);
  });

  it('sets no out-of-scope threshold without out-of-scope rows', () => {
    const result = trainWithRecipe(inScopeOnly, { catalog });
    expect(result.model.threshold).toBe(0);
    expect(result.operatingPoint.rule).toBe(OperatingRule.noEvidence);
    expect(result.model.classify('what is the weather in Rome').outOfScope).toBe(false);
  });

  it('takes out-of-scope evidence from the generic questions when asked', () => {
    const result = trainWithRecipe(inScopeOnly, { catalog, genericOos: true });
    expect(result.trainedOn).toBe(inScopeOnly.length + GENERIC_OUT_OF_SCOPE.length);
    expect(result.operatingPoint.rule).toBe(OperatingRule.accuracyCost);
    expect(result.model.classify('who won the tennis final').outOfScope).toBe(true);
  });

  it('judges scope on the department when the catalog has several, on the intent otherwise', () => {
    expect(trainWithRecipe(examples, { catalog }).model.toJSON().rejection).toBe('departmentMargin');
    expect(trainWithRecipe(examples).model.toJSON().rejection).toBe('oosMargin');
  });

  it('keeps the calibration of the held-out fit, without refitting when told not to', () => {
    const refit = trainWithRecipe(examples, { catalog });
    const held = trainWithRecipe(examples, { catalog, refit: false });
    expect(held.trainedOn).toBe(examples.length - held.heldOut);
    expect(refit.model.threshold).toBe(held.model.threshold);
    expect(refit.model.toJSON().members[0]?.temperature).toBe(held.model.toJSON().members[0]?.temperature);
  });

  it("lets the learner's candidates choose their threshold by the recipe's rule", () => {
    // Without out-of-scope rows the old rule still rejected the least confident 2% of right answers.
    expect(trainIntentModel(inScopeOnly, { catalog }).model.threshold).toBeGreaterThan(0);
    expect(trainIntentModel(inScopeOnly, supportModelOptions(catalog)).model.threshold).toBe(0);
  });
});
