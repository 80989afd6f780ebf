export { answeringStep } from './answering-step.js';
export { parseArticleFile } from './article-file.js';
export { KnowledgeInvalidError } from './errors.js';
export { type Article, type KnowledgeBase, type SearchHit, type SearchOptions } from './knowledge-base.js';
export { loadKnowledgeBase, readArticles } from './load.js';
export { createKnowledgeBase } from './search-index.js';
export { foldTerm } from './terms.js';
