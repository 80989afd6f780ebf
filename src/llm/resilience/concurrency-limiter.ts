import { LlmAbortedError, LlmOverloadedError } from '../errors/index.js';

interface Waiter {
  grant: () => void;
  reject: (error: Error) => void;
}

/**
 * At most `limit` holders at once; later callers wait in FIFO order, at most `maxQueue` of them, and
 * beyond that are refused at once so callers fall back instead of piling up.
 *
 * The limit adapts, as TCP's congestion window does, between one and the configured `concurrency`:
 * halved when the server says it is overloaded (429, 503), one more slot per success up to the last
 * halving (doubling per round trip), one more per `limit` successes beyond it. A server that takes
 * fewer calls than configured then gets about what it takes, instead of refusing the rest on every
 * round until the breaker opens.
 */
export class ConcurrencyLimiter {
  readonly #concurrency: number;
  readonly #maxQueue: number;
  readonly #queue: Waiter[] = [];
  #inFlight = 0;
  #limit: number;
  #threshold: number;
  #generation = 0;

  constructor(concurrency: number, maxQueue: number) {
    this.#concurrency = concurrency;
    this.#maxQueue = maxQueue;
    this.#limit = concurrency;
    this.#threshold = concurrency;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get queued(): number {
    return this.#queue.length;
  }

  /** How many holders are let in now. */
  get limit(): number {
    return Math.floor(this.#limit);
  }

  /**
   * Changes at every cut. A caller reads it when granted and passes it to `overloaded`: the refusals
   * of calls sent before a cut were caused by the old limit and must not cut again.
   */
  get generation(): number {
    return this.#generation;
  }

  /** Resolves with the function that gives the slot back; call it exactly once. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new LlmAbortedError());
    if (this.#inFlight < this.limit && this.#queue.length === 0) {
      this.#inFlight += 1;
      return Promise.resolve(this.#releaser());
    }
    if (this.#queue.length >= this.#maxQueue) {
      return Promise.reject(new LlmOverloadedError(this.limit, this.#maxQueue));
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#queue.indexOf(waiter);
        if (index >= 0) this.#queue.splice(index, 1);
        reject(new LlmAbortedError());
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.#releaser());
        },
        reject,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  /** A call succeeded: the server may take more. */
  succeeded(): void {
    if (this.#limit >= this.#concurrency) return;
    const step = this.#limit < this.#threshold ? 1 : 1 / this.#limit;
    this.#limit = Math.min(this.#concurrency, this.#limit + step);
    this.#grantWaiting();
  }

  /** The server refused a call granted in `generation` as overloaded. */
  overloaded(generation: number): void {
    if (generation !== this.#generation) return;
    this.#generation += 1;
    this.#limit = Math.max(1, Math.floor(this.#limit / 2));
    this.#threshold = this.#limit;
  }

  /**
   * The server was down: start again from one call, doubling per round trip up to the configured
   * cap, so a server that comes back is not met by every waiting call at once.
   */
  restart(): void {
    this.#generation += 1;
    this.#limit = 1;
    this.#threshold = this.#concurrency;
  }

  #grantWaiting(): void {
    while (this.#inFlight < this.limit) {
      const next = this.#queue.shift();
      if (!next) return;
      this.#inFlight += 1;
      next.grant();
    }
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next waiter, so `inFlight` never dips and lets a newcomer jump
      // the queue; above a limit that was cut, it is given up instead.
      const next = this.#inFlight <= this.limit ? this.#queue.shift() : undefined;
      if (next) next.grant();
      else this.#inFlight -= 1;
    };
  }
}
