import { z } from 'zod';
import type { Customer } from '../domain/customer.js';
import type { DeskProfile } from '../domain/desk-profile.js';
import type { Handoff, StreamEvent, Usage } from '../domain/query.js';
import { ESCALATION, type Department, type Language, type Priority } from '../domain/vocabulary.js';
import type { ClassifyRequest, ClassifyResult } from '../llm/index.js';
import { defineBehaviour, type ActorContext } from '../runtime/index.js';
import { awaitedIntent } from './action-facts.js';
import { answerToClarification } from './clarification.js';
import type { DeskTexts } from '../domain/desk-texts.js';
import { BUILT_IN_TEXTS } from './conversation-texts.js';
import { viewConversation, type ConversationView } from './conversation-view.js';
import { scoreCues } from './cues.js';
import { deskProfile, ownReplyDepartment } from './desk-knowledge.js';
import type { EscalationReply, EscalationRequested } from './escalation-messages.js';
import { ESCALATION_DEFAULTS, type EscalationReason } from './escalation-policy.js';
import { createIntentToolkit, type IntentToolkit } from './intent-toolkit.js';
import { RouterMessage, type RouteOutcome, type RouteRequested } from './router-messages.js';
import { STANDALONE_CONFIDENCE } from './message-parts.js';
import { pinToDepartment } from './pinned-department.js';
import { assembleQuery, type PartRun } from './query-assembly.js';
import { routerReply, topicLabels } from './router-reply.js';
import { INSTANCES_SHARED_KEY, MODEL_SHARED_KEY } from './shared-keys.js';
import {
  UNSURE_BELOW,
  askInstead,
  planRouting,
  type ClassifiedPart,
  type PlannedPart,
} from './routing-plan.js';
import { detectSmallTalk } from './small-talk.js';
import { joinByDepartment } from './department-parts.js';
import type { AnswerReply, AnswerRequested } from './specialist-messages.js';
import { tokenChunks } from './token-chunks.js';

/** The router pool's `config`. */
export const RouterConfig = z.object({
  intentModelPath: z.string().min(1),
  intentMappingPath: z.string().optional(),
  /** LLM mode: ask the `llm` service to classify when the local model is below this confidence. */
  llmThreshold: z.number().min(0).max(1).optional(),
  /** Below this confidence a follow-up continues the conversation's topic, and a new message is unsure. */
  unsureBelow: z.number().min(0).max(1).default(UNSURE_BELOW),
  /** Share of the remaining budget a specialist gets, so escalation still has time after a timeout. */
  specialistShare: z.number().gt(0).lt(1).default(0.6),
  /** LLM mode: a department's parts of one message go to its specialist as one (one answer, one call). */
  joinDepartmentParts: z.boolean().default(false),
});
export type RouterConfig = z.infer<typeof RouterConfig>;

export interface RouterState {
  config: RouterConfig;
  desk: DeskProfile;
  intents: IntentToolkit;
  texts: DeskTexts;
}

const NO_USAGE: Usage = { llmCalls: 0, promptTokens: 0, completionTokens: 0 };

function addUsage(a: Usage, b: Usage): Usage {
  return {
    llmCalls: a.llmCalls + b.llmCalls,
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
  };
}

/** Everything one query accumulates while its parts are worked on. */
interface Work {
  message: RouteRequested;
  ctx: ActorContext;
  language: Language;
  priority: Priority;
  customer: Customer | null;
  /** The customer as its specialists see it (`earlierIssuesOnly`). */
  answerCustomer: Customer | null;
  view: ConversationView;
  deadline: number;
  usage: Usage;
  llmMs: number;
  /** A specialist may stream its answer only when that answer will be the whole response. */
  partsStream: boolean;
}

function emit(work: Work, event: StreamEvent): void {
  if (work.message.stream) work.ctx.emit(`query:${work.message.queryId}`, event);
}

function remaining(work: Work, share = 1): number {
  return Math.max(100, Math.floor((work.deadline - performance.now()) * share));
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'ERROR';
}

function answerRequest(
  work: Work,
  part: PlannedPart,
  department: PlannedPart['department'],
  visited: readonly string[],
): AnswerRequested {
  const { message } = work;
  return {
    type: 'support.answer.requested',
    queryId: message.queryId,
    conversationId: message.conversationId,
    customerId: message.customerId,
    at: message.at,
    text: part.text,
    searchText: part.searchText,
    intent: part.intent,
    confidence: part.confidence,
    department,
    language: work.language,
    priority: work.priority,
    hops: visited.length,
    visited: [...visited],
    pinned: message.department !== undefined,
    retry: part.retry,
    avoidArticles: part.retry ? work.view.givenArticles : [],
    stream: message.stream && work.partsStream,
    customer: work.answerCustomer,
    history: work.view.history,
  };
}

