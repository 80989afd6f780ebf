import type { Department } from '../domain/vocabulary.js';
import type { IntentClassifier, IntentPrediction } from './classifier.js';
import { segment } from './segment.js';

export interface IntentPart {
  text: string;
  intent: string;
  department: Department;
  confidence: number;
}

/**
 * The router's multi-intent rule, kept beside `segment` so the benchmark measures what the router
 * does: classify each clause, keep in-scope clauses of different departments (the most confident one
 * per department); when no clause stands on its own, fall back to the whole message.
 */
export function detectIntents(
  model: IntentClassifier,
  departmentOf: (intent: string) => Department | undefined,
  text: string,
  language: 'cs' | 'en' | 'other',
): IntentPart[] {
  const toPart = (part: string, prediction: IntentPrediction): IntentPart | undefined => {
    if (prediction.outOfScope) return undefined;
    const department = departmentOf(prediction.intent);
    return department
      ? { text: part, intent: prediction.intent, department, confidence: prediction.confidence }
      : undefined;
  };
  const clauses = segment(text, language);
  const best = new Map<Department, IntentPart>();
  if (clauses.length > 1) {
    for (const clause of clauses) {
      const part = toPart(clause, model.classify(clause));
      if (part && (best.get(part.department)?.confidence ?? -1) < part.confidence)
        best.set(part.department, part);
    }
  }
  if (best.size > 0) return [...best.values()];
  const whole = toPart(text, model.classify(text));
  return whole ? [whole] : [];
}
