import { z } from 'zod';
import { ActionSpec, SlotSpec } from '../actions/index.js';
import { WebhookEventType } from '../domain/webhook-event.js';
import { ConsultFact, IntentEscalation } from '../domain/desk-profile.js';
import { PersonRequiredRule, ReplyTexts, SmallTalkPhrases } from '../domain/desk-texts.js';
import { Department, Language, Priority } from '../domain/vocabulary.js';

/** Plain text for every language, or one text per language. */
const Localized = z.union([z.string().min(1), z.partialRecord(Language, z.string().min(1))]);

export const IntentName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'an intent name is lower-case letters, digits and "_", from a letter');

const Examples = z.partialRecord(Language, z.array(z.string().trim().min(1)));

const PoolInstances = z
  .strictObject({ min: z.number().int().min(1), max: z.number().int().min(1) })
  .refine((size) => size.max >= size.min, { message: 'max must be at least min' });

export const DepartmentEntry = z.strictObject({
  /** What the department handles: the LLM router's candidates and the docs read it. */
  description: z.string().min(1),
  /** Its name in answers ("Billing:"); the department's name when absent. */
  title: Localized.optional(),
  /** Extra system-prompt instructions for its specialists in LLM mode. */
  instructions: z.string().min(1).optional(),
  instances: PoolInstances.optional(),
  /** A behaviour module (relative to the desk folder) replacing the built-in specialist. */
  behaviour: z.string().min(1).optional(),
  /** Export of the behaviour module; `default` when absent. */
  export: z.string().min(1).optional(),
  /** Facts about a customer this department answers consults for. */
  provides: z.array(ConsultFact).optional(),
});
export type DepartmentEntry = z.infer<typeof DepartmentEntry>;

export const IntentEntry = z.strictObject({
  department: Department,
  description: Localized.optional(),
  examples: Examples.optional(),
  priority: Priority.optional(),
  consult: z.strictObject({ department: Department, fact: ConsultFact }).optional(),
  escalate: IntentEscalation.optional(),
  /** Too vague to act on ("I have a problem"): the desk asks which topic is meant, as when unsure. */
  clarify: z.boolean().optional(),
  /** An action (under `actions:`) this intent is answered by, with the slots it needs. */
  action: z.string().min(1).optional(),
  slots: z.record(z.string(), SlotSpec).optional(),
  /** The answer from the action's result, per language: `{slot}` and `{field}` of the result. */
  answer: z.partialRecord(Language, z.string().min(1)).optional(),
});
export type IntentEntry = z.infer<typeof IntentEntry>;

export const OutOfScopeEntry = z.strictObject({ examples: Examples });

/** A webhook receiver; `secret` may be `${VAR}`, read from the environment when the server starts. */
export const WebhookEntry = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  events: z.array(WebhookEventType).min(1),
  secret: z.string().min(1),
});
export type WebhookEntry = z.infer<typeof WebhookEntry>;

/** `<desk>/desk.yaml`. */
export const DeskFile = z.strictObject({
  name: z.string().min(1),
  /** `demo`, or a path (relative to this folder) of the desk this one adds to. */
  extends: z.string().min(1).optional(),
  languages: z.array(Language).min(1).optional(),
  departments: z.record(z.string(), DepartmentEntry).optional(),
  /**
   * The department a conversation belongs to before any topic reaches one: greetings, thanks,
   * out-of-scope questions and clarifying questions in a new conversation are reported under it.
   * The desk's first department when absent.
   */
  default_department: z.string().min(1).optional(),
  intents: z.record(z.string(), IntentEntry).optional(),
  out_of_scope: OutOfScopeEntry.optional(),
  /** Calls on the company's backend its intents and agents may make. */
  actions: z.record(z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/), ActionSpec).optional(),
  webhooks: z.array(WebhookEntry).optional(),
});
export type DeskFile = z.infer<typeof DeskFile>;

/** `<desk>/intents/*.yaml`: more intents (and out-of-scope examples) in the same shape. */
export const IntentsFile = z.strictObject({
  intents: z.record(z.string(), IntentEntry).optional(),
  out_of_scope: OutOfScopeEntry.optional(),
});
export type IntentsFile = z.infer<typeof IntentsFile>;

/** One language of `<desk>/texts.yaml`: every field overrides the desk it extends (or the engine's). */
export const LanguageTextsEntry = z.strictObject({
  small_talk: SmallTalkPhrases.partial().optional(),
  replies: ReplyTexts.partial().optional(),
  scope: z.string().min(1).optional(),
  topics: z.record(z.string(), z.string().min(1)).optional(),
});
export type LanguageTextsEntry = z.infer<typeof LanguageTextsEntry>;

/** `<desk>/texts.yaml`: what the desk says outside of its articles, and what it takes for small talk. */
export const TextsFile = z.strictObject({
  cs: LanguageTextsEntry.optional(),
  en: LanguageTextsEntry.optional(),
  person_required: z.record(z.string(), PersonRequiredRule).optional(),
});
export type TextsFile = z.infer<typeof TextsFile>;

export { Localized };
