import { z } from 'zod';
import type { Usage } from '../domain/query.js';
import type { DeskProfile, ToolProfile } from '../domain/desk-profile.js';
import { SpecialistDepartment } from '../domain/vocabulary.js';
import type { AnswerRequest, AnswerResult } from '../llm/index.js';
import type { Article, KnowledgeBase, SearchHit, SearchOptions } from '../knowledge/index.js';
import { defineBehaviour, type ActorContext, type MemoCache } from '../runtime/index.js';
import { ACTION_AWAITING_FACT, ACTION_CALL_FACT, ACTION_SLOTS_FACT } from './action-facts.js';
import { composeAnswer, type ComposedAnswer } from './answer-composer.js';
import { deskProfile, intentDescription } from './desk-knowledge.js';
import { knowledgeBaseFor, searchMemoFor } from './knowledge-cache.js';
import { otherOwner } from './ownership.js';
import {
  SpecialistMessage,
  type AnswerReply,
  type AnswerRequested,
  type ConsultReply,
  type ConsultRequested,
  type PostedFact,
} from './specialist-messages.js';
import { tokenChunks } from './token-chunks.js';
import { runToolLoop } from './tool-loop.js';

/** Calls on the backend per answer in LLM mode, unless the options say otherwise. */
export const MAX_TOOL_CALLS_DEFAULT = 3;

/** The pool `config` of a specialist department. */
export const SpecialistConfig = z.object({
  department: SpecialistDepartment,
  /** The desk's article folders, the ones it extends first (see `readArticles`). */
  knowledgeDirs: z.array(z.string()).min(1),
  /** Answer through the host's `llm` service, falling back to the offline answer. */
  llm: z.boolean().default(false),
  consultTimeoutMs: z.number().int().positive().default(2_000),
  /** In LLM mode, calls on the department's actions per answer; 0 offers the model no tools. */
  maxToolCalls: z.number().int().min(0).default(MAX_TOOL_CALLS_DEFAULT),
});
export type SpecialistConfig = z.infer<typeof SpecialistConfig>;

export interface SpecialistState {
  config: SpecialistConfig;
  desk: DeskProfile;
  knowledge: KnowledgeBase;
  /** Search results by query; never mutated by the callers. */
  searches: MemoCache<SearchHit[]>;
}

function search(state: SpecialistState, text: string, options: SearchOptions): SearchHit[] {
  const key = `${options.language}|${options.department ?? ''}|${options.intent ?? ''}|${options.limit ?? ''}|${text}`;
  return state.searches.get(key, () => state.knowledge.search(text, options));
}

const NO_USAGE: Usage = { llmCalls: 0, promptTokens: 0, completionTokens: 0 };
/** From this router confidence the intent's own description may stand in for words the articles lack. */
const INTENT_FALLBACK_CONFIDENCE = 0.6;

/**
 * The intent's own article, found by its catalog description, for when the customer's words match none
 * that lists it ("cheaper tier" → the plan-change article).
 */
function searchByIntent(
  state: SpecialistState,
  request: AnswerRequested,
  own: SpecialistDepartment,
): SearchHit[] {
  const description = intentDescription(state.desk, request.intent, request.language);
  if (!description) return [];
  return search(state, description, {
    language: request.language,
    department: own,
    intent: request.intent,
    limit: 1,
  });
}

/**
 * The department's matches, with a confident router's intent deciding among them: the articles that
 * list the intent first ("the app won't open since the update" shares more words with the slow-app
 * article than with the crash one), else the article its description finds. Unsure, the words decide.
 */
function rankForIntent(
  state: SpecialistState,
  request: AnswerRequested,
  own: SpecialistDepartment,
  ownHits: readonly SearchHit[],
): SearchHit[] {
  if (request.confidence < INTENT_FALLBACK_CONFIDENCE) return [...ownHits];
  const listed = ownHits.filter((hit) => hit.article.intents?.includes(request.intent));
  const first = listed.length > 0 ? listed : searchByIntent(state, request, own);
  const ids = new Set(first.map((hit) => hit.article.id));
  return [...first, ...ownHits.filter((hit) => !ids.has(hit.article.id))];
}

const ARTICLES_FOR_LLM = 3;

async function consult(
  ctx: ActorContext,
  state: SpecialistState,
  request: AnswerRequested,
): Promise<ConsultReply | undefined> {
  // The desk names the intents whose answer depends on a fact another department owns.
  const wanted = state.desk.intents[request.intent]?.consult;
  if (!wanted || !request.customer || wanted.department === state.config.department) return undefined;
  const message: ConsultRequested = {
    type: 'support.consult.requested',
    queryId: request.queryId,
    from: ctx.self.id,
    fact: wanted.fact,
    customer: request.customer,
  };
  try {
    const reply = await ctx.ask<ConsultReply>(wanted.department, message, {
      priority: request.priority,
      timeoutMs: state.config.consultTimeoutMs,
    });
    return reply.value === null ? undefined : reply;
  } catch (error) {
    // A missing fact makes the answer less specific, not wrong: answer without it.
    ctx.log.warn('consult failed', { queryId: request.queryId, fact: wanted.fact, error: String(error) });
    return undefined;
  }
}

