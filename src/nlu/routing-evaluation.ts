import type { IntentClassifier, IntentPrediction } from './classifier.js';
import { OOS_LABEL, type LabelledExample } from './dataset.js';
import { evaluatePredictions } from './evaluate.js';

export interface RoutingEvaluationOptions {
  departmentOf: (intent: string) => string | undefined;
  /** The router escalates a message whose best intent's confidence is below this (or out of scope). */
  minConfidence: number;
  /** How many confusion pairs to list. */
  confusions: number;
}

/** Figures over the in-scope rows of one slice of the data (a language, a department, or all). */
export interface SliceFigures {
  n: number;
  /** Best intent right, whatever the threshold. */
  topOneAccuracy: number;
  /** Best intent right and accepted by the out-of-scope threshold. */
  accuracyAfterThreshold: number;
  /** The best intent's department is the right one: where the router sends the message. */
  departmentAccuracy: number;
  /**
   * Rejected, or the department's probability (the intent's, for classifiers without departments)
   * below `minConfidence`: the router hands these to a person for low confidence.
   */
  lowConfidence: number;
  /** Of those, the ones whose right department was among the two best intents' departments. */
  lowConfidenceWithDepartmentInTopTwo: number;
}

interface ConfusionPair {
  truth: string;
  predicted: string;
  count: number;
  /** A confusion across departments sends the customer to the wrong team: it costs twice. */
  crossDepartment: boolean;
  cost: number;
}

export interface RoutingEvaluation {
  n: number;
  inScope: SliceFigures;
  outOfScope: number;
  /** Every row: in-scope right and accepted, out-of-scope rejected. */
  accuracy: number;
  macroF1: number;
  oosRecall: number | undefined;
  oosPrecision: number | undefined;
  departments: Array<{ department: string } & SliceFigures>;
  /** Per `language` field; Czech also split by whether the text carries diacritics. */
  languages: Array<{ language: string } & SliceFigures>;
  confusions: ConfusionPair[];
}

interface Scored {
  example: LabelledExample;
  prediction: IntentPrediction;
}

const CZECH_DIACRITICS = /[áčďéěíňóřšťúůýž]/i;

/** What a desk owner needs to judge a model: accuracy before and after the threshold, routing, cost. */
export function evaluateRouting(
  model: IntentClassifier,
  examples: readonly LabelledExample[],
  options: RoutingEvaluationOptions,
): RoutingEvaluation {
  const scored: Scored[] = examples.map((example) => ({ example, prediction: model.classify(example.text) }));
  const predicted = scored.map(({ prediction }) => (prediction.outOfScope ? OOS_LABEL : prediction.intent));
  const base = evaluatePredictions(
    examples.map((example) => example.label),
    predicted,
  );
  const inScope = scored.filter(({ example }) => example.label !== OOS_LABEL);
  const slice = (rows: readonly Scored[]): SliceFigures => figuresOf(rows, options);
  const groupBy = (key: (row: Scored) => string | undefined): Map<string, Scored[]> => {
    const groups = new Map<string, Scored[]>();
    for (const row of inScope) {
      const name = key(row);
      if (name === undefined) continue;
      groups.set(name, [...(groups.get(name) ?? []), row]);
    }
    return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
  };
  const byDepartment = groupBy(({ example }) => options.departmentOf(example.label) ?? 'unknown');
  const byLanguage = groupBy(({ example }) => example.language);
  const czech = byLanguage.get('cs') ?? [];
  const languages = [...byLanguage.entries()].map(([language, rows]) => ({ language, ...slice(rows) }));
  if (czech.length > 0) {
    const marked = czech.filter(({ example }) => CZECH_DIACRITICS.test(example.text));
    const bare = czech.filter(({ example }) => !CZECH_DIACRITICS.test(example.text));
    if (marked.length > 0) languages.push({ language: 'cs with diacritics', ...slice(marked) });
    if (bare.length > 0) languages.push({ language: 'cs without diacritics', ...slice(bare) });
  }
  return {
    n: examples.length,
    inScope: slice(inScope),
    outOfScope: examples.length - inScope.length,
    accuracy: base.accuracy,
    macroF1: base.macroF1,
    oosRecall: base.oosRecall,
    oosPrecision: base.oosPrecision,
    departments: [...byDepartment.entries()].map(([department, rows]) => ({ department, ...slice(rows) })),
    languages,
    confusions: confusionPairs(scored, options),
  };
}

function figuresOf(rows: readonly Scored[], options: RoutingEvaluationOptions): SliceFigures {
  let top = 0;
  let accepted = 0;
  let department = 0;
  let lowConfidence = 0;
  let lowInTopTwo = 0;
  for (const { example, prediction } of rows) {
    const best = prediction.ranked[0];
    const want = options.departmentOf(example.label);
    if (best?.intent === example.label) {
      top++;
      if (!prediction.outOfScope) accepted++;
    }
    if (best && options.departmentOf(best.intent) === want) department++;
    if (
      prediction.outOfScope ||
      (prediction.departmentConfidence ?? prediction.confidence) < options.minConfidence
    ) {
      lowConfidence++;
      const topTwo = prediction.ranked.slice(0, 2).map((r) => options.departmentOf(r.intent));
      if (topTwo.includes(want)) lowInTopTwo++;
    }
  }
  const rate = (k: number): number => (rows.length === 0 ? 0 : k / rows.length);
  return {
    n: rows.length,
    topOneAccuracy: rate(top),
    accuracyAfterThreshold: rate(accepted),
    departmentAccuracy: rate(department),
    lowConfidence,
    lowConfidenceWithDepartmentInTopTwo: lowInTopTwo,
  };
}

function confusionPairs(scored: readonly Scored[], options: RoutingEvaluationOptions): ConfusionPair[] {
  const counts = new Map<string, { truth: string; predicted: string; count: number }>();
  for (const { example, prediction } of scored) {
    const predicted = prediction.outOfScope ? OOS_LABEL : prediction.intent;
    if (predicted === example.label) continue;
    const key = `${example.label}\u0000${predicted}`;
    const entry = counts.get(key) ?? { truth: example.label, predicted, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()]
    .map((pair) => {
      const crossDepartment = options.departmentOf(pair.truth) !== options.departmentOf(pair.predicted);
      return { ...pair, crossDepartment, cost: pair.count * (crossDepartment ? 2 : 1) };
    })
    .sort((a, b) => b.cost - a.cost || b.count - a.count || a.truth.localeCompare(b.truth))
    .slice(0, options.confusions);
}

export interface Latency {
  p50Micros: number;
  p99Micros: number;
  /** CPU time per message: on a shared machine the wall-clock tail is mostly time descheduled. */
  cpuMeanMicros: number;
}

/** Wall-clock p50/p99 per message over three passes (after a warm-up), and mean CPU time. */
export function measureLatency(model: IntentClassifier, texts: readonly string[]): Latency {
  for (const text of texts.slice(0, 200)) model.classify(text);
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  for (let round = 0; round < 3; round++) {
    for (const text of texts) {
      const started = process.hrtime.bigint();
      model.classify(text);
      samples.push(Number(process.hrtime.bigint() - started) / 1000);
    }
  }
  const used = process.cpuUsage(cpu);
  samples.sort((a, b) => a - b);
  const at = (q: number): number =>
    samples[Math.min(samples.length - 1, Math.floor(samples.length * q))] ?? 0;
  return {
    p50Micros: at(0.5),
    p99Micros: at(0.99),
    cpuMeanMicros: samples.length === 0 ? 0 : (used.user + used.system) / samples.length,
  };
}
