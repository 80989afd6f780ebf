import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_RECIPE_OPTIONS,
  DEFAULT_TRAIN_OPTIONS,
  OOS_LABEL,
  intentModelFromJSON,
  splitValidation,
  supportModelOptions,
  trainWithRecipe,
  type ChosenOperatingPoint,
  type IntentCatalog,
  type IntentModel,
  type LabelledExample,
} from '../nlu/index.js';
import type { DeskDefinition } from './load-desk.js';

/** What a desk's intent model is trained from: its intents' examples and its out-of-scope ones. */
export interface DeskTrainingData {
  catalog: IntentCatalog;
  examples: LabelledExample[];
}

export function deskTrainingData(desk: DeskDefinition): DeskTrainingData {
  const examples: LabelledExample[] = [];
  const intents = Object.entries(desk.intents);
  for (const [intent, { value }] of intents) {
    for (const [language, texts] of Object.entries(value.examples ?? {})) {
      for (const text of texts ?? [])
        examples.push({ text, label: intent, language: language as 'cs' | 'en' });
    }
  }
  for (const { text, language } of desk.outOfScope) examples.push({ text, label: OOS_LABEL, language });
  const describe = (intent: string, language: 'cs' | 'en'): string => {
    const description = desk.intents[intent]?.value.description;
    if (description === undefined) return intent.replaceAll('_', ' ');
    if (typeof description === 'string') return description;
    return description[language] ?? description.en ?? description.cs ?? intent.replaceAll('_', ' ');
  };
  const catalog: IntentCatalog = {
    schemaVersion: 1,
    intents: intents.map(([intent, { value }]) => ({
      intent,
      department: value.department,
      description: describe(intent, 'en'),
      descriptionCs: describe(intent, 'cs'),
    })),
  };
  return { catalog, examples };
}

export interface DeskModel {
  model: IntentModel;
  /** The model file the routers load (in the cache folder). */
  file: string;
  catalog: IntentCatalog;
  train: LabelledExample[];
  validation: LabelledExample[];
  /** True when this call trained it; false when the cached model for the same content was used. */
  trained: boolean;
  trainMs: number;
  /** When this call trained it: the threshold chosen on the held-out rows, and why. */
  operatingPoint?: ChosenOperatingPoint;
  /**
   * The fit on `train` alone, before the refit on every row, so the learner judges corrections against
   * a model that has not seen `validation` either (absent from a cache written before it was kept).
   */
  heldOutFit?: IntentModel;
}

// Bumped whenever training or the model format changes, so stale cache files are never read.
const MODEL_BUILD = 6;
const PREFIX = 'intent-model-';
/** Other models in the folder (other desks, earlier edits) are removed once unused this long. */
const STALE_MS = 7 * 86_400_000;

/** The content key of a desk's model: the same data and recipe give the same file. */
export function deskModelKey(data: DeskTrainingData): string {
  const settings = {
    ...DEFAULT_TRAIN_OPTIONS,
    ...supportModelOptions(data.catalog),
    recipe: DEFAULT_RECIPE_OPTIONS,
  };
  return createHash('sha256')
    .update(JSON.stringify({ MODEL_BUILD, data, settings }))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The desk's model, trained when the cache under `cacheDir` has none for this content (a desk edited
 * since is retrained; an unchanged one loads in milliseconds). Keyed by content, like Rasa's
 * fingerprints, rather than committed: a weight file would be megabytes of noise in git and could drift
 * from the data it claims to come from.
 */
export function prepareDeskModel(desk: DeskDefinition, dir: string): DeskModel {
  const data = deskTrainingData(desk);
  const key = deskModelKey(data);
  const file = join(dir, `${PREFIX}${key}.json`);
  const cached = readCachedModel(file);
  if (cached) {
    touch(file);
    // The recipe's own hold-out, recomputed: cheap and deterministic.
    const { train, validation } = splitValidation(
      data.examples,
      DEFAULT_RECIPE_OPTIONS.holdOut,
      DEFAULT_TRAIN_OPTIONS.seed,
    );
    const heldOutFit = readCachedModel(heldOutFile(file));
    if (heldOutFit) touch(heldOutFile(file));
    return {
      model: cached,
      file,
      catalog: data.catalog,
      train,
      validation,
      trained: false,
      trainMs: 0,
      ...(heldOutFit ? { heldOutFit } : {}),
    };
  }
  const started = performance.now();
  // The recipe `swarmdesk train` and the benchmarks use: calibrate on a hold-out, then refit on all.
  const trained = trainWithRecipe(data.examples, {
    catalog: data.catalog,
    train: supportModelOptions(data.catalog),
  });
  const trainMs = performance.now() - started;
  // The held-out fit first: a reader that finds the model finds it too (or, from an older cache, none).
  if (trained.heldOutFit) writeCachedModel(dir, heldOutFile(file), trained.heldOutFit);
  writeCachedModel(dir, file, trained.model);
  return {
    model: trained.model,
    file,
    catalog: data.catalog,
    train: trained.train,
    validation: trained.validation,
    trained: true,
    trainMs,
    operatingPoint: trained.operatingPoint,
    heldOutFit: trained.heldOutFit,
  };
}

/**
 * The fit on the training rows alone, beside the model: the learner's baseline, so a start from the
 * cache does not train it again (a second training at every start cost seconds of CPU and the peak of
 * the process's memory).
 */
function heldOutFile(modelFile: string): string {
  return modelFile.replace(/\.json$/, '.held-out.json');
}

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Read-only cache: the model still loads; it may only be cleaned up sooner.
  }
}

function readCachedModel(file: string): IntentModel | undefined {
  try {
    return intentModelFromJSON(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // A missing or damaged cache is only a slower start: train again and overwrite it.
    return undefined;
  }
}

function writeCachedModel(dir: string, file: string, model: IntentModel): void {
  mkdirSync(dir, { recursive: true });
  // Write then rename, so a concurrent reader (another process on the same folder) never sees half a file.
  const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(partial, JSON.stringify(model.toJSON()));
  renameSync(partial, file);
  // Several desks (and processes) may share the folder: only models nobody wrote for a week go.
  const now = Date.now();
  for (const old of readdirSync(dir)) {
    const path = join(dir, old);
    if (!old.startsWith(PREFIX) || path === file || path === heldOutFile(file)) continue;
    try {
      if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}
