import { PRIORITIES, type Priority } from './behaviour.js';
import type { SwarmError } from './errors.js';

export interface ReplyHandle {
  resolve(value: unknown): void;
  reject(error: SwarmError): void;
}

/** One message on its way to an actor, from the sender's call until it is settled. */
export interface Envelope {
  message: unknown;
  priority: Priority;
  /** Times the behaviour crashed on this message; the second crash sends it to dead letters. */
  attempts: number;
  reply: ReplyHandle | undefined;
  /** Releases the pool's key affinity once the message is settled (processed or dead-lettered). */
  release: (() => void) | undefined;
}

const LANE = Object.fromEntries(PRIORITIES.map((priority, index) => [priority, index])) as Record<
  Priority,
  number
>;

/** A FIFO with O(1) shift and unshift: an array read from a moving head, compacted now and then. */
class Lane {
  #items: Envelope[] = [];
  #head = 0;

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(envelope: Envelope): void {
    this.#items.push(envelope);
  }

  unshift(envelope: Envelope): void {
    if (this.#head > 0) this.#items[--this.#head] = envelope;
    else this.#items.unshift(envelope);
  }

  shift(): Envelope | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const envelope = this.#items[this.#head];
    this.#items[this.#head++] = undefined as unknown as Envelope;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return envelope;
  }

  drain(): Envelope[] {
    const items = this.#items.slice(this.#head);
    this.#items = [];
    this.#head = 0;
    return items;
  }
}

/**
 * An actor's queue: one lane per priority, served urgent > high > medium > low, FIFO within a lane.
 * The capacity is enforced by the caller, which also counts the messages already handed to the worker.
 */
export class Mailbox {
  readonly #lanes = PRIORITIES.map(() => new Lane());
  #size = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.#size;
  }

  push(envelope: Envelope): void {
    this.#lanes[LANE[envelope.priority]]?.push(envelope);
    this.#size++;
  }

  shift(): Envelope | undefined {
    if (this.#size === 0) return undefined;
    for (const lane of this.#lanes) {
      const envelope = lane.shift();
      if (envelope) {
        this.#size--;
        return envelope;
      }
    }
    return undefined;
  }

  /** Puts messages back at the front of their lanes, keeping their order (a crash re-queues in-flight work). */
  requeueFront(envelopes: readonly Envelope[]): void {
    for (let i = envelopes.length - 1; i >= 0; i--) {
      const envelope = envelopes[i];
      if (!envelope) continue;
      this.#lanes[LANE[envelope.priority]]?.unshift(envelope);
      this.#size++;
    }
  }

  /** Empties the mailbox, highest priority first. */
  drain(): Envelope[] {
    const all = this.#lanes.flatMap((lane) => lane.drain());
    this.#size = 0;
    return all;
  }
}