/**
 * The customer without the issues recorded for this conversation's earlier messages: an answer to a
 * follow-up must not say "I can see we looked at a similar issue today" of the message just before.
 */
function earlierIssuesOnly(customer: Customer | null, context: RouteRequested['context']): Customer | null {
  if (!customer || context.entries.length === 0) return customer;
  const thisConversation = new Set(context.entries.map((entry) => entry.queryId));
  const earlier = customer.issuesHistory.filter(
    (issue) => issue.queryId === undefined || !thisConversation.has(issue.queryId),
  );
  return earlier.length === customer.issuesHistory.length
    ? customer
    : { ...customer, issuesHistory: earlier };
}

/** One part through its specialist, following handoffs (at most `maxHops`), never throwing. */
async function runPart(work: Work, part: PlannedPart, share: number): Promise<PartRun> {
  const { ctx, message } = work;
  const handoffs: Handoff[] = [];
  let target = part.target;
  let department = part.department;
  let fellBack = false;
  const visited: string[] = [];
  for (;;) {
    let reply: AnswerReply;
    try {
      reply = await ctx.ask<AnswerReply>(target, answerRequest(work, part, department, visited), {
        key: message.conversationId,
        priority: work.priority,
        timeoutMs: remaining(work, share),
      });
    } catch (error) {
      const code = errorCode(error);
      // A sticky instance that is gone (scaled down, failed) is replaced by any instance of its pool.
      if (
        !fellBack &&
        target !== department &&
        (code === 'ACTOR_NOT_FOUND' || code === 'ACTOR_UNAVAILABLE')
      ) {
        fellBack = true;
        target = department;
        continue;
      }
      ctx.log.warn('specialist failed', { queryId: message.queryId, target, code });
      const reason: EscalationReason = code === 'ASK_TIMEOUT' ? 'timeout' : 'specialist_failed';
      return { outcome: { kind: 'escalate', part, reason, noArticle: false }, handoffs };
    }
    work.usage = addUsage(work.usage, reply.usage);
    work.llmMs += reply.llmMs;
    switch (reply.outcome) {
      case 'answered':
        return { outcome: { kind: 'answered', part, department, reply }, handoffs };
      case 'escalate':
        return {
          outcome: {
            kind: 'escalate',
            part,
            reason: reply.reason,
            noArticle: reply.noArticle,
            ...(reply.facts ? { facts: reply.facts } : {}),
          },
          handoffs,
        };
      case 'handoff': {
        const overLimit = handoffs.length >= ESCALATION_DEFAULTS.maxHops;
        const to = overLimit ? 'escalation' : reply.to;
        const reason = overLimit ? `handoff limit (${ESCALATION_DEFAULTS.maxHops}) reached` : reply.reason;
        handoffs.push({ from: reply.agent, to, reason, at: new Date().toISOString() });
        emit(work, { type: 'handoff', queryId: message.queryId, from: reply.agent, to, reason });
        if (overLimit)
          return { outcome: { kind: 'escalate', part, reason: 'handoff_limit', noArticle: false }, handoffs };
        visited.push(department);
        target = reply.to;
        department = reply.to;
      }
    }
  }
}

async function refineWithLlm(
  work: Work,
  desk: DeskProfile,
  intents: IntentToolkit,
  threshold: number,
  parts: ClassifiedPart[],
): Promise<ClassifiedPart[]> {
  // A pinned message is the department's: the LLM is asked unless the model is sure of one of its
  // intents, and chooses among those only.
  const pinned = work.message.department;
  const candidates =
    pinned === undefined
      ? intents.candidates
      : intents.candidates.filter((candidate) => candidate.department === pinned);
  return Promise.all(
    parts.map(async (part) => {
      const sure = !part.outOfScope && part.confidence >= threshold;
      if (sure && (pinned === undefined || part.department === pinned)) return part;
      // A message with no topic ("I have a problem") is asked about, not guessed at.
      if (part.vague && pinned === undefined) return part;
      const request: ClassifyRequest = {
        queryId: work.message.queryId,
        agent: work.ctx.self.id,
        agentType: work.ctx.self.type,
        text: part.text,
        language: work.language,
        candidates,
      };
      const result = await work.ctx.call<ClassifyResult | null>('llm', 'classify', request);
      if (!result) return part;
      work.usage = addUsage(work.usage, { llmCalls: 1, ...result.usage });
      work.llmMs += result.latencyMs;
      if (desk.intents[result.intent]?.clarify) return part;
      // The LLM's confidence replaces the local model's, for the department too.
      return {
        text: part.text,
        intent: result.intent,
        department: result.department,
        confidence: result.confidence,
        outOfScope: false,
        ...(part.alternatives ? { alternatives: part.alternatives } : {}),
      };
    }),
  );
}

