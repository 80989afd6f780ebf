import type { DeskProfile } from '../domain/desk-profile.js';
import type { Language, SpecialistDepartment } from '../domain/vocabulary.js';
import type { SearchHit, SearchOptions } from '../knowledge/index.js';
import { departmentOfIntent, isSpecialistOf } from './desk-knowledge.js';

/** From this confidence the router's intent outweighs another department's article matching the words. */
const TRUSTED_INTENT = 0.5;

export interface Ownership {
  owner: SpecialistDepartment;
  reason: string;
}

export interface OwnershipInput {
  own: SpecialistDepartment;
  intent: string;
  /** The customer's own words for the part (not the follow-up context). */
  text: string;
  language: Language;
  /** The router's confidence in `intent`. */
  confidence: number;
  /** What the specialist found in its own department's articles. */
  ownHits: readonly SearchHit[];
  /** Departments the part was already handed off from: it never goes back to one of them. */
  visited: readonly string[];
}

/**
 * Whether a part belongs to another specialist: the intent's catalogued department says so, or the
 * own articles have nothing while another department's articles match the customer's words.
 * Undefined when the part is this specialist's own.
 */
export function otherOwner(
  input: OwnershipInput,
  desk: DeskProfile,
  search: (text: string, options: SearchOptions) => SearchHit[],
): Ownership | undefined {
  const catalogued = departmentOfIntent(desk, input.intent);
  const elsewhere = (department: string | undefined): department is string =>
    isSpecialistOf(desk, department) && department !== input.own && !input.visited.includes(department);
  if (elsewhere(catalogued)) {
    return { owner: catalogued, reason: `intent ${input.intent} belongs to ${catalogued}` };
  }
  // An intent the router was more sure of than not is trusted over a stray word match elsewhere: a
  // message with none of the department's words ("I want no trace of me left") still has its answer.
  if (input.ownHits.length > 0 || input.confidence >= TRUSTED_INTENT) return undefined;
  const best = search(input.text, { language: input.language, limit: 1 })[0];
  if (best && elsewhere(best.article.department)) {
    return {
      owner: best.article.department,
      reason: `best article ${best.article.id} is ${best.article.department}`,
    };
  }
  return undefined;
}
