import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Language } from '../domain/vocabulary.js';
import { parseArticleFile } from './article-file.js';
import { KnowledgeInvalidError } from './errors.js';
import type { Article, KnowledgeBase } from './knowledge-base.js';
import { createKnowledgeBase, type KnowledgeBaseOptions } from './search-index.js';

// src/knowledge (tsx) and dist/knowledge (compiled) sit at the same depth under the package root.
export const DEFAULT_KNOWLEDGE_DIR = fileURLToPath(new URL('../../data/knowledge', import.meta.url));

/** Reads `<dir>/<language>/*.md`; folders that are not a supported language are ignored. */
export function readArticles(dir: string = DEFAULT_KNOWLEDGE_DIR): Article[] {
  const articles: Article[] = [];
  const seen = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const language = Language.safeParse(entry.name);
    if (!entry.isDirectory() || !language.success) continue;
    const folder = join(dir, entry.name);
    for (const name of readdirSync(folder)
      .filter((file) => file.endsWith('.md'))
      .sort()) {
      const file = join(folder, name);
      const article = parseArticleFile(readFileSync(file, 'utf8'), file, language.data);
      const key = `${article.language}/${article.id}`;
      const first = seen.get(key);
      if (first) throw new KnowledgeInvalidError(file, 2, `id "${article.id}" is already used by ${first}`);
      seen.set(key, file);
      articles.push(article);
    }
  }
  return articles;
}

/** The shipped articles by default; `dir` (e.g. from SWARM_KNOWLEDGE_DIR) replaces them. */
export function loadKnowledgeBase(dir?: string, options?: KnowledgeBaseOptions): KnowledgeBase {
  return createKnowledgeBase(readArticles(dir), options);
}