/** The desk's reply to an action turn (`actions.turn`): ask for a slot, the answer, or a failure. */
interface ActionTurnReply {
  kind: 'ask' | 'answered' | 'failed';
  text: string;
  remember: Record<string, string>;
  /** The call made (absent when a slot was asked for): action, outcome, status, latency. */
  call?: unknown;
}

/**
 * An intent the desk answers by calling one of its actions: the call itself happens on the main
 * thread (the `actions` service), which holds the secrets and fills the slots from the conversation.
 * A failed call goes to a person: the customer is told so, and nothing is made up.
 */
async function answerByAction(
  ctx: ActorContext,
  request: AnswerRequested,
  own: SpecialistDepartment,
): Promise<AnswerReply> {
  const agent = ctx.self.id;
  const turn = await ctx.call<ActionTurnReply>('actions', 'turn', {
    intent: request.intent,
    text: request.text,
    language: request.language,
    conversationId: request.conversationId,
    customerId: request.customerId,
    department: own,
  });
  if (turn.kind === 'failed')
    return {
      outcome: 'escalate',
      agent,
      reason: 'specialist_failed',
      noArticle: false,
      ...(turn.call === undefined ? {} : { facts: [{ by: agent, key: ACTION_CALL_FACT, value: turn.call }] }),
      usage: NO_USAGE,
      llmMs: 0,
    };
  streamOffline(ctx, request, turn.text);
  const facts: PostedFact[] = [
    { by: agent, key: ACTION_SLOTS_FACT, value: turn.remember },
    { by: agent, key: ACTION_AWAITING_FACT, value: turn.kind === 'ask' ? request.intent : null },
    ...(turn.call === undefined ? [] : [{ by: agent, key: ACTION_CALL_FACT, value: turn.call }]),
  ];
  return {
    outcome: 'answered',
    agent,
    text: turn.text,
    core: turn.text,
    articleId: null,
    facts,
    usage: NO_USAGE,
    llmMs: 0,
  };
}

/** The department's actions the model may call in LLM mode (none offline, or with the bound at 0). */
function toolsOf(state: SpecialistState, own: SpecialistDepartment): ToolProfile[] {
  if (!state.config.llm || state.config.maxToolCalls === 0) return [];
  return state.desk.departments[own]?.tools ?? [];
}

interface ToolAnswerInput {
  request: AnswerRequested;
  own: SpecialistDepartment;
  articles: Article[];
  tools: ToolProfile[];
  /** The intent is bound to an action: an answer without a call asked the customer for something. */
  bound: boolean;
  articleId: string | null;
  facts: PostedFact[];
}

/** What the LLM service is asked for one part: the customer's words, the articles and the context. */
function llmAnswerRequest(
  request: AnswerRequested,
  self: ActorContext['self'],
  own: string,
  articles: AnswerRequest['articles'],
): AnswerRequest {
  return {
    queryId: request.queryId,
    agent: self.id,
    agentType: self.type,
    department: own,
    language: request.language,
    question: request.text,
    customer: request.customer,
    articles,
    history: request.history,
    stream: request.stream,
  };
}

/**
 * An answer in LLM mode with the department's actions as tools; undefined when the LLM cannot be
 * used, so the caller answers offline. Every call made is on the trail, the failed ones too.
 */
async function answerWithTools(
  ctx: ActorContext,
  state: SpecialistState,
  input: ToolAnswerInput,
): Promise<AnswerReply | undefined> {
  const { request, own } = input;
  const agent = ctx.self.id;
  const outcome = await runToolLoop(ctx, {
    request: llmAnswerRequest(request, ctx.self, own, input.articles),
    tools: input.tools,
    maxToolCalls: state.config.maxToolCalls,
    context: { conversationId: request.conversationId, customerId: request.customerId, department: own },
  });
  if (outcome.kind === 'unavailable') return undefined;
  const { usage, llmMs } = outcome;
  const calls: PostedFact[] = outcome.calls.map((call) => ({
    by: agent,
    key: ACTION_CALL_FACT,
    value: call,
  }));
  if (outcome.kind === 'failed') {
    const reason = outcome.why === 'guarded' ? 'guarded_answer' : 'specialist_failed';
    return { outcome: 'escalate', agent, reason, noArticle: false, facts: calls, usage, llmMs };
  }
  const awaiting: PostedFact[] = input.bound
    ? [{ by: agent, key: ACTION_AWAITING_FACT, value: outcome.calls.length === 0 ? request.intent : null }]
    : [];
  return {
    outcome: 'answered',
    agent,
    text: outcome.text,
    core: outcome.text,
    articleId: input.articleId,
    facts: [...input.facts, ...calls, ...awaiting],
    usage,
    llmMs,
    streamed: request.stream,
  };
}

function streamOffline(ctx: ActorContext, request: AnswerRequested, text: string): void {
  if (!request.stream) return;
  const topic = `query:${request.queryId}`;
  for (const delta of tokenChunks(text)) {
    ctx.emit(topic, { type: 'token', queryId: request.queryId, delta, agent: ctx.self.id });
  }
}