async function escalate(
  work: Work,
  reasons: EscalationReason[],
  department: Department,
  noArticle: boolean,
): Promise<EscalationReply> {
  const { message } = work;
  const request: EscalationRequested = {
    type: 'support.escalation.requested',
    queryId: message.queryId,
    conversationId: message.conversationId,
    customerId: message.customerId,
    language: work.language,
    priority: work.priority,
    department,
    reasons,
    summary: message.text,
    customer: work.customer,
    noArticle,
  };
  return work.ctx.ask<EscalationReply>('escalation', request, {
    key: message.conversationId,
    priority: work.priority,
    timeoutMs: remaining(work),
  });
}

/**
 * The customer was asked for a slot and this message gives one: it continues that intent, whatever
 * the words alone would be classified as ("654321" means nothing without the question before it).
 */
function continuedAction(desk: DeskProfile, message: RouteRequested): ClassifiedPart[] | undefined {
  const { text } = message;
  const intent = awaitedIntent(message.context.entries);
  const profile = intent === undefined ? undefined : desk.intents[intent];
  if (intent === undefined || !profile?.action) return undefined;
  // Another department's action does not continue in the one the customer chose.
  if (message.department !== undefined && profile.department !== message.department) return undefined;
  const gives = Object.values(profile.action.slots).some((slot) => new RegExp(slot.pattern, 'u').test(text));
  return gives
    ? [{ text, intent, department: profile.department, confidence: 1, outOfScope: false }]
    : undefined;
}

