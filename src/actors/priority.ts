import type { Priority, SubscriptionType } from '../domain/vocabulary.js';
import type { CueScores } from './cues.js';
import type { EscalationReason } from './escalation-policy.js';

const LEVELS: readonly Priority[] = ['low', 'medium', 'high', 'urgent'];

/** Cue points needed for each step up; the lexicon weights are in cues.ts. */
const PRIORITY_STEPS = { high: 2, urgent: 4 } as const;

/** Reasons that make a ticket at least `high`: what the customer wrote, not how sure the router was. */
const PRESSING_REASONS: ReadonlySet<EscalationReason> = new Set(['anger', 'legal_threat']);

export interface PriorityInput {
  cues: CueScores;
  /** The intent's own starting point from the desk (questions start `low`); `medium` when absent. */
  start?: Priority | undefined;
  /** Why the message goes to a person, if it does. */
  reasons: readonly EscalationReason[];
  plan: SubscriptionType | undefined;
}

function step(priority: Priority, by: number): Priority {
  const index = Math.min(LEVELS.length - 1, Math.max(0, LEVELS.indexOf(priority) + by));
  return LEVELS[index] ?? priority;
}

/**
 * A scored heuristic from the content and the customer: a message starts where its intent says
 * (questions `low`), else `medium`; urgency and negative sentiment cues lift it (anger and legal
 * threats are at least `high`); a Premium customer gets one step up. The router's confidence plays
 * no part.
 */
export function priorityFor(input: PriorityInput): Priority {
  const { cues, start, plan } = input;
  let priority: Priority = start ?? 'medium';
  const points =
    cues.urgency + Math.floor(cues.negative / 2) + (cues.shouting ? 1 : 0) + (cues.legal > 0 ? 2 : 0);
  if (points >= PRIORITY_STEPS.urgent) priority = step(priority, 2);
  else if (points >= PRIORITY_STEPS.high) priority = step(priority, 1);
  const pressing = input.reasons.some((reason) => PRESSING_REASONS.has(reason));
  if (pressing && LEVELS.indexOf(priority) < LEVELS.indexOf('high')) priority = 'high';
  if (plan === 'Premium') priority = step(priority, 1);
  return priority;
}

export function maxPriority(a: Priority, b: Priority): Priority {
  return LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;
}
