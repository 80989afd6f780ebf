export { type IntentClassifier, type IntentPrediction, type LanguageGuess } from './classifier.js';
export {
  CatalogIntent,
  IntentCatalog,
  LabelledExample,
  MultiIntentExample,
  OOS_LABEL,
  splitValidation,
} from './dataset.js';
export {
  parseExamplesCsv,
  parseExamplesJsonl,
  readCatalogFile,
  readExamplesFile,
  requireTrainable,
  type SourcedExample,
} from './dataset-file.js';
export {
  thresholdForRecall,
  thresholdForTargets,
  tuneThreshold,
  type OperatingTargets,
  wilsonLowerBound,
  type ThresholdCandidate,
} from './calibration.js';
export { GENERIC_OUT_OF_SCOPE } from './generic-out-of-scope.js';
export { Correction, type CorrectionStore } from './correction-store.js';
export { supportModelOptions } from './support-recipe.js';
export { DatasetInvalidError, ModelInvalidError } from './errors.js';
export {
  evaluateClassifier,
  evaluatePredictions,
  type Evaluation,
  type PerIntentErrors,
} from './evaluate.js';
export { IntentModel, IntentModelJson, intentModelFromJSON } from './intent-model.js';
export { DEFAULT_CORRECTIONS_FILE, JsonlCorrectionStore } from './jsonl-correction-store.js';
export {
  CORRECTION_WEIGHT,
  Learner,
  MAX_ACCURACY_DROP,
  type LearnResult,
  type LearnerOptions,
} from './learner.js';
export { foldText, tokenize } from './normalize.js';
export { DEFAULT_CORRECTIONS_KEY_PREFIX, RedisCorrectionStore } from './redis-correction-store.js';
export { detectIntents, type IntentPart } from './multi-intent.js';
export {
  DEFAULT_ACCURACY_COST,
  OperatingRule,
  chooseOperatingPoint,
  thresholdForAccuracy,
  thresholdForAccuracyCost,
  type ChosenOperatingPoint,
  type OperatingPointTargets,
} from './operating-point.js';
export {
  DEFAULT_RECIPE_OPTIONS,
  rejectionFor,
  trainWithRecipe,
  type RecipeOptions,
  type RecipeResult,
} from './recipe.js';
export {
  evaluateRouting,
  measureLatency,
  type ConfusionPair,
  type Latency,
  type RoutingEvaluation,
  type RoutingEvaluationOptions,
  type SliceFigures,
} from './routing-evaluation.js';
export { segment } from './segment.js';
export {
  DEFAULT_TRAIN_OPTIONS,
  trainIntentModel,
  type CalibratedSettings,
  type TrainOptions,
  type TrainedIntentModel,
  type TrainingExample,
} from './train-model.js';
export { createInlineTrainer, createPiscinaTrainer, type Trainer } from './trainer.js';
export { type TrainRequest } from './train-worker.js';
export { LabelMapping, loadIntentModel, mappingPathBeside, type LoadedIntentModel } from './user-model.js';