async function route(state: RouterState, message: RouteRequested, ctx: ActorContext): Promise<RouteOutcome> {
  const started = performance.now();
  const loaded = message.context;
  const { intents, config, desk, texts } = state;
  const detected = intents.language(message.text);
  const smallTalk = detectSmallTalk(message.text, detected, texts);
  // Short messages fool language detection: "Díky!" is answered in the language of its phrases.
  const language = smallTalk && desk.languages.includes(smallTalk.language) ? smallTalk.language : detected;
  const work: Work = {
    message,
    ctx,
    language,
    priority: 'medium',
    customer: loaded.customer,
    answerCustomer: earlierIssuesOnly(loaded.customer, loaded),
    view: viewConversation(loaded.state, loaded.entries),
    deadline: started + message.budgetMs,
    usage: NO_USAGE,
    llmMs: 0,
    partsStream: false,
  };
  const continued = continuedAction(desk, message);
  let classified: readonly ClassifiedPart[] = continued ?? intents.classifyMessage(message.text, language);
  // A reply that gives the slot an action asked for continues that action, as it is.
  if (continued === undefined) {
    if (config.llmThreshold !== undefined)
      classified = await refineWithLlm(work, desk, intents, config.llmThreshold, [...classified]);
    classified = answerToClarification(
      work.view,
      message.text,
      classified,
      (intent) => topicLabels(desk, texts, intent),
      (text) => intents.classifyMessage(text, language),
      config.unsureBelow,
    );
    if (message.department !== undefined)
      classified = pinToDepartment(
        message.text,
        classified,
        message.department,
        intents.rankWithin(message.text, message.department),
      );
  }
  const planInput = {
    desk,
    text: message.text,
    classified,
    view: work.view,
    cues: scoreCues(message.text),
    customer: loaded.customer,
    instances: ctx.shared<Record<string, string[]>>(INSTANCES_SHARED_KEY),
    now: Date.parse(message.at),
    unsureBelow: config.unsureBelow,
    continuesAction: continued !== undefined,
    language,
    smallTalk,
    personRequired: texts.personRequired,
    pinned: message.department,
    knowsAWord: () => intents.knowsAWord(message.text),
  };
  let plan = planRouting(planInput);
  if (config.joinDepartmentParts && plan.parts.length > 1)
    plan = { ...plan, parts: joinByDepartment(plan.parts, desk) };
  work.priority = plan.priority;
  work.partsStream = plan.parts.length === 1 && plan.escalation.length === 0;
  const routed = performance.now();
  const lead = plan.parts[0] ?? plan.escalatedParts[0];
  const departments = [...new Set([...plan.parts, ...plan.escalatedParts].map((part) => part.department))];
  emit(work, {
    type: 'routed',
    queryId: message.queryId,
    conversationId: message.conversationId,
    language,
    intent: plan.kind === 'small_talk' ? 'small_talk' : (lead?.intent ?? classified[0]?.intent ?? 'oos'),
    // Answered by the router itself: the conversation's department, as the result will say.
    department:
      lead?.department ??
      (plan.escalation.length > 0
        ? ESCALATION
        : ownReplyDepartment(desk, message.department, work.view.state.department)),
    departments:
      plan.escalation.length > 0 && !departments.includes('escalation')
        ? [...departments, 'escalation']
        : departments,
    confidence: lead?.confidence ?? 0,
    priority: plan.priority,
  });

  const all = await Promise.all(plan.parts.map((part) => runPart(work, part, config.specialistShare)));
  // A part the model was not sure of, and for which no article exists, does not outweigh the answered
  // ones: it was most likely context, not a need.
  const answeredAny = all.some((run) => run.outcome.kind === 'answered');
  const runs = all.filter(
    ({ outcome }) =>
      !(
        answeredAny &&
        outcome.kind === 'escalate' &&
        outcome.reason === 'no_answer' &&
        outcome.part.confidence < STANDALONE_CONFIDENCE
      ),
  );
  // Routed on the department alone (the intent unsure) and no article: ask, do not open a ticket.
  const unclear =
    runs.length > 0 &&
    runs.every(
      ({ outcome }) =>
        outcome.kind === 'escalate' &&
        outcome.reason === 'no_answer' &&
        outcome.part.confidence < config.unsureBelow,
    );
  const asked = unclear ? askInstead(planInput, plan) : undefined;
  if (asked) {
    plan = asked;
    runs.length = 0;
  }
  const reasons = new Set(plan.escalation);
  let noArticle = false;
  for (const { outcome } of runs) {
    if (outcome.kind !== 'escalate') continue;
    reasons.add(outcome.reason);
    noArticle ||= outcome.noArticle;
  }
  const escalation =
    reasons.size > 0
      ? await escalate(work, [...reasons], plan.queue ?? lead?.department ?? ESCALATION, noArticle)
      : undefined;
  const assembled = assembleQuery({
    desk,
    router: ctx.self.id,
    message,
    language,
    priority: work.priority,
    customer: work.customer,
    previous: work.view.state,
    firstInConversation: loaded.entries.length === 0,
    plan,
    classified,
    runs,
    escalation,
    reply: routerReply(desk, texts, plan, language),
    reasons: [...reasons],
    usage: work.usage,
    llmMs: work.llmMs,
    routingMs: routed - started,
    answerMs: performance.now() - routed,
  });
  streamRest(work, runs, assembled.result.response);
  // The desk writes the whole trail (entries in order, then the state) before the customer is answered.
  return {
    result: assembled.result,
    trail: { entries: assembled.entries, state: assembled.state },
    problemBack: plan.kind === 'retry',
  };
}

/**
 * Streaming tells the truth: what a specialist streamed is the start of the response (it streams only
 * when its answer is the whole response), and the router streams the rest, so the concatenated
 * `token` deltas equal the final `response`.
 */
function streamRest(work: Work, runs: readonly PartRun[], response: string): void {
  if (!work.message.stream) return;
  let streamed = '';
  for (const { outcome } of runs) {
    if (outcome.kind === 'answered' && outcome.reply.streamed) streamed = outcome.reply.text;
  }
  const rest = response.startsWith(streamed) ? response.slice(streamed.length) : response;
  for (const delta of tokenChunks(rest)) {
    emit(work, { type: 'token', queryId: work.message.queryId, delta, agent: work.ctx.self.id });
  }
}

/** The router: language, intents, priority and the plan, then it runs the plan and merges the answers. */
export const routerBehaviour = defineBehaviour<RouterState, RouterMessage>({
  messages: RouterMessage,
  init(ctx) {
    const config = RouterConfig.parse(ctx.config ?? {});
    const desk = deskProfile(ctx);
    return {
      config,
      desk,
      intents: createIntentToolkit(config, desk, () => ctx.shared(MODEL_SHARED_KEY)),
      texts: desk.texts ?? BUILT_IN_TEXTS,
    };
  },
  async receive(state, message, ctx) {
    switch (message.type) {
      // A deferred reply: the router takes the next query while this one waits on its specialists.
      case 'support.route.requested':
        return { state, reply: route(state, message, ctx) };
    }
  },
});
