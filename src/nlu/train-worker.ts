import type { IntentModelJson } from './intent-model.js';
import { trainIntentModel, type TrainOptions, type TrainingExample } from './train-model.js';

/** What crosses to the training thread: plain data only (structured clone). */
export interface TrainRequest {
  examples: TrainingExample[];
  options: Partial<TrainOptions>;
}

/** The piscina task: training is CPU-bound for a second or more, so it stays off the event loop. */
export default function train(request: TrainRequest): IntentModelJson {
  return trainIntentModel(request.examples, request.options).model.toJSON();
}
