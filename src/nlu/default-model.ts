import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Department } from '../domain/vocabulary.js';
import type { LanguageGuess } from './classifier.js';
import { readCatalogFile, readExamplesFile } from './dataset-file.js';
import { splitValidation, type CatalogIntent, type IntentCatalog, type LabelledExample } from './dataset.js';
import { intentModelFromJSON, type IntentModel } from './intent-model.js';
import { DEFAULT_FEATURE_OPTIONS } from './features.js';
import { DEFAULT_TRAIN_OPTIONS, trainIntentModel, type TrainOptions } from './train-model.js';

/** The shipped data the default model is trained from (part of the published package). */
export const DEFAULT_INTENT_DATA_DIR = fileURLToPath(new URL('../../data/intents/', import.meta.url));

export interface IntentTrainingData {
  catalog: IntentCatalog;
  examples: LabelledExample[];
}

export function readIntentTrainingData(dir: string = DEFAULT_INTENT_DATA_DIR): IntentTrainingData {
  const catalog = readCatalogFile(`${dir}/catalog.json`);
  const examples = [...readExamplesFile(`${dir}/examples.jsonl`), ...readExamplesFile(`${dir}/oos.jsonl`)];
  return { catalog, examples };
}

/** Options of the shipped model; the learner retrains with the same ones so figures stay comparable. */
export function defaultModelOptions(catalog: IntentCatalog): Partial<TrainOptions> {
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

// Bumped whenever training or the model format changes, so stale cache files are never read.
const MODEL_BUILD = 4;
const CACHE_FILE_PREFIX = 'intent-model-';

let cached: { model: IntentModel; data: IntentTrainingData; validation: LabelledExample[] } | undefined;

export interface DefaultModelOptions {
  /** Where the trained default model is cached between starts; `false` trains every time. */
  cacheDir?: string | false;
}

/** The cache directory used when none is given: the OS temp dir, writable without configuration. */
export const DEFAULT_MODEL_CACHE_DIR = join(tmpdir(), 'swarmdesk');

/**
 * The default model is trained from the shipped data (about a second) and cached on disk under a hash
 * of that data, rather than committed: a weight file would be megabytes of noise in git and could
 * drift from the data it claims to come from. The cached JSON loads in a fraction of the time, and the
 * validation split is recomputed from the data (it is cheap and deterministic).
 */
function defaultModelState(options: DefaultModelOptions = {}): NonNullable<typeof cached> {
  if (cached) return cached;
  const data = readIntentTrainingData();
  const settings = defaultModelOptions(data.catalog);
  const cacheDir = options.cacheDir ?? DEFAULT_MODEL_CACHE_DIR;
  const key = createHash('sha256')
    .update(JSON.stringify({ MODEL_BUILD, data, settings: { ...DEFAULT_TRAIN_OPTIONS, ...settings } }))
    .digest('hex')
    .slice(0, 16);
  const file = cacheDir === false ? undefined : join(cacheDir, `${CACHE_FILE_PREFIX}${key}.json`);
  const fromCache = file === undefined ? undefined : readCachedModel(file);
  if (fromCache) {
    const { validation } = splitValidation(
      data.examples,
      settings.validationFraction ?? DEFAULT_TRAIN_OPTIONS.validationFraction,
      settings.seed ?? DEFAULT_TRAIN_OPTIONS.seed,
    );
    cached = { model: fromCache, data, validation };
    return cached;
  }
  const trained = trainIntentModel(data.examples, settings);
  if (file !== undefined && cacheDir !== false) writeCachedModel(cacheDir, file, trained.model);
  cached = { model: trained.model, data, validation: trained.validation };
  return cached;
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
  try {
    mkdirSync(dir, { recursive: true });
    // Write then rename, so a concurrent reader (another worker thread) never sees half a file.
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(partial, JSON.stringify(model.toJSON()));
    renameSync(partial, file);
    for (const old of readdirSync(dir)) {
      if (old.startsWith(CACHE_FILE_PREFIX) && old.endsWith('.json') && join(dir, old) !== file)
        rmSync(join(dir, old), { force: true });
    }
  } catch {
    // A read-only or full disk costs a retrain on the next start, not a failure of this one.
  }
}

export function loadDefaultIntentModel(options?: DefaultModelOptions): IntentModel {
  return defaultModelState(options).model;
}

/**
 * What the default model was trained and validated on, for a learner that starts from it: the
 * validation examples are the ones the learning guard judges every update on.
 */
export function defaultModelSplit(options?: DefaultModelOptions): {
  model: IntentModel;
  catalog: IntentCatalog;
  train: LabelledExample[];
  validation: LabelledExample[];
} {
  const state = defaultModelState(options);
  const held = new Set(state.validation);
  return {
    model: state.model,
    catalog: state.data.catalog,
    train: state.data.examples.filter((example) => !held.has(example)),
    validation: [...state.validation],
  };
}

export function intentCatalog(): readonly CatalogIntent[] {
  return readCatalogOnce().intents;
}

let catalogCache: IntentCatalog | undefined;
function readCatalogOnce(): IntentCatalog {
  catalogCache ??= cached?.data.catalog ?? readCatalogFile(`${DEFAULT_INTENT_DATA_DIR}/catalog.json`);
  return catalogCache;
}

let departments: Map<string, Department> | undefined;

/** The department of a catalogued intent; undefined for `oos` and unknown labels. */
export function departmentOf(intent: string): Department | undefined {
  departments ??= new Map(intentCatalog().map((entry) => [entry.intent, entry.department]));
  return departments.get(intent);
}

/** Language of a message (`cs`, `en` or `other`), learned from the shipped examples. */
export function detectLanguage(text: string): LanguageGuess {
  return loadDefaultIntentModel().detectLanguage(text) ?? { language: 'other', confidence: 0 };
}
