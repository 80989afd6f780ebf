/**
 * Collects the messages posted during one turn of the event loop and sends them as one array: a
 * postMessage costs about as much for one small message as for a hundred, so batching is most of the
 * throughput. The flush waits for `setImmediate`, not a microtask: a port delivers each incoming message
 * as its own callback with a microtask checkpoint after it, so a microtask flush sent about one batch
 * per incoming message (3 posts per query on the main thread under load), the check phase sends one
 * for everything the poll phase received (0.2 per query).
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
      setImmediate(() => this.flush());
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
