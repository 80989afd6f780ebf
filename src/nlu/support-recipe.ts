import type { IntentCatalog } from './dataset.js';
import { DEFAULT_FEATURE_OPTIONS } from './features.js';
import type { TrainOptions } from './train-model.js';

/**
 * How a desk's intent model is trained (support messages, tens of examples per intent and language);
 * the learner retrains with the same options so a correction is judged on a model like the live one.
 */
export function supportModelOptions(catalog: IntentCatalog): Partial<TrainOptions> {
  return {
    catalog,
    members: [
      {
        features: DEFAULT_FEATURE_OPTIONS,
        linear: { loss: 'hinge', epochs: 10, learningRate: 0.1, dropout: 0, seed: 1 },
      },
    ],
  };
}
