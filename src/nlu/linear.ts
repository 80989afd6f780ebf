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
  /**
   * Share of a message's features hidden at each step (the rest scaled up to keep the expectation).
   * Dropout on a linear model is an adaptive regulariser (Wager et al., 2013): no single n-gram can
   * carry a class, which the averaged SGD alone does not prevent. Needs more epochs; 0 = off.
   */
  dropout: number;
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
  for (let c = 0; c < model.classes; c++) out[c] = model.bias[c] as number;
  addWeightedRows(model.weights, model.classes, x, out);
  return out;
}

/**
 * Adds `x · weights` to `out`, four feature rows per pass: each score is then loaded and stored a
 * quarter as often, which halves the time of a message against 150 classes (the hot path).
 */
function addWeightedRows(weights: Float32Array, classes: number, x: SparseVector, out: Float64Array): void {
  const { index, value } = x;
  let k = 0;
  for (; k + 3 < index.length; k += 4) {
    const r0 = (index[k] as number) * classes;
    const r1 = (index[k + 1] as number) * classes;
    const r2 = (index[k + 2] as number) * classes;
    const r3 = (index[k + 3] as number) * classes;
    const v0 = value[k] as number;
    const v1 = value[k + 1] as number;
    const v2 = value[k + 2] as number;
    const v3 = value[k + 3] as number;
    for (let c = 0; c < classes; c++) {
      out[c] =
        (out[c] as number) +
        v0 * (weights[r0 + c] as number) +
        v1 * (weights[r1 + c] as number) +
        v2 * (weights[r2 + c] as number) +
        v3 * (weights[r3 + c] as number);
    }
  }
  for (; k < index.length; k++) {
    const row = (index[k] as number) * classes;
    const v = value[k] as number;
    for (let c = 0; c < classes; c++) out[c] = (out[c] as number) + v * (weights[row + c] as number);
  }
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
  const longest = vectors.reduce((most, x) => Math.max(most, x.index.length), 0);
  const kept: SparseVector = { index: new Int32Array(longest), value: new Float32Array(longest) };
  const keep = 1 - options.dropout;
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
  const dropFeatures = (full: SparseVector): SparseVector => {
    let n = 0;
    for (let k = 0; k < full.index.length; k++) {
      if (random() < keep) {
        kept.index[n] = full.index[k] as number;
        kept.value[n] = (full.value[k] as number) / keep;
        n++;
      }
    }
    return { index: kept.index.subarray(0, n), value: kept.value.subarray(0, n) };
  };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const x = options.dropout > 0 ? dropFeatures(vectors[i] as SparseVector) : (vectors[i] as SparseVector);
      const y = labels[i] as number;
      const rate = options.learningRate * (sampleWeights ? (sampleWeights[i] as number) : 1);
      for (let c = 0; c < classes; c++) scores[c] = bias[c] as number;
      addWeightedRows(weights, classes, x, scores);
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
