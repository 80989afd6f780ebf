import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DESK_SHARED_KEY, INSTANCES_SHARED_KEY, MODEL_SHARED_KEY } from '../actors/index.js';
import { readCustomersFile } from '../crm/index.js';
import { specialistDepartments } from '../domain/desk-profile.js';
import { QueryInput, type QueryResult, type StreamEvent } from '../domain/query.js';
import type { AnswerRequest, ClassifyRequest, LlmService } from '../llm/index.js';
import { loadIntentModel } from '../nlu/index.js';
import {
  InvalidOptionsError,
  MailboxFullError,
  ShuttingDownError,
  createActorSystem,
  systemClock,
  type ActorLogger,
  type ActorSystem,
  type BehaviourRef,
  type Clock,
  type SystemEvent,
} from '../runtime/index.js';
import { createStores, type Stores } from '../stores/index.js';
import { ConversationGate, type DoubleTextGate } from './conversation-gate.js';
import type { Desk, Readiness, SubmitOptions } from './desk.js';
import { prepareDeskModel } from './desk-model.js';
import { DeskOptions, type ResolvedDeskOptions } from './desk-options.js';
import { profileOf } from './desk-profile.js';
import { InvalidInputError, formatIssues } from './errors.js';
import { createActionEngine } from '../actions/index.js';
import { createActionService } from './action-service.js';
import { createHostServices } from './host-services.js';
import { recordFeedback } from './feedback.js';
import { createLearning, userModelLearning, type Learning } from './learning.js';
import { startLearningSync } from './learning-sync.js';
import { buildLlmService, notify, type LlmWiring } from './llm-wiring.js';
import type { DeskDefinition } from './load-desk.js';
import type { DeskObserver } from './observer.js';
import { openDesk, type OpenedDesk } from './open-desk.js';
import { poolSpecs } from './pool-specs.js';
import { createQueryPipeline, type EventListener } from './query-pipeline.js';
import { SharedConversationGate } from './shared-conversation-gate.js';

export interface DeskDeps {
  logger?: ActorLogger;
  observer?: DeskObserver;
  clock?: Clock;
  /** Stores to use instead of creating them from the options; the desk then leaves them open on close. */
  stores?: Stores;
  /** An LLM service to register as `llm` instead of one built from `options.llm` (tests, custom models). */
  llm?: LlmService;
  /** Where `${VAR}` in the desk's action headers is read; default: `process.env`. */
  env?: Record<string, string | undefined>;
  /** Behaviours replacing the desk's, per pool (tests of failure handling). */
  behaviours?: Partial<Record<string, BehaviourRef>>;
  /** The desk folder already read and checked (`openDesk(options.desk)`), so it is not read twice. */
  opened?: OpenedDesk;
}

/** Retry hint when the desk is at `maxQueriesInFlight`: about one query's time at full load. */
const OVERLOAD_RETRY_MS = 1_000;
const SCALE_EVENTS = new Set<SystemEvent['type']>([
  'pool.scaled',
  'actor.started',
  'actor.stopped',
  'actor.failed',
]);

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

/** The intent model the routers load: the user's own file, else the desk's (trained when stale). */
function intentModel(options: ResolvedDeskOptions, desk: DeskDefinition, logger: ActorLogger | undefined) {
  if (options.intentModelPath !== undefined) {
    const loaded = loadIntentModel(options.intentModelPath, options.intentMappingPath);
    // A label mapped to a department the desk does not have would route to no pool at all.
    const departments = new Set([...Object.keys(desk.departments), 'escalation']);
    const unknown = loaded.model.labels
      .map((label) => loaded.departmentOf(label))
      .filter((department): department is string => department !== undefined && !departments.has(department));
    if (unknown.length > 0) {
      throw new InvalidOptionsError(
        `intent model ${options.intentModelPath} maps labels to departments the desk does not have: ` +
          `${[...new Set(unknown)].join(', ')} (the desk has: ${[...departments].join(', ')})`,
        { option: 'intentMappingPath' },
      );
    }
    return { file: options.intentModelPath, user: loaded.model };
  }
  const model = prepareDeskModel(desk, options.modelCacheDir ?? join(options.dataDir, 'models'));
  if (model.trained) {
    logger?.info("trained the desk's intent model", {
      desk: desk.name,
      examples: model.train.length + model.validation.length,
      ms: Math.round(model.trainMs),
      file: model.file,
    });
  }
  return { file: model.file, desk: model };
}

