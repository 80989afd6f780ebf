import { z } from 'zod';
import type { LanguageGuess } from './classifier.js';
import type { ExampleLanguage } from './dataset.js';
import { MemoCache } from '../runtime/index.js';
import { decodeFloat32, encodeFloat32 } from './encoding.js';
import { foldText } from './normalize.js';

/**
 * Language of short messages: a character n-gram naive Bayes over folded text (so "nefunguje mi
 * prihlaseni" still reads as Czech), learned from the same labelled examples as the intents, plus
 * the diacritics the text does carry: Czech-only letters settle it, foreign letters mean `other`.
 */
export const LanguageModelJson = z.object({
  languages: z.array(z.enum(['cs', 'en'])).length(2),
  grams: z.array(z.string()),
  /** base64 Float32, `logProb[gram * 2 + language]`. */
  logProb: z.string(),
  unseen: z.array(z.number()).length(2),
  /** Below this mean log-probability per n-gram neither language fits: `other`. */
  otherBelow: z.number(),
});
export type LanguageModelJson = z.infer<typeof LanguageModelJson>;

const LANGUAGES: readonly ExampleLanguage[] = ['cs', 'en'];
const GRAM_MIN = 1;
const GRAM_MAX = 3;
const CZECH_ONLY = /[ěščřžůťďň]/iu;
const CZECH_LETTERS = /^[a-záéíóúůýčďěňřšťž]$/iu;
const LETTER = /\p{L}/gu;
const LATIN_LETTER = /\p{Script=Latin}/u;
/** How sure the words must be of English, over how many n-grams, to outweigh a Czech letter. */
const ENGLISH_OVER_CZECH_LETTERS = { pCs: 0.02, minGrams: 60 };
/** Words whose n-gram scores are kept: messages differ, their words mostly recur. */
const WORD_MEMO_ENTRIES = 20_000;
// Percentile of training messages below which the per-n-gram fit counts as neither language.
const OTHER_PERCENTILE = 0.01;

function words(text: string): string[] {
  return foldText(text).match(/\p{L}+/gu) ?? [];
}

function wordGrams(word: string): string[] {
  const out: string[] = [];
  const padded = ` ${word} `;
  for (let n = GRAM_MIN; n <= GRAM_MAX; n++) {
    for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  }
  return out;
}

/** One word's n-grams scored: log-likelihood under each language and how many n-grams it has. */
type WordScore = readonly [cs: number, en: number, grams: number];

export class LanguageModel {
  readonly #index: Map<string, number>;
  readonly #logProb: Float32Array;
  readonly #json: LanguageModelJson;
  readonly #words = new MemoCache<WordScore>(WORD_MEMO_ENTRIES);

  constructor(json: LanguageModelJson) {
    this.#json = json;
    this.#index = new Map(json.grams.map((gram, i) => [gram, i]));
    this.#logProb = decodeFloat32(json.logProb);
  }

  static train(examples: ReadonlyArray<{ text: string; language: ExampleLanguage }>): LanguageModel {
    const counts = new Map<string, [number, number]>();
    const totals = [0, 0];
    for (const example of examples) {
      const l = LANGUAGES.indexOf(example.language);
      for (const gram of words(example.text).flatMap(wordGrams)) {
        const pair = counts.get(gram) ?? [0, 0];
        pair[l] = (pair[l] as number) + 1;
        counts.set(gram, pair);
        totals[l] = (totals[l] as number) + 1;
      }
    }
    const gramList = [...counts.keys()].sort();
    const vocabulary = gramList.length + 1;
    const logProb = new Float32Array(gramList.length * 2);
    gramList.forEach((gram, g) => {
      const pair = counts.get(gram) ?? [0, 0];
      for (let l = 0; l < 2; l++) {
        logProb[g * 2 + l] = Math.log(((pair[l] as number) + 1) / ((totals[l] as number) + vocabulary));
      }
    });
    const unseen = totals.map((total) => Math.log(1 / (total + vocabulary)));
    const draft = new LanguageModel({
      languages: [...LANGUAGES],
      grams: gramList,
      logProb: encodeFloat32(logProb),
      unseen,
      otherBelow: -Infinity,
    });
    const fits = examples.map((example) => draft.#score(example.text).fit).sort((a, b) => a - b);
    const otherBelow = fits[Math.floor(fits.length * OTHER_PERCENTILE)] ?? -Infinity;
    return new LanguageModel({ ...draft.#json, otherBelow });
  }

  #score(text: string): { logLikelihood: [number, number]; fit: number; n: number } {
    const logLikelihood: [number, number] = [0, 0];
    let count = 0;
    for (const word of words(text)) {
      const [cs, en, grams] = this.#words.get(word, () => this.#scoreWord(word));
      logLikelihood[0] += cs;
      logLikelihood[1] += en;
      count += grams;
    }
    const n = Math.max(1, count);
    return { logLikelihood, fit: Math.max(...logLikelihood) / n, n };
  }

  #scoreWord(word: string): WordScore {
    const [unseenCs, unseenEn] = this.#json.unseen as [number, number];
    let cs = 0;
    let en = 0;
    const all = wordGrams(word);
    for (const gram of all) {
      const g = this.#index.get(gram);
      cs += g === undefined ? unseenCs : (this.#logProb[g * 2] as number);
      en += g === undefined ? unseenEn : (this.#logProb[g * 2 + 1] as number);
    }
    return [cs, en, all.length];
  }

  guess(text: string): LanguageGuess {
    const letters = text.match(LETTER) ?? [];
    if (letters.length === 0 || !letters.some((ch) => LATIN_LETTER.test(ch)))
      return { language: 'other', confidence: 1 };
    // ASCII letters carry no diacritics: only the others need the (costly) normalisation to tell.
    const foreign = letters.filter(
      (ch) => ch > '\x7f' && ch.normalize('NFD') !== ch && !CZECH_LETTERS.test(ch),
    );
    if (foreign.length > 0) return { language: 'other', confidence: 0.9 };
    const czechLetters = CZECH_ONLY.test(text);
    const { logLikelihood, fit, n } = this.#score(text);
    // Naive Bayes multiplies dependent n-gram evidence; dividing by sqrt(n) keeps it from being certain.
    const margin = (logLikelihood[0] - logLikelihood[1]) / Math.sqrt(n);
    const pCs = 1 / (1 + Math.exp(-margin * 4));
    if (czechLetters) {
      // A Czech letter settles it, unless several words are plainly English around a Czech name or a
      // price in Kč ("I'm Tomáš Dvořák and I was charged 499 Kč twice"): the n-grams see no diacritics.
      const englishDespiteLetters =
        n >= ENGLISH_OVER_CZECH_LETTERS.minGrams && pCs < ENGLISH_OVER_CZECH_LETTERS.pCs;
      if (!englishDespiteLetters) return { language: 'cs', confidence: 0.99 };
    }
    if (fit < this.#json.otherBelow) return { language: 'other', confidence: 0.6 };
    return pCs >= 0.5 ? { language: 'cs', confidence: pCs } : { language: 'en', confidence: 1 - pCs };
  }

  toJSON(): LanguageModelJson {
    return this.#json;
  }
}
