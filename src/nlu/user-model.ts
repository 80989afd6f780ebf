import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { Department } from '../domain/vocabulary.js';
import { ModelInvalidError } from './errors.js';
import type { IntentModel } from './intent-model.js';
import { intentModelFromJSON } from './intent-model.js';

/** Which department handles each label of a user's model; unlisted labels go to `default`. */
export const LabelMapping = z.object({
  labels: z.record(z.string(), Department),
  default: Department.default('general'),
});
export type LabelMapping = z.infer<typeof LabelMapping>;

export interface LoadedIntentModel {
  model: IntentModel;
  departmentOf: (intent: string) => Department | undefined;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ModelInvalidError(`cannot read: ${(error as Error).message}`, { file, cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ModelInvalidError('not valid JSON', { file, cause: error });
  }
}

/** `model.json` → `model.mapping.json`: where a mapping beside the model file is looked for. */
export function mappingPathBeside(modelPath: string): string {
  return modelPath.replace(/(\.json)?$/i, '.mapping.json');
}

/**
 * A user's model (`SWARM_INTENT_MODEL`): the model file written by `swarmdesk train`, with departments
 * from `mappingPath`, else from a `<model>.mapping.json` beside it, else from the model's own catalog.
 */
export function loadIntentModel(path: string, mappingPath?: string): LoadedIntentModel {
  let model: IntentModel;
  try {
    model = intentModelFromJSON(readJson(path));
  } catch (error) {
    if (error instanceof ModelInvalidError && error.details?.['file'] === undefined) {
      throw new ModelInvalidError(error.message, { file: path, cause: error });
    }
    throw error;
  }
  const beside = mappingPathBeside(path);
  const source = mappingPath ?? (existsSync(beside) ? beside : undefined);
  if (source === undefined) return { model, departmentOf: (intent) => model.departmentOf(intent) };
  const parsed = LabelMapping.safeParse(readJson(source));
  if (!parsed.success) throw new ModelInvalidError(z.prettifyError(parsed.error), { file: source });
  const mapping = parsed.data;
  const departmentOf = (intent: string): Department | undefined =>
    mapping.labels[intent] ?? (model.labels.includes(intent) ? mapping.default : undefined);
  return { model, departmentOf };
}
