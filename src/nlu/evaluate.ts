import type { IntentClassifier } from './classifier.js';
import { OOS_LABEL, type LabelledExample } from './dataset.js';

interface PerIntentErrors {
  intent: string;
  support: number;
  errors: number;
  /** The label predicted most often instead, with its count. */
  confusedWith: Array<{ intent: string; count: number }>;
}

export interface Evaluation {
  n: number;
  /** All rows: an in-scope row is right with its intent, an `oos` row when rejected. */
  accuracy: number;
  /** In-scope rows only (rejecting one counts as wrong). */
  inScopeAccuracy: number;
  macroF1: number;
  /** Undefined when the data has no `oos` rows. */
  oosRecall: number | undefined;
  oosPrecision: number | undefined;
  perIntent: PerIntentErrors[];
}

/** Accuracy, macro-F1 over the labels present, and out-of-scope recall and precision. */
export function evaluateClassifier(
  model: IntentClassifier,
  examples: readonly LabelledExample[],
): Evaluation {
  const predicted = examples.map((example) => {
    const prediction = model.classify(example.text);
    return prediction.outOfScope ? OOS_LABEL : prediction.intent;
  });
  return evaluatePredictions(
    examples.map((example) => example.label),
    predicted,
  );
}

export function evaluatePredictions(truth: readonly string[], predicted: readonly string[]): Evaluation {
  const labels = [...new Set(truth)].sort();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const confusion = new Map<string, Map<string, number>>();
  const bump = (map: Map<string, number>, key: string): void => {
    map.set(key, (map.get(key) ?? 0) + 1);
  };
  let right = 0;
  let inScope = 0;
  let inScopeRight = 0;
  truth.forEach((label, i) => {
    const guess = predicted[i] as string;
    if (label !== OOS_LABEL) inScope++;
    if (guess === label) {
      right++;
      if (label !== OOS_LABEL) inScopeRight++;
      bump(tp, label);
      return;
    }
    bump(fn, label);
    bump(fp, guess);
    const row = confusion.get(label) ?? new Map<string, number>();
    bump(row, guess);
    confusion.set(label, row);
  });
  const f1 = labels.map((label) => {
    const t = tp.get(label) ?? 0;
    const denominator = 2 * t + (fp.get(label) ?? 0) + (fn.get(label) ?? 0);
    return denominator === 0 ? 0 : (2 * t) / denominator;
  });
  const hasOos = truth.includes(OOS_LABEL);
  const oosTp = tp.get(OOS_LABEL) ?? 0;
  const oosPredicted = oosTp + (fp.get(OOS_LABEL) ?? 0);
  const perIntent = labels
    .map((intent) => ({
      intent,
      support: truth.filter((label) => label === intent).length,
      errors: fn.get(intent) ?? 0,
      confusedWith: [...(confusion.get(intent) ?? new Map<string, number>()).entries()]
        .map(([other, count]) => ({ intent: other, count }))
        .sort((a, b) => b.count - a.count || a.intent.localeCompare(b.intent)),
    }))
    .sort((a, b) => b.errors - a.errors || a.intent.localeCompare(b.intent));
  return {
    n: truth.length,
    accuracy: truth.length === 0 ? 0 : right / truth.length,
    inScopeAccuracy: inScope === 0 ? 0 : inScopeRight / inScope,
    macroF1: f1.length === 0 ? 0 : f1.reduce((a, b) => a + b, 0) / f1.length,
    oosRecall: hasOos ? oosTp / (oosTp + (fn.get(OOS_LABEL) ?? 0)) : undefined,
    oosPrecision: hasOos ? (oosPredicted === 0 ? 0 : oosTp / oosPredicted) : undefined,
    perIntent,
  };
}
