import type { BlackboardEntryInput, ConversationState } from '../domain/conversation.js';
import type { Customer } from '../domain/customer.js';
import type { DeskProfile } from '../domain/desk-profile.js';
import type { Handoff, QueryPart, QueryResult, Suggestion, Usage } from '../domain/query.js';
import { ESCALATION, type Department, type Language, type Priority } from '../domain/vocabulary.js';
import { composeNote, mergeAnswers, type AnsweredPart } from './answer-composer.js';
import { departmentTitle, ownReplyDepartment } from './desk-knowledge.js';
import type { EscalationReply } from './escalation-messages.js';
import type { EscalationReason } from './escalation-policy.js';
import type { RouteRequested } from './router-messages.js';
import type { ClassifiedPart, PlannedPart, RoutingPlan } from './routing-plan.js';
import type { AnswerReply, PostedFact } from './specialist-messages.js';

type PartOutcome =
  | {
      kind: 'answered';
      part: PlannedPart;
      department: Department;
      reply: Extract<AnswerReply, { outcome: 'answered' }>;
    }
  | {
      kind: 'escalate';
      part: PlannedPart;
      reason: EscalationReason;
      noArticle: boolean;
      /** What the specialist found before it gave up (a failed action call): on the trail all the same. */
      facts?: PostedFact[];
    };

/** What the router answered itself (small talk, a clarifying question, what the desk does). */
export interface RouterReply {
  text: string;
  suggestions: Suggestion[];
  /** Framed with a greeting; small talk is answered in a line of its own. */
  greet: boolean;
}

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
  reply: RouterReply | undefined;
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
  const { kind, problem, suggestions } = input.plan;
  facts.push({
    by,
    key: 'routing',
    value: {
      kind,
      priority: input.priority,
      ...(problem ? { problem } : {}),
      ...(suggestions.length > 0 ? { suggestions } : {}),
    },
  });
  // Thanks or "it works" after an answer: positive feedback for that answer.
  const resolvedQuery = input.plan.resolves ? input.previous.lastQueryId : undefined;
  if (resolvedQuery)
    facts.push({ by: 'customer', key: 'feedback', value: { queryId: resolvedQuery, resolved: true } });
  const handoffs = input.runs.flatMap((run) => run.handoffs);
  for (const { from, to, reason } of handoffs)
    entries.push({ kind: 'handoff', by: from, from, to, reason, queryId });

  const articles = new Set<string>();
  for (const { outcome } of input.runs) {
    if (outcome.kind !== 'answered') continue;
    const { reply, part, department } = outcome;
    // Two parts that led to the same article are one need: answered once.
    if (reply.articleId !== null && articles.has(reply.articleId)) continue;
    if (reply.articleId !== null) articles.add(reply.articleId);
    const { text, intent, confidence } = part;
    parts.push({ text, intent, department, confidence, agent: reply.agent, response: reply.text });
    answered.push({ department, answer: reply, agent: reply.agent });
    facts.push(...reply.facts);
    if (reply.articleId) facts.push({ by: reply.agent, key: 'article', value: reply.articleId });
  }
  for (const { outcome } of input.runs) {
    if (outcome.kind === 'escalate' && outcome.facts) facts.push(...outcome.facts);
  }
  let ownNeed = false;
  if (escalation) {
    const escalatedParts: ClassifiedPart[] = [
      ...input.plan.escalatedParts,
      ...input.runs.flatMap((run) => (run.outcome.kind === 'escalate' ? [run.outcome.part] : [])),
    ];
    // A part only a person can answer is a need of its own; otherwise the handover is about the
    // message as a whole (anger, a GDPR request), and one part stands for it: the one a person-required
    // rule matched, else the message's first.
    ownNeed = escalatedParts.length > 0;
    const standsFor = input.plan.handoverPart ?? input.classified[0];
    const shown = escalatedParts.length > 0 ? escalatedParts : standsFor ? [standsFor] : [];
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
  if (escalation) {
    const { agent, text } = escalation;
    entries.push({ kind: 'answer', by: agent, text, department: 'escalation', language, queryId });
  }

  const { reply, previous } = input;
  const lead = parts[0];
  const first = input.classified[0];
  // Answered by the router itself: the conversation stays with its topic (a "thanks" keeps it).
  // The router's own replies keep the pinned department, else the conversation's (or the desk's default).
  const department =
    lead?.department ??
    (reply ? ownReplyDepartment(input.desk, input.message.department, previous.department) : ESCALATION);
  const response = reply
    ? reply.greet
      ? composeNote(language, input.customer, reply.text)
      : reply.text
    : mergeAnswers(
        language,
        input.customer,
        answered,
        (name) => departmentTitle(input.desk, name, language),
        escalation && { answer: escalation, ownNeed },
      );
  if (reply) entries.push({ kind: 'answer', by, text: response, department, language, queryId });
  const intent = input.plan.kind === 'small_talk' ? 'small_talk' : (lead?.intent ?? first?.intent ?? 'oos');
  const result: QueryResult = {
    queryId,
    conversationId: message.conversationId,
    customerId: message.customerId,
    language,
    intent,
    department,
    departments: [...new Set(parts.map((part) => part.department))],
    confidence: lead?.confidence ?? first?.confidence ?? 0,
    priority: input.priority,
    escalated: escalation !== undefined,
    ticketId: escalation?.ticketId ?? null,
    assignedAgent: lead?.agent ?? by,
    handoffs,
    parts,
    response,
    suggestions: reply?.suggestions ?? [],
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
  const state: ConversationState = reply
    ? {
        ...previous,
        ...(input.plan.resolves ? { resolved: true } : {}),
        lastQueryId: previous.lastQueryId ?? queryId,
      }
    : {
        department: result.department,
        intent: result.intent,
        assignedAgent: result.assignedAgent,
        attempts: input.plan.attempts,
        triedAgents: input.plan.triedAgents,
        escalated: previous.escalated || result.escalated,
        resolved: false,
        lastQueryId: queryId,
      };
  return { result, entries, state };
}
