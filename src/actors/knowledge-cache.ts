import { loadKnowledgeBase, type KnowledgeBase, type SearchHit } from '../knowledge/index.js';
import { MemoCache } from '../runtime/index.js';

// One knowledge base per worker thread and set of folders: every specialist on the thread shares it.
const loaded = new Map<string, KnowledgeBase>();

export function knowledgeBaseFor(dirs: readonly string[]): KnowledgeBase {
  const key = dirs.join('\n');
  let knowledge = loaded.get(key);
  if (!knowledge) {
    knowledge = loadKnowledgeBase(dirs);
    loaded.set(key, knowledge);
  }
  return knowledge;
}

const SEARCH_MEMO_ENTRIES = 4096;
// Per thread and knowledge base, like the base itself: one memo per specialist would multiply the bound
// by the instances a thread hosts, for the same searches.
const searches = new WeakMap<KnowledgeBase, MemoCache<SearchHit[]>>();

/** Search results by query on one knowledge base; never mutated by the callers. */
export function searchMemoFor(knowledge: KnowledgeBase): MemoCache<SearchHit[]> {
  let memo = searches.get(knowledge);
  if (!memo) {
    memo = new MemoCache(SEARCH_MEMO_ENTRIES);
    searches.set(knowledge, memo);
  }
  return memo;
}
