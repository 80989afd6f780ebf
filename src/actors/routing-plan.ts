import type { Customer } from '../domain/customer.js';
import type { DeskProfile } from '../domain/desk-profile.js';
import {
  ESCALATION,
  type Department,
  type Language,
  type Priority,
  type SpecialistDepartment,
} from '../domain/vocabulary.js';
import type { PersonRequiredRule } from '../domain/desk-texts.js';
import type { CueScores } from './cues.js';
import { foldText } from './cues.js';
import type { ConversationView } from './conversation-view.js';
import { intentPriority, isSpecialistOf } from './desk-knowledge.js';
import {
  ESCALATION_DEFAULTS,
  cueReasons,
  escalationReasons,
  type EscalationReason,
} from './escalation-policy.js';
import { needsOf } from './message-parts.js';
import { maxPriority, priorityFor } from './priority.js';
import type { SmallTalk } from './small-talk.js';

/** An intent the model considers, with its department and confidence. */
export interface Candidate {
  intent: string;
  department: Department;
  confidence: number;
}

/** One segment of the message and what the model (or the LLM) made of it. */
export interface ClassifiedPart {
  text: string;
  intent: string;
  department: Department;
  confidence: number;
  /** The model's probability of the department (absent when the classifier knows none). */
  departmentConfidence?: number;
  outOfScope: boolean;
  /** The model's likeliest in-scope intents, best first (what a clarifying question offers). */
  alternatives?: readonly Candidate[];
  /** A need without a topic ("I have a problem", an intent marked `clarify`): `alternatives` span the departments. */
  vague?: boolean;
}

export interface PlannedPart extends ClassifiedPart {
  department: SpecialistDepartment;
  /** An actor id (stickiness, retry) or the department's pool. */
  target: string;
  searchText: string;
  retry: boolean;
}

export type RoutingKind = 'new' | 'sticky' | 'retry' | 'small_talk' | 'clarify' | 'out_of_scope';

export interface RoutingPlan {
  kind: RoutingKind;
  /** Parts for specialists, answered in parallel. */
  parts: PlannedPart[];
  /** Why the message also (or only) goes to a human; empty when it does not. */
  escalation: EscalationReason[];
  /** The parts the escalation agent handles instead of a specialist. */
  escalatedParts: ClassifiedPart[];
  /** The ticket's queue when a rule names one (a GDPR request goes to the privacy team's queue). */
  queue: Department | undefined;
  /** The part a person-required rule matched (a specialist answers it too): what the handover is about. */
  handoverPart: ClassifiedPart | undefined;
  priority: Priority;
  attempts: number;
  triedAgents: string[];
  /** Set when the message raises a new problem: the words later follow-ups are about. */
  problem: string | undefined;
  /** `clarify`: the likeliest topics, offered in the question and as buttons. */
  suggestions: Candidate[];
  /** `small_talk`: what was said. */
  smallTalk: SmallTalk | undefined;
  /** Thanks or "it works" after an answer: the conversation is resolved, positive feedback for it. */
  resolves: boolean;
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
  /** Below this confidence a part is unsure: a follow-up continues the topic, a new message is asked about. */
  unsureBelow: number;
  /** The message answers a question an action-bound intent asked: a continuation, not a retry. */
  continuesAction?: boolean;
  /** The language the message is answered in (fragments are found by its words). */
  language: Language;
  /** The message is only small talk. */
  smallTalk?: SmallTalk | undefined;
  /** Requests a person must handle, by intent. */
  personRequired?: Readonly<Record<string, PersonRequiredRule>>;
  /** The department the customer chose: a conversation with another one's specialist is routed anew. */
  pinned?: SpecialistDepartment | undefined;
  /**
   * Whether the message has a word the intent model knows; one with none ("asdfgh") is not a short
   * "and then?" on the topic. Asked only of follow-ups.
   */
  knowsAWord?: () => boolean;
}

