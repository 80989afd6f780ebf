import type { Language } from '../domain/vocabulary.js';
import {
  JsonlCorrectionStore,
  Learner,
  RedisCorrectionStore,
  createPiscinaTrainer,
  supportModelOptions,
  type CorrectionStore,
  type IntentModel,
} from '../nlu/index.js';
import { connectRedis, createRedisClient } from '../redis/index.js';
import type { DeskModel } from './desk-model.js';
import type { ResolvedDeskOptions } from './desk-options.js';

/** The learning loop as the desk sees it (main thread): the nlu learner behind a small facade. */
export interface Learning {
  knows(intent: string): boolean;
  /** Gives a correction to the learner; `applied` when the live model changed. */
  correct(text: string, intent: string): Promise<{ applied: boolean; reason?: string }>;
  /** The learned model's JSON to replicate to the workers; undefined while the shipped model stands. */
  modelJson(): unknown;
  /**
   * Takes in corrections other processes on the same store accepted; resolves to the new model's JSON
   * when the live model changed, else undefined.
   */
  catchUp(): Promise<unknown>;
  language(text: string): Language;
  close(): Promise<void>;
}

/** The language of a message by the desk's own model; the desk's first when it answers in neither. */
function languageBy(model: () => IntentModel, languages: readonly Language[]): (text: string) => Language {
  return (text) => {
    const detected = model().detectLanguage(text)?.language;
    return languages.find((language) => language === detected) ?? languages[0] ?? 'en';
  };
}

/** A user's own model is not retrained here: its training data is not ours to replay. */
export function userModelLearning(model: IntentModel, languages: readonly Language[]): Learning {
  const labels = new Set(model.labels);
  return {
    knows: (intent) => labels.has(intent),
    correct: async () => ({ applied: false, reason: "learning applies to the desk's own intent model only" }),
    modelJson: () => undefined,
    catchUp: async () => undefined,
    language: languageBy(() => model, languages),
    close: async () => {},
  };
}

/**
 * The desk's model plus accepted corrections, replayed at start from the correction store (Redis
 * when the desk uses Redis, else a JSONL file in `dataDir`); retraining runs on a piscina thread.
 */
export async function createLearning(
  options: ResolvedDeskOptions,
  split: DeskModel,
  languages: readonly Language[],
): Promise<Learning> {
  const known = new Set(split.model.labels);
  const redis = options.redisUrl === undefined ? undefined : createRedisClient(options.redisUrl);
  const trainer = createPiscinaTrainer();
  try {
    let store: CorrectionStore;
    if (redis && options.redisUrl) {
      await connectRedis(redis, options.redisUrl);
      store = new RedisCorrectionStore(redis, { keyPrefix: options.keyPrefix });
    } else {
      store = new JsonlCorrectionStore({ dataDir: options.dataDir });
    }
    const learner = await Learner.create({
      store,
      trainer,
      examples: split.train,
      validation: split.validation,
      // The shipped model's own options: retraining with others would judge a correction on a model
      // that differs from the live one for reasons that have nothing to do with it.
      trainOptions: supportModelOptions(split.catalog),
      // The live model was refit on the validation rows too, so it cannot be the baseline corrections
      // are judged against; the held-out fit can (a cache from before it was kept has none: the learner trains it).
      ...(split.heldOutFit ? { model: split.heldOutFit } : {}),
    });
    const languageOf = languageBy(() => learner.model, languages);
    return {
      knows: (intent) => known.has(intent),
      async correct(text, intent) {
        const result = await learner.addCorrection({ text, intent, language: languageOf(text) });
        return result.applied ? { applied: true } : { applied: false, reason: result.reason };
      },
      modelJson: () => (learner.corrections.length > 0 ? learner.model.toJSON() : undefined),
      catchUp: async () => ((await learner.catchUp()) ? learner.model.toJSON() : undefined),
      language: languageOf,
      async close() {
        await trainer.close();
        await redis?.quit();
      },
    };
  } catch (error) {
    await trainer.close();
    redis?.disconnect();
    throw error;
  }
}
