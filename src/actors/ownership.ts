import type { DeskProfile } from '../domain/desk-profile.js';
import type { Language, SpecialistDepartment } from '../domain/vocabulary.js';
import type { SearchHit, SearchOptions } from '../knowledge/index.js';
import { departmentOfIntent, isSpecialistOf } from './desk-knowledge.js';

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
  if (input.ownHits.length > 0) return undefined;
  const best = search(input.text, { language: input.language, limit: 1 })[0];
  if (best && elsewhere(best.article.department)) {
    return {
      owner: best.article.department,
      reason: `best article ${best.article.id} is ${best.article.department}`,
    };
  }
  return undefined;
}
