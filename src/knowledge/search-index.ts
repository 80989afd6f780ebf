import MiniSearch, { type SearchOptions as MiniSearchOptions } from 'minisearch';
import { z } from 'zod';
import { Language } from '../domain/vocabulary.js';
import { MemoCache, SwarmError } from '../runtime/index.js';
import type { Article, KnowledgeBase, SearchHit, SearchOptions } from './knowledge-base.js';
import { termProcessor } from './terms.js';

/** Tuning in one place; the values were chosen on the queries in test/knowledge (see the report). */
const SEARCH_DEFAULTS = {
  limit: 3,
  /**
   * Below this score a hit is noise: the agent should say it has no article, not guess. BM25 scores grow
   * with the corpus (through IDF), so the floor is given in units of the IDF of a term found in one
   * article only; on the shipped 30 articles per language, 2.7 is a raw score of about 8, between the
   * weakest real single-term match (about 12) and the strongest unrelated question (about 4.5).
   */
  minScorePerIdf: 2.7,
  /** Hits scoring under this share of the best hit are dropped, so a weak tail does not ride along. */
  relativeCut: 0.25,
  intentBoost: 1.6,
  fieldBoost: { title: 2.5, tags: 2, body: 1 },
  /** Stems this long also match longer indexed terms, absorbing inflection the stemmer misses. */
  prefixMinLength: 5,
  /** Stems this long tolerate one typo. */
  fuzzyMinLength: 6,
} as const;

/**
 * Query terms whose scored articles are kept per knowledge base. Customers' words repeat far more than
 * their messages do: the fuzzy and prefix walks of the index then run once per term, not per message.
 */
const TERM_MEMO_ENTRIES = 20_000;

const FIELDS = ['title', 'tags', 'body'] as const;
type IndexedFields = Record<(typeof FIELDS)[number], string> & { key: string };

/** A processed query term's articles (by key) and their scores, before any department filter. */
type TermHits = ReadonlyArray<readonly [key: string, score: number]>;

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

function keyOf(article: Pick<Article, 'id' | 'language'>): string {
  return `${article.language}/${article.id}`;
}

/** One language's index, and the term processor that indexed it and that queries go through. */
interface LanguageIndex {
  index: MiniSearch<IndexedFields>;
  processTerm: (term: string) => string | null;
}

function createIndex(language: Language): LanguageIndex {
  const processTerm = termProcessor(language);
  return {
    index: new MiniSearch<IndexedFields>({ idField: 'key', fields: [...FIELDS], processTerm }),
    processTerm,
  };
}

function toIndexed(article: Article): IndexedFields {
  return { key: keyOf(article), title: article.title, tags: article.tags.join(' '), body: article.body };
}

export const KnowledgeBaseOptions = z.object({
  minScorePerIdf: z.number().nonnegative().default(SEARCH_DEFAULTS.minScorePerIdf),
});
export type KnowledgeBaseOptions = z.input<typeof KnowledgeBaseOptions>;
type ResolvedOptions = z.output<typeof KnowledgeBaseOptions>;

class MiniSearchKnowledgeBase implements KnowledgeBase {
  readonly #articles: ReadonlyMap<string, Article>;
  readonly #indexes: ReadonlyMap<Language, LanguageIndex>;
  readonly #options: ResolvedOptions;
  readonly #terms = new MemoCache<TermHits>(TERM_MEMO_ENTRIES);

  constructor(
    articles: ReadonlyMap<string, Article>,
    indexes: ReadonlyMap<Language, LanguageIndex>,
    options: ResolvedOptions,
  ) {
    this.#articles = articles;
    this.#indexes = indexes;
    this.#options = options;
  }

  get size(): number {
    return this.#articles.size;
  }

  get(id: string, language?: Language): Article | undefined {
    if (language) return this.#articles.get(keyOf({ id, language }));
    return (
      this.#articles.get(keyOf({ id, language: 'en' })) ?? this.#articles.get(keyOf({ id, language: 'cs' }))
    );
  }

