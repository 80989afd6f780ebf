import type { SpecialistDepartment } from '../domain/vocabulary.js';
import type { Candidate, ClassifiedPart } from './routing-plan.js';

/** Likeliest intents kept for a clarifying question, as many as the classifier keeps. */
const ALTERNATIVES = 4;
/** The intent of a message no intent of the department matches at all. */
const NO_INTENT = 'oos';

/**
 * The customer chose the department (a `swarmdesk/<department>` model), so where the message goes is
 * certain and it is one need of that department. Its intent is the classifier's when that one belongs
 * to the department (an answered clarification, the LLM's pick), else the department's likeliest.
 */
export function pinToDepartment(
  text: string,
  classified: readonly ClassifiedPart[],
  department: SpecialistDepartment,
  ranked: readonly Candidate[],
): ClassifiedPart[] {
  const own = classified
    .filter((part) => part.department === department && !part.outOfScope && !part.vague)
    .sort((a, b) => b.confidence - a.confidence)[0];
  const best = own ?? ranked[0];
  return [
    {
      text,
      intent: best?.intent ?? NO_INTENT,
      department,
      confidence: best?.confidence ?? 0,
      departmentConfidence: 1,
      outOfScope: false,
      alternatives: ranked.slice(0, ALTERNATIVES),
    },
  ];
}
