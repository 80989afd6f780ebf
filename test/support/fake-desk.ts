import type { Desk, Readiness, SubmitOptions } from '../../src/desk/index.js';
import type { Conversation } from '../../src/domain/conversation.js';
import type { Customer } from '../../src/domain/customer.js';
import type { Feedback, FeedbackOutcome, QueryInput, QueryResult } from '../../src/domain/query.js';
import type { Ticket, TicketUpdate } from '../../src/domain/ticket.js';
import type { LlmHealth } from '../../src/llm/index.js';
import { applyUpdate } from '../../src/tickets/apply-update.js';
import type { TicketListOptions } from '../../src/tickets/index.js';
import {
  ActorNotFoundError,
  SwarmError,
  type ActorStatus,
  type SystemEvent,
} from '../../src/runtime/index.js';
import { sampleResult } from '../blackboard/conformance.js';
import { demoProfile } from './demo-desk.js';

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const AGENTS: ActorStatus[] = [
  {
    id: 'router-1',
    type: 'router',
    state: 'idle',
    mailbox: { depth: 0, capacity: 1024 },
    processed: 3,
    failed: 0,
    restarts: 0,
    lastError: null,
    thread: 0,
  },
  {
    id: 'technical-1',
    type: 'technical',
    state: 'busy',
    mailbox: { depth: 2, capacity: 1024 },
    processed: 5,
    failed: 1,
    restarts: 1,
    lastError: { code: 'BEHAVIOUR_FAILED', message: 'boom' },
    thread: 1,
  },
];

const CUSTOMER: Customer = {
  schemaVersion: 1,
  customerId: 'C001',
  name: 'Jana Nováková',
  email: 'jana@example.com',
  phone: '+420 600 000 001',
  subscriptionType: 'Premium',
  lastContact: null,
  issuesHistory: [],
};

/**
 * The edge's own seam: a scripted Desk. Answers every message with `routed`, two `token` events and a
 * result; `failNext` makes the next submit reject; `hold` parks submits until `release`, so tests can
 * have queries in flight without sleeping.
 */
export class FakeDesk implements Desk {
  readonly profile = demoProfile();
  readonly submitted: QueryInput[] = [];
  readonly controls: string[] = [];
  readonly results = new Map<string, QueryResult>();
  /**
   * The handoff queue, returned whole by `listTickets` (filtering is the stores' job, tested there);
   * tests put tickets in directly and read the options the edge passed from `ticketLists`.
   */
  readonly tickets = new Map<string, Ticket>();
  readonly ticketLists: TicketListOptions[] = [];
  closed = false;
  /** Set when a query completes, before close: lets shutdown tests check the order. */
  readonly completionOrder: string[] = [];
  ready: Readiness = { ready: true, checks: { pool: true, blackboard: true, crm: true, tickets: true } };

  #failures: SwarmError[] = [];
  #gate: Deferred | undefined;
  #submitWaiters: { count: number; resolve(): void }[] = [];
  #listeners = new Set<(event: SystemEvent) => void>();
  #seq = 0;

  failNext(error: SwarmError): void {
    this.#failures.push(error);
  }

  hold(): void {
    this.#gate = deferred();
  }

  release(): void {
    this.#gate?.resolve();
    this.#gate = undefined;
  }

