import { describe, expect, it } from 'vitest';
import { specialistBehaviour, type SpecialistState } from '../../src/actors/specialist.js';
import type { AnswerReply, AnswerRequested } from '../../src/actors/specialist-messages.js';
import type { Customer } from '../../src/domain/customer.js';
import type { SpecialistDepartment } from '../../src/domain/vocabulary.js';
import type { AnswerResult } from '../../src/llm/index.js';
import { fakeContext, type FakeContextOptions } from './support/fake-context.js';
import { demoDesk } from '../support/demo-desk.js';

const emily: Customer = {
  schemaVersion: 1,
  customerId: 'CUST004',
  name: 'Emily Carter',
  email: 'emily@example.com',
  phone: '+44 20 0000 0000',
  subscriptionType: 'Premium',
  lastContact: null,
  issuesHistory: [],
};

function request(overrides: Partial<AnswerRequested>): AnswerRequested {
  const text = overrides.text ?? 'When will I get my invoice for this month?';
  return {
    type: 'support.answer.requested',
    queryId: 'q1',
    conversationId: 'c1',
    customerId: 'C001',
    at: '2026-11-25T12:00:00.000Z',
    text,
    searchText: text,
    intent: 'invoice_request',
    confidence: 0.9,
    department: 'billing',
    language: 'en',
    priority: 'medium',
    hops: 0,
    visited: [],
    pinned: false,
    retry: false,
    avoidArticles: [],
    stream: false,
    customer: emily,
    history: [],
    ...overrides,
  };
}

async function run(
  department: SpecialistDepartment,
  message: AnswerRequested,
  options: FakeContextOptions & { llm?: boolean } = {},
) {
  const fake = fakeContext({
    id: `${department}-1`,
    type: department,
    config: { department, llm: options.llm ?? false, knowledgeDirs: demoDesk().knowledgeDirs },
    ...options,
  });
  const state = (await specialistBehaviour.init(fake.ctx)) as SpecialistState;
  const step = await specialistBehaviour.receive(
    state,
    specialistBehaviour.messages.parse(message),
    fake.ctx,
  );
  return { ...fake, reply: (await step.reply) as AnswerReply };
}

