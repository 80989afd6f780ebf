import { DeskProfile, localized } from '../domain/desk-profile.js';
import { ESCALATION, type Language, type Priority } from '../domain/vocabulary.js';
import type { ActorContext } from '../runtime/index.js';
import { DESK_SHARED_KEY } from './shared-keys.js';

let parsed: { source: unknown; profile: DeskProfile } | undefined;

/** The desk's profile as the host replicated it (parsed once per thread and value). */
export function deskProfile(ctx: Pick<ActorContext, 'shared'>): DeskProfile {
  const source = ctx.shared(DESK_SHARED_KEY);
  if (parsed !== undefined && parsed.source === source) return parsed.profile;
  const profile = DeskProfile.parse(source);
  parsed = { source, profile };
  return profile;
}

/** A department with specialists of this desk (not the human handoff, not a name it does not have). */
export function isSpecialistOf(profile: DeskProfile, department: string | undefined): department is string {
  return department !== undefined && department !== ESCALATION && department in profile.departments;
}

/**
 * Where a reply the router gives itself (small talk, out of scope, a clarifying question) is reported:
 * the department the customer pinned, else the conversation's, else the desk's default (its first
 * department when it names none).
 */
export function ownReplyDepartment(
  profile: DeskProfile,
  pinned: string | undefined,
  conversation: string | undefined,
): string {
  return (
    pinned ?? conversation ?? profile.defaultDepartment ?? Object.keys(profile.departments)[0] ?? ESCALATION
  );
}

export function departmentOfIntent(profile: DeskProfile, intent: string): string | undefined {
  return profile.intents[intent]?.department;
}

export function intentDescription(
  profile: DeskProfile,
  intent: string,
  language: Language,
): string | undefined {
  const entry = profile.intents[intent];
  return entry ? localized(entry.description, language) : undefined;
}

/** Where a message of `intent` starts before cues lift it. */
export function intentPriority(profile: DeskProfile, intent: string): Priority | undefined {
  return profile.intents[intent]?.priority;
}

/** The department's name in an answer, in the customer's language. */
export function departmentTitle(profile: DeskProfile, department: string, language: Language): string {
  const entry = profile.departments[department];
  const title = entry ? localized(entry.title, language) : undefined;
  return title ?? department.charAt(0).toUpperCase() + department.slice(1).replaceAll('_', ' ');
}

/** The customer's language when the desk answers in it, else the desk's first. */
export function answerLanguage(profile: DeskProfile, detected: string): Language {
  const native = profile.languages.find((language) => language === detected);
  return native ?? profile.languages[0] ?? 'en';
}
