import { LlmAbortedError, LlmOverloadedError } from '../errors/index.js';

interface Waiter {
  grant: () => void;
  reject: (error: Error) => void;
}

/**
 * At most `concurrency` holders at once; later callers wait in FIFO order, at most `maxQueue` of
 * them, and beyond that are refused at once so callers fall back instead of piling up.
 */
export class ConcurrencyLimiter {
  readonly #concurrency: number;
  readonly #maxQueue: number;
  readonly #queue: Waiter[] = [];
  #inFlight = 0;

  constructor(concurrency: number, maxQueue: number) {
    this.#concurrency = concurrency;
    this.#maxQueue = maxQueue;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get queued(): number {
    return this.#queue.length;
  }

  /** Resolves with the function that gives the slot back; call it exactly once. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new LlmAbortedError());
    if (this.#inFlight < this.#concurrency) {
      this.#inFlight += 1;
      return Promise.resolve(this.#releaser());
    }
    if (this.#queue.length >= this.#maxQueue) {
      return Promise.reject(new LlmOverloadedError(this.#concurrency, this.#maxQueue));
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

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      // The slot passes straight to the next waiter, so `inFlight` never dips and lets a newcomer jump the queue.
      if (next) next.grant();
      else this.#inFlight -= 1;
    };
  }
}
