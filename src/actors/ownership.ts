import type { Department, Language, SpecialistDepartment } from '../domain/vocabulary.js';
import type { SearchHit, SearchOptions } from '../knowledge/index.js';

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
}

function isSpecialist(department: Department | undefined): department is SpecialistDepartment {
  return department === 'technical' || department === 'billing' || department === 'general';
}

/**
 * Whether a part belongs to another specialist: the intent's catalogued department says so, or the
 * own articles have nothing while another department's articles match the customer's words.
 * Undefined when the part is this specialist's own.
 */
export function otherOwner(
  input: OwnershipInput,
  departmentOf: (intent: string) => Department | undefined,
  search: (text: string, options: SearchOptions) => SearchHit[],
): Ownership | undefined {
  const catalogued = departmentOf(input.intent);
  if (isSpecialist(catalogued) && catalogued !== input.own) {
    return { owner: catalogued, reason: `intent ${input.intent} belongs to ${catalogued}` };
  }
  if (input.ownHits.length > 0) return undefined;
  const best = search(input.text, { language: input.language, limit: 1 })[0];
  if (best && isSpecialist(best.article.department) && best.article.department !== input.own) {
    return {
      owner: best.article.department,
      reason: `best article ${best.article.id} is ${best.article.department}`,
    };
  }
  return undefined;
}
