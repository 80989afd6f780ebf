import type { Department, Language } from '../domain/vocabulary.js';

export interface Article {
  id: string;
  department: Department;
  language: Language;
  title: string;
  body: string;
  tags: string[];
  /** Router intents the article answers; a search given one of them ranks the article higher. */
  intents?: string[];
}

export interface SearchHit {
  article: Article;
  score: number;
}

export interface SearchOptions {
  language: Language;
  department?: Department;
  /** The router's intent for the question: articles listing it are preferred, others still match. */
  intent?: string;
  limit?: number;
}

/** Full-text retrieval over the articles; pure CPU, so it runs inside the agents' worker threads. */
export interface KnowledgeBase {
  readonly size: number;
  search(text: string, options: SearchOptions): SearchHit[];
  /** Translations share an id; without `language` the English article is preferred. */
  get(id: string, language?: Language): Article | undefined;
}
