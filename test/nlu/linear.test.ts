import { describe, expect, it } from 'vitest';
import type { SparseVector } from '../../src/nlu/features.js';
import { linearScores, trainLinear, type LinearOptions } from '../../src/nlu/linear.js';

// Three classes, each carried by either of two features (0/1, 2/3, 4/5), plus one shared by all (6).
const vector = (index: number[]): SparseVector => ({
  index: Int32Array.from(index),
  value: Float32Array.from(index, () => 1 / Math.sqrt(index.length)),
});
const vectors = [
  vector([0, 1, 6]),
  vector([0, 6]),
  vector([1, 6]),
  vector([2, 3, 6]),
  vector([2, 6]),
  vector([3, 6]),
  vector([4, 5, 6]),
  vector([4, 6]),
  vector([5, 6]),
];
const labels = Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2]);
const options: LinearOptions = { loss: 'hinge', epochs: 20, learningRate: 0.1, dropout: 0.5, seed: 7 };

const predict = (weights: ReturnType<typeof trainLinear>, x: SparseVector): number => {
  const scores = linearScores(weights, x, new Float64Array(3));
  return scores.indexOf(Math.max(...scores));
};

describe('trainLinear with dropout', () => {
  it('still learns the task and leaves the training vectors untouched', () => {
    const before = vectors.map((x) => Array.from(x.value));
    const weights = trainLinear(vectors, labels, 3, 7, options);
    expect(vectors.map((x) => predict(weights, x))).toEqual(Array.from(labels));
    expect(vectors.map((x) => Array.from(x.value))).toEqual(before);
  });

  it('repeats exactly for a seed', () => {
    const a = trainLinear(vectors, labels, 3, 7, options);
    const b = trainLinear(vectors, labels, 3, 7, options);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
  });
});
