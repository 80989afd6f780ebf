import { describe, expect, it } from 'vitest';
import type { RouteOutcome } from '../../src/actors/index.js';
import { shareRepeatedTexts } from '../../src/desk/shared-texts.js';

const question = 'I was charged twice. And my router restarts at night.';
const [billing, router] = ['I was charged twice.', 'And my router restarts at night.'];
const answers = ['The second charge is refunded within 5 days.', 'Unplug the router for 30 seconds.'];

function outcome(): RouteOutcome {
  const part = (text: string, response: string, department: 'billing' | 'technical') => ({
    text,
    intent: `${department}_intent`,
    department,
    confidence: 0.9,
    agent: `${department}-1`,
    response,
  });
  return {
    result: {
      queryId: 'q-1',
      conversationId: 'c-1',
      customerId: 'CUST001',
      language: 'en',
      intent: 'billing_intent',
      department: 'billing',
      departments: ['billing', 'technical'],
      confidence: 0.9,
      priority: 'medium',
      escalated: false,
      ticketId: null,
      assignedAgent: 'billing-1',
      handoffs: [],
      parts: [part(billing, answers[0]!, 'billing'), part(router, answers[1]!, 'technical')],
      response: answers.join('\n\n'),
      suggestions: [],
      createdAt: '2026-12-06T10:00:00.000Z',
      timings: { totalMs: 1, routingMs: 0, answerMs: 1, queuedMs: 0, llmMs: 0 },
      usage: { llmCalls: 0, promptTokens: 0, completionTokens: 0 },
    },
    trail: {
      entries: [
        { kind: 'message', by: 'customer', text: question, queryId: 'q-1' },
        {
          kind: 'intent',
          by: 'router-1',
          intent: 'billing_intent',
          department: 'billing',
          confidence: 0.9,
          text: billing,
        },
        {
          kind: 'intent',
          by: 'router-1',
          intent: 'technical_intent',
          department: 'technical',
          confidence: 0.9,
          text: router,
        },
        { kind: 'fact', by: 'router-1', key: 'note', value: { text: billing } },
        { kind: 'answer', by: 'billing-1', text: answers[0]!, department: 'billing', language: 'en' },
        { kind: 'answer', by: 'technical-1', text: answers[1]!, department: 'technical', language: 'en' },
      ],
      state: { attempts: 1, triedAgents: [], escalated: false },
    },
    problemBack: false,
  };
}

describe('shareRepeatedTexts', () => {
  it('leaves every text of a cloned reply where and what it was', () => {
    const cloned = structuredClone(outcome());
    shareRepeatedTexts(cloned);
    expect(cloned).toEqual(outcome());
  });
});
