// Agents that think nothing, for the swarm's floor (scenario 2's `swarm floor` row): the same pools,
// mailboxes, messages, blackboard writes and results as the real desk, with no classification,
// search or composing. The router answers each query with what the real agents answered a message of
// the mix (recorded before the run, one after another), asking the specialists of the recorded parts
// (or the real escalation agent, which opens a ticket) with requests of the real shape; a specialist
// replies with the part's recorded answer. What the swarm costs per query with these agents is what
// its design costs before any agent does its work.
import { readFileSync } from 'node:fs';
import { SpecialistMessage, type AnswerReply, type AnswerRequested } from '../../src/actors/index.js';
import type { EscalationReply, EscalationRequested } from '../../src/actors/escalation-messages.js';
import { RouterMessage, type RouteOutcome, type RouteRequested } from '../../src/actors/router-messages.js';
import type {
  BlackboardEntry,
  BlackboardEntryInput,
  ConversationState,
} from '../../src/domain/conversation.js';
import type { Desk } from '../../src/desk/index.js';
import type { QueryInput, QueryPart, QueryResult } from '../../src/domain/query.js';
import { defineBehaviour, type ActorContext, type BehaviourRef } from '../../src/runtime/index.js';

/** A real query's answer as the desk kept it: its result and the trail it wrote. */
export interface RecordedAnswer {
  result: QueryResult;
  entries: BlackboardEntry[];
  state: ConversationState;
}

/** The file of recorded answers (JSON, an array), read by each stand-in agent when it starts. */
export const RECORDED_ANSWERS_ENV = 'SWARM_BENCH_RECORDED_ANSWERS';

/** What the desk answered these queries (each a new conversation), for the stand-ins to answer with. */
export async function recordAnswers(
  desk: Pick<Desk, 'submit' | 'getConversation'>,
  queries: readonly QueryInput[],
): Promise<RecordedAnswer[]> {
  const answers: RecordedAnswer[] = [];
  for (const query of queries) {
    const result = await desk.submit(query);
    const conversation = await desk.getConversation(result.conversationId);
    if (!conversation) throw new Error(`conversation ${result.conversationId} was not kept`);
    answers.push({ result, entries: conversation.entries, state: conversation.state });
  }
  return answers;
}

/**
 * `createDesk`'s behaviours with the stand-ins in the router's and these departments' pools, from
 * `module` (this file, or a bundle of it); the escalation agent stays the desk's own.
 */
export function standInBehaviours(
  module: string,
  departments: readonly string[],
): Record<string, BehaviourRef> {
  const specialist = { module, export: 'standInSpecialist' };
  return {
    router: { module, export: 'standInRouter' },
    ...Object.fromEntries(departments.map((department) => [department, specialist])),
  };
}

const NO_USAGE = { llmCalls: 0, promptTokens: 0, completionTokens: 0 };

function recordedAnswers(): RecordedAnswer[] {
  const file = process.env[RECORDED_ANSWERS_ENV];
  if (!file) throw new Error(`${RECORDED_ANSWERS_ENV} names no file of recorded answers`);
  const answers = JSON.parse(readFileSync(file, 'utf8')) as RecordedAnswer[];
  if (answers.length === 0) throw new Error(`${file} holds no recorded answers`);
  return answers;
}

const partKey = (language: string, intent: string): string => `${language}|${intent}`;

interface RouterState {
  answers: RecordedAnswer[];
  next: number;
}

function answerRequest(message: RouteRequested, recorded: QueryResult, part: QueryPart): AnswerRequested {
  return {
    type: 'support.answer.requested',
    queryId: message.queryId,
    conversationId: message.conversationId,
    customerId: message.customerId,
    at: message.at,
    text: part.text,
    searchText: part.text,
    intent: part.intent,
    confidence: part.confidence,
    department: part.department as AnswerRequested['department'],
    language: recorded.language,
    priority: recorded.priority,
    hops: 0,
    visited: [],
    pinned: false,
    retry: false,
    avoidArticles: [],
    stream: message.stream,
    customer: message.context.customer,
    history: [],
  };
}

