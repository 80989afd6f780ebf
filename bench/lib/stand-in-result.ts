// The result a stand-in desk answers every query with: the shape and size of a real one (the demo
// desk's double-charge article, as the swarm would answer it). The edge-alone server and the
// same-request floor both send it, so the two differ only in what runs around it.
import { randomUUID } from 'node:crypto';
import { DEMO_DESK_DIR, openDesk, type DeskDefinition } from '../../src/desk/index.js';
import type { QueryInput, QueryResult } from '../../src/domain/query.js';
import { loadKnowledgeBase } from '../../src/knowledge/index.js';

export function standInAnswer(demo: DeskDefinition = openDesk(DEMO_DESK_DIR).desk): string {
  const article = loadKnowledgeBase(demo.knowledgeDirs).search('charged twice for one payment', {
    language: 'en',
    limit: 1,
  })[0]?.article;
  if (!article) throw new Error('the shipped knowledge base has no article on double charges');
  return `Hello,\n\nHere is what helps with this (${article.title}):\n\n${article.body}\n\nIf this does not help, just reply.`;
}

export function standInResult(
  query: Pick<QueryInput, 'customerId' | 'message' | 'conversationId'>,
  answer: string,
): QueryResult {
  const part = { text: query.message, intent: 'double_charge', department: 'billing' as const };
  return {
    queryId: randomUUID(),
    conversationId: query.conversationId ?? randomUUID(),
    customerId: query.customerId,
    language: 'en',
    intent: part.intent,
    department: part.department,
    departments: [part.department],
    confidence: 0.99,
    priority: 'medium',
    escalated: false,
    ticketId: null,
    assignedAgent: 'billing-1',
    handoffs: [],
    parts: [{ ...part, confidence: 0.99, agent: 'billing-1', response: answer }],
    response: answer,
    suggestions: [],
    createdAt: new Date().toISOString(),
    timings: { totalMs: 0, routingMs: 0, answerMs: 0, queuedMs: 0, llmMs: 0 },
    usage: { llmCalls: 0, promptTokens: 0, completionTokens: 0 },
  };
}
