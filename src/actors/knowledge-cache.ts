import { loadKnowledgeBase, type KnowledgeBase } from '../knowledge/index.js';

// One knowledge base per worker thread and directory: every specialist instance on the thread shares it.
const loaded = new Map<string, KnowledgeBase>();

export function knowledgeBaseFor(dir: string | undefined): KnowledgeBase {
  const key = dir ?? '';
  let knowledge = loaded.get(key);
  if (!knowledge) {
    knowledge = loadKnowledgeBase(dir);
    loaded.set(key, knowledge);
  }
  return knowledge;
}
