import { ESCALATION, type Department, type Priority, type SubscriptionType } from '../domain/vocabulary.js';
import type { CueScores } from './cues.js';

const LEVELS: readonly Priority[] = ['low', 'medium', 'high', 'urgent'];

/** Cue points needed for each step up; the lexicon weights are in cues.ts. */
export const PRIORITY_STEPS = { high: 2, urgent: 4 } as const;

export interface PriorityInput {
  cues: CueScores;
  department: Department;
  /** The intent's own starting point from the desk (questions start `low`); `medium` when absent. */
  start?: Priority | undefined;
  plan: SubscriptionType | undefined;
}

function step(priority: Priority, by: number): Priority {
  const index = Math.min(LEVELS.length - 1, Math.max(0, LEVELS.indexOf(priority) + by));
  return LEVELS[index] ?? priority;
}

/**
 * A scored heuristic: a message starts where its intent says (questions `low`), else `medium`; urgency and negative
 * sentiment cues lift it (escalation cases are at least `high`); a Premium customer gets one step up.
 */
export function priorityFor(input: PriorityInput): Priority {
  const { cues, department, start, plan } = input;
  let priority: Priority = start ?? 'medium';
  const points =
    cues.urgency + Math.floor(cues.negative / 2) + (cues.shouting ? 1 : 0) + (cues.legal > 0 ? 2 : 0);
  if (points >= PRIORITY_STEPS.urgent) priority = step(priority, 2);
  else if (points >= PRIORITY_STEPS.high) priority = step(priority, 1);
  if (department === ESCALATION && LEVELS.indexOf(priority) < LEVELS.indexOf('high')) priority = 'high';
  if (plan === 'Premium') priority = step(priority, 1);
  return priority;
}

export function maxPriority(a: Priority, b: Priority): Priority {
  return LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;
}
