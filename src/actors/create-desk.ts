import { randomUUID } from 'node:crypto';
import { loadDemoCustomers, readCustomersFile } from '../crm/index.js';
import { QueryInput, type QueryResult, type StreamEvent } from '../domain/query.js';
import {
  type AnswerRequest,
  type ClassifyRequest,
  type LlmHostService,
  type LlmService,
} from '../llm/index.js';
import {
  InvalidOptionsError,
  MailboxFullError,
  ShuttingDownError,
  SwarmError,
  createActorSystem,
  systemClock,
  type ActorLogger,
  type ActorSystem,
  type BehaviourRef,
  type Clock,
  type SystemEvent,
} from '../runtime/index.js';
import { createStores, type Stores } from '../stores/index.js';
import { ConversationGate } from './conversation-gate.js';
import type { Desk, Readiness, SubmitOptions } from './desk.js';
import { DeskOptions, type ResolvedDeskOptions } from './desk-options.js';
import { ConversationForbiddenError, InvalidInputError, formatIssues } from './errors.js';
import { escalationFallback } from './fallback.js';
import { createHostServices } from './host-services.js';
import { recordFeedback } from './feedback.js';
import { createLearning, type Learning } from './learning.js';
import { startLearningSync } from './learning-sync.js';
import { buildLlmService, notify } from './llm-wiring.js';
import type { DeskObserver } from './observer.js';
import { poolSpecs, type PoolType } from './pool-specs.js';
import { priorityFor } from './priority.js';
import { scoreCues } from './cues.js';
import { tokenChunks } from './token-chunks.js';
import { INSTANCES_SHARED_KEY, MODEL_SHARED_KEY } from './shared-keys.js';
import { commitTrail, routeContext } from './route-context.js';
import type { RouteOutcome, RouteRequested } from './router-messages.js';

export interface DeskDeps {
  logger?: ActorLogger;
  observer?: DeskObserver;
  clock?: Clock;
  /** Stores to use instead of creating them from the options; the desk then leaves them open on close. */
  stores?: Stores;
  /** An LLM service to register as `llm` instead of one built from `options.llm` (tests, custom models). */
  llm?: LlmService;
  /** Behaviours replacing the shipped ones, per pool (tests of failure handling). */
  behaviours?: Partial<Record<PoolType, BehaviourRef>>;
}

/** Codes that mean the query was not accepted: the caller is told, nothing is answered for it. */
const REFUSALS = new Set(['MAILBOX_FULL', 'SHUTTING_DOWN']);
const SUMMARY_LIMIT = 160;
/** Retry hint when the desk is at `maxQueriesInFlight`: about one query's time at full load. */
const OVERLOAD_RETRY_MS = 1_000;
const ROUTER_BUDGET_SHARE = 0.9;
const SCALE_EVENTS = new Set<SystemEvent['type']>([
  'pool.scaled',
  'actor.started',
  'actor.stopped',
  'actor.failed',
]);

type EventListener = (event: StreamEvent) => void;