/** Below this confidence a part is unsure: the router's default (`RouterConfig.unsureBelow`). */
export const UNSURE_BELOW = 0.45;
/** An out-of-scope message whose best in-scope guess is below this is not worth a clarifying question. */
const OUT_OF_SCOPE_BELOW = 0.1;
/** An out-of-scope follow-up this long is about something else, not a short "and then?". */
const TOPIC_CHANGE_WORDS = 4;
/**
 * A follow-up this short ("a kde ji najdu?") leaves the conversation's topic only when the model is
 * this sure of another department: its few words say little, and in a conversation they most often
 * go on with what was asked before.
 */
const SHORT_FOLLOW_UP_WORDS = 5;
const SHORT_FOLLOW_UP_UNSURE_BELOW = 0.7;
/** Topics a clarifying question names. */
const SUGGESTIONS = 3;
/** A second topic is offered only from this confidence, so a clear single guess is not padded. */
const SUGGESTION_FLOOR = 0.05;

function wordCount(text: string): number {
  return text.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0).length;
}

/** Judged on the department when the model knows it: a message split between two intents of one department has a clear place to go. */
function isUnsure(part: ClassifiedPart, unsureBelow: number): boolean {
  return part.outOfScope || (part.departmentConfidence ?? part.confidence) < unsureBelow;
}

/** Nothing in the message is close to anything the desk does. */
function isOutOfScope(part: ClassifiedPart): boolean {
  const best = part.alternatives?.[0]?.confidence ?? (part.outOfScope ? 0 : part.confidence);
  return part.outOfScope && best < OUT_OF_SCOPE_BELOW;
}

function prioritise(input: PlanInput, intents: readonly string[], reasons: readonly EscalationReason[]) {
  let priority: Priority = 'low';
  for (const intent of intents.length > 0 ? intents : ['']) {
    priority = maxPriority(
      priority,
      priorityFor({
        cues: input.cues,
        start: intent === '' ? undefined : intentPriority(input.desk, intent),
        reasons,
        plan: input.customer?.subscriptionType,
      }),
    );
  }
  return priority;
}

/**
 * A reply the router gives itself (small talk, out of scope, a clarifying question) hands no need to
 * anyone: it starts `low` and takes no step for the customer's plan, so a Premium customer's greeting
 * does not read as a pressing case. Cues still lift it: "URGENT, nothing works" that the router must
 * ask about is not a low matter.
 */
function ownReplyPriority(input: PlanInput): Priority {
  return priorityFor({ cues: input.cues, start: 'low', reasons: [], plan: undefined });
}

function emptyPlan(kind: RoutingKind, input: PlanInput): RoutingPlan {
  return {
    kind,
    parts: [],
    escalation: [],
    escalatedParts: [],
    queue: undefined,
    handoverPart: undefined,
    priority: ownReplyPriority(input),
    attempts: 0,
    triedAgents: [],
    problem: undefined,
    suggestions: [],
    smallTalk: undefined,
    resolves: false,
  };
}

/** The reasons and queue of a person-required rule matching a confident part, if any. */
function personRequired(input: PlanInput, intent: string): PersonRequiredRule | undefined {
  const rule = input.personRequired?.[intent];
  if (!rule) return undefined;
  if (!rule.when) return rule;
  const folded = foldText(input.text);
  return rule.when.some((cue) => folded.includes(cue)) ? rule : undefined;
}

/** Thanks, "it works", greetings and goodbyes: a short reply, and a resolution after an answer. */
function planSmallTalk(input: PlanInput, smallTalk: SmallTalk): RoutingPlan {
  const { state } = input.view;
  const thanked = smallTalk.kinds.some((kind) => kind === 'thanks' || kind === 'resolved');
  const answered = state.lastQueryId !== undefined && isSpecialistOf(input.desk, state.department);
  return {
    ...emptyPlan('small_talk', input),
    smallTalk,
    resolves: thanked && answered && state.resolved !== true,
    attempts: state.attempts,
    triedAgents: state.triedAgents,
  };
}

