import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_OPTIONS, FeatureSpace, rawFeatures } from '../../src/nlu/features.js';

const TRAINING = [
  'nefunguje mi přihlášení do aplikace',
  'the app crashes when I open the invoice',
  'kdy mi přijde faktura za tento měsíc',
  'I was charged twice for my subscription',
];

/** The vector worked out from rawFeatures' counts: sublinear TF-IDF, each block L2-normalised. */
function expected(space: FeatureSpace, text: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const [feature, count] of rawFeatures(text, DEFAULT_FEATURE_OPTIONS)) {
    const i = space.vocabulary.indexOf(feature);
    if (i >= 0) weights.set(feature, (1 + Math.log(count)) * (space.idf[i] as number));
  }
  const norm = (prefix: string): number =>
    Math.sqrt([...weights].filter(([f]) => f.startsWith(prefix)).reduce((sum, [, v]) => sum + v * v, 0));
  const words = norm('w ');
  const chars = norm('c ');
  return new Map([...weights].map(([f, v]) => [f, v / (f.startsWith('c ') ? chars : words)]));
}

function actual(space: FeatureSpace, text: string): Map<string, number> {
  const vector = space.vectorize(text);
  return new Map(
    Array.from(vector.index, (i, k) => [space.vocabulary[i] as string, vector.value[k] as number]),
  );
}

function expectSameVector(got: Map<string, number>, want: Map<string, number>): void {
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [feature, value] of want) expect(got.get(feature)).toBeCloseTo(value, 5);
}

describe('FeatureSpace.vectorize', () => {
  const texts = [
    'Faktura mi nepřišla a aplikace padá, faktura!',
    'the app crashes, the app crashes again',
    'faktura faktura aplikace',
  ];

  it('weighs every known feature by its count in the message, tokens seen before or not', () => {
    const space = FeatureSpace.fit(TRAINING, DEFAULT_FEATURE_OPTIONS);
    // Twice: the first pass fills the space's token memo, the second reads from it.
    for (let pass = 0; pass < 2; pass++) {
      for (const text of texts) expectSameVector(actual(space, text), expected(space, text));
    }
  });

  it('gives a warm space the vector a fresh one gives', () => {
    const warm = FeatureSpace.fit(TRAINING, DEFAULT_FEATURE_OPTIONS);
    for (const text of texts) warm.vectorize(text);
    for (const text of texts) {
      const fresh = FeatureSpace.fit(TRAINING, DEFAULT_FEATURE_OPTIONS).vectorize(text);
      const again = warm.vectorize(text);
      expect(Array.from(again.index)).toEqual(Array.from(fresh.index));
      expect(Array.from(again.value)).toEqual(Array.from(fresh.value));
    }
  });
});
