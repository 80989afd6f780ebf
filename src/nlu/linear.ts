import type { SparseVector } from './features.js';
import { seededRandom, shuffleInPlace } from './random.js';

/**
 * Multinomial linear models trained by averaged SGD, written by hand: the JS ML libraries on npm
 * (ml-logistic-regression, ml-svm, natural's classifiers) are either dense-only, binary-only or far
 * too slow for 100k sparse features × 150 classes, and averaging plus sparse lazy updates is ~100 lines.
 */
export interface LinearOptions {
  /** `log`: softmax regression; `hinge`: Crammer-Singer multi-class SVM (only two classes per update). */
  loss: 'log' | 'hinge';
  epochs: number;
  learningRate: number;
  seed: number;
}

export interface LinearWeights {
  classes: number;
  features: number;
  /** Row-major by feature: `weights[feature * classes + class]`, so a message touches contiguous rows. */
  weights: Float32Array;
  bias: Float32Array;
}

/** Raw scores (logits) of one message for every class, written into `out`. */
export function linearScores(model: LinearWeights, x: SparseVector, out: Float64Array): Float64Array {
  const { classes, weights, bias } = model;
  for (let c = 0; c < classes; c++) out[c] = bias[c] as number;
  for (let k = 0; k < x.index.length; k++) {
    const row = (x.index[k] as number) * classes;
    const v = x.value[k] as number;
    for (let c = 0; c < classes; c++) out[c] = (out[c] as number) + v * (weights[row + c] as number);
  }
  return out;
}

const NEGLIGIBLE_GRADIENT = 1e-4;

export function trainLinear(
  vectors: readonly SparseVector[],
  labels: Int32Array,
  classes: number,
  features: number,
  options: LinearOptions,
  sampleWeights?: Float32Array,
): LinearWeights {
  const weights = new Float32Array(features * classes);
  const bias = new Float64Array(classes);
  // Averaging trick (Daumé): keep step-weighted sums so the average costs nothing per step.
  const weightSums = new Float64Array(features * classes);
  const biasSums = new Float64Array(classes);
  const scores = new Float64Array(classes);
  const gradient = new Float64Array(classes);
  const random = seededRandom(options.seed);
  const order = Array.from(vectors, (_, i) => i);
  let step = 1;
  const update = (x: SparseVector, c: number, amount: number): void => {
    bias[c] = (bias[c] as number) + amount;
    biasSums[c] = (biasSums[c] as number) + step * amount;
    for (let k = 0; k < x.index.length; k++) {
      const at = (x.index[k] as number) * classes + c;
      const delta = amount * (x.value[k] as number);
      weights[at] = (weights[at] as number) + delta;
      weightSums[at] = (weightSums[at] as number) + step * delta;
    }
  };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const x = vectors[i] as SparseVector;
      const y = labels[i] as number;
      const rate = options.learningRate * (sampleWeights ? (sampleWeights[i] as number) : 1);
      for (let c = 0; c < classes; c++) scores[c] = bias[c] as number;
      for (let k = 0; k < x.index.length; k++) {
        const row = (x.index[k] as number) * classes;
        const v = x.value[k] as number;
        for (let c = 0; c < classes; c++)
          scores[c] = (scores[c] as number) + v * (weights[row + c] as number);
      }
      if (options.loss === 'log') {
        softmaxInPlace(scores);
        for (let c = 0; c < classes; c++) gradient[c] = (c === y ? 1 : 0) - (scores[c] as number);
        for (let c = 0; c < classes; c++) {
          const g = gradient[c] as number;
          if (g > NEGLIGIBLE_GRADIENT || g < -NEGLIGIBLE_GRADIENT) update(x, c, rate * g);
        }
      } else {
        let rival = -1;
        let rivalScore = -Infinity;
        for (let c = 0; c < classes; c++) {
          if (c !== y && (scores[c] as number) > rivalScore) {
            rival = c;
            rivalScore = scores[c] as number;
          }
        }
        if (rival >= 0 && rivalScore + 1 > (scores[y] as number)) {
          update(x, y, rate);
          update(x, rival, -rate);
        }
      }
      step++;
    }
  }
  const averaged = new Float32Array(features * classes);
  for (let i = 0; i < averaged.length; i++)
    averaged[i] = (weights[i] as number) - (weightSums[i] as number) / step;
  const averagedBias = new Float32Array(classes);
  for (let c = 0; c < classes; c++) averagedBias[c] = (bias[c] as number) - (biasSums[c] as number) / step;
  return { classes, features, weights: averaged, bias: averagedBias };
}

export function softmaxInPlace(scores: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) max = Math.max(max, scores[c] as number);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp(((scores[c] as number) - max) / temperature);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) / sum;
  return scores;
}