/** The likeliest topics over the message's parts, best first, one per intent. */
function suggestionsFor(desk: DeskProfile, parts: readonly ClassifiedPart[]): Candidate[] {
  const offered = parts
    .flatMap((part) => part.alternatives ?? [])
    .filter((candidate) => isSpecialistOf(desk, candidate.department));
  // Nothing named a topic: offer one from each department, however unlikely each one is.
  if (parts.every((part) => part.vague === true)) return offered.slice(0, SUGGESTIONS);
  const ranked = offered.sort((a, b) => b.confidence - a.confidence);
  const chosen: Candidate[] = [];
  for (const candidate of ranked) {
    if (chosen.some((other) => other.intent === candidate.intent)) continue;
    if (chosen.length >= 2 && candidate.confidence < SUGGESTION_FLOOR) break;
    chosen.push(candidate);
    if (chosen.length === SUGGESTIONS) break;
  }
  return chosen;
}

/**
 * A plan whose parts the router sent on the department's confidence alone and for which no article
 * exists: the need is unclear, so the desk asks instead (a second unsure turn still reaches a person).
 */
export function askInstead(input: PlanInput, plan: RoutingPlan): RoutingPlan | undefined {
  if (plan.escalation.length > 0 || input.view.lastKind === 'clarify') return undefined;
  const suggestions = suggestionsFor(input.desk, plan.parts);
  if (suggestions.length === 0) return undefined;
  return { ...emptyPlan('clarify', input), problem: input.text, suggestions };
}

/** A follow-up in a conversation that has a specialist: stay, move on, or let it be routed anew. */
function planFollowUp(input: PlanInput, part: ClassifiedPart): RoutingPlan | undefined {
  const { state, problemText, markedUnresolved } = input.view;
  const { assignedAgent, intent: currentIntent, department } = state;
  if (!assignedAgent || !currentIntent || !isSpecialistOf(input.desk, department)) return undefined;
  if (input.pinned !== undefined && department !== input.pinned) return undefined;
  // An action's answer (an order number) may be no word at all; anything else with none is not a follow-up.
  if (input.continuesAction !== true && input.knowsAWord?.() === false) return undefined;
  const short = wordCount(input.text) <= SHORT_FOLLOW_UP_WORDS;
  const unsure = isUnsure(
    part,
    short ? Math.max(input.unsureBelow, SHORT_FOLLOW_UP_UNSURE_BELOW) : input.unsureBelow,
  );
  // A reply giving what an action asked for continues it: not the same problem come back.
  const sameProblem = !unsure && part.intent === currentIntent && input.continuesAction !== true;
  const resolved = state.resolved === true;
  // Resolved and back with the same problem: the fix did not hold. Unresolved: "that didn't help".
  const backAfterResolved = resolved && sameProblem;
  // "Still the same" about the topic, or with no topic of its own ("pořád to nejde": an unsure
  // follow-up is read as being about the conversation's problem).
  const notHelped =
    !resolved &&
    (input.cues.notHelped >= 3 || markedUnresolved || ((sameProblem || unsure) && input.cues.recurring >= 3));
  if (resolved && !backAfterResolved) return undefined;
  // "ok, and then?" continues the topic; a whole sentence about nothing we do is not about it.
  if (!notHelped && isOutOfScope(part) && wordCount(input.text) >= TOPIC_CHANGE_WORDS) return undefined;
  const reasons = cueReasons(input.cues);
  const context = problemText && problemText !== input.text ? `${problemText}\n${input.text}` : input.text;
  const base = { ...emptyPlan('sticky', input), problem: undefined };

  if (notHelped || backAfterResolved) {
    const attempts = state.attempts + 1;
    const triedAgents = [...new Set([...state.triedAgents, assignedAgent])];
    const next = input.instances?.[department]?.find((id) => !triedAgents.includes(id));
    const current: ClassifiedPart = { ...part, intent: currentIntent, department };
    const escalation: EscalationReason[] = backAfterResolved ? [...reasons, 'repeat_contact'] : reasons;
    if (attempts >= ESCALATION_DEFAULTS.maxAttempts || !next) {
      const unresolved: EscalationReason[] = [...escalation, 'unresolved'];
      return {
        ...base,
        kind: 'retry',
        escalation: unresolved,
        escalatedParts: [{ ...current, department: ESCALATION }],
        priority: prioritise(input, [currentIntent], unresolved),
        attempts,
        triedAgents,
      };
    }
    return {
      ...base,
      kind: 'retry',
      parts: [{ ...current, department, target: next, searchText: context, retry: true }],
      escalation,
      priority: prioritise(input, [currentIntent], escalation),
      attempts,
      triedAgents,
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
      ...base,
      parts: [current],
      escalation: reasons,
      priority: prioritise(input, [currentIntent], reasons),
      attempts: state.attempts,
      triedAgents: state.triedAgents,
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
      ...base,
      parts: [current],
      escalation: reasons,
      priority: prioritise(input, [part.intent], reasons),
      problem: input.text,
    };
  }
  return undefined;
}