function escalationRequest(message: RouteRequested, recorded: QueryResult): EscalationRequested {
  return {
    type: 'support.escalation.requested',
    queryId: message.queryId,
    conversationId: message.conversationId,
    customerId: message.customerId,
    language: recorded.language,
    priority: recorded.priority,
    department: recorded.department,
    reasons: ['human_requested'],
    summary: message.text,
    customer: message.context.customer,
    noArticle: false,
  };
}

/** The recorded trail as this query's: its own message and query id, the entries' stamps left to the blackboard. */
function trailOf(recorded: RecordedAnswer, message: RouteRequested): BlackboardEntryInput[] {
  return recorded.entries.map((entry) => {
    const { seq: _seq, at: _at, ...input } = entry;
    return {
      ...input,
      queryId: message.queryId,
      ...(input.kind === 'message' ? { text: message.text } : {}),
    } as BlackboardEntryInput;
  });
}

async function route(state: RouterState, message: RouteRequested, ctx: ActorContext): Promise<RouteOutcome> {
  const recorded = state.answers[state.next++ % state.answers.length] as RecordedAnswer;
  const started = performance.now();
  const ask = { key: message.conversationId, timeoutMs: message.budgetMs };
  const parts = recorded.result.escalated
    ? await ctx
        .ask<EscalationReply>('escalation', escalationRequest(message, recorded.result), ask)
        .then((reply) => recorded.result.parts.map((part) => ({ ...part, response: reply.text })))
    : await Promise.all(
        recorded.result.parts.map(async (part) => {
          const reply = await ctx.ask<AnswerReply>(
            part.department,
            answerRequest(message, recorded.result, part),
            ask,
          );
          return { ...part, agent: reply.agent, response: reply.outcome === 'answered' ? reply.text : '' };
        }),
      );
  const answerMs = performance.now() - started;
  return {
    result: {
      ...recorded.result,
      queryId: message.queryId,
      conversationId: message.conversationId,
      customerId: message.customerId,
      parts,
      createdAt: message.at,
      timings: { totalMs: answerMs, routingMs: 0, answerMs, queuedMs: 0, llmMs: 0 },
    },
    trail: {
      entries: trailOf(recorded, message),
      state: { ...recorded.state, lastQueryId: message.queryId },
    },
    problemBack: false,
  };
}

export const standInRouter = defineBehaviour<RouterState, RouterMessage>({
  messages: RouterMessage,
  init: () => ({ answers: recordedAnswers(), next: 0 }),
  // A deferred reply, as the real router's: it takes the next query while this one waits.
  receive: (state, message, ctx) => ({ state, reply: route(state, message, ctx) }),
});

interface SpecialistState {
  /** Each recorded part's answer by its language and intent. */
  answers: Map<string, string>;
}

function specialistReply(state: SpecialistState, message: SpecialistMessage, ctx: ActorContext) {
  if (message.type === 'support.consult.requested')
    return { by: ctx.self.id, key: message.fact, value: null };
  const reply: AnswerReply = {
    agent: ctx.self.id,
    usage: NO_USAGE,
    llmMs: 0,
    outcome: 'answered',
    text: state.answers.get(partKey(message.language, message.intent)) ?? '',
    core: '',
    articleId: null,
    facts: [],
  };
  return reply;
}

export const standInSpecialist = defineBehaviour<SpecialistState, SpecialistMessage>({
  messages: SpecialistMessage,
  init() {
    const answers = new Map<string, string>();
    for (const { result } of recordedAnswers())
      for (const part of result.parts) answers.set(partKey(result.language, part.intent), part.response);
    return { answers };
  },
  receive: (state, message, ctx) => ({ state, reply: specialistReply(state, message, ctx) }),
});