/**
 * Wires the swarm: the desk folder, the stores, the actor system with the stores (and the LLM) as
 * services, one pool per department plus the router and escalation, the conversation gate and the
 * learning loop, behind the `Desk` facade.
 */
export async function createDesk(input: DeskOptions = {}, deps: DeskDeps = {}): Promise<Desk> {
  const options = resolveOptions(input);
  const clock = deps.clock ?? systemClock;
  const observer = deps.observer ?? {};
  const { desk, warnings } = deps.opened ?? openDesk(options.desk);
  for (const warning of warnings) {
    deps.logger?.warn('desk warning', { file: warning.file, line: warning.line, problem: warning.message });
  }
  const knowledgeDirs = [
    ...desk.knowledgeDirs,
    ...(options.knowledgeDir === undefined ? [] : [options.knowledgeDir]),
  ];
  const engine =
    Object.keys(desk.actions).length === 0
      ? undefined
      : createActionEngine({
          actions: Object.fromEntries(Object.entries(desk.actions).map(([name, { value }]) => [name, value])),
          env: deps.env ?? process.env,
          clock,
          onCall: (record) => notify(() => observer.actionCall?.(record)),
        });
  const profile = profileOf(desk, (department) => engine?.toolsFor(department) ?? []);
  const departments = specialistDepartments(profile);
  const model = intentModel(options, desk, deps.logger);
  const ownStores = deps.stores === undefined;
  const stores =
    deps.stores ??
    (await createStores({
      redisUrl: options.redisUrl,
      keyPrefix: options.keyPrefix,
      blackboard: options.memory,
      leases: {
        ttlMs: options.conversationLease.ttlMs,
        // A queued text's sender polls for its reply up to the end of its query's budget, and then some.
        joinedTtlMs: 2 * options.queryTimeoutMs + options.conversationLease.ttlMs,
      },
    }));
  let system: ActorSystem | undefined;
  let learning: Learning | undefined;
  let llmWiring: LlmWiring | undefined;
  try {
    const now = new Date(clock.now());
    // One seed: a CRM seeds only while empty, so a second call would be ignored.
    await stores.crm.seed([
      ...desk.customersFiles.flatMap((file) => readCustomersFile(file, { now })),
      ...(options.customersFile === undefined ? [] : readCustomersFile(options.customersFile)),
    ]);
    const learner =
      model.desk === undefined
        ? userModelLearning(model.user, profile.languages)
        : await createLearning(options, model.desk, profile.languages);
    learning = learner;
    const listeners = new Map<string, Set<EventListener>>();
    const publish = (queryId: string, event: StreamEvent): void => {
      for (const listener of listeners.get(queryId) ?? []) notify(() => listener(event));
    };
    llmWiring = deps.llm || !options.llm ? undefined : buildLlmService(options.llm, publish, observer);
    const llm = deps.llm ?? llmWiring?.service;

    const services = createHostServices(stores.tickets, clock);
    if (engine) services.actions = createActionService({ engine, blackboard: stores.blackboard, profile });
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
    actors.setShared(DESK_SHARED_KEY, profile);
    const learned = learner.modelJson();
    if (learned !== undefined) actors.setShared(MODEL_SHARED_KEY, learned);
    const specs = poolSpecs({
      options,
      desk,
      intentModelPath: model.file,
      ...(options.intentMappingPath ? { intentMappingPath: options.intentMappingPath } : {}),
      knowledgeDirs,
      llm: llm !== undefined,
      ...(deps.behaviours ? { behaviours: deps.behaviours } : {}),
    });
    for (const spec of specs) await actors.spawn(spec);

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

    const gate: DoubleTextGate<QueryResult, EventListener | undefined> = stores.leases
      ? new SharedConversationGate({
          policy: options.doubleTextPolicy,
          leases: stores.leases,
          renewMs: Math.max(10, Math.floor(options.conversationLease.ttlMs / 3)),
          pollMs: options.conversationLease.pollMs,
          outageMs: options.queryTimeoutMs,
          resultOf: (queryId) => stores.blackboard.getResult(queryId),
          queryIdOf: (result) => result.queryId,
        })
      : new ConversationGate(options.doubleTextPolicy);
    const accepted = new Set<Promise<unknown>>();
    let closing: Promise<void> | undefined;

    const answer = createQueryPipeline({
      actors,
      stores,
      clock,
      observer,
      logger: deps.logger,
      llm,
      language: (text) => learner.language(text),
      publish,
      listen(queryId, streaming) {
        listeners.set(queryId, new Set(streaming));
        const unsubscribe = actors.on(`query:${queryId}`, (event) => publish(queryId, event as StreamEvent));
        return () => {
          unsubscribe();
          listeners.delete(queryId);
        };
      },
      queryTimeoutMs: options.queryTimeoutMs,
    });

    // Only Redis is shared between processes; a memory or file store has no one else to learn from.
    const stopLearningSync =
      options.redisUrl === undefined
        ? async () => {}
        : startLearningSync({
            learning: learner,
            intervalMs: options.learningSyncMs,
            onModel: (next) => actors.setShared(MODEL_SHARED_KEY, next),
            onError: (error) =>
              deps.logger?.warn('taking in corrections from other processes failed', {
                error: String(error),
              }),
          });

    const result: Desk = {
      profile,
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
        if (query.department !== undefined && !departments.includes(query.department)) {
          const known = departments.join(', ');
          return Promise.reject(
            new InvalidInputError('query', `department: ${query.department} is not one of ${known}`),
          );
        }
        const conversationId = query.conversationId ?? randomUUID();
        const signal = submitOptions?.signal;
        const onEvent = submitOptions?.onEvent;
        // A caller that went away (aborted) stops hearing events; its query is still answered.
        const listener: EventListener | undefined = onEvent
          ? (event) => {
              if (!signal?.aborted) onEvent(event);
            }
          : undefined;
        const promise = gate.submit(conversationId, query.message, listener, ({ text, callers, fence }) =>
          answer(query, conversationId, text, callers, fence),
        );
        accepted.add(promise);
        const forget = () => accepted.delete(promise);
        promise.then(forget, forget);
        return promise;
      },

      getQuery: (queryId) => stores.blackboard.getResult(queryId),

      feedback: (queryId, raw) =>
        recordFeedback({ blackboard: stores.blackboard, learning: learner, observer }, queryId, raw, (next) =>
          actors.setShared(MODEL_SHARED_KEY, next),
        ),

      getConversation: (conversationId) => stores.blackboard.get(conversationId),
      getCustomer: (customerId) => stores.crm.get(customerId),
      listTickets: (listOptions) => stores.tickets.list(listOptions),
      getTicket: (ticketId) => stores.tickets.get(ticketId),
      updateTicket: (ticketId, update) =>
        stores.tickets.update(ticketId, update, new Date(clock.now()).toISOString()),

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

      llmHealth: () => llmWiring?.health(),

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
          // Texts other processes queued for a conversation this one holds are answered before it stops.
          await gate.idle();
          stopWatching();
          await stopLearningSync();
          await actors.shutdown();
          await llmWiring?.close();
          await learner.close();
          if (ownStores) await stores.close();
        })();
        return closing;
      },
    };
    return result;
  } catch (error) {
    await system?.shutdown({ timeoutMs: 1_000 });
    await llmWiring?.close();
    await learning?.close();
    if (ownStores) await stores.close();
    throw error;
  }
}
