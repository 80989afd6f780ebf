import { loadKnowledgeBase, type KnowledgeBase } from '../knowledge/index.js';

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
