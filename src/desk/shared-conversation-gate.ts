import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DoubleTextPolicy } from '../domain/vocabulary.js';
import type { ConversationLeases, JoinedPoll, JoinedReply, JoinedText, Lease } from '../leases/index.js';
import { isRedisConnectionError } from '../redis/index.js';
import { rebuildError, serializeError } from '../runtime/index.js';
import {
  ConversationGate,
  type DoubleTextGate,
  type GatedMessage,
  type MessageFence,
} from './conversation-gate.js';
import { ConversationBusyError, QueryNotFoundError } from './errors.js';

export interface SharedGateOptions<T> {
  policy: DoubleTextPolicy;
  leases: ConversationLeases;
  /** How often a held lease is extended: well within the lease's time. */
  renewMs: number;
  /** How often a message waiting for the lease (`enqueue`) or for its holder's answer (`merge`) looks. */
  pollMs: number;
  /**
   * How long a queued text's sender (`merge`) keeps looking through a Redis outage: its text may still
   * be answered, so failing at once would invite a retry that asks it twice.
   */
  outageMs: number;
  /** The answer another process gave to a text of ours that it merged (read from the shared store). */
  resultOf(queryId: string): Promise<T | undefined>;
  queryIdOf(result: T): string;
}

/** A `merge` text of this process, until answered here or by the process holding the lease. */
interface Waiter<T, E> {
  caller: E;
  resolve(value: T): void;
  reject(error: unknown): void;
  /** A holder in this process took the text, so its answer comes from there and polling stops. */
  taken: boolean;
}

/**
 * Double texting across processes sharing one store, through per-conversation leases. `enqueue`: the
 * messages of a conversation in this process wait in line (ConversationGate), and the head of the line
 * waits for the lease. `reject`: a message refused here or when another process holds the lease.
 * `merge`: a text that finds the lease held is queued for the holder, wherever it runs, which answers
 * the texts queued during each answer as one next message before it lets go; the sender polls for the
 * reply. A holder that dies stops renewing: after the lease's time the next message (or a queued
 * text's sender) takes the conversation over.
 */
export class SharedConversationGate<T, E> implements DoubleTextGate<T, E> {
  readonly #o: SharedGateOptions<T>;
  readonly #line: ConversationGate<T, E>;
  readonly #waiters = new Map<string, Waiter<T, E>>();
  readonly #holding = new Set<Promise<void>>();

  constructor(options: SharedGateOptions<T>) {
    this.#o = options;
    this.#line = new ConversationGate(options.policy);
  }

  submit(
    conversationId: string,
    text: string,
    caller: E,
    work: (message: GatedMessage<E>) => Promise<T>,
  ): Promise<T> {
    if (this.#o.policy === 'merge') return this.#merge(conversationId, text, caller, work);
    return this.#line.submit(conversationId, text, caller, (message) =>
      this.#exclusive(conversationId, message, work),
    );
  }

  async idle(): Promise<void> {
    await this.#line.idle();
    while (this.#holding.size > 0 || this.#waiters.size > 0) {
      await Promise.allSettled([...this.#holding]);
      if (this.#waiters.size > 0) await sleep(this.#o.pollMs);
    }
  }

  async #exclusive(
    conversationId: string,
    message: GatedMessage<E>,
    work: (message: GatedMessage<E>) => Promise<T>,
  ): Promise<T> {
    const lease =
      this.#o.policy === 'reject'
        ? await this.#o.leases.tryAcquire(conversationId)
        : await this.#waitForLease(conversationId);
    if (!lease) throw new ConversationBusyError(conversationId);
    return this.#whileHeld(lease, async () => {
      try {
        return await work({ ...message, fence: this.#fence(lease) });
      } finally {
        // A release that fails (Redis away) is not the caller's problem: the lease lapses on its own.
        await this.#o.leases.release(lease).catch(() => undefined);
      }
    });
  }

  async #waitForLease(conversationId: string): Promise<Lease> {
    for (;;) {
      const lease = await this.#o.leases.tryAcquire(conversationId);
      if (lease) return lease;
      await sleep(this.#o.pollMs);
    }
  }

  #merge(
    conversationId: string,
    text: string,
    caller: E,
    work: (message: GatedMessage<E>) => Promise<T>,
  ): Promise<T> {
    const own: JoinedText = { entryId: randomUUID(), text };
    const answered = new Promise<T>((resolve, reject) => {
      this.#waiters.set(own.entryId, { caller, resolve, reject, taken: false });
    });
    this.#joinOrHold(conversationId, own, work).catch((error: unknown) =>
      this.#settle(own.entryId, { error }),
    );
    return answered;
  }

