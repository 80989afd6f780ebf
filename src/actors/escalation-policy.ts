import { z } from 'zod';
import type { IssueRecord } from '../domain/customer.js';
import type { Priority } from '../domain/vocabulary.js';
import type { CueScores } from './cues.js';

export const EscalationReason = z.enum([
  'human_requested',
  'anger',
  'legal_threat',
  'repeat_contact',
  'low_confidence',
  'no_answer',
  'unresolved',
  'handoff_limit',
  'guarded_answer',
  'specialist_failed',
  'timeout',
]);
export type EscalationReason = z.infer<typeof EscalationReason>;

export const ESCALATION_DEFAULTS = {
  /** Below this local confidence (and without an LLM to ask) a message goes to a human. */
  minConfidence: 0.3,
  /** Earlier contacts about the same intent within `repeatWindowDays` that make this one a repeat. */
  repeatContacts: 2,
  repeatWindowDays: 14,
  /** Cue points (cues.ts) from which a message counts as angry. */
  angerPoints: 4,
  /** Handoffs between specialists before a part goes to escalation. */
  maxHops: 3,
  /** Unresolved rounds of one problem in a conversation before it goes to a human. */
  maxAttempts: 2,
} as const;

/** When a human picks a ticket up, by priority (the answer to "when will I hear back?"). */
export const RESPONSE_TARGET_MS: Record<Priority, number> = {
  urgent: 30 * 60_000,
  high: 2 * 3_600_000,
  medium: 8 * 3_600_000,
  low: 24 * 3_600_000,
};

export interface EscalationInput {
  intent: string;
  /** The desk's word that this intent goes to a person (`escalate` in its definition). */
  intentEscalation?: EscalationReason | undefined;
  confidence: number;
  /**
   * How sure the model is of the department: when given, low confidence is judged on it, because a
   * message split between two intents of the right department has a clear place to go.
   */
  departmentConfidence?: number;
  outOfScope: boolean;
  cues: CueScores;
  history: readonly IssueRecord[];
  now: number;
}

/** Why this message goes to a human before any specialist sees it; empty when it does not. */
export function escalationReasons(input: EscalationInput): EscalationReason[] {
  const reasons = new Set<EscalationReason>();
  if (input.intentEscalation) reasons.add(input.intentEscalation);
  if (input.cues.human >= 3) reasons.add('human_requested');
  if (input.cues.legal >= 3) reasons.add('legal_threat');
  if (input.cues.negative + (input.cues.shouting ? 2 : 0) >= ESCALATION_DEFAULTS.angerPoints)
    reasons.add('anger');
  if (
    input.outOfScope ||
    (input.departmentConfidence ?? input.confidence) < ESCALATION_DEFAULTS.minConfidence
  )
    reasons.add('low_confidence');
  if (!input.outOfScope && isRepeatContact(input.intent, input.history, input.now))
    reasons.add('repeat_contact');
  return [...reasons];
}

export function isRepeatContact(intent: string, history: readonly IssueRecord[], now: number): boolean {
  const since = now - ESCALATION_DEFAULTS.repeatWindowDays * 86_400_000;
  let count = 0;
  for (const issue of history) {
    if (issue.intent === intent && Date.parse(issue.at) >= since) count += 1;
  }
  return count >= ESCALATION_DEFAULTS.repeatContacts;
}

export function dueBy(priority: Priority, now: number): string {
  return new Date(now + RESPONSE_TARGET_MS[priority]).toISOString();
}
