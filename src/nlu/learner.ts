import { Correction, type CorrectionStore } from './correction-store.js';
import { OOS_LABEL, type LabelledExample } from './dataset.js';
import { evaluateClassifier } from './evaluate.js';
import type { IntentModel } from './intent-model.js';
import { intentModelFromJSON, type IntentModelJson } from './intent-model.js';
import type { TrainOptions, TrainingExample } from './train-model.js';
import type { Trainer } from './trainer.js';

/** How much one accepted correction weighs against an ordinary example: enough to flip its own message. */
const CORRECTION_WEIGHT = 10;
/** The most validation accuracy an update may cost before it is refused (one point). */
const MAX_ACCURACY_DROP = 0.01;

export interface LearnerOptions {
  store: CorrectionStore;
  trainer: Trainer;
  /** The base training examples (without the validation hold-out). */
  examples: readonly LabelledExample[];
  /** Held-out examples every update is judged on; never trained on. */
  validation: readonly LabelledExample[];
  trainOptions?: Partial<TrainOptions>;
  /** The live model when it is already trained on `examples` (saves one training at start). */
  model?: IntentModel;
}

export type LearnResult =
  | {
      applied: true;
      model: IntentModelJson;
      validationAccuracy: number;
      previousAccuracy: number;
      /** Whether the corrected message now gets the corrected intent. */
      routesRight: boolean;
    }
  | { applied: false; reason: string; validationAccuracy?: number; previousAccuracy?: number };

/**
 * Learns from corrections and guards the loop: feedback is data, not a command. A correction is
 * trained on (weighted), the candidate is judged on held-out validation examples, and it goes live,
 * and into the append-only store, only if validation accuracy drops by at most one point.
 */
export class Learner {
  readonly #options: LearnerOptions;
  #corrections: Correction[];
  #model: IntentModel;
  #accuracy: number;
  // Corrections are applied one at a time so each is judged against the model the previous produced.
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(options: LearnerOptions, corrections: Correction[], model: IntentModel) {
    this.#options = options;
    this.#corrections = corrections;
    this.#model = model;
    this.#accuracy = evaluateClassifier(model, options.validation).accuracy;
  }

  /** Replays the stored corrections (accepted before, so not judged again) into the live model. */
  static async create(options: LearnerOptions): Promise<Learner> {
    const corrections = await options.store.list();
    const model =
      trainingSet(options.examples, corrections).length === options.examples.length && options.model
        ? options.model
        : intentModelFromJSON(
            await options.trainer.train({
              examples: trainingSet(options.examples, corrections),
              options: { ...options.trainOptions, validation: [...options.validation] },
            }),
          );
    return new Learner(options, corrections, model);
  }

  get model(): IntentModel {
    return this.#model;
  }

  get corrections(): readonly Correction[] {
    return this.#corrections;
  }

  get validationAccuracy(): number {
    return this.#accuracy;
  }

  addCorrection(input: Correction): Promise<LearnResult> {
    const run = this.#queue.then(() => this.#apply(input));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Takes in corrections other learners on the same store accepted since this one last looked (other
   * processes on one Redis): they were judged where they were accepted, so they are replayed, not
   * judged again. True when the live model changed.
   */
  catchUp(): Promise<boolean> {
    const run = this.#queue.then(() => this.#catchUp());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #catchUp(): Promise<boolean> {
    if ((await this.#options.store.count()) <= this.#corrections.length) return false;
    const corrections = await this.#options.store.list();
    const json = await this.#options.trainer.train({
      examples: trainingSet(this.#options.examples, corrections),
      options: { ...this.#options.trainOptions, validation: [...this.#options.validation] },
    });
    this.#corrections = corrections;
    this.#model = intentModelFromJSON(json);
    this.#accuracy = evaluateClassifier(this.#model, this.#options.validation).accuracy;
    return true;
  }

  async #apply(input: Correction): Promise<LearnResult> {
    const parsed = Correction.safeParse(input);
    if (!parsed.success) return { applied: false, reason: 'a correction needs a non-empty text and intent' };
    const correction = parsed.data;
    if (correction.intent !== OOS_LABEL && !this.#model.labels.includes(correction.intent)) {
      return { applied: false, reason: `unknown intent ${correction.intent}` };
    }
    const corrections = [...this.#corrections, correction];
    const json = await this.#options.trainer.train({
      examples: trainingSet(this.#options.examples, corrections),
      options: { ...this.#options.trainOptions, validation: [...this.#options.validation] },
    });
    const candidate = intentModelFromJSON(json);
    const validationAccuracy = evaluateClassifier(candidate, this.#options.validation).accuracy;
    const previousAccuracy = this.#accuracy;
    if (validationAccuracy < previousAccuracy - MAX_ACCURACY_DROP) {
      const points = ((previousAccuracy - validationAccuracy) * 100).toFixed(1);
      return {
        applied: false,
        reason: `validation accuracy would drop by ${points} points (more than ${MAX_ACCURACY_DROP * 100})`,
        validationAccuracy,
        previousAccuracy,
      };
    }
    await this.#options.store.append(correction);
    this.#corrections = corrections;
    this.#model = candidate;
    this.#accuracy = validationAccuracy;
    const prediction = candidate.classify(correction.text);
    const routesRight =
      correction.intent === OOS_LABEL ? prediction.outOfScope : prediction.intent === correction.intent;
    return { applied: true, model: json, validationAccuracy, previousAccuracy, routesRight };
  }
}

/**
 * The examples plus the corrections to labels they have: a store kept across a change of the desk may
 * hold corrections to intents the desk no longer has, and replaying one would add an intent no
 * department serves.
 */
function trainingSet(
  examples: readonly LabelledExample[],
  corrections: readonly Correction[],
): TrainingExample[] {
  const labels = new Set(examples.map((example) => example.label));
  return [
    ...examples,
    ...corrections
      .filter((correction) => labels.has(correction.intent))
      .map((correction) => ({
        text: correction.text,
        label: correction.intent,
        ...(correction.language ? { language: correction.language } : {}),
        weight: CORRECTION_WEIGHT,
      })),
  ];
}
