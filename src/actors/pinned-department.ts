import type { SpecialistDepartment } from '../domain/vocabulary.js';
import { OOS_LABEL } from '../nlu/index.js';
import { ALTERNATIVES } from './intent-toolkit.js';
import type { Candidate, ClassifiedPart } from './routing-plan.js';

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
      // No intent of the department matches the message at all.
      intent: best?.intent ?? OOS_LABEL,
      department,
      confidence: best?.confidence ?? 0,
      departmentConfidence: 1,
      outOfScope: false,
      alternatives: ranked.slice(0, ALTERNATIVES),
    },
  ];
}
