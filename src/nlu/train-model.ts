import type { Department } from '../domain/vocabulary.js';
import {
  fitTemperature,
  operatingPoint,
  tuneThreshold,
  type ScoredExample,
  type ThresholdCandidate,
} from './calibration.js';
import { OOS_LABEL, splitValidation, type IntentCatalog, type LabelledExample } from './dataset.js';
import { DEFAULT_FEATURE_OPTIONS, FeatureSpace, type FeatureOptions } from './features.js';
import { IntentModel, encodeMember, type IntentModelJson, type RejectionRule } from './intent-model.js';
import { LanguageModel } from './language-model.js';
import { chooseOperatingPoint, type OperatingPointTargets } from './operating-point.js';
import { linearScores, trainLinear, type LinearOptions } from './linear.js';

/** A training row; `weight` lets a customer correction count more than one ordinary example. */
export type TrainingExample = LabelledExample & { weight?: number };

interface MemberOptions {
  features: FeatureOptions;
  linear: LinearOptions;
}

export interface TrainOptions {
  /** Held-out examples for calibration and the threshold; split from `examples` when absent. */
  validation?: readonly LabelledExample[];
  validationFraction: number;
  seed: number;
  members: readonly MemberOptions[];
  /** Intents with departments; without one every label maps to `defaultDepartment`. */
  catalog?: IntentCatalog;
  defaultDepartment: Department;
  /** What the out-of-scope threshold is compared with (see `RejectionRule`). */
  rejection: RejectionRule;
  /** Weight of out-of-scope recall against in-scope accuracy when tuning the threshold. */
  oosWeight: number;
  /**
   * When given, the threshold is chosen as `trainWithRecipe` chooses it (`chooseOperatingPoint`), not
   * by `oosWeight`: the learner's candidates are then judged at the live model's kind of threshold.
   */
  targets?: OperatingPointTargets;
  /** Without out-of-scope validation examples: the share of right answers the threshold may reject. */
  fallbackRejection: number;
  /**
   * Temperatures (one per member) and threshold measured on an earlier fit's held-out rows: training
   * then learns from every example and tunes nothing (see `trainWithRecipe`).
   */
  calibrated?: CalibratedSettings;
}

interface CalibratedSettings {
  temperatures: readonly number[];
  threshold: number;
  validation?: IntentModelJson['validation'];
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  validationFraction: 0.15,
  seed: 1,
  members: [
    {
      features: DEFAULT_FEATURE_OPTIONS,
      linear: { loss: 'hinge', epochs: 20, learningRate: 0.1, dropout: 0.5, seed: 1 },
    },
  ],
  defaultDepartment: 'general',
  rejection: 'oosMargin',
  oosWeight: 0.5,
  fallbackRejection: 0.02,
};

export interface TrainedIntentModel {
  model: IntentModel;
  train: LabelledExample[];
  validation: LabelledExample[];
}

export function trainIntentModel(
  examples: readonly TrainingExample[],
  options: Partial<TrainOptions> = {},
): TrainedIntentModel {
  const settings: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const calibrated = settings.calibrated;
  const split = calibrated
    ? { train: [...examples], validation: [] }
    : settings.validation
      ? { train: [...examples], validation: [...settings.validation] }
      : splitValidation(examples, settings.validationFraction, settings.seed);
  const train = split.train as TrainingExample[];
  const classes = [...new Set(train.map((example) => example.label))].sort();
  const classIndex = new Map(classes.map((label, i) => [label, i]));
  const labels = Int32Array.from(train, (example) => classIndex.get(example.label) ?? 0);
  const sampleWeights = train.some((example) => example.weight !== undefined)
    ? Float32Array.from(train, (example) => example.weight ?? 1)
    : undefined;
  const validation = split.validation.filter(
    (example) => example.label === OOS_LABEL || classIndex.has(example.label),
  );
  const truthOf = (example: LabelledExample): number => classIndex.get(example.label) ?? -1;

  const members = settings.members.map((member, m) => {
    const space = FeatureSpace.fit(
      train.map((example) => example.text),
      member.features,
    );
    const vectors = train.map((example) => space.vectorize(example.text));
    const linear = trainLinear(vectors, labels, classes.length, space.size, member.linear, sampleWeights);
    const scored: ScoredExample[] = validation.map((example) => ({
      scores: linearScores(linear, space.vectorize(example.text), new Float64Array(classes.length)),
      truth: truthOf(example),
    }));
    return { space, linear, scored, temperature: calibrated?.temperatures[m] ?? fitTemperature(scored) };
  });

  const catalog = settings.catalog ?? catalogFor(classes, settings.defaultDepartment);
  // Only the training split: the validation split must stay unseen to measure language accuracy too.
  const languageRows = train.filter(
    (example): example is TrainingExample & { language: 'cs' | 'en' } => example.language !== undefined,
  );
  const draft: IntentModelJson = {
    kind: 'swarmdesk-intent-model',
    schemaVersion: 1,
    classes,
    members: members.map((member) => encodeMember(member.space, member.linear, member.temperature)),
    threshold: 0,
    rejection: settings.rejection,
    catalog,
    defaultDepartment: settings.defaultDepartment,
    ...(languageRows.length > 0 ? { language: LanguageModel.train(languageRows).toJSON() } : {}),
  };
  if (calibrated) {
    const model = new IntentModel({
      ...draft,
      threshold: calibrated.threshold,
      ...(calibrated.validation ? { validation: calibrated.validation } : {}),
    });
    return { model, train, validation };
  }
  const untuned = new IntentModel(draft);
  const candidates: ThresholdCandidate[] = validation.map((example) => untuned.thresholdCandidate(example));
  const threshold = settings.targets
    ? chooseOperatingPoint(candidates, settings.targets).threshold
    : tuneThreshold(candidates, settings);
  const point = operatingPoint(candidates, threshold);
  const model = new IntentModel({
    ...draft,
    threshold,
    validation: {
      n: candidates.length,
      accuracy: candidates.length === 0 ? 0 : (point.right + point.rejected) / candidates.length,
      ...(point.outOfScope > 0 ? { oosRecall: point.rejected / point.outOfScope } : {}),
    },
  });
  return { model, train, validation };
}

function catalogFor(classes: readonly string[], department: Department): IntentCatalog {
  return {
    schemaVersion: 1,
    intents: classes
      .filter((label) => label !== OOS_LABEL)
      .map((intent) => ({ intent, department, description: intent, descriptionCs: intent })),
  };
}
