import { describe, expect, it } from 'vitest';
import { ModelInvalidError, intentModelFromJSON, trainIntentModel } from '../../src/nlu/index.js';
import { toyData, toyModel } from './toy-data.js';

const PROBES = [
  'I cannot sign in, the login page hangs',
  'nejde mi se prihlasit',
  'please give me my money back',
  'kdy mate otevreno v sobotu',
  'what is the weather in Rome',
  'recept na bramboraky',
];

describe('IntentModel', () => {
  it('learns a toy task, including Czech typed without diacritics', () => {
    const { model } = toyModel();
    expect(model.classify('I cannot sign in, the login page hangs')).toMatchObject({
      intent: 'login_problem',
      outOfScope: false,
    });
    expect(model.classify('nejde mi se prihlasit')).toMatchObject({ intent: 'login_problem' });
    expect(model.classify('vratte mi prosim penize')).toMatchObject({ intent: 'refund_request' });
    expect(model.classify('are you open on Saturday')).toMatchObject({ intent: 'opening_hours' });
  });

  it('tells a text with a word it was trained on from one with none', () => {
    const { model } = toyModel();
    expect(model.knowsAWord('the login page hangs')).toBe(true);
    expect(model.knowsAWord('nejde prihlasujete')).toBe(true);
    // Sharing first letters with a trained word is not knowing it.
    expect(model.knowsAWord('prihlasujete')).toBe(false);
    expect(model.knowsAWord('asdfgh qwerty')).toBe(false);
    expect(model.knowsAWord('')).toBe(false);
  });

  it('reports unrelated text as out of scope', () => {
    const { model } = toyModel();
    for (const text of ['what is the weather in Rome', 'who won the tennis final', 'recept na bramboraky']) {
      expect(model.classify(text), text).toMatchObject({ intent: 'oos', outOfScope: true });
    }
  });

  it('maps intents to catalogued departments and nothing else', () => {
    const { model } = toyModel();
    expect(model.labels).toEqual(['login_problem', 'opening_hours', 'refund_request']);
    expect(model.departmentOf('refund_request')).toBe('billing');
    expect(model.departmentOf('oos')).toBeUndefined();
    expect(model.catalog.intents).toHaveLength(3);
  });

  it('gives probabilities in [0,1], ranked most likely first, summing to at most 1, with confidence = top', () => {
    const { model } = toyModel();
    for (const text of PROBES) {
      const prediction = model.classify(text);
      const confidences = prediction.ranked.map((r) => r.confidence);
      expect(confidences.every((c) => c >= 0 && c <= 1)).toBe(true);
      expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
      expect(confidences.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
      expect(prediction.confidence).toBe(confidences[0]);
    }
  });

  it('ranks every in-scope intent, likeliest first, agreeing with the prediction’s own ranking', () => {
    const { model } = toyModel();
    for (const text of PROBES) {
      const ranked = model.rank(text);
      expect(ranked.map((r) => r.intent).sort()).toEqual([...model.labels].sort());
      expect(ranked.map((r) => r.confidence)).toEqual(ranked.map((r) => r.confidence).sort((a, b) => b - a));
      expect(ranked.slice(0, model.classify(text).ranked.length)).toEqual(model.classify(text).ranked);
    }
  });

  it('is more confident on its own training sentences than on unrelated ones', () => {
    const { model } = toyModel();
    const seen = model.classify('I cannot log in to my account').confidence;
    const unrelated = model.classify('what is the weather in Rome').confidence;
    expect(seen).toBeGreaterThan(0.8);
    expect(unrelated).toBeLessThan(seen);
  });

  it('predicts identically after a JSON round trip', () => {
    const { model } = toyModel();
    const copy = intentModelFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const text of PROBES) expect(copy.classify(text)).toEqual(model.classify(text));
    expect(copy.detectLanguage('nefunguje mi prihlaseni')).toEqual(
      model.detectLanguage('nefunguje mi prihlaseni'),
    );
  });

  it('writes back the JSON it was read from, biases that float32 cannot hold included', () => {
    const json = toyModel().model.toJSON();
    const [first, ...others] = json.members;
    if (!first) throw new Error('the toy model has no members');
    const read = { ...json, members: [{ ...first, bias: first.bias.map((b) => b + 1e-12) }, ...others] };
    const text = JSON.stringify(read);
    expect(JSON.stringify(intentModelFromJSON(JSON.parse(text)).toJSON())).toBe(text);
  });

  it('trains deterministically', () => {
    const { examples, catalog } = toyData();
    const again = trainIntentModel(examples, { catalog }).model;
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(toyModel().model.toJSON()));
  });

  it('refuses JSON that is not a model', () => {
    expect(() => intentModelFromJSON({ kind: 'something-else' })).toThrow(ModelInvalidError);
    const json = toyModel().model.toJSON();
    expect(() => intentModelFromJSON({ ...json, classes: ['a', 'b'] })).toThrow(/weights do not match/);
  });

  it('judges scope on the department with departmentMargin: two intents of one department are not out of scope', () => {
    const json = toyModel().model.toJSON();
    const catalog = {
      ...json.catalog,
      intents: json.catalog.intents.map((entry) =>
        entry.intent === 'refund_request' ? entry : { ...entry, department: 'general' as const },
      ),
    };
    expect(json.classes).toEqual(['login_problem', 'oos', 'opening_hours', 'refund_request']);
    const split = Float64Array.from([0.35, 0.05, 0.35, 0.25]);
    const byDepartment = intentModelFromJSON({
      ...json,
      catalog,
      threshold: 0.5,
      rejection: 'departmentMargin',
    });
    const byIntent = intentModelFromJSON({ ...json, catalog, threshold: 0.5, rejection: 'oosMargin' });
    expect(byDepartment.predictFromProbabilities(split)).toMatchObject({
      intent: 'login_problem',
      outOfScope: false,
    });
    expect(byDepartment.predictFromProbabilities(split).departmentConfidence).toBeCloseTo(0.7, 10);
    expect(byIntent.predictFromProbabilities(split)).toMatchObject({ intent: 'oos', outOfScope: true });
    // The oos class wins over the department only when it outweighs the department, not its best intent.
    const noThreshold = intentModelFromJSON({
      ...json,
      catalog,
      threshold: 0,
      rejection: 'departmentMargin',
    });
    expect(noThreshold.predictFromProbabilities(Float64Array.from([0.25, 0.4, 0.25, 0.1])).outOfScope).toBe(
      false,
    );
    expect(noThreshold.predictFromProbabilities(Float64Array.from([0.2, 0.5, 0.1, 0.2])).outOfScope).toBe(
      true,
    );
  });
});