function resolveOptions(options: DeskOptions): ResolvedDeskOptions {
  const parsed = DeskOptions.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InvalidOptionsError(
    `desk option ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    {
      option: issue?.path.join('.'),
    },
  );
}

function codeOf(error: unknown): string {
  return error instanceof SwarmError ? error.code : 'ERROR';
}

function isHostService(service: LlmService): service is LlmHostService {
  return typeof (service as Partial<LlmHostService>).takeUsage === 'function';
}

/**
 * Wires the swarm: the stores, the actor system with the stores (and the LLM) as services, the five
 * agent pools, the conversation gate and the learning loop, behind the `Desk` facade.
 */
export async function createDesk(input: DeskOptions, deps: DeskDeps = {}): Promise<Desk> {
  const options = resolveOptions(input);
  const clock = deps.clock ?? systemClock;
  const observer = deps.observer ?? {};
  const ownStores = deps.stores === undefined;
  const stores =
    deps.stores ??
    (await createStores({
      redisUrl: options.redisUrl,
      keyPrefix: options.keyPrefix,
      blackboard: options.memory,
    }));
  let system: ActorSystem | undefined;
  let learning: Learning | undefined;
  try {
    // One seed: a CRM seeds only while empty, so a second call would be ignored.
    await stores.crm.seed([
      ...loadDemoCustomers({ now: new Date(clock.now()) }),
      ...(options.customersFile === undefined ? [] : readCustomersFile(options.customersFile)),
    ]);
    const learner = await createLearning(options);
    learning = learner;
    const listeners = new Map<string, Set<EventListener>>();
    const publish = (queryId: string, event: StreamEvent): void => {
      for (const listener of listeners.get(queryId) ?? []) notify(() => listener(event));
    };
    const llm = deps.llm ?? (options.llm ? buildLlmService(options.llm, publish, observer) : undefined);

    const services = createHostServices(stores.tickets, clock);
    if (llm) {
      services.llm = {
        answer: (request: AnswerRequest) => llm.answer(request),
        classify: (request: ClassifyRequest) => llm.classify(request),
      };
    }
    const actors = await createActorSystem({
      ...(options.threads ? { threads: options.threads } : {}),
      clock,
      ...(deps.logger ? { logger: deps.logger } : {}),
      services,
      defaults: { mailboxCapacity: options.mailboxCapacity, askTimeoutMs: options.queryTimeoutMs },
      // Agents wait on each other and on the LLM while holding a message, so a queue of two already
      // means waiting customers: grow early and often, and let idle instances go after the default time.
      autoscale: { intervalMs: 250, scaleUpDepth: 2 },
    });
    system = actors;
    const learned = learner.modelJson();
    if (learned !== undefined) actors.setShared(MODEL_SHARED_KEY, learned);
    for (const spec of poolSpecs(options, llm !== undefined, deps.behaviours)) await actors.spawn(spec);

    const publishInstances = (): void => {
      const byType: Record<string, string[]> = {};
      for (const status of actors.status()) {
        if (status.state === 'stopped' || status.state === 'failed') continue;
        (byType[status.type] ??= []).push(status.id);
      }
      actors.setShared(INSTANCES_SHARED_KEY, byType);
    };
    publishInstances();
    const stopWatching = actors.subscribe((event) => {
      if (SCALE_EVENTS.has(event.type)) publishInstances();
    });

    const gate = new ConversationGate<QueryResult, EventListener | undefined>(options.doubleTextPolicy);
    const accepted = new Set<Promise<unknown>>();
    let closing: Promise<void> | undefined;

    const answer = async (
      query: QueryInput,
      conversationId: string,
      text: string,
      callers: Array<EventListener | undefined>,
    ): Promise<QueryResult> => {
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
      let unsubscribe: (() => void) | undefined;
      if (streaming.length > 0) {
        listeners.set(queryId, new Set(streaming));
        unsubscribe = actors.on(`query:${queryId}`, (event) => publish(queryId, event as StreamEvent));
      }
      const message: RouteRequested = {
        type: 'support.route.requested',
        queryId,
        conversationId,
        customerId: query.customerId,
        ...(query.channel ? { channel: query.channel } : {}),
        text,
        at: new Date(startedAt).toISOString(),
        // Less than the desk's own timeout, so the router's escalation answers before the desk gives up.
        budgetMs: Math.floor(options.queryTimeoutMs * ROUTER_BUDGET_SHARE),
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
              intent: '',
              reasons: [],
              plan: context.customer?.subscriptionType,
            }),
            timeoutMs: options.queryTimeoutMs,
          });
          await commitTrail(stores.blackboard, conversationId, outcome.trail);
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
            language: learner.language(text),
          });
          // Nothing of this answer was streamed: send it whole, so the tokens add up to the response.
          for (const delta of tokenChunks(result.response))
            publish(queryId, { type: 'token', queryId, delta, agent: result.assignedAgent });
        }
        const totalMs = performance.now() - started;
        const usage = llm && isHostService(llm) ? llm.takeUsage(queryId) : result.usage;
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
        publish(queryId, { type: 'done', queryId, result });
        notify(() => observer.queryCompleted?.(result));
        return result;
      } catch (error) {
        const code = codeOf(error);
        publish(queryId, {
          type: 'error',
          queryId,
          error: { code, message: String((error as Error).message ?? error) },
        });
        notify(() => observer.queryFailed?.(code));
        throw error;
      } finally {
        unsubscribe?.();
        listeners.delete(queryId);
      }
    };

    // Only Redis is shared between processes; a memory or file store has no one else to learn from.
    const stopLearningSync =
      options.redisUrl === undefined
        ? async () => {}
        : startLearningSync({
            learning: learner,
            intervalMs: options.learningSyncMs,
            onModel: (model) => actors.setShared(MODEL_SHARED_KEY, model),
            onError: (error) =>
              deps.logger?.warn('taking in corrections from other processes failed', {
                error: String(error),
              }),
          });

    const desk: Desk = {
      submit(raw: QueryInput, submitOptions?: SubmitOptions): Promise<QueryResult> {
        if (closing) return Promise.reject(new ShuttingDownError());
        // Agents reply deferred, so their mailboxes no longer bound the work in progress: the desk does.
        if (accepted.size >= options.maxQueriesInFlight) {
          return Promise.reject(new MailboxFullError('desk', options.maxQueriesInFlight, OVERLOAD_RETRY_MS));
        }
        const parsed = QueryInput.safeParse(raw);
        if (!parsed.success)
          return Promise.reject(new InvalidInputError('query', formatIssues(parsed.error)));
        const query = parsed.data;
        const conversationId = query.conversationId ?? randomUUID();
        const signal = submitOptions?.signal;
        const onEvent = submitOptions?.onEvent;
        // A caller that went away (aborted) stops hearing events; its query is still answered.
        const listener: EventListener | undefined = onEvent
          ? (event) => {
              if (!signal?.aborted) onEvent(event);
            }
          : undefined;
        const promise = gate.submit(conversationId, query.message, listener, ({ text, callers }) =>
          answer(query, conversationId, text, callers),
        );
        accepted.add(promise);
        const forget = () => accepted.delete(promise);
        promise.then(forget, forget);
        return promise;
      },

      getQuery: (queryId) => stores.blackboard.getResult(queryId),

      feedback: (queryId, raw) =>
        recordFeedback(
          { blackboard: stores.blackboard, learning: learner, observer },
          queryId,
          raw,
          (model) => actors.setShared(MODEL_SHARED_KEY, model),
        ),

      getConversation: (conversationId) => stores.blackboard.get(conversationId),
      getCustomer: (customerId) => stores.crm.get(customerId),
      listTickets: (listOptions) => stores.tickets.list(listOptions),
      getTicket: (ticketId) => stores.tickets.get(ticketId),
      setTicketStatus: (ticketId, status) => stores.tickets.setStatus(ticketId, status),

      async readiness(): Promise<Readiness> {
        const pool = actors
          .status()
          .some((s) => s.type === 'router' && (s.state === 'idle' || s.state === 'busy'));
        const safePing = (ping: () => Promise<boolean>) => ping().catch(() => false);
        const [blackboard, crm, tickets] = await Promise.all([
          safePing(() => stores.blackboard.ping()),
          safePing(() => stores.crm.ping()),
          safePing(() => stores.tickets.ping()),
        ]);
        return {
          ready: !closing && pool && blackboard && crm && tickets,
          checks: { pool, blackboard, crm, tickets },
        };
      },

      agents: {
        status: () => actors.status(),
        subscribe: (listener) => actors.subscribe(listener),
        restart: (id) => actors.restart(id),
        stop: (id) => actors.stop(id),
        start: (id) => actors.start(id),
        scale: (type, instances) => actors.scale(type, instances),
        killThread: (thread) => actors.killThread(thread),
      },

      close(): Promise<void> {
        closing ??= (async () => {
          await Promise.allSettled([...accepted]);
          stopWatching();
          await stopLearningSync();
          await actors.shutdown();
          await learner.close();
          if (ownStores) await stores.close();
        })();
        return closing;
      },
    };
    return desk;
  } catch (error) {
    await system?.shutdown({ timeoutMs: 1_000 });
    await learning?.close();
    if (ownStores) await stores.close();
    throw error;
  }
}
