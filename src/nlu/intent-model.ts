import { z } from 'zod';
import { Department } from '../domain/vocabulary.js';
import type { ThresholdCandidate } from './calibration.js';
import type { IntentClassifier, IntentPrediction, LanguageGuess } from './classifier.js';
import { IntentCatalog, OOS_LABEL, type LabelledExample } from './dataset.js';
import { decodeFloat32, encodeFloat32 } from './encoding.js';
import { FeatureSpace } from './features.js';
import { linearScores, softmaxInPlace, type LinearWeights } from './linear.js';
import { LanguageModel, LanguageModelJson } from './language-model.js';
import { ModelInvalidError } from './errors.js';

const MODEL_KIND = 'swarmdesk-intent-model';
const RANKED = 5;

const FeatureOptionsJson = z.object({
  charMin: z.number().int().min(1),
  charMax: z.number().int().min(1),
  wordMax: z.number().int().min(1),
  wordWeight: z.number().min(0),
  charWeight: z.number().min(0),
  minDf: z.number().int().min(1),
  prefix: z.number().int().min(0).default(0),
});

/** A linear scorer; an ensemble averages the calibrated probabilities of its members. */
export const LinearMemberJson = z.object({
  features: z.object({ options: FeatureOptionsJson, vocabulary: z.array(z.string()), idf: z.string() }),
  weights: z.string(),
  bias: z.array(z.number()),
  temperature: z.number().positive(),
});
export type LinearMemberJson = z.infer<typeof LinearMemberJson>;

/**
 * What the out-of-scope threshold is compared with. `confidence`: the calibrated probability of the
 * best in-scope intent. `oosMargin`: that probability minus the `oos` class's (0 when `oos` is ahead),
 * so a message the `oos` class half claims is rejected before one that is merely spread over several
 * intents; without an `oos` class the two are the same. `departmentMargin`: the probability of the best
 * intent's department minus the `oos` class's, for desks that route to departments: a message split
 * between two intents of one department still has a clear place to go.
 */
export const RejectionRule = z.enum(['confidence', 'oosMargin', 'departmentMargin']);
export type RejectionRule = z.infer<typeof RejectionRule>;

/** The serialized model: plain data, so it can be written to a file or replicated to worker threads. */
export const IntentModelJson = z.object({
  kind: z.literal(MODEL_KIND),
  schemaVersion: z.literal(1),
  /** Model classes in score order; may include `oos` when out-of-scope examples were trained on. */
  classes: z.array(z.string()).min(1),
  members: z.array(LinearMemberJson).min(1),
  /** Below this rejection score the best in-scope intent is not trusted: out of scope. */
  threshold: z.number().min(0).max(1),
  rejection: RejectionRule.default('confidence'),
  catalog: IntentCatalog,
  defaultDepartment: Department,
  language: LanguageModelJson.optional(),
  /** Figures measured at training time on the held-out validation examples. */
  validation: z.object({ n: z.number(), accuracy: z.number(), oosRecall: z.number().optional() }).optional(),
});
export type IntentModelJson = z.infer<typeof IntentModelJson>;

interface Member {
  space: FeatureSpace;
  linear: LinearWeights;
  temperature: number;
  /** As read: `linear.bias` holds it as float32, which would not give back the same JSON. */
  bias: number[];
}

/** The model's JSON without its members, whose base64 weights are rebuilt from the decoded arrays. */
type ModelHeader = Omit<IntentModelJson, 'members'>;

/** The shipped linear intent model and user-trained models: classify, map to departments, serialize. */
export class IntentModel implements IntentClassifier {
  readonly labels: readonly string[];
  readonly catalog: IntentCatalog;
  readonly threshold: number;
  // Keeping the JSON as read would hold every weight twice (the base64 text is larger than the
  // arrays) in each thread that loads the model; `toJSON` is rare (training, learning), so it rebuilds.
  readonly #json: ModelHeader;
  readonly #members: Member[];
  readonly #departments: Map<string, Department>;
  readonly #oosClass: number;
  /** Department index of every model class (-1 for `oos`), for department probabilities. */
  readonly #classDepartments: Int32Array;
  readonly #language: LanguageModel | undefined;

