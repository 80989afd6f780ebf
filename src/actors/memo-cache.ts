/**
 * A bounded memo for pure functions of customer text: support traffic repeats its questions, and
 * classifying or searching the same words twice gives the same answer. Oldest entries go first.
 */
export class MemoCache<V> {
  readonly #entries = new Map<string, V>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get(key: string, compute: () => V): V {
    const hit = this.#entries.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (this.#entries.size >= this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
    return value;
  }
}
