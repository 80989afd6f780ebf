import { randomUUID } from 'node:crypto';
import {
  priorityFor,
  scoreCues,
  tokenChunks,
  type RouteOutcome,
  type RouteRequested,
} from '../actors/index.js';
import type { QueryInput, QueryResult, StreamEvent } from '../domain/query.js';
import type { Language } from '../domain/vocabulary.js';
import type { LlmService } from '../llm/index.js';
import { SwarmError, type ActorLogger, type ActorSystem, type Clock } from '../runtime/index.js';
import type { Stores } from '../stores/index.js';
import type { MessageFence } from './conversation-gate.js';
import { ConversationForbiddenError } from './errors.js';
import { escalationFallback } from './fallback.js';
import { notify } from './llm-wiring.js';
import type { DeskObserver } from './observer.js';
import { commitTrail, routeContext } from './route-context.js';
import { shareRepeatedTexts } from './shared-texts.js';
import { isHostService } from './host-services.js';

export type EventListener = (event: StreamEvent) => void;

/** Everything one query needs on the main thread, passed in so the pipeline can be tested alone. */
export interface QueryPipelineDeps {
  actors: Pick<ActorSystem, 'ask' | 'on'>;
  stores: Pick<Stores, 'blackboard' | 'crm' | 'tickets'>;
  clock: Clock;
  observer: DeskObserver;
  logger?: ActorLogger | undefined;
  llm?: LlmService | undefined;
  /** The language of the escalation answer when the router could not answer. */
  language(text: string): Language;
  /** Hands a query's stream events to its listeners. */
  publish(queryId: string, event: StreamEvent): void;
  /** Starts and stops delivering a query's events to `listeners`. */
  listen(queryId: string, listeners: readonly EventListener[]): () => void;
  queryTimeoutMs: number;
}

/**
 * Codes that mean the query was not accepted (or, fenced, its answer not kept): the caller is told,
 * nothing is answered for it.
 */
const REFUSALS = new Set(['MAILBOX_FULL', 'SHUTTING_DOWN', 'CONVERSATION_BUSY']);
const SUMMARY_LIMIT = 160;
const ROUTER_BUDGET_SHARE = 0.9;

function codeOf(error: unknown): string {
  return error instanceof SwarmError ? error.code : 'ERROR';
}

export type AnswerQuery = (
  query: QueryInput,
  conversationId: string,
  text: string,
  callers: ReadonlyArray<EventListener | undefined>,
  /** The lease the message is answered under, with Redis (see GatedMessage.fence). */
  fence?: MessageFence,
) => Promise<QueryResult>;

/**
 * One query from the desk's side: read the conversation and the customer, ask the router, write the
 * trail, the result and the contact, and tell the listeners. A router that fails or runs out of time
 * is answered by the fallback escalation, so an accepted query always gets an answer.
 */
export function createQueryPipeline(deps: QueryPipelineDeps): AnswerQuery {
  const { actors, stores, clock, observer } = deps;
  return async (query, conversationId, text, callers, fence) => {
    // Both reads at once: with Redis they share a round trip instead of following each other.
    const [conversation, customer] = await Promise.all([
      stores.blackboard.open(
        conversationId,
        query.channel === undefined
          ? { customerId: query.customerId }
          : { customerId: query.customerId, channel: query.channel },
      ),
      stores.crm.get(query.customerId),
    ]);
    // Another customer's conversation id must not reach its history (or an LLM prompt built from it).
    if (conversation.customerId !== query.customerId) throw new ConversationForbiddenError(conversationId);
    const context = routeContext(conversation, customer);
    const queryId = randomUUID();
    const startedAt = clock.now();
    const started = performance.now();
    const streaming = callers.filter((caller): caller is EventListener => caller !== undefined);
    const unlisten = streaming.length > 0 ? deps.listen(queryId, streaming) : undefined;
    const message: RouteRequested = {
      type: 'support.route.requested',
      queryId,
      conversationId,
      customerId: query.customerId,
      ...(query.channel ? { channel: query.channel } : {}),
      ...(query.department ? { department: query.department } : {}),
      text,
      at: new Date(startedAt).toISOString(),
      // Less than the desk's own timeout, so the router's escalation answers before the desk gives up.
      budgetMs: Math.floor(deps.queryTimeoutMs * ROUTER_BUDGET_SHARE),
      stream: streaming.length > 0,
      context,
    };
    try {
      let result: QueryResult;
      let problemBack = false;
      try {
        const outcome = await actors.ask<RouteOutcome>('router', message, {
          key: conversationId,
          // From the words and the plan (intents are known only later): urgent-sounding messages and
          // Premium customers are routed first.
          priority: priorityFor({
            cues: scoreCues(text),
            reasons: [],
            plan: context.customer?.subscriptionType,
          }),
          timeoutMs: deps.queryTimeoutMs,
        });
        shareRepeatedTexts(outcome);
        // A holder that lost the conversation to a newer one leaves its trail alone and is refused: the
        // check sees a newer lease granted, the fenced write one that has already written.
        await fence?.check();
        await commitTrail(stores.blackboard, conversationId, outcome.trail, fence?.value);
        ({ result, problemBack } = outcome);
      } catch (error) {
        const code = codeOf(error);
        if (REFUSALS.has(code)) throw error;
        deps.logger?.warn('query answered by the fallback escalation', { queryId, code });
        result = await escalationFallback({
          stores,
          clock,
          message,
          reason: code === 'ASK_TIMEOUT' ? 'timeout' : 'specialist_failed',
          language: deps.language(text),
        });
        // Nothing of this answer was streamed: send it whole, so the tokens add up to the response.
        for (const delta of tokenChunks(result.response))
          deps.publish(queryId, { type: 'token', queryId, delta, agent: result.assignedAgent });
      }
      const totalMs = performance.now() - started;
      const usage = deps.llm && isHostService(deps.llm) ? deps.llm.takeUsage(queryId) : result.usage;
      result = {
        ...result,
        usage: usage.llmCalls > 0 ? usage : result.usage,
        timings: {
          ...result.timings,
          totalMs,
          queuedMs: Math.max(0, totalMs - result.timings.routingMs - result.timings.answerMs),
        },
      };
      await Promise.all([
        stores.blackboard.saveResult(result),
        stores.crm.recordContact(query.customerId, {
          at: result.createdAt,
          summary: text.slice(0, SUMMARY_LIMIT),
          intent: result.intent,
          department: result.department,
          queryId,
          // A later contact about the same intent is then a repeat contact (escalation-policy.ts).
          ...(problemBack ? { resolved: false } : {}),
        }),
      ]);
      deps.publish(queryId, { type: 'done', queryId, result });
      notify(() => observer.queryCompleted?.(result));
      return result;
    } catch (error) {
      const code = codeOf(error);
      deps.publish(queryId, {
        type: 'error',
        queryId,
        error: { code, message: String((error as Error).message ?? error) },
      });
      notify(() => observer.queryFailed?.(code));
      throw error;
    } finally {
      unlisten?.();
    }
  };
}
