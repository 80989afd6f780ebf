import { OOS_LABEL, splitValidation, type IntentCatalog, type LabelledExample } from './dataset.js';
import { GENERIC_OUT_OF_SCOPE } from './generic-out-of-scope.js';
import { intentModelFromJSON, type IntentModel, type RejectionRule } from './intent-model.js';
import {
  chooseOperatingPoint,
  type ChosenOperatingPoint,
  type OperatingPointTargets,
} from './operating-point.js';
import {
  DEFAULT_TRAIN_OPTIONS,
  trainIntentModel,
  type TrainOptions,
  type TrainingExample,
} from './train-model.js';

export interface RecipeOptions {
  /** Held-out rows for calibration and the threshold; without them `holdOut` of every label is held out. */
  validation?: readonly LabelledExample[];
  holdOut: number;
  catalog?: IntentCatalog;
  targets: OperatingPointTargets;
  /** Adds the project's generic out-of-scope questions to the training rows, labelled `oos`. */
  genericOos: boolean;
  /** Refit on every row (training and held-out) once calibrated; off only to study the recipe. */
  refit: boolean;
  /** Learner settings (features, members, seed); the recipe's own choices win over these. */
  train?: Partial<TrainOptions>;
}

export const DEFAULT_RECIPE_OPTIONS: RecipeOptions = {
  holdOut: DEFAULT_TRAIN_OPTIONS.validationFraction,
  targets: {},
  genericOos: false,
  refit: true,
};

export interface RecipeResult {
  model: IntentModel;
  operatingPoint: ChosenOperatingPoint;
  /** Rows the final model learned from. */
  trainedOn: number;
  heldOut: number;
  /** The fit before the refit, at the chosen threshold: trained on `train`, never on `validation`. */
  heldOutFit: IntentModel;
  train: LabelledExample[];
  validation: LabelledExample[];
}

/** A desk routes to departments: judge a message's scope on its department once there are several. */
export function rejectionFor(catalog: IntentCatalog | undefined): RejectionRule {
  const departments = new Set(catalog?.intents.map((entry) => entry.department));
  return departments.size > 1 ? 'departmentMargin' : DEFAULT_TRAIN_OPTIONS.rejection;
}

/**
 * The project's training recipe, the one `swarmdesk train` and `npm run eval` share: fit on the
 * training rows, calibrate (temperature) and choose the out-of-scope threshold on held-out rows, then
 * refit on every row with that calibration, so no labelled row is lost to tuning. The held-out rows
 * are `validation` when given, else a seeded share of every label.
 */
export function trainWithRecipe(
  examples: readonly TrainingExample[],
  options: Partial<RecipeOptions> = {},
): RecipeResult {
  const settings: RecipeOptions = { ...DEFAULT_RECIPE_OPTIONS, ...options };
  const seed = settings.train?.seed ?? DEFAULT_TRAIN_OPTIONS.seed;
  const rows: TrainingExample[] = [
    ...examples,
    ...(settings.genericOos ? GENERIC_OUT_OF_SCOPE.map((text) => ({ text, label: OOS_LABEL })) : []),
  ];
  const split = settings.validation
    ? { train: rows, validation: [...settings.validation] }
    : splitValidation(rows, settings.holdOut, seed);
  const common: Partial<TrainOptions> = {
    rejection: rejectionFor(settings.catalog),
    ...settings.train,
    ...(settings.catalog ? { catalog: settings.catalog } : {}),
  };
  const first = trainIntentModel(split.train, { ...common, validation: split.validation });
  const unthresholded = intentModelFromJSON({ ...first.model.toJSON(), threshold: 0 });
  const candidates = first.validation.map((example) => unthresholded.thresholdCandidate(example));
  const operatingPoint = chooseOperatingPoint(candidates, settings.targets);
  const validationFigures = {
    n: candidates.length,
    accuracy: operatingPoint.heldOut.accuracy,
    ...(operatingPoint.heldOut.oosRecall === undefined
      ? {}
      : { oosRecall: operatingPoint.heldOut.oosRecall }),
  };
  const heldOutFit = intentModelFromJSON({
    ...first.model.toJSON(),
    threshold: operatingPoint.threshold,
    validation: validationFigures,
  });
  const splits = { heldOutFit, train: first.train, validation: first.validation };
  if (!settings.refit) {
    return {
      model: heldOutFit,
      operatingPoint,
      trainedOn: split.train.length,
      heldOut: first.validation.length,
      ...splits,
    };
  }
  // In the caller's order: the seeded shuffles of training then see the rows as a plain fit would.
  const everything = settings.validation ? [...rows, ...first.validation] : rows;
  const refit = trainIntentModel(everything, {
    ...common,
    calibrated: {
      temperatures: first.model.toJSON().members.map((member) => member.temperature),
      threshold: operatingPoint.threshold,
      validation: validationFigures,
    },
  });
  return {
    model: refit.model,
    operatingPoint,
    trainedOn: everything.length,
    heldOut: first.validation.length,
    ...splits,
  };
}