describe('specialist agent', () => {
  it('answers from the knowledge base with the customer’s record, and streams the answer as tokens', async () => {
    const { reply, emitted } = await run('billing', request({ stream: true }));
    expect(reply).toMatchObject({ outcome: 'answered', agent: 'billing-1', articleId: 'invoices' });
    if (reply.outcome !== 'answered') return;
    expect(reply.text).toContain('Hello Emily Carter,');
    expect(reply.text).toContain('Premium');
    const deltas = emitted.map((e) => (e.event as { delta: string }).delta);
    expect(emitted.every((e) => e.topic === 'query:q1')).toBe(true);
    expect(deltas.join('')).toBe(reply.text);
  });

  it('hands a billing question delivered to technical off to billing', async () => {
    const { reply } = await run('technical', request({ department: 'technical' }));
    expect(reply).toMatchObject({ outcome: 'handoff', agent: 'technical-1', to: 'billing' });
  });

  it('hands off by the knowledge base when the router was unsure of its own intent and the words are another department’s', async () => {
    const words = 'I was charged twice for my subscription this month';
    const unsure = request({
      department: 'technical',
      intent: 'app_crash',
      confidence: 0.4,
      text: words,
      searchText: words,
    });
    expect((await run('technical', unsure)).reply).toMatchObject({ outcome: 'handoff', to: 'billing' });
    const sure = { ...unsure, confidence: 0.8 };
    expect((await run('technical', sure)).reply.outcome).not.toBe('handoff');
  });

  it('never hands a part back to a department it was handed off from', async () => {
    const words = 'I was charged twice for my subscription this month';
    const message = request({
      department: 'technical',
      intent: 'app_crash',
      confidence: 0.4,
      text: words,
      searchText: words,
    });
    const { reply } = await run('technical', { ...message, hops: 1, visited: ['billing'] });
    expect(reply).not.toMatchObject({ outcome: 'handoff', to: 'billing' });
  });

  it('never hands off a part the customer pinned to its department: it answers or escalates', async () => {
    const words = 'I was charged twice for my subscription this month';
    const pinned = { department: 'technical', pinned: true, text: words, searchText: words };
    const { reply } = await run('technical', request({ ...pinned, intent: 'app_crash' }));
    expect(reply.outcome).not.toBe('handoff');
    const byIntent = await run('technical', request({ department: 'technical', pinned: true }));
    expect(byIntent.reply.outcome).not.toBe('handoff');
  });

  it("answers a confident intent from its own article when the words match another one's better", async () => {
    const words = "The app won't open since the last update.";
    const { reply } = await run(
      'technical',
      request({
        department: 'technical',
        intent: 'app_crash',
        confidence: 0.9,
        text: words,
        searchText: words,
      }),
    );
    expect(reply).toMatchObject({ outcome: 'answered', articleId: 'app-crash' });
  });

  it('says it has nothing rather than inventing an answer', async () => {
    const text = 'What is the best recipe for a chocolate cake?';
    const { reply } = await run(
      'general',
      request({ department: 'general', intent: 'feature_question', confidence: 0.3, text, searchText: text }),
    );
    expect(reply).toMatchObject({ outcome: 'escalate', reason: 'no_answer', noArticle: true });
  });

  it('looks a confident intent up by its description when the words match no article', async () => {
    const text = 'Can you move me to the cheaper tier?';
    const { reply } = await run(
      'billing',
      request({ intent: 'plan_change', confidence: 0.9, text, searchText: text }),
    );
    expect(reply).toMatchObject({ outcome: 'answered', articleId: 'plan-change' });
  });

  it('asks billing for the customer’s plan and continues with it', async () => {
    const text = 'How do I get an API key for the integration?';
    const { reply, asked } = await run(
      'technical',
      request({ department: 'technical', intent: 'api_integration', text, searchText: text }),
      {
        ask: (_target, message) => ({
          by: 'billing-2',
          key: 'plan',
          value: (message as { customer: Customer }).customer.subscriptionType,
        }),
      },
    );
    expect(asked[0]).toMatchObject({
      target: 'billing',
      message: { type: 'support.consult.requested', fact: 'plan' },
    });
    expect(reply).toMatchObject({
      outcome: 'answered',
      facts: [{ by: 'billing-2', key: 'plan', value: 'Premium' }],
    });
    if (reply.outcome === 'answered')
      expect(reply.text).toContain('Our records show you are on the Premium plan.');
  });

  it('answers without the fact when the consult fails', async () => {
    const text = 'How do I get an API key for the integration?';
    const { reply } = await run(
      'technical',
      request({ department: 'technical', intent: 'api_integration', text, searchText: text }),
      {
        ask: () => {
          throw new Error('billing is down');
        },
      },
    );
    expect(reply).toMatchObject({ outcome: 'answered', facts: [] });
  });

  it('answers the billing consult with the plan', async () => {
    const fake = fakeContext({
      id: 'billing-1',
      config: { department: 'billing', knowledgeDirs: demoDesk().knowledgeDirs },
    });
    const state = (await specialistBehaviour.init(fake.ctx)) as SpecialistState;
    const step = await specialistBehaviour.receive(
      state,
      {
        type: 'support.consult.requested',
        queryId: 'q1',
        from: 'technical-1',
        fact: 'plan',
        customer: emily,
      },
      fake.ctx,
    );
    expect(step.reply).toEqual({ by: 'billing-1', key: 'plan', value: 'Premium' });
  });

  describe('in LLM mode', () => {
    const llmAnswer = (result: AnswerResult | null) => ({ call: () => result, llm: true });

    it('uses the LLM answer and reports its usage', async () => {
      const { reply, calls } = await run(
        'billing',
        request({}),
        llmAnswer({
          text: 'On the 1st.',
          usage: { promptTokens: 100, completionTokens: 5 },
          latencyMs: 12,
          guarded: false,
        }),
      );
      expect(calls[0]).toMatchObject({ service: 'llm', method: 'answer' });
      expect(calls[0]?.args[0]).toMatchObject({ department: 'billing', customer: { customerId: 'CUST004' } });
      expect(reply).toMatchObject({
        outcome: 'answered',
        text: 'On the 1st.',
        usage: { llmCalls: 1, promptTokens: 100, completionTokens: 5 },
        llmMs: 12,
      });
    });

    it('falls back to the offline answer when the LLM gives nothing', async () => {
      const { reply } = await run('billing', request({}), llmAnswer(null));
      expect(reply).toMatchObject({ outcome: 'answered', articleId: 'invoices', usage: { llmCalls: 0 } });
    });

    it('escalates a guarded answer', async () => {
      const { reply } = await run(
        'billing',
        request({}),
        llmAnswer({
          text: 'safe',
          usage: { promptTokens: 1, completionTokens: 1 },
          latencyMs: 1,
          guarded: true,
        }),
      );
      expect(reply).toMatchObject({ outcome: 'escalate', reason: 'guarded_answer' });
    });
  });
});
