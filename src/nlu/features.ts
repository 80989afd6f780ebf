import { tokenize } from './normalize.js';

/** How a message becomes a sparse vector; every field is part of the serialized model. */
export interface FeatureOptions {
  /** Character n-gram lengths, taken inside each padded word so they tolerate inflection and typos. */
  charMin: number;
  charMax: number;
  /** Word n-gram length: 1 for unigrams, 2 adds bigrams. */
  wordMax: number;
  /** Each block is L2-normalised on its own, then scaled, so long words do not drown the word block. */
  wordWeight: number;
  charWeight: number;
  /** A feature seen in fewer training messages is dropped (keeps the model small). */
  minDf: number;
  /** Longer words also yield their first `prefix` letters: a crude stemmer for Czech endings; 0 = off. */
  prefix: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  charMin: 2,
  charMax: 5,
  wordMax: 2,
  wordWeight: 1,
  charWeight: 1,
  minDf: 1,
  prefix: 4,
};

export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

const WORD = 'w ';
const CHAR = 'c ';
/** Distinct tokens whose features are remembered; a support vocabulary is a few thousand words. */
const TOKEN_CACHE_ENTRIES = 50_000;

type Block = typeof WORD | typeof CHAR;

type Emit = (block: Block, gram: string) => void;

/**
 * Calls `emit` with every feature of a message (repeats included), block and n-gram apart so the hot
 * path looks n-grams up without building a prefixed string for each.
 */
function forEachFeature(text: string, options: FeatureOptions, emit: Emit): void {
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    forEachWordGram(tokens, i, options, emit);
    forEachTokenFeature(tokens[i] as string, options, emit);
  }
}

/** The word n-grams that start at token `i`. */
function forEachWordGram(tokens: readonly string[], i: number, options: FeatureOptions, emit: Emit): void {
  let gram = '';
  for (let n = 0; n < options.wordMax && i + n < tokens.length; n++) {
    gram = n === 0 ? (tokens[i] as string) : `${gram} ${tokens[i + n] as string}`;
    emit(WORD, gram);
  }
}

/** What one token yields whatever its neighbours: its first letters and its character n-grams. */
function forEachTokenFeature(token: string, options: FeatureOptions, emit: Emit): void {
  if (options.prefix > 0 && token.length > options.prefix) emit(WORD, `${token.slice(0, options.prefix)}~`);
  const padded = ` ${token} `;
  if (padded.length <= options.charMin) {
    emit(CHAR, padded);
    return;
  }
  for (let n = options.charMin; n <= options.charMax; n++) {
    for (let start = 0; start + n <= padded.length; start++) emit(CHAR, padded.slice(start, start + n));
  }
}

/** Feature strings (block prefix + n-gram) of a message with their counts. */
export function rawFeatures(text: string, options: FeatureOptions): Map<string, number> {
  const counts = new Map<string, number>();
  forEachFeature(text, options, (block, gram) => {
    const feature = block + gram;
    counts.set(feature, (counts.get(feature) ?? 0) + 1);
  });
  return counts;
}

