import type { BlackboardEntryInput, ConversationState } from '../domain/conversation.js';
import type { Customer } from '../domain/customer.js';
import type { DeskProfile } from '../domain/desk-profile.js';
import type { Handoff, QueryPart, QueryResult, Usage } from '../domain/query.js';
import type { Department, Language, Priority } from '../domain/vocabulary.js';
import { mergeAnswers, type AnsweredPart } from './answer-composer.js';
import { departmentTitle } from './desk-knowledge.js';
import type { EscalationReply } from './escalation-messages.js';
import type { EscalationReason } from './escalation-policy.js';
import type { RouteRequested } from './router-messages.js';
import type { ClassifiedPart, PlannedPart, RoutingPlan } from './routing-plan.js';
import type { AnswerReply, PostedFact } from './specialist-messages.js';

export type PartOutcome =
  | {
      kind: 'answered';
      part: PlannedPart;
      department: Department;
      reply: Extract<AnswerReply, { outcome: 'answered' }>;
    }
  | { kind: 'escalate'; part: PlannedPart; reason: EscalationReason; noArticle: boolean };

/** One part's journey: how it ended and the handoffs on the way. */
export interface PartRun {
  outcome: PartOutcome;
  handoffs: Handoff[];
}

export interface AssemblyInput {
  desk: DeskProfile;
  router: string;
  message: RouteRequested;
  language: Language;
  priority: Priority;
  customer: Customer | null;
  previous: ConversationState;
  firstInConversation: boolean;
  plan: RoutingPlan;
  classified: readonly ClassifiedPart[];
  runs: readonly PartRun[];
  escalation: EscalationReply | undefined;
  reasons: readonly EscalationReason[];
  usage: Usage;
  llmMs: number;
  routingMs: number;
  answerMs: number;
}

export interface Assembled {
  result: QueryResult;
  /** The query's trail, in order, for one blackboard write. */
  entries: BlackboardEntryInput[];
  state: ConversationState;
}

type Answered = AnsweredPart & { agent: string };

/** Merges the parts' outcomes into the one reply, its blackboard trail and the conversation's next state. */
export function assembleQuery(input: AssemblyInput): Assembled {
  const { message, language, escalation, router: by } = input;
  const queryId = message.queryId;
  const parts: QueryPart[] = [];
  const answered: Answered[] = [];
  const facts: PostedFact[] = [];
  const entries: BlackboardEntryInput[] = [
    { kind: 'message', by: 'customer', text: message.text, language, queryId },
  ];
  for (const { intent, department, confidence, text } of input.classified) {
    entries.push({ kind: 'intent', by, intent, department, confidence, text, queryId });
  }
  // The conversation's first query puts the customer's profile on the blackboard (no contact details).
  if (input.firstInConversation && input.customer) {
    const { customerId, name, subscriptionType } = input.customer;
    facts.push({ by, key: 'customer', value: { customerId, name, subscriptionType } });
  }
  const { kind, problem } = input.plan;
  facts.push({
    by,
    key: 'routing',
    value: { kind, priority: input.priority, ...(problem ? { problem } : {}) },
  });
  const handoffs = input.runs.flatMap((run) => run.handoffs);
  for (const { from, to, reason } of handoffs)
    entries.push({ kind: 'handoff', by: from, from, to, reason, queryId });

  for (const { outcome } of input.runs) {
    if (outcome.kind !== 'answered') continue;
    const { reply, part, department } = outcome;
    const { text, intent, confidence } = part;
    parts.push({ text, intent, department, confidence, agent: reply.agent, response: reply.text });
    answered.push({ department, answer: reply, agent: reply.agent });
    facts.push(...reply.facts);
    if (reply.articleId) facts.push({ by: reply.agent, key: 'article', value: reply.articleId });
  }
  if (escalation) {
    const escalatedParts: ClassifiedPart[] = [
      ...input.plan.escalatedParts,
      ...input.runs.flatMap((run) => (run.outcome.kind === 'escalate' ? [run.outcome.part] : [])),
    ];
    // Escalated for the message as a whole (anger, a request for a human): one part stands for it.
    const first = input.classified[0];
    const shown = escalatedParts.length > 0 ? escalatedParts : first ? [first] : [];
    for (const { text, intent, confidence } of shown) {
      parts.push({
        text,
        intent,
        department: 'escalation',
        confidence,
        agent: escalation.agent,
        response: escalation.text,
      });
    }
    answered.push({ department: 'escalation', answer: escalation, agent: escalation.agent });
    const { ticketId, dueBy } = escalation;
    facts.push({
      by: escalation.agent,
      key: 'escalation',
      value: { ticketId, dueBy, reasons: input.reasons },
    });
  }
  for (const fact of facts) entries.push({ kind: 'fact', ...fact, queryId });
  for (const part of answered) {
    const { agent, department, answer } = part;
    entries.push({ kind: 'answer', by: agent, text: answer.text, department, language, queryId });
  }

  const lead = parts[0];
  const first = input.classified[0];
  const result: QueryResult = {
    queryId,
    conversationId: message.conversationId,
    customerId: message.customerId,
    language,
    intent: lead?.intent ?? first?.intent ?? 'oos',
    department: lead?.department ?? 'escalation',
    departments: [...new Set(parts.map((part) => part.department))],
    confidence: lead?.confidence ?? first?.confidence ?? 0,
    priority: input.priority,
    escalated: escalation !== undefined,
    ticketId: escalation?.ticketId ?? null,
    assignedAgent: lead?.agent ?? by,
    handoffs,
    parts,
    response: mergeAnswers(language, input.customer, answered, (department) =>
      departmentTitle(input.desk, department, language),
    ),
    createdAt: message.at,
    timings: {
      totalMs: input.routingMs + input.answerMs,
      routingMs: input.routingMs,
      answerMs: input.answerMs,
      queuedMs: 0,
      llmMs: input.llmMs,
    },
    usage: input.usage,
  };
  const state: ConversationState = {
    department: result.department,
    intent: result.intent,
    assignedAgent: result.assignedAgent,
    attempts: input.plan.attempts,
    triedAgents: input.plan.triedAgents,
    escalated: input.previous.escalated || result.escalated,
    lastQueryId: queryId,
  };
  return { result, entries, state };
}