  /** Resolves once `count` submits have been received in total. */
  whenSubmitted(count: number): Promise<void> {
    if (this.submitted.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#submitWaiters.push({ count, resolve }));
  }

  emit(event: SystemEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  async submit(input: QueryInput, options?: SubmitOptions): Promise<QueryResult> {
    this.submitted.push(input);
    for (const waiter of this.#submitWaiters.filter((w) => this.submitted.length >= w.count))
      waiter.resolve();
    const failure = this.#failures.shift();
    if (failure) throw failure;
    const queryId = `q-${++this.#seq}`;
    const result: QueryResult = {
      ...sampleResult(queryId),
      conversationId: input.conversationId ?? `conv-${this.#seq}`,
      customerId: input.customerId,
      handoffs: [],
      createdAt: new Date(0).toISOString(),
      timings: { totalMs: 12, routingMs: 2, answerMs: 10, queuedMs: 0, llmMs: 0 },
    };
    const { conversationId, language, intent, department, departments, confidence, priority } = result;
    options?.onEvent?.({
      type: 'routed',
      queryId,
      conversationId,
      language,
      intent,
      department,
      departments,
      confidence,
      priority,
    });
    const gate = this.#gate;
    if (gate) await gate.promise;
    for (const delta of ['Your refund ', 'is on its way.'])
      options?.onEvent?.({ type: 'token', queryId, delta, agent: result.assignedAgent });
    // Like the real desk, report the outcome through onEvent as well; the edge must not repeat it.
    options?.onEvent?.({ type: 'done', queryId, result });
    this.results.set(queryId, result);
    this.completionOrder.push(queryId);
    return result;
  }

  async getQuery(queryId: string): Promise<QueryResult | undefined> {
    return this.results.get(queryId);
  }

  async feedback(queryId: string, feedback: Feedback): Promise<FeedbackOutcome> {
    if (!this.results.has(queryId)) throw new SwarmError('QUERY_NOT_FOUND', `no query ${queryId}`);
    if (feedback.correctIntent === 'no.such.intent') {
      throw new SwarmError('UNKNOWN_INTENT', `unknown intent ${feedback.correctIntent}`, {
        details: { intent: feedback.correctIntent },
      });
    }
    return { queryId, recorded: true, learning: feedback.correctIntent ? 'applied' : 'none' };
  }

  async getConversation(conversationId: string): Promise<Conversation | undefined> {
    const result = [...this.results.values()].find((r) => r.conversationId === conversationId);
    if (!result) return undefined;
    return {
      schemaVersion: 1,
      conversationId,
      customerId: result.customerId,
      createdAt: result.createdAt,
      updatedAt: result.createdAt,
      version: 1,
      state: { attempts: 0, triedAgents: [], escalated: false },
      entries: [],
    };
  }

  async getCustomer(customerId: string): Promise<Customer | undefined> {
    return customerId === CUSTOMER.customerId ? CUSTOMER : undefined;
  }

  async listTickets(options: TicketListOptions = {}): Promise<Ticket[]> {
    this.ticketLists.push(options);
    return [...this.tickets.values()];
  }

  async getTicket(ticketId: string): Promise<Ticket | undefined> {
    return this.tickets.get(ticketId);
  }

  async updateTicket(ticketId: string, update: TicketUpdate): Promise<Ticket | undefined> {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) return undefined;
    const changed = applyUpdate(ticket, update, '2026-01-01T12:00:00.000Z');
    this.tickets.set(ticketId, changed);
    return changed;
  }

  async readiness(): Promise<Readiness> {
    return this.ready;
  }

  /** Set by a test to stand for a desk in LLM mode. */
  llm: LlmHealth | undefined = undefined;

  llmHealth(): LlmHealth | undefined {
    return this.llm;
  }

  readonly agents = {
    status: (): ActorStatus[] => AGENTS.map((a) => ({ ...a })),
    subscribe: (listener: (event: SystemEvent) => void): (() => void) => {
      this.#listeners.add(listener);
      return () => this.#listeners.delete(listener);
    },
    restart: (id: string) => this.#control('restart', id),
    stop: (id: string) => this.#control('stop', id),
    start: (id: string) => this.#control('start', id),
    killThread: async (thread?: number): Promise<number> => {
      this.controls.push(`kill thread ${thread ?? 'busiest'}`);
      return thread ?? 1;
    },
    scale: async (type: string, instances: number): Promise<string[]> => {
      if (!AGENTS.some((a) => a.type === type)) throw new ActorNotFoundError(type);
      this.controls.push(`scale ${type} ${instances}`);
      return Array.from({ length: instances }, (_, i) => `${type}-${i + 1}`);
    },
  };

  async #control(action: string, id: string): Promise<void> {
    if (!AGENTS.some((a) => a.id === id)) throw new ActorNotFoundError(id);
    this.controls.push(`${action} ${id}`);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