  async #joinOrHold(
    conversationId: string,
    own: JoinedText,
    work: (message: GatedMessage<E>) => Promise<T>,
  ): Promise<void> {
    const lease = await this.#o.leases.acquireOrJoin(conversationId, own);
    if (lease) return this.#hold(lease, [own], work);
    let unreachableSince: number | undefined;
    for (;;) {
      await sleep(this.#o.pollMs);
      const waiter = this.#waiters.get(own.entryId);
      if (!waiter || waiter.taken) return;
      let polled: JoinedPoll;
      try {
        polled = await this.#o.leases.pollJoined(conversationId, own.entryId);
        unreachableSince = undefined;
      } catch (error) {
        unreachableSince ??= Date.now();
        if (!isRedisConnectionError(error) || Date.now() - unreachableSince > this.#o.outageMs) throw error;
        continue;
      }
      if (polled === undefined) continue;
      if ('reply' in polled) return this.#settleFromReply(own.entryId, polled.reply);
      // The holder went away: whatever it had not drained is ours now, and so is our text if it had.
      const queued = (await this.#o.leases.drain(polled.lease)) ?? [];
      const batch = queued.some((entry) => entry.entryId === own.entryId) ? queued : [own, ...queued];
      return this.#hold(polled.lease, batch, work);
    }
  }

  /** Answers `first`, then each group of texts queued meanwhile, until none is left and the lease is let go. */
  #hold(lease: Lease, first: JoinedText[], work: (message: GatedMessage<E>) => Promise<T>): Promise<void> {
    const holding = this.#whileHeld(lease, async () => {
      let batch = first;
      for (;;) {
        if (batch.length > 0) await this.#answer(lease, batch, work);
        const queued = await this.#o.leases.drain(lease);
        // Lost: a newer holder (or a sender taking over) answers what is queued.
        if (queued === undefined) return;
        batch = queued;
        if (batch.length === 0 && (await this.#o.leases.release(lease)) !== 'joined') return;
      }
    });
    const tracked = holding.catch(() => undefined);
    this.#holding.add(tracked);
    void tracked.then(() => this.#holding.delete(tracked));
    return holding;
  }

  async #answer(
    lease: Lease,
    batch: JoinedText[],
    work: (message: GatedMessage<E>) => Promise<T>,
  ): Promise<void> {
    const local: Waiter<T, E>[] = [];
    const remote: string[] = [];
    for (const entry of batch) {
      const waiter = this.#waiters.get(entry.entryId);
      if (waiter) {
        waiter.taken = true;
        local.push(waiter);
      } else remote.push(entry.entryId);
    }
    let reply: JoinedReply;
    try {
      const result = await work({
        text: batch.map((entry) => entry.text).join('\n'),
        callers: local.map((waiter) => waiter.caller),
        fence: this.#fence(lease),
      });
      for (const entry of batch) this.#settle(entry.entryId, { result });
      reply = { queryId: this.#o.queryIdOf(result) };
    } catch (error) {
      for (const entry of batch) this.#settle(entry.entryId, { error });
      reply = { error: serializeError(error) };
    }
    // A reply that cannot be written leaves its senders polling: they take the lease over once this
    // holder lets go, and answer their texts themselves.
    await this.#o.leases.reply(remote, reply).catch(() => undefined);
  }

  async #settleFromReply(entryId: string, reply: JoinedReply): Promise<void> {
    if ('error' in reply) return this.#settle(entryId, { error: rebuildError(reply.error) });
    const result = await this.#o.resultOf(reply.queryId);
    this.#settle(
      entryId,
      result === undefined ? { error: new QueryNotFoundError(reply.queryId) } : { result },
    );
  }

  #settle(entryId: string, outcome: { result: T } | { error: unknown }): void {
    const waiter = this.#waiters.get(entryId);
    if (!waiter) return;
    this.#waiters.delete(entryId);
    if ('result' in outcome) waiter.resolve(outcome.result);
    else waiter.reject(outcome.error);
  }

  /** Runs `task` while renewing the lease; a renewal that fails to reach Redis is tried again next time. */
  async #whileHeld<R>(lease: Lease, task: () => Promise<R>): Promise<R> {
    const renewal = setInterval(() => {
      this.#o.leases.renew(lease).catch(() => undefined);
    }, this.#o.renewMs);
    renewal.unref();
    try {
      return await task();
    } finally {
      clearInterval(renewal);
    }
  }

  #fence(lease: Lease): MessageFence {
    return {
      value: lease.fence,
      check: async () => {
        if (!(await this.#o.leases.isCurrent(lease)))
          throw new ConversationBusyError(lease.conversationId, 'fenced');
      },
    };
  }
}
