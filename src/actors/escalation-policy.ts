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
  'person_required',
]);
export type EscalationReason = z.infer<typeof EscalationReason>;

export const ESCALATION_DEFAULTS = {
  /** How far back an earlier, unresolved contact about the same problem makes this one a repeat. */
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

/** Reasons that come from the words of the message, whatever its intent. */
export function cueReasons(cues: CueScores): EscalationReason[] {
  const reasons: EscalationReason[] = [];
  if (cues.human >= 3) reasons.push('human_requested');
  if (cues.legal >= 3) reasons.push('legal_threat');
  if (cues.negative + (cues.shouting ? 2 : 0) >= ESCALATION_DEFAULTS.angerPoints) reasons.push('anger');
  return reasons;
}

export interface EscalationInput {
  /** A confidently classified intent (an unsure message is asked about, not escalated). */
  intent: string;
  /** The desk's word that this intent goes to a person (`escalate` in its definition). */
  intentEscalation?: EscalationReason | undefined;
  cues: CueScores;
  history: readonly IssueRecord[];
  now: number;
}

/** Why a confident part also (or only) goes to a person; empty when it does not. */
export function escalationReasons(input: EscalationInput): EscalationReason[] {
  const reasons = new Set<EscalationReason>(cueReasons(input.cues));
  if (input.intentEscalation) reasons.add(input.intentEscalation);
  if (isRepeatContact(input.intent, input.history, input.now, input.cues)) reasons.add('repeat_contact');
  return [...reasons];
}

/**
 * The same problem back after an answer that did not help: an earlier contact about the intent within
 * the window that was left unresolved, or one the customer now says did not help. Two questions on one
 * topic are not a repeat.
 */
function isRepeatContact(
  intent: string,
  history: readonly IssueRecord[],
  now: number,
  cues: Pick<CueScores, 'notHelped'>,
): boolean {
  const since = now - ESCALATION_DEFAULTS.repeatWindowDays * 86_400_000;
  return history.some(
    (issue) =>
      issue.intent === intent &&
      Date.parse(issue.at) >= since &&
      (issue.resolved === false || cues.notHelped >= 3),
  );
}

export function dueBy(priority: Priority, now: number): string {
  return new Date(now + RESPONSE_TARGET_MS[priority]).toISOString();
}
