import type { Customer } from '../domain/customer.js';
import type { DeskProfile } from '../domain/desk-profile.js';
import {
  ESCALATION,
  type Department,
  type Priority,
  type SpecialistDepartment,
} from '../domain/vocabulary.js';
import type { CueScores } from './cues.js';
import { intentPriority, isSpecialistOf } from './desk-knowledge.js';
import type { ConversationView } from './conversation-view.js';
import { ESCALATION_DEFAULTS, escalationReasons, type EscalationReason } from './escalation-policy.js';
import { maxPriority, priorityFor } from './priority.js';

/** One segment of the message and what the model (or the LLM) made of it. */
export interface ClassifiedPart {
  text: string;
  intent: string;
  department: Department;
  confidence: number;
  /** The model's probability of the department (absent when the classifier knows none). */
  departmentConfidence?: number;
  outOfScope: boolean;
}

export interface PlannedPart extends ClassifiedPart {
  department: SpecialistDepartment;
  /** An actor id (stickiness, retry) or the department's pool. */
  target: string;
  searchText: string;
  retry: boolean;
}

export type RoutingKind = 'new' | 'sticky' | 'retry';

export interface RoutingPlan {
  kind: RoutingKind;
  /** Parts for specialists, answered in parallel. */
  parts: PlannedPart[];
  /** Why the message also (or only) goes to a human; empty when it does not. */
  escalation: EscalationReason[];
  /** The parts the escalation agent handles instead of a specialist. */
  escalatedParts: ClassifiedPart[];
  priority: Priority;
  attempts: number;
  triedAgents: string[];
  /** Set when the message raises a new problem: the words later follow-ups are about. */
  problem: string | undefined;
}

export interface PlanInput {
  desk: DeskProfile;
  text: string;
  classified: readonly ClassifiedPart[];
  view: ConversationView;
  cues: CueScores;
  customer: Customer | null;
  /** Live instances per pool type (replicated by the desk), for moving a problem to another one. */
  instances: Readonly<Record<string, readonly string[]>> | undefined;
  now: number;
  /** Below this confidence a follow-up is read as continuing the conversation's current topic. */
  unsureBelow: number;
  /** The message answers a question an action-bound intent asked: a continuation, not a retry. */
  continuesAction?: boolean;
}

/** Message-level reasons (cues in the words) apply whatever the intent. */
const CUE_REASONS: ReadonlySet<EscalationReason> = new Set(['human_requested', 'legal_threat', 'anger']);

function prioritise(input: PlanInput, parts: readonly ClassifiedPart[]): Priority {
  let priority: Priority = 'low';
  for (const part of parts) {
    priority = maxPriority(
      priority,
      priorityFor({
        cues: input.cues,
        department: part.department,
        start: intentPriority(input.desk, part.intent),
        plan: input.customer?.subscriptionType,
      }),
    );
  }
  return priority;
}

function reasonsFor(input: PlanInput, part: ClassifiedPart): EscalationReason[] {
  return escalationReasons({
    intent: part.intent,
    intentEscalation: input.desk.intents[part.intent]?.escalate,
    confidence: part.confidence,
    ...(part.departmentConfidence === undefined ? {} : { departmentConfidence: part.departmentConfidence }),
    outOfScope: part.outOfScope,
    cues: input.cues,
    history: input.customer?.issuesHistory ?? [],
    now: input.now,
  });
}

