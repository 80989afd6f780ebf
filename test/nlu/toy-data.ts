import { fileURLToPath } from 'node:url';
import {
  readCatalogFile,
  readExamplesFile,
  trainIntentModel,
  type TrainedIntentModel,
} from '../../src/nlu/index.js';

export const TOY_EXAMPLES_FILE = fileURLToPath(new URL('./fixtures/toy.jsonl', import.meta.url));
export const TOY_CATALOG_FILE = fileURLToPath(new URL('./fixtures/toy-catalog.json', import.meta.url));

export function toyData() {
  return { examples: readExamplesFile(TOY_EXAMPLES_FILE), catalog: readCatalogFile(TOY_CATALOG_FILE) };
}

let trained: TrainedIntentModel | undefined;

/** The toy model, trained once per test file (deterministic, so sharing it changes nothing). */
export function toyModel(): TrainedIntentModel {
  if (!trained) {
    const { examples, catalog } = toyData();
    trained = trainIntentModel(examples, { catalog });
  }
  return trained;
}