  constructor(json: IntentModelJson) {
    const { members, ...header } = json;
    this.#json = header;
    this.labels = json.classes.filter((label) => label !== OOS_LABEL);
    this.catalog = json.catalog;
    this.threshold = json.threshold;
    this.#oosClass = json.classes.indexOf(OOS_LABEL);
    this.#departments = new Map(json.catalog.intents.map((entry) => [entry.intent, entry.department]));
    const departmentIndex = new Map<string, number>();
    this.#classDepartments = Int32Array.from(json.classes, (label) => {
      if (label === OOS_LABEL) return -1;
      const department = this.#departments.get(label) ?? json.defaultDepartment;
      if (!departmentIndex.has(department)) departmentIndex.set(department, departmentIndex.size);
      return departmentIndex.get(department) as number;
    });
    this.#language = json.language ? new LanguageModel(json.language) : undefined;
    this.#members = members.map((member) => {
      const space = new FeatureSpace(
        member.features.options,
        member.features.vocabulary,
        decodeFloat32(member.features.idf),
      );
      const weights = decodeFloat32(member.weights);
      if (weights.length !== space.size * json.classes.length || member.bias.length !== json.classes.length) {
        throw new ModelInvalidError('weights do not match the vocabulary and classes');
      }
      const linear = {
        classes: json.classes.length,
        features: space.size,
        weights,
        bias: Float32Array.from(member.bias),
      };
      return { space, linear, temperature: member.temperature, bias: member.bias };
    });
  }

  /** Calibrated probabilities over all model classes (including `oos` when the model has it). */
  probabilities(text: string): Float64Array {
    const classes = this.#json.classes.length;
    const total = new Float64Array(classes);
    const scores = new Float64Array(classes);
    for (const member of this.#members) {
      linearScores(member.linear, member.space.vectorize(text), scores);
      softmaxInPlace(scores, member.temperature);
      for (let c = 0; c < classes; c++)
        total[c] = (total[c] as number) + (scores[c] as number) / this.#members.length;
    }
    return total;
  }

  classify(text: string): IntentPrediction {
    return this.predictFromProbabilities(this.probabilities(text));
  }

  /**
   * Whether the text has a word the model was trained on: with none ("asdfgh"), its prediction rests
   * on letter fragments alone and says nothing of what was meant.
   */
  knowsAWord(text: string): boolean {
    return this.#members.some((member) => member.space.knowsAWord(text));
  }

  /** Every in-scope intent with its calibrated probability, likeliest first: a full sort, off the hot path. */
  rank(text: string): Array<{ intent: string; confidence: number }> {
    const probabilities = this.probabilities(text);
    return this.#json.classes
      .flatMap((intent, c) =>
        c === this.#oosClass ? [] : [{ intent, confidence: probabilities[c] as number }],
      )
      .sort((a, b) => b.confidence - a.confidence);
  }

  /** The decision rule, apart from scoring so training can tune it on the same numbers. */
  predictFromProbabilities(probabilities: Float64Array): IntentPrediction {
    // Top-k by insertion, not a sort of every class: this is the hot path and k is 5.
    const top: Array<{ intent: string; confidence: number }> = [];
    let oosProbability = 0;
    let bestClass = -1;
    for (let c = 0; c < probabilities.length; c++) {
      const p = probabilities[c] as number;
      if (c === this.#oosClass) {
        oosProbability = p;
        continue;
      }
      if (bestClass < 0 || p > (probabilities[bestClass] as number)) bestClass = c;
      if (top.length === RANKED && p <= (top[RANKED - 1] as { confidence: number }).confidence) continue;
      let at = Math.min(top.length, RANKED - 1);
      while (at > 0 && (top[at - 1] as { confidence: number }).confidence < p) at--;
      top.splice(at, 0, { intent: this.#json.classes[c] as string, confidence: p });
      if (top.length > RANKED) top.pop();
    }
    const best = top[0] ?? { intent: OOS_LABEL, confidence: 0 };
    const departmentConfidence = this.#departmentProbability(probabilities, bestClass);
    const claimed = this.#json.rejection === 'departmentMargin' ? departmentConfidence : best.confidence;
    const outOfScope =
      oosProbability > claimed ||
      this.#rejectionScore(best.confidence, departmentConfidence, oosProbability) < this.threshold;
    return {
      intent: outOfScope ? OOS_LABEL : best.intent,
      confidence: best.confidence,
      outOfScope,
      departmentConfidence,
      ranked: top,
    };
  }

  #departmentProbability(probabilities: Float64Array, bestClass: number): number {
    const department = this.#classDepartments[bestClass];
    if (department === undefined || department < 0) return 0;
    let total = 0;
    for (let c = 0; c < probabilities.length; c++) {
      if (this.#classDepartments[c] === department) total += probabilities[c] as number;
    }
    return total;
  }

  #rejectionScore(best: number, department: number, oosProbability: number): number {
    switch (this.#json.rejection) {
      case 'confidence':
        return best;
      case 'oosMargin':
        return Math.max(0, best - oosProbability);
      case 'departmentMargin':
        return Math.max(0, department - oosProbability);
    }
  }

  /**
   * How this model, thresholds aside, sees one labelled message: what `tuneThreshold` and
   * `thresholdForRecall` choose an operating point from, on the model's own rejection score.
   */
  thresholdCandidate(example: LabelledExample): ThresholdCandidate {
    const probabilities = this.probabilities(example.text);
    const oosProbability = this.#oosClass >= 0 ? (probabilities[this.#oosClass] as number) : 0;
    const prediction = this.predictFromProbabilities(probabilities);
    const best = prediction.ranked[0];
    const confidence = best?.confidence ?? 0;
    const department = prediction.departmentConfidence ?? 0;
    return {
      confidence: this.#rejectionScore(confidence, department, oosProbability),
      correct: best?.intent === example.label,
      outOfScope: example.label === OOS_LABEL,
      rejectedByClass:
        oosProbability > (this.#json.rejection === 'departmentMargin' ? department : confidence),
    };
  }

  departmentOf(intent: string): Department | undefined {
    return (
      this.#departments.get(intent) ??
      (this.labels.includes(intent) ? this.#json.defaultDepartment : undefined)
    );
  }

  /** The language the model learned from its examples, or undefined when they carried none. */
  detectLanguage(text: string): LanguageGuess | undefined {
    return this.#language?.guess(text);
  }

  get validation(): IntentModelJson['validation'] {
    return this.#json.validation;
  }

  toJSON(): IntentModelJson {
    // The members in their place between `classes` and `threshold`, so a written model reads the same.
    const { kind, schemaVersion, classes, ...rest } = this.#json;
    const members = this.#members.map((member) => ({
      ...encodeMember(member.space, member.linear, member.temperature),
      bias: member.bias,
    }));
    return { kind, schemaVersion, classes, members, ...rest };
  }
}

export function intentModelFromJSON(json: unknown): IntentModel {
  const parsed = IntentModelJson.safeParse(json);
  if (!parsed.success) throw new ModelInvalidError(z.prettifyError(parsed.error));
  return new IntentModel(parsed.data);
}

export function encodeMember(
  space: FeatureSpace,
  linear: LinearWeights,
  temperature: number,
): LinearMemberJson {
  return {
    features: { options: space.options, vocabulary: [...space.vocabulary], idf: encodeFloat32(space.idf) },
    weights: encodeFloat32(linear.weights),
    bias: Array.from(linear.bias),
    temperature,
  };
}