async function answer(
  ctx: ActorContext,
  state: SpecialistState,
  request: AnswerRequested,
): Promise<AnswerReply> {
  const agent = ctx.self.id;
  const own = state.config.department;
  const tools = toolsOf(state, own);
  const found = (): SearchHit[] =>
    search(state, request.searchText, {
      language: request.language,
      department: own,
      intent: request.intent,
      limit: ARTICLES_FOR_LLM + request.avoidArticles.length,
    });
  const binding = state.desk.intents[request.intent]?.action;
  if (binding) {
    // The model fills the action's arguments from the conversation, as the slots do offline.
    if (tools.some((tool) => tool.name === binding.action)) {
      const viaLlm = await answerWithTools(ctx, state, {
        request,
        own,
        articles: found()
          .slice(0, ARTICLES_FOR_LLM)
          .map((hit) => hit.article),
        tools,
        bound: true,
        articleId: null,
        facts: [],
      });
      if (viaLlm) return viaLlm;
    }
    return answerByAction(ctx, request, own);
  }
  const ownHits = found();
  const elsewhere = request.pinned
    ? undefined
    : otherOwner(
        {
          own,
          intent: request.intent,
          confidence: request.confidence,
          text: request.text,
          language: request.language,
          ownHits,
          visited: request.visited,
        },
        state.desk,
        (text, options) => search(state, text, options),
      );
  if (elsewhere) {
    return {
      outcome: 'handoff',
      agent,
      to: elsewhere.owner,
      reason: elsewhere.reason,
      usage: NO_USAGE,
      llmMs: 0,
    };
  }
  const candidates = rankForIntent(state, request, own, ownHits);
  const hits = candidates.filter((hit) => !request.avoidArticles.includes(hit.article.id));
  // A retry with nothing new to offer goes through the same article again, saying so; the next
  // "didn't help" then reaches a person.
  const best = hits[0] ?? (request.retry ? candidates[0] : undefined);
  if (!best) {
    return { outcome: 'escalate', agent, reason: 'no_answer', noArticle: true, usage: NO_USAGE, llmMs: 0 };
  }

  const consulted = await consult(ctx, state, request);
  const facts: PostedFact[] = consulted ? [consulted] : [];
  let usage = NO_USAGE;
  let llmMs = 0;
  let composed: ComposedAnswer | undefined;
  const articles = hits.slice(0, ARTICLES_FOR_LLM).map((hit) => hit.article);
  if (tools.length > 0) {
    const viaLlm = await answerWithTools(ctx, state, {
      request,
      own,
      articles,
      tools,
      bound: false,
      articleId: best.article.id,
      facts,
    });
    if (viaLlm) return viaLlm;
  } else if (state.config.llm) {
    const llmRequest = llmAnswerRequest(request, ctx.self, own, articles);
    const result = await ctx.call<AnswerResult | null>('llm', 'answer', llmRequest);
    if (result) {
      usage = {
        llmCalls: 1,
        promptTokens: result.usage.promptTokens,
        completionTokens: result.usage.completionTokens,
      };
      llmMs = result.latencyMs;
      if (result.guarded)
        return { outcome: 'escalate', agent, reason: 'guarded_answer', noArticle: false, usage, llmMs };
      composed = { text: result.text, core: result.text };
    }
  }
  const streamed = request.stream;
  if (!composed) {
    composed = composeAnswer({
      language: request.language,
      article: best.article,
      question: request.text,
      customer: request.customer,
      intent: request.intent,
      retry: !request.retry ? 'no' : hits[0] ? 'other' : 'same',
      now: Date.parse(request.at),
      ...(consulted ? { consultedPlan: String(consulted.value) } : {}),
    });
    streamOffline(ctx, request, composed.text);
  }
  return {
    outcome: 'answered',
    agent,
    ...composed,
    articleId: best.article.id,
    facts,
    usage,
    llmMs,
    streamed,
  };
}

function answerConsult(ctx: ActorContext, state: SpecialistState, request: ConsultRequested): ConsultReply {
  switch (request.fact) {
    case 'plan':
      return {
        by: ctx.self.id,
        key: 'plan',
        value: state.desk.departments[state.config.department]?.provides.includes('plan')
          ? (request.customer?.subscriptionType ?? null)
          : null,
      };
  }
}

/** A specialist of one of the desk's departments: which one is its pool `config`. */
export const specialistBehaviour = defineBehaviour<SpecialistState, SpecialistMessage>({
  messages: SpecialistMessage,
  init(ctx) {
    const config = SpecialistConfig.parse(ctx.config);
    const knowledge = knowledgeBaseFor(config.knowledgeDirs);
    return {
      config,
      desk: deskProfile(ctx),
      knowledge,
      searches: searchMemoFor(knowledge),
    };
  },
  async receive(state, message, ctx) {
    switch (message.type) {
      // A deferred reply: the specialist takes the next part while this one waits on the LLM or a consult.
      case 'support.answer.requested':
        return { state, reply: answer(ctx, state, message) };
      case 'support.consult.requested':
        return { state, reply: answerConsult(ctx, state, message) };
    }
  },
});