/** The learned vocabulary with inverse document frequencies; turns text into a sparse vector. */
export class FeatureSpace {
  readonly options: FeatureOptions;
  readonly vocabulary: readonly string[];
  readonly idf: Float32Array;
  readonly #words: Map<string, number>;
  readonly #chars: Map<string, number>;
  readonly #isChar: Uint8Array;
  #buffer = new Int32Array(1024);
  #found = 0;
  /** Feature indices of each token's own features: words recur across messages, their n-grams too. */
  readonly #tokens = new Map<string, Int32Array>();
  readonly #collect = (block: Block, gram: string): void => {
    const i = (block === CHAR ? this.#chars : this.#words).get(gram);
    if (i === undefined) return;
    if (this.#found === this.#buffer.length) {
      const grown = new Int32Array(this.#buffer.length * 2);
      grown.set(this.#buffer);
      this.#buffer = grown;
    }
    this.#buffer[this.#found++] = i;
  };

  #collectToken(token: string): void {
    const known = this.#tokens.get(token);
    if (known === undefined) {
      const start = this.#found;
      forEachTokenFeature(token, this.options, this.#collect);
      if (this.#tokens.size >= TOKEN_CACHE_ENTRIES)
        this.#tokens.delete(this.#tokens.keys().next().value as string);
      this.#tokens.set(token, this.#buffer.slice(start, this.#found));
      return;
    }
    if (this.#found + known.length > this.#buffer.length) {
      const grown = new Int32Array(Math.max(this.#buffer.length * 2, this.#found + known.length));
      grown.set(this.#buffer);
      this.#buffer = grown;
    }
    this.#buffer.set(known, this.#found);
    this.#found += known.length;
  }

  constructor(options: FeatureOptions, vocabulary: readonly string[], idf: Float32Array) {
    this.options = options;
    this.vocabulary = vocabulary;
    this.idf = idf;
    this.#words = new Map();
    this.#chars = new Map();
    vocabulary.forEach((feature, i) => {
      (feature.startsWith(CHAR) ? this.#chars : this.#words).set(feature.slice(CHAR.length), i);
    });
    this.#isChar = Uint8Array.from(vocabulary, (feature) => (feature.startsWith(CHAR) ? 1 : 0));
  }

  static fit(texts: readonly string[], options: FeatureOptions): FeatureSpace {
    const df = new Map<string, number>();
    for (const text of texts) {
      for (const feature of rawFeatures(text, options).keys()) df.set(feature, (df.get(feature) ?? 0) + 1);
    }
    const vocabulary = [...df.entries()]
      .filter(([, count]) => count >= options.minDf)
      .map(([feature]) => feature)
      .sort();
    const n = texts.length;
    const idf = Float32Array.from(
      vocabulary,
      (feature) => Math.log((1 + n) / (1 + (df.get(feature) ?? 0))) + 1,
    );
    return new FeatureSpace(options, vocabulary, idf);
  }

  get size(): number {
    return this.vocabulary.length;
  }

  /**
   * Whether any word of the text was seen whole in training. Not by its first letters: "asdfgh" shares
   * them with a typed-out "asdfghjkl" among the out-of-scope examples.
   */
  knowsAWord(text: string): boolean {
    return tokenize(text).some((token) => this.#words.has(token));
  }

  vectorize(text: string): SparseVector {
    // Indices into a reused buffer, sorted, then runs counted: no per-message Map of strings and one
    // callback bound once, because this is the hot path of every classification.
    this.#found = 0;
    const tokens = tokenize(text);
    for (let i = 0; i < tokens.length; i++) {
      forEachWordGram(tokens, i, this.options, this.#collect);
      this.#collectToken(tokens[i] as string);
    }
    const found = this.#buffer.subarray(0, this.#found).sort();
    const index: number[] = [];
    const value: number[] = [];
    let wordNorm = 0;
    let charNorm = 0;
    for (let k = 0; k < found.length;) {
      const i = found[k] as number;
      let count = 0;
      while (k < found.length && found[k] === i) {
        count++;
        k++;
      }
      const v = (1 + Math.log(count)) * (this.idf[i] as number);
      index.push(i);
      value.push(v);
      if (this.#isChar[i] === 1) charNorm += v * v;
      else wordNorm += v * v;
    }
    const wordScale = wordNorm > 0 ? this.options.wordWeight / Math.sqrt(wordNorm) : 0;
    const charScale = charNorm > 0 ? this.options.charWeight / Math.sqrt(charNorm) : 0;
    const scaled = new Float32Array(value.length);
    for (let k = 0; k < value.length; k++) {
      scaled[k] = (value[k] as number) * (this.#isChar[index[k] as number] === 1 ? charScale : wordScale);
    }
    return { index: Int32Array.from(index), value: scaled };
  }
}
