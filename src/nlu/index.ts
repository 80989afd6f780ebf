export { type IntentClassifier, type IntentPrediction } from './classifier.js';
export { IntentCatalog, LabelledExample, MultiIntentExample, OOS_LABEL, splitValidation } from './dataset.js';
export {
  parseExamplesCsv,
  readCatalogFile,
  readExamplesFile,
  requireTrainable,
  type SourcedExample,
} from './dataset-file.js';
export {
  thresholdForRecall,
  thresholdForTargets,
  wilsonLowerBound,
  type ThresholdCandidate,
} from './calibration.js';
export { GENERIC_OUT_OF_SCOPE } from './generic-out-of-scope.js';
export { type CorrectionStore } from './correction-store.js';
export { supportModelOptions } from './support-recipe.js';
export { DatasetInvalidError, ModelInvalidError } from './errors.js';
export { IntentModel, intentModelFromJSON } from './intent-model.js';
export { JsonlCorrectionStore } from './jsonl-correction-store.js';
export { Learner, type LearnerOptions } from './learner.js';
export { foldText, tokenize } from './normalize.js';
export { PhraseMatcher } from './phrase-matcher.js';
export { RedisCorrectionStore } from './redis-correction-store.js';
export { detectIntents } from './multi-intent.js';
export {
  DEFAULT_ACCURACY_COST,
  OperatingRule,
  chooseOperatingPoint,
  thresholdForAccuracy,
  type ChosenOperatingPoint,
} from './operating-point.js';
export { DEFAULT_RECIPE_OPTIONS, trainWithRecipe } from './recipe.js';
export {
  evaluateRouting,
  measureLatency,
  type Latency,
  type RoutingEvaluation,
  type SliceFigures,
} from './routing-evaluation.js';
export { segment } from './segment.js';
export { DEFAULT_TRAIN_OPTIONS, trainIntentModel, type TrainedIntentModel } from './train-model.js';
export { createInlineTrainer, createPiscinaTrainer } from './trainer.js';
export { LabelMapping, loadIntentModel, mappingPathBeside, type LoadedIntentModel } from './user-model.js';
