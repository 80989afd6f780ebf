import type { Department, Language } from '../domain/vocabulary.js';

export interface Article {
  id: string;
  department: Department;
  language: Language;
  title: string;
  body: string;
  tags: string[];
}

export interface SearchHit {
  article: Article;
  score: number;
}

/** Full-text retrieval over the articles; pure CPU, so it runs inside the agents' worker threads. */
export interface KnowledgeBase {
  readonly size: number;
  search(text: string, options: { language: Language; department?: Department; limit?: number }): SearchHit[];
  get(id: string): Article | undefined;
}
