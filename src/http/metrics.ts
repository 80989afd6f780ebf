import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DeskObserver } from '../desk/index.js';
import type { LlmHealth } from '../llm/index.js';
import type { ActorStatus } from '../runtime/index.js';
import { createConsoleRecorder, type ConsoleRecorder } from './console/index.js';

export interface EdgeMetrics {
  /** A registry of its own: two apps in one process (tests) never share series. */
  readonly registry: Registry;
  /** Pass to `createDesk(options, { observer })`. */
  readonly observer: DeskObserver;
  /** What the operator console shows of the same events: recent seconds and queries. */
  readonly recorder: ConsoleRecorder;
  /** Mailbox depth and restarts are read from the agents when scraped, not pushed. */
  watchAgents(status: () => ActorStatus[]): void;
  /** The LLM client's breaker and limit, read when scraped; undefined (offline): no breaker series, zeros. */
  watchLlm(health: () => LlmHealth | undefined): void;
  httpRequest(method: string, route: string, status: number, seconds: number): void;
  error(code: string): void;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(options: { defaultMetrics?: boolean } = {}): EdgeMetrics {
  const registry = new Registry();
  const recorder = createConsoleRecorder();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'swarmdesk_' });
  let agents: () => ActorStatus[] = () => [];
  let llm: () => LlmHealth | undefined = () => undefined;

  const queries = new Counter({
    name: 'swarmdesk_queries_total',
    help: 'Answered queries by department and intent.',
    labelNames: ['department', 'intent', 'escalated'],
    registers: [registry],
  });
  const queryFailures = new Counter({
    name: 'swarmdesk_query_failures_total',
    help: 'Queries that failed, by error code.',
    labelNames: ['code'],
    registers: [registry],
  });
  const queryLatency = new Histogram({
    name: 'swarmdesk_query_duration_seconds',
    help: 'End-to-end query latency by department.',
    labelNames: ['department'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const httpLatency = new Histogram({
    name: 'swarmdesk_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'swarmdesk_errors_total',
    help: 'Errors answered by the edge, by code.',
    labelNames: ['code'],
    registers: [registry],
  });
  const llmCalls = new Counter({
    name: 'swarmdesk_llm_calls_total',
    help: 'LLM calls by agent type and outcome, with the error code of a failed call.',
    labelNames: ['type', 'outcome', 'code'],
    registers: [registry],
  });
  const llmTokens = new Counter({
    name: 'swarmdesk_llm_tokens_total',
    help: 'LLM tokens by agent type and kind (prompt, completion).',
    labelNames: ['type', 'kind'],
    registers: [registry],
  });
  const llmLatency = new Histogram({
    name: 'swarmdesk_llm_call_duration_seconds',
    help: 'LLM call latency by agent type.',
    labelNames: ['type'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  // Labelled by action and outcome only: never arguments, URLs or headers (secrets, customer data).
  const actionCalls = new Counter({
    name: 'swarmdesk_action_calls_total',
    help: "Calls on the desk's actions by action, outcome and error code.",
    labelNames: ['action', 'outcome', 'code'],
    registers: [registry],
  });
  const actionLatency = new Histogram({
    name: 'swarmdesk_action_call_duration_seconds',
    help: 'Action call latency (all attempts) by action.',
    labelNames: ['action'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const learning = new Counter({
    name: 'swarmdesk_learning_total',
    help: 'Feedback corrections, applied or refused.',
    labelNames: ['applied'],
    registers: [registry],
  });
  new Gauge({
    name: 'swarmdesk_agent_mailbox_depth',
    help: 'Messages waiting in each agent mailbox.',
    labelNames: ['agent', 'type'],
    registers: [registry],
    collect() {
      this.reset();
      for (const a of agents()) this.set({ agent: a.id, type: a.type }, a.mailbox.depth);
    },
  });
  new Gauge({
    name: 'swarmdesk_agent_restarts',
    help: 'Restarts of each agent since it was spawned.',
    labelNames: ['agent', 'type'],
    registers: [registry],
    collect() {
      this.reset();
      for (const a of agents()) this.set({ agent: a.id, type: a.type }, a.restarts);
    },
  });
  new Gauge({
    name: 'swarmdesk_agent_up',
    help: '1 when an agent is idle or busy, else 0.',
    labelNames: ['agent', 'type', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const a of agents()) {
        this.set(
          { agent: a.id, type: a.type, state: a.state },
          a.state === 'idle' || a.state === 'busy' ? 1 : 0,
        );
      }
    },
  });

  new Gauge({
    name: 'swarmdesk_llm_breaker_state',
    help: "1 for the LLM breaker's state now (closed, open, half-open), 0 for the others.",
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.reset();
      const health = llm();
      if (!health) return;
      for (const state of ['closed', 'open', 'half-open'] as const)
        this.set({ state }, health.breaker === state ? 1 : 0);
    },
  });
  const llmGauge = (name: string, help: string, read: (health: LlmHealth) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        const health = llm();
        if (health) this.set(read(health));
      },
    });
  llmGauge('swarmdesk_llm_in_flight', 'LLM calls at the server now.', (health) => health.inFlight);
  llmGauge('swarmdesk_llm_queued', 'LLM calls waiting for a slot.', (health) => health.queued);
  llmGauge(
    'swarmdesk_llm_concurrency_limit',
    'LLM calls let in at once now: the configured cap, less while the server says it is overloaded.',
    (health) => health.limit,
  );

  // Observer hooks must never throw into the desk: prom-client only throws on label mistakes, which
  // these fixed label sets cannot make, but a guard costs nothing.
  const guard =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      try {
        fn(...args);
      } catch {
        /* a metric must never fail a query */
      }
    };

  const observer: DeskObserver = {
    queryCompleted: guard((result) => {
      queries.inc({
        department: result.department,
        intent: result.intent,
        escalated: String(result.escalated),
      });
      queryLatency.observe({ department: result.department }, result.timings.totalMs / 1000);
      recorder.observer.queryCompleted(result);
    }),
    queryFailed: guard((code) => {
      queryFailures.inc({ code });
      recorder.observer.queryFailed(code);
    }),
    llmCall: guard((record) => {
      recorder.observer.llmCall(record);
      // By type, not id: pools that scale mint new ids, and every label value is a series kept forever.
      const type = record.agentType;
      llmCalls.inc({ type, outcome: record.outcome, code: record.errorCode ?? '' });
      llmTokens.inc({ type, kind: 'prompt' }, record.promptTokens);
      llmTokens.inc({ type, kind: 'completion' }, record.completionTokens);
      llmLatency.observe({ type }, record.latencyMs / 1000);
    }),
    actionCall: guard((record) => {
      actionCalls.inc({ action: record.action, outcome: record.outcome, code: record.code ?? '' });
      actionLatency.observe({ action: record.action }, record.latencyMs / 1000);
    }),
    learning: guard((outcome) => learning.inc({ applied: String(outcome.applied) })),
  };

  return {
    registry,
    observer,
    recorder,
    watchAgents(status) {
      agents = status;
    },
    watchLlm(health) {
      llm = health;
    },
    httpRequest(method, route, status, seconds) {
      httpLatency.observe({ method, route, status: String(status) }, seconds);
    },
    error(code) {
      errors.inc({ code });
    },
  };
}
