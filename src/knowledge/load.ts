import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language } from '../domain/vocabulary.js';
import { parseArticleFile } from './article-file.js';
import { KnowledgeInvalidError } from './errors.js';
import type { Article, KnowledgeBase } from './knowledge-base.js';
import { createKnowledgeBase, type KnowledgeBaseOptions } from './search-index.js';

/** Reads `<dir>/<language>/*.md`; folders that are not a supported language are ignored. */
function readFolder(dir: string): Article[] {
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

/**
 * The articles of several folders, a desk's own after the ones it extends: an article with the id
 * (and language) of an earlier folder's replaces it, every other one is added.
 */
export function readArticles(dirs: readonly string[]): Article[] {
  const byKey = new Map<string, Article>();
  for (const dir of dirs) {
    for (const article of readFolder(dir)) byKey.set(`${article.language}/${article.id}`, article);
  }
  return [...byKey.values()];
}

export function loadKnowledgeBase(dirs: readonly string[], options?: KnowledgeBaseOptions): KnowledgeBase {
  return createKnowledgeBase(readArticles(dirs), options);
}
