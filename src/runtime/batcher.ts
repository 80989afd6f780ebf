/**
 * Collects the messages posted during one microtask and sends them as one array: a postMessage costs
 * about as much for one small message as for a hundred, so batching is most of the throughput.
 */
export class Batcher<T> {
  #pending: T[] = [];
  #scheduled = false;
  /** Bumped on every flush: a message pushed in the current generation may still be amended. */
  generation = 0;

  constructor(
    private readonly send: (batch: T[]) => void,
    /** Called for each message that cannot be cloned, once the batch fell back to one post per message. */
    private readonly onUnsendable: (message: T, error: unknown) => void,
  ) {}

  push(message: T): void {
    this.#pending.push(message);
    if (!this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  flush(): void {
    this.#scheduled = false;
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    this.generation++;
    try {
      this.send(batch);
    } catch {
      // One uncloneable value fails the whole array; resend singly so only the culprit is refused.
      for (const message of batch) {
        try {
          this.send([message]);
        } catch (error) {
          this.onUnsendable(message, error);
        }
      }
    }
  }
}
