import type { IntentCatalog } from './dataset.js';
import { rejectionFor } from './recipe.js';
import type { TrainOptions } from './train-model.js';

/**
 * The learner settings of a desk's intent model, beside `trainWithRecipe`'s: the training defaults,
 * judged on departments when the desk has several, the threshold chosen by the recipe's default
 * rule. The learner retrains with the same options so a correction is judged on a model like the
 * live one.
 */
export function supportModelOptions(catalog: IntentCatalog): Partial<TrainOptions> {
  return { catalog, rejection: rejectionFor(catalog), targets: {} };
}
