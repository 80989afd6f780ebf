import type { DeskProfile } from '../domain/desk-profile.js';
import type { Department, Language } from '../domain/vocabulary.js';
import type { ClassifyRequest } from '../llm/index.js';
import {
  intentModelFromJSON,
  loadIntentModel,
  OOS_LABEL,
  segment,
  type IntentModel,
  type LoadedIntentModel,
} from '../nlu/index.js';
import { answerLanguage, intentDescription } from './desk-knowledge.js';
import { MemoCache } from '../runtime/index.js';
import type { Candidate, ClassifiedPart } from './routing-plan.js';

/** What the router asks of the language tools: one object per router, the model cached per thread. */
export interface IntentToolkit {
  language(text: string): Language;
  /** The message split into its intents (one part when it has one), each classified. */
  classifyMessage(text: string, language: Language): ClassifiedPart[];
  /** The department's intents for the whole message, likeliest first. */
  rankWithin(text: string, department: Department): Candidate[];
  /** Whether the message has a word the intent model was trained on. */
  knowsAWord(text: string): boolean;
  readonly candidates: ClassifyRequest['candidates'];
}

export interface IntentModelSource {
  intentModelPath: string;
  intentMappingPath?: string | undefined;
}

/** Likeliest intents kept per part, for clarifying questions. */
export const ALTERNATIVES = 4;
const MEMO_ENTRIES = 4096;
// Models are large: one per worker thread and file, shared by the router instances on it.
const baseModels = new Map<string, LoadedIntentModel>();
let learned: { source: unknown; model: IntentModel } | undefined;

interface Memos {
  languages: MemoCache<Language>;
  /** Classifications hold for one model only: a learned model starts a new memo. */
  classified: { model: IntentModel; memo: MemoCache<ClassifiedPart[]> };
}
// Per thread, model file and desk, like the model: a thread may host hundreds of routers, and one
// memo each would multiply the bound (and learn less) for the same messages.
const sharedMemos = new WeakMap<LoadedIntentModel, WeakMap<DeskProfile, Memos>>();

function memosFor(base: LoadedIntentModel, desk: DeskProfile): Memos {
  let byDesk = sharedMemos.get(base);
  if (!byDesk) {
    byDesk = new WeakMap();
    sharedMemos.set(base, byDesk);
  }
  let memos = byDesk.get(desk);
  if (!memos) {
    memos = {
      languages: new MemoCache(MEMO_ENTRIES),
      classified: { model: base.model, memo: new MemoCache(MEMO_ENTRIES) },
    };
    byDesk.set(desk, memos);
  }
  return memos;
}

function baseModel(source: IntentModelSource): LoadedIntentModel {
  const key = `${source.intentModelPath}\n${source.intentMappingPath ?? ''}`;
  let base = baseModels.get(key);
  if (!base) {
    base = loadIntentModel(source.intentModelPath, source.intentMappingPath);
    baseModels.set(key, base);
  }
  return base;
}

export function createIntentToolkit(
  source: IntentModelSource,
  desk: DeskProfile,
  sharedModel: () => unknown,
): IntentToolkit {
  const base = baseModel(source);
  const memos = memosFor(base, desk);
  const current = (): IntentModel => {
    const shared = sharedModel();
    const model = shared === undefined ? base.model : learnedModel(shared);
    if (memos.classified.model !== model) memos.classified = { model, memo: new MemoCache(MEMO_ENTRIES) };
    return model;
  };
  const vague = (intent: string): boolean => desk.intents[intent]?.clarify === true;
  const candidates = Object.entries(desk.intents).map(([intent, entry]) => ({
    intent,
    department: entry.department,
    description: intentDescription(desk, intent, 'en') ?? intent,
  }));
  return {
    candidates,
    language(text) {
      return memos.languages.get(text, () =>
        answerLanguage(desk, current().detectLanguage(text)?.language ?? desk.languages[0] ?? 'en'),
      );
    },
    classifyMessage(text, language) {
      const model = current();
      return memos.classified.memo.get(`${language}\n${text}`, () =>
        classify(model, base, text, language, vague),
      );
    },
    knowsAWord: (text) => current().knowsAWord(text),
    rankWithin(text, department) {
      const model = current();
      return model
        .rank(text)
        .filter(({ intent }) => departmentOf(model, base, intent) === department && !vague(intent))
        .map((candidate) => ({ ...candidate, department }));
    },
  };
}

function learnedModel(shared: unknown): IntentModel {
  // The desk replicates a new model object on every learned correction; rebuild only then.
  if (learned && learned.source === shared) return learned.model;
  const model = intentModelFromJSON(shared);
  learned = { source: shared, model };
  return model;
}

function departmentOf(model: IntentModel, base: LoadedIntentModel, intent: string): Department | undefined {
  return base.departmentOf(intent) ?? model.departmentOf(intent);
}

/** A topic from each department, best first: what to offer a message that names none. */
function bestPerDepartment(
  ranked: readonly { intent: string; confidence: number }[],
  departmentFor: (intent: string) => Department | undefined,
  vague: (intent: string) => boolean,
): Candidate[] {
  const best = new Map<Department, Candidate>();
  for (const { intent, confidence } of ranked) {
    const owner = departmentFor(intent);
    if (owner && !vague(intent) && !best.has(owner))
      best.set(owner, { intent, department: owner, confidence });
  }
  return [...best.values()];
}

function classify(
  model: IntentModel,
  base: LoadedIntentModel,
  text: string,
  language: Language,
  vague: (intent: string) => boolean,
): ClassifiedPart[] {
  const segments = segment(text, language);
  const texts = segments.length > 1 ? segments : [text];
  const departmentFor = (intent: string) => departmentOf(model, base, intent);
  return texts.map((part) => {
    const prediction = model.classify(part);
    const department = prediction.outOfScope ? undefined : departmentFor(prediction.intent);
    const alternatives: Candidate[] = [];
    for (const { intent, confidence } of prediction.ranked) {
      if (alternatives.length === ALTERNATIVES) break;
      const owner = departmentFor(intent);
      if (owner && !vague(intent)) alternatives.push({ intent, department: owner, confidence });
    }
    // "I have a problem": a need without a topic carries no confidence of its own, so the router asks
    // which topic is meant (or, beside a real need, joins it to that need as context).
    if (!prediction.outOfScope && vague(prediction.intent)) {
      return {
        text: part,
        intent: prediction.intent,
        department: department ?? 'escalation',
        confidence: 0,
        departmentConfidence: 0,
        outOfScope: false,
        vague: true,
        alternatives: bestPerDepartment(model.rank(part), departmentFor, vague),
      };
    }
    return {
      text: part,
      intent: prediction.outOfScope ? OOS_LABEL : prediction.intent,
      department: department ?? 'escalation',
      confidence: prediction.confidence,
      ...(prediction.departmentConfidence === undefined
        ? {}
        : { departmentConfidence: prediction.departmentConfidence }),
      outOfScope: prediction.outOfScope || department === undefined,
      alternatives,
    };
  });
}
