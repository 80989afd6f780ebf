import { z } from 'zod';
import { IntentAction } from './intent-action.js';
import { DeskTexts } from './desk-texts.js';
import { Department, ESCALATION, Language, Priority } from './vocabulary.js';

/** Text in the desk's languages; an agent picks the customer's and falls back to any other. */
export const LocalizedText = z.partialRecord(Language, z.string());
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Facts a department can answer about a customer when another one consults it. */
export const ConsultFact = z.enum(['plan']);
export type ConsultFact = z.infer<typeof ConsultFact>;

/** Why an intent goes to a person before any specialist sees it. */
export const IntentEscalation = z.enum(['human_requested', 'anger', 'legal_threat']);
export type IntentEscalation = z.infer<typeof IntentEscalation>;

/** One of the desk's actions as a department's agents offer it to a model (no customer id in it). */
export const ToolProfile = z.object({
  name: z.string(),
  description: z.string(),
  parameters: z.record(z.string(), z.unknown()),
});
export type ToolProfile = z.infer<typeof ToolProfile>;

const DepartmentProfile = z.object({
  title: LocalizedText,
  description: z.string(),
  instructions: z.string().optional(),
  /** Facts about a customer this department answers consults for (e.g. `plan`). */
  provides: z.array(ConsultFact),
  /** The actions this department may call, as function tools for LLM mode. */
  tools: z.array(ToolProfile).optional(),
});
type DepartmentProfile = z.infer<typeof DepartmentProfile>;

const IntentProfile = z.object({
  department: Department,
  description: LocalizedText,
  /** Where a message of this intent starts before cues lift it; `medium` when absent. */
  priority: Priority.optional(),
  /** A fact another department owns that makes the answer specific (e.g. the plan for API limits). */
  consult: z.object({ department: Department, fact: ConsultFact }).optional(),
  escalate: IntentEscalation.optional(),
  /** Too vague to act on: the router asks which topic is meant instead of routing it. */
  clarify: z.boolean().optional(),
  /** Answered by calling this action of the desk, with these slots and answer templates. */
  action: IntentAction.optional(),
});
type IntentProfile = z.infer<typeof IntentProfile>;

/**
 * What the agents know of the desk: its languages, departments and intents, without the training
 * examples or the articles. The desk replicates it to every worker thread once, at start.
 */
export const DeskProfile = z.object({
  name: z.string(),
  /** Answered natively; a message in any other language is answered in the first. */
  languages: z.array(Language).min(1),
  departments: z.record(Department, DepartmentProfile),
  /** Where a conversation no topic has reached yet is reported; the first department when absent. */
  defaultDepartment: Department.optional(),
  intents: z.record(z.string(), IntentProfile),
  /** Small talk, replies and person-required rules; the engine's own when absent. */
  texts: DeskTexts.optional(),
});
export type DeskProfile = z.infer<typeof DeskProfile>;

/** The text in `language`, else in any language the desk has, else undefined. */
export function localized(text: LocalizedText, language: Language): string | undefined {
  return text[language] ?? Object.values(text).find((value) => value !== undefined);
}

/** The departments staffed by specialists, in the desk's order: every department but the human handoff. */
export function specialistDepartments(profile: DeskProfile): string[] {
  return Object.keys(profile.departments).filter((department) => department !== ESCALATION);
}