  #minScore(documentCount: number): number {
    // The BM25 IDF of a term that occurs in exactly one of `documentCount` articles.
    const rareTermIdf = Math.log(1 + (documentCount - 0.5) / 1.5);
    return this.#options.minScorePerIdf * rareTermIdf;
  }

  search(text: string, options: SearchOptions): SearchHit[] {
    const found = this.#indexes.get(options.language);
    if (!found) return [];
    const { index, processTerm } = found;
    const { department } = options;
    // MiniSearch's OR query, term by term: a document's score is the sum of its terms' scores, times
    // the number of distinct query terms it matched. Sums are taken in the same order, so the scores
    // are MiniSearch's own to the last bit.
    const scores = new Map<string, { sum: number; terms: Set<string> }>();
    for (const token of tokenize(text)) {
      const term = processTerm(token);
      if (!term) continue;
      for (const [key, score] of this.#termHits(index, term, options)) {
        const known = scores.get(key);
        if (known) {
          known.sum += score;
          known.terms.add(term);
        } else scores.set(key, { sum: score, terms: new Set([term]) });
      }
    }
    const results: SearchHit[] = [];
    for (const [key, { sum, terms }] of scores) {
      const article = this.#articles.get(key);
      if (!article || (department && article.department !== department)) continue;
      results.push({ article, score: sum * terms.size });
    }
    results.sort((a, b) => b.score - a.score);
    const best = results[0]?.score ?? 0;
    const floor = Math.max(this.#minScore(index.documentCount), best * SEARCH_DEFAULTS.relativeCut);
    const hits: SearchHit[] = [];
    for (const result of results) {
      if (result.score < floor) continue;
      hits.push(result);
      if (hits.length >= (options.limit ?? SEARCH_DEFAULTS.limit)) break;
    }
    return hits;
  }

  /** One processed query term's articles with their scores, exact, prefix and fuzzy matches together. */
  #termHits(index: MiniSearch<IndexedFields>, term: string, options: SearchOptions): TermHits {
    const { intent } = options;
    return this.#terms.get(`${options.language}|${intent ?? ''}|${term}`, () => {
      const searchOptions: MiniSearchOptions = {
        boost: { ...SEARCH_DEFAULTS.fieldBoost },
        prefix: (candidate) => candidate.length >= SEARCH_DEFAULTS.prefixMinLength,
        fuzzy: (candidate) => (candidate.length >= SEARCH_DEFAULTS.fuzzyMinLength ? 1 : false),
        // The term is processed already: searched as it is, not split or stemmed again.
        tokenize: (query) => [query],
        processTerm: (query) => query,
        ...(intent
          ? {
              boostDocument: (key: unknown) =>
                this.#articles.get(String(key))?.intents?.includes(intent) ? SEARCH_DEFAULTS.intentBoost : 1,
            }
          : {}),
      };
      return index.search(term, searchOptions).map((result) => [String(result.id), result.score] as const);
    });
  }
}

/** Indexes articles in memory, one index per language so each gets its own stemming and stop words. */
export function createKnowledgeBase(
  articles: readonly Article[],
  options: KnowledgeBaseOptions = {},
): KnowledgeBase {
  const resolved = KnowledgeBaseOptions.parse(options);
  const byKey = new Map<string, Article>();
  const indexes = new Map<Language, LanguageIndex>();
  for (const language of Language.options) indexes.set(language, createIndex(language));
  for (const article of articles) {
    const key = keyOf(article);
    if (byKey.has(key)) {
      throw new SwarmError('KNOWLEDGE_INVALID', `duplicate article ${key}`, { details: { key } });
    }
    byKey.set(key, article);
    indexes.get(article.language)?.index.add(toIndexed(article));
  }
  return new MiniSearchKnowledgeBase(byKey, indexes, resolved);
}
