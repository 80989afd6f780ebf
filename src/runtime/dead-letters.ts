import type { SerializedError } from './errors.js';
import type { DeadLetter } from './system-types.js';

/** The last `limit` undeliverable messages, plus a count of all of them since start. */
export class DeadLetterLog {
  #letters: DeadLetter[] = [];
  #count = 0;

  constructor(
    private readonly limit: number,
    private readonly onLetter: (letter: DeadLetter) => void,
  ) {}

  add(at: number, target: string, message: unknown, reason: SerializedError): DeadLetter {
    const letter: DeadLetter = { at, target, message, reason };
    this.#letters.push(letter);
    if (this.#letters.length > this.limit) this.#letters.splice(0, this.#letters.length - this.limit);
    this.#count++;
    this.onLetter(letter);
    return letter;
  }

  /** Most recent last. */
  list(limit?: number): DeadLetter[] {
    return limit === undefined ? [...this.#letters] : this.#letters.slice(-limit);
  }

  count(): number {
    return this.#count;
  }
}