/** A follow-up in a conversation that has a specialist: stay, move on, or let it be routed anew. */
function planFollowUp(input: PlanInput, part: ClassifiedPart): RoutingPlan | undefined {
  const { state, problemText, markedUnresolved } = input.view;
  const { assignedAgent, intent: currentIntent, department } = state;
  if (!assignedAgent || !currentIntent || !isSpecialistOf(input.desk, department)) return undefined;
  const unsure = part.outOfScope || part.confidence < input.unsureBelow;
  const notHelped = input.cues.notHelped >= 3 || markedUnresolved;
  const sameProblem = !unsure && part.intent === currentIntent && input.continuesAction !== true;
  const cueReasons = reasonsFor(input, { ...part, outOfScope: false, confidence: 1 }).filter((r) =>
    CUE_REASONS.has(r),
  );
  const context = problemText && problemText !== input.text ? `${problemText}\n${input.text}` : input.text;

  if (notHelped || sameProblem) {
    const attempts = state.attempts + 1;
    const triedAgents = [...new Set([...state.triedAgents, assignedAgent])];
    const next = input.instances?.[department]?.find((id) => !triedAgents.includes(id));
    const current: ClassifiedPart = { ...part, intent: currentIntent, department };
    const priority = prioritise(input, [current]);
    if (attempts >= ESCALATION_DEFAULTS.maxAttempts || !next) {
      return {
        kind: 'retry',
        parts: [],
        escalation: [...cueReasons, 'unresolved'],
        escalatedParts: [{ ...current, department: ESCALATION }],
        priority,
        attempts,
        triedAgents,
        problem: undefined,
      };
    }
    return {
      kind: 'retry',
      parts: [{ ...current, department, target: next, searchText: context, retry: true }],
      escalation: cueReasons,
      escalatedParts: [],
      priority,
      attempts,
      triedAgents,
      problem: undefined,
    };
  }
  if (unsure) {
    const current: PlannedPart = {
      ...part,
      intent: currentIntent,
      department,
      target: assignedAgent,
      searchText: context,
      retry: false,
    };
    return {
      kind: 'sticky',
      parts: [current],
      escalation: cueReasons,
      escalatedParts: [],
      priority: prioritise(input, [current]),
      attempts: state.attempts,
      triedAgents: state.triedAgents,
      problem: undefined,
    };
  }
  if (part.department === department) {
    const current: PlannedPart = {
      ...part,
      department,
      target: assignedAgent,
      searchText: part.text,
      retry: false,
    };
    return {
      kind: 'sticky',
      parts: [current],
      escalation: cueReasons,
      escalatedParts: [],
      priority: prioritise(input, [current]),
      attempts: 0,
      triedAgents: [],
      problem: input.text,
    };
  }
  return undefined;
}

/** A message routed on its own words: every confident part to its department, the rest to a human. */
function planNew(input: PlanInput): RoutingPlan {
  const confident = input.classified.filter(
    (part) => !part.outOfScope && part.confidence >= input.unsureBelow,
  );
  // Unsure segments next to confident ones are splitting noise; alone, they are the message.
  const considered = confident.length > 0 ? confident : input.classified;
  const parts: PlannedPart[] = [];
  const escalatedParts: ClassifiedPart[] = [];
  const escalation = new Set<EscalationReason>();
  for (const part of considered) {
    const reasons = reasonsFor(input, part);
    for (const reason of reasons) escalation.add(reason);
    const partOwnReasons = reasons.filter((r) => !CUE_REASONS.has(r));
    if (isSpecialistOf(input.desk, part.department) && partOwnReasons.length === 0) {
      parts.push({
        ...part,
        department: part.department,
        target: part.department,
        searchText: part.text,
        retry: false,
      });
    } else {
      escalatedParts.push({ ...part, department: ESCALATION });
    }
  }
  return {
    kind: 'new',
    parts,
    escalation: [...escalation],
    escalatedParts,
    priority: prioritise(input, considered),
    attempts: 0,
    triedAgents: [],
    problem: input.text,
  };
}

/** Decides where a message goes: the routing policy in one pure function (see docs/swarm.md). */
export function planRouting(input: PlanInput): RoutingPlan {
  const [only] = input.classified;
  if (input.classified.length === 1 && only) {
    const followUp = planFollowUp(input, only);
    if (followUp) return followUp;
  }
  return planNew(input);
}
