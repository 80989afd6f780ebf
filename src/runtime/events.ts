import type { ActorLogger } from './behaviour.js';
import type { ActorStatus, Clock, SystemEvent } from './system-types.js';

type Listener<E> = (event: E) => void;

/** Lifecycle events for `subscribe`/`inspect`, and topic events behaviours `emit` for `on`. */
export class EventBus {
  readonly #listeners = new Set<Listener<SystemEvent>>();
  readonly #topics = new Map<string, Set<Listener<unknown>>>();

  constructor(
    private readonly inspect: Listener<SystemEvent> | undefined,
    private readonly logger: ActorLogger,
  ) {}

  /** Whether anyone listens: lets hot paths skip building events nobody reads. */
  get observed(): boolean {
    return this.inspect !== undefined || this.#listeners.size > 0;
  }

  publish(event: SystemEvent): void {
    if (this.inspect) this.#deliver(this.inspect, event, event.type);
    for (const listener of this.#listeners) this.#deliver(listener, event, event.type);
  }

  subscribe(listener: Listener<SystemEvent>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  on(topic: string, listener: Listener<unknown>): () => void {
    let set = this.#topics.get(topic);
    if (!set) {
      set = new Set();
      this.#topics.set(topic, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      // A topic is often one query's: kept empty, every streamed query would leave its entry behind.
      if (set.size === 0 && this.#topics.get(topic) === set) this.#topics.delete(topic);
    };
  }

  /** Topics with a listener: at rest, one per open stream, no more. */
  get topicCount(): number {
    return this.#topics.size;
  }

  emit(topic: string, event: unknown): void {
    const set = this.#topics.get(topic);
    if (!set) return;
    for (const listener of set) this.#deliver(listener, event, topic);
  }

  // A throwing listener is the listener's bug: it must not break the runtime or the other listeners.
  #deliver<E>(listener: Listener<E>, event: E, topic: string): void {
    try {
      listener(event);
    } catch (error) {
      this.logger.error('event listener threw', { topic, error: String(error) });
    }
  }
}

/**
 * Coalesces `actor.status`: a busy actor changes state on every message, but the stream carries at
 * most one event per actor per event-loop turn, and per `intervalMs` of the injected clock.
 */
export class StatusCoalescer {
  readonly #dirty = new Set<string>();
  readonly #lastSent = new Map<string, number>();
  #turnScheduled = false;
  #timer: unknown = undefined;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly bus: EventBus,
    private readonly snapshot: (id: string) => ActorStatus | undefined,
  ) {}

  mark(id: string): void {
    if (!this.bus.observed) return;
    this.#dirty.add(id);
    if (!this.#turnScheduled) {
      this.#turnScheduled = true;
      setImmediate(() => this.#flush());
    }
  }

  close(): void {
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#dirty.clear();
  }

  #flush(): void {
    this.#turnScheduled = false;
    const now = this.clock.now();
    let wait = Infinity;
    for (const id of this.#dirty) {
      const last = this.#lastSent.get(id);
      if (last !== undefined && now - last < this.intervalMs) {
        wait = Math.min(wait, this.intervalMs - (now - last));
        continue;
      }
      this.#dirty.delete(id);
      const status = this.snapshot(id);
      if (!status) {
        this.#lastSent.delete(id);
        continue;
      }
      this.#lastSent.set(id, now);
      this.bus.publish({ type: 'actor.status', at: now, status });
    }
    if (wait !== Infinity && this.#timer === undefined) {
      this.#timer = this.clock.setTimeout(() => {
        this.#timer = undefined;
        this.#flush();
      }, wait);
    }
  }
}
