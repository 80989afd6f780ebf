/**
 * Which of a fixed list of phrases occur in a text, found in one pass over it (Aho–Corasick): the
 * same answer as calling `text.includes(phrase)` for each phrase, at the cost of reading the text
 * once instead of once per phrase. Phrases match on UTF-16 code units, as `includes` does.
 */
export class PhraseMatcher {
  /** Per state, its transitions by code unit; state 0 is the root. */
  readonly #next: Map<number, number>[] = [new Map()];
  /** Per state, the longest proper suffix of its path that is also a state. */
  readonly #fail: number[] = [0];
  /** Per state, the phrases that end there, its suffixes' included. */
  readonly #ends: number[][] = [[]];
  /** Per phrase, the last `found` call that reported it, so each is reported once per text. */
  readonly #reportedIn: Uint32Array;
  #call = 0;
  readonly #empty: number[] = [];

  constructor(phrases: readonly string[]) {
    this.#reportedIn = new Uint32Array(phrases.length);
    phrases.forEach((phrase, index) => {
      // `includes('')` is true for every text.
      if (phrase.length === 0) this.#empty.push(index);
      else (this.#ends[this.#insert(phrase)] as number[]).push(index);
    });
    this.#link();
  }

  /** Indices of the phrases found in `text`, each once, in no particular order. */
  found(text: string): number[] {
    const call = this.#nextCall();
    const found = [...this.#empty];
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      let to = (this.#next[state] as Map<number, number>).get(unit);
      while (to === undefined && state !== 0) {
        state = this.#fail[state] as number;
        to = (this.#next[state] as Map<number, number>).get(unit);
      }
      state = to ?? 0;
      for (const phrase of this.#ends[state] as number[]) {
        if (this.#reportedIn[phrase] === call) continue;
        this.#reportedIn[phrase] = call;
        found.push(phrase);
      }
    }
    return found;
  }

  #nextCall(): number {
    // Stamps wrap after 2^32 - 1 calls; starting the stamps over keeps an old one from reading as this call.
    if (this.#call === 0xffff_ffff) {
      this.#reportedIn.fill(0);
      this.#call = 0;
    }
    return ++this.#call;
  }

  #insert(phrase: string): number {
    let state = 0;
    for (let i = 0; i < phrase.length; i++) {
      const unit = phrase.charCodeAt(i);
      const transitions = this.#next[state] as Map<number, number>;
      let to = transitions.get(unit);
      if (to === undefined) {
        to = this.#next.length;
        this.#next.push(new Map());
        this.#fail.push(0);
        this.#ends.push([]);
        transitions.set(unit, to);
      }
      state = to;
    }
    return state;
  }

  /** Breadth first, so a state's suffix link is known before its children's are set from it. */
  #link(): void {
    const queue: number[] = [...(this.#next[0] as Map<number, number>).values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      for (const [unit, child] of this.#next[state] as Map<number, number>) {
        let fallback = this.#fail[state] as number;
        while (fallback !== 0 && !(this.#next[fallback] as Map<number, number>).has(unit))
          fallback = this.#fail[fallback] as number;
        const suffix = (this.#next[fallback] as Map<number, number>).get(unit);
        const link = suffix !== undefined && suffix !== child ? suffix : 0;
        this.#fail[child] = link;
        (this.#ends[child] as number[]).push(...(this.#ends[link] as number[]));
        queue.push(child);
      }
    }
  }
}