/** Nothing confident: a person when asked for (or on the second unsure turn), else ask or say what we do. */
function planUnsure(input: PlanInput, parts: readonly ClassifiedPart[]): RoutingPlan {
  const reasons = cueReasons(input.cues);
  const secondUnsure = input.view.lastKind === 'clarify';
  if (reasons.length > 0 || secondUnsure) {
    const escalation: EscalationReason[] = reasons.length > 0 ? reasons : ['low_confidence'];
    return {
      ...emptyPlan('new', input),
      escalation,
      escalatedParts: parts.map((part) => ({ ...part, department: ESCALATION })),
      priority: prioritise(input, [], escalation),
      problem: input.view.lastKind === 'clarify' ? input.view.problemText : input.text,
    };
  }
  if (parts.every(isOutOfScope)) return emptyPlan('out_of_scope', input);
  return {
    ...emptyPlan('clarify', input),
    problem: input.text,
    suggestions: suggestionsFor(input.desk, parts),
  };
}

/** A message routed on its own words: every need to its department, those for a person to escalation. */
function planNew(input: PlanInput, needs: readonly ClassifiedPart[]): RoutingPlan {
  const confident = needs.filter((part) => !isUnsure(part, input.unsureBelow));
  if (confident.length === 0) return planUnsure(input, needs);
  const parts: PlannedPart[] = [];
  const escalatedParts: ClassifiedPart[] = [];
  const escalation = new Set<EscalationReason>();
  let queue: Department | undefined;
  let handoverPart: ClassifiedPart | undefined;
  for (const part of confident) {
    const reasons = escalationReasons({
      intent: part.intent,
      intentEscalation: input.desk.intents[part.intent]?.escalate,
      cues: input.cues,
      history: input.customer?.issuesHistory ?? [],
      now: input.now,
    });
    for (const reason of reasons) escalation.add(reason);
    // The problem the customer said was solved is back: the fix did not hold.
    if (input.view.state.resolved === true && part.intent === input.view.state.intent)
      escalation.add('repeat_contact');
    const rule = personRequired(input, part.intent);
    if (rule) {
      escalation.add('person_required');
      queue ??= rule.queue;
      handoverPart ??= part;
    }
    if (isSpecialistOf(input.desk, part.department)) {
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
  const reasons = [...escalation];
  return {
    ...emptyPlan('new', input),
    parts,
    escalation: reasons,
    escalatedParts,
    queue,
    handoverPart,
    priority: prioritise(
      input,
      confident.map((part) => part.intent),
      reasons,
    ),
    problem: input.text,
  };
}

/** Decides where a message goes: the routing policy in one pure function (see docs/swarm.md). */
export function planRouting(input: PlanInput): RoutingPlan {
  if (input.smallTalk && cueReasons(input.cues).length === 0) return planSmallTalk(input, input.smallTalk);
  const needs = needsOf(input.classified, input.unsureBelow, input.language);
  const [only] = needs;
  if (needs.length === 1 && only) {
    const followUp = planFollowUp(input, only);
    if (followUp) return followUp;
  }
  return planNew(input, needs);
}
