import type { DoubleTextPolicy } from '../domain/vocabulary.js';
import { ConversationBusyError } from './errors.js';

/** What the gate hands to the work: the text to answer and what each joined caller brought. */
export interface GatedMessage<E> {
  text: string;
  callers: E[];
  /** With a shared gate: the lease this message is answered under. */
  fence?: MessageFence;
}

/** What a holder writes the conversation with (docs/swarm.md, across processes). */
export interface MessageFence {
  /** The lease's fence, for the store to refuse if it has seen a newer one (blackboard WriteOptions). */
  value: number;
  /** Rejects with CONVERSATION_BUSY (fenced) when a newer lease of the conversation has been granted. */
  check(): Promise<void>;
}

/** Double texting as the desk uses it: in this process (ConversationGate) or across processes. */
export interface DoubleTextGate<T, E> {
  submit(
    conversationId: string,
    text: string,
    caller: E,
    work: (message: GatedMessage<E>) => Promise<T>,
  ): Promise<T>;
  /** Resolves when no message is being worked on or waiting. */
  idle(): Promise<void>;
}

/** A message not started yet; under `merge`, later texts join it. */
interface Pending<E> {
  texts: string[];
  callers: E[];
}

interface Lane<T, E> {
  /** Settles when the last accepted message of the conversation has been answered. */
  tail: Promise<unknown>;
  /** Messages accepted and not answered yet (the one being worked on included). */
  inFlight: number;
  /** `merge`: the next message that has not started yet, which later texts join. */
  pending: { batch: Pending<E>; promise: Promise<T> } | undefined;
}

/**
 * Double texting, per conversation, on the main thread. `enqueue`: messages are answered one after
 * another in arrival order. `reject`: a message while another is being worked on is refused with
 * CONVERSATION_BUSY. `merge`: texts arriving while a message is being worked on are joined (newline
 * separated, in arrival order) into the next message, answered once after it; every caller whose text
 * is in that message gets the same result. The message already being worked on is answered on its own.
 */
export class ConversationGate<T, E> implements DoubleTextGate<T, E> {
  readonly #policy: DoubleTextPolicy;
  readonly #lanes = new Map<string, Lane<T, E>>();

  constructor(policy: DoubleTextPolicy) {
    this.#policy = policy;
  }

  /** Conversations with messages accepted and not yet answered. */
  get size(): number {
    return this.#lanes.size;
  }

  async idle(): Promise<void> {
    while (this.#lanes.size > 0) await Promise.allSettled([...this.#lanes.values()].map((lane) => lane.tail));
  }

  /** Runs `work` once the conversation is free; rejects with CONVERSATION_BUSY under `reject`. */
  submit(
    conversationId: string,
    text: string,
    caller: E,
    work: (message: GatedMessage<E>) => Promise<T>,
  ): Promise<T> {
    const lane = this.#lanes.get(conversationId);
    if (!lane) {
      const fresh: Lane<T, E> = { tail: Promise.resolve(), inFlight: 0, pending: undefined };
      this.#lanes.set(conversationId, fresh);
      return this.#start(conversationId, fresh, { texts: [text], callers: [caller] }, work);
    }
    switch (this.#policy) {
      case 'reject':
        return Promise.reject(new ConversationBusyError(conversationId));
      case 'enqueue':
        return this.#start(conversationId, lane, { texts: [text], callers: [caller] }, work);
      case 'merge': {
        if (lane.pending) {
          lane.pending.batch.texts.push(text);
          lane.pending.batch.callers.push(caller);
          return lane.pending.promise;
        }
        const batch = { texts: [text], callers: [caller] };
        const promise = this.#start(conversationId, lane, batch, work);
        lane.pending = { batch, promise };
        return promise;
      }
    }
  }

  #start(
    conversationId: string,
    lane: Lane<T, E>,
    batch: Pending<E>,
    work: (message: GatedMessage<E>) => Promise<T>,
  ): Promise<T> {
    lane.inFlight += 1;
    const promise = lane.tail
      .then(() => {
        // From here on the batch is being worked on: later texts start a new one.
        if (lane.pending?.batch === batch) lane.pending = undefined;
        return work({ text: batch.texts.join('\n'), callers: batch.callers });
      })
      .finally(() => {
        lane.inFlight -= 1;
        if (lane.inFlight === 0 && this.#lanes.get(conversationId) === lane)
          this.#lanes.delete(conversationId);
      });
    lane.tail = promise.catch(() => undefined);
    return promise;
  }
}
