import { afterEach, describe, expect, it } from 'vitest';
import type { Desk, LlmCallRecord } from '../../src/desk/index.js';
import { FakeLlm } from '../../src/testing/fake-llm.js';
import type {
  AnswerRequest,
  AnswerResult,
  ClassifyRequest,
  ClassifyResult,
  LlmService,
} from '../../src/llm/index.js';
import { eventLog, startDesk } from './support/desk-harness.js';

let desk: Desk | undefined;

afterEach(async () => {
  await desk?.close();
  desk = undefined;
});

/** A scripted LLM service (the port the desk registers as `llm`), recording what agents asked. */
function scriptedLlm(script: {
  answer?: (r: AnswerRequest) => AnswerResult | null;
  classify?: (r: ClassifyRequest) => ClassifyResult | null;
}) {
  const answers: AnswerRequest[] = [];
  const classifications: ClassifyRequest[] = [];
  const service: LlmService = {
    async answer(request) {
      answers.push(request);
      return script.answer?.(request) ?? null;
    },
    async classify(request) {
      classifications.push(request);
      return script.classify?.(request) ?? null;
    },
  };
  return { service, answers, classifications };
}

describe('desk: LLM mode', () => {
  it('answers with the LLM and reports usage and LLM time', async () => {
    const llm = scriptedLlm({
      answer: () => ({
        text: 'Invoices are issued on the 1st.',
        usage: { promptTokens: 120, completionTokens: 8 },
        latencyMs: 15,
        guarded: false,
      }),
    });
    desk = await startDesk({}, { llm: llm.service });
    const result = await desk.submit({
      customerId: 'CUST004',
      message: 'When will my invoice for this month arrive?',
    });
    expect(result.response).toBe('Invoices are issued on the 1st.');
    expect(result.usage).toEqual({ llmCalls: 1, promptTokens: 120, completionTokens: 8 });
    expect(result.timings.llmMs).toBe(15);
    expect(llm.answers[0]).toMatchObject({ department: 'billing', customer: { customerId: 'CUST004' } });
    expect(llm.answers[0]?.articles.length).toBeGreaterThan(0);
  });

  it('falls back to the offline answer when the LLM gives nothing, and escalates a guarded answer', async () => {
    let guarded = false;
    const llm = scriptedLlm({
      answer: () =>
        guarded
          ? { text: 'safe', usage: { promptTokens: 1, completionTokens: 1 }, latencyMs: 1, guarded: true }
          : null,
    });
    desk = await startDesk({}, { llm: llm.service });
    const offline = await desk.submit({
      customerId: 'CUST004',
      message: 'When will my invoice for this month arrive?',
    });
    expect(offline).toMatchObject({ department: 'billing', escalated: false });
    expect(offline.response).toContain('Hello Emily Carter,');
    guarded = true;
    const escalated = await desk.submit({ customerId: 'CUST005', message: 'How do I reset my password?' });
    expect(escalated.escalated).toBe(true);
  });

  it('hands a billing question the classifier sent to technical over to billing, with the handoff in the trail', async () => {
    const llm = scriptedLlm({
      classify: () => ({
        intent: 'invoice_request',
        department: 'technical',
        confidence: 0.9,
        usage: { promptTokens: 10, completionTokens: 2 },
        latencyMs: 3,
      }),
    });
    desk = await startDesk({ llm: { routerThreshold: 1 } }, { llm: llm.service });
    const result = await desk.submit({
      customerId: 'CUST005',
      message: 'When will my invoice for this month arrive?',
    });
    expect(llm.classifications).toHaveLength(1);
    expect(result).toMatchObject({ department: 'billing', intent: 'invoice_request', escalated: false });
    expect(result.handoffs).toEqual([
      expect.objectContaining({ from: expect.stringMatching(/^technical-/), to: 'billing' }),
    ]);
    expect(result.response).toMatch(/invoice/i);
    const trail = await desk.getConversation(result.conversationId);
    expect(trail?.entries.find((e) => e.kind === 'handoff')).toMatchObject({ to: 'billing' });
  });

  it('wires the real LLM service from the options: streamed tokens, usage and the observer', async () => {
    const fake = await new FakeLlm().start();
    try {
      const text = 'Monthly plans are invoiced on the 1st day of each month for that month.';
      fake.setDefault({ kind: 'text', text, usage: { prompt_tokens: 90, completion_tokens: 14 } });
      const calls: LlmCallRecord[] = [];
      desk = await startDesk(
        { llm: { baseURL: fake.baseURL, apiKey: 'test-key', timeoutMs: 5_000 } },
        { observer: { llmCall: (record) => calls.push(record) } },
      );
      const { events, onEvent } = eventLog();
      const result = await desk.submit(
        { customerId: 'CUST004', message: 'When will my invoice for this month arrive?' },
        { onEvent },
      );
      expect(result).toMatchObject({ response: text, escalated: false, department: 'billing' });
      expect(result.usage).toEqual({ llmCalls: 1, promptTokens: 90, completionTokens: 14 });
      const tokens = events.flatMap((e) => (e.type === 'token' ? [e.delta] : []));
      expect(tokens.length).toBeGreaterThan(1);
      expect(tokens.join('')).toBe(text);
      expect(calls).toEqual([
        expect.objectContaining({ queryId: result.queryId, outcome: 'ok', promptTokens: 90 }),
      ]);
    } finally {
      await desk?.close();
      desk = undefined;
      await fake.stop();
    }
  });

  it('asks one department one question for the parts of a message it owns, in LLM mode', async () => {
    const llm = scriptedLlm({
      answer: (request) => ({
        text: `One answer to: ${request.question}`,
        usage: { promptTokens: 100, completionTokens: 10 },
        latencyMs: 5,
        guarded: false,
      }),
    });
    desk = await startDesk({}, { llm: llm.service });
    const message = 'I was charged twice for my subscription this month, can I get a refund?';
    const result = await desk.submit({ customerId: 'CUST004', message });
    expect(llm.answers).toHaveLength(1);
    expect(llm.answers[0]).toMatchObject({ department: 'billing' });
    expect(llm.answers[0]?.question).toContain('charged twice');
    expect(llm.answers[0]?.question).toContain('refund');
    expect(result.parts).toHaveLength(1);
    expect(result.response).toContain('One answer to:');
  });

  it('streams tokens that add up to the merged response of a two-part message in LLM mode', async () => {
    const fake = await new FakeLlm().start();
    try {
      let answers = 0;
      fake.setDefault(() => {
        answers += 1;
        return { kind: 'text', text: `Answer number ${answers}, written by the model for this part.` };
      });
      desk = await startDesk({ llm: { baseURL: fake.baseURL, apiKey: 'test-key', timeoutMs: 5_000 } });
      const { events, onEvent } = eventLog();
      const result = await desk.submit(
        { customerId: 'CUST007', message: 'The app crashes when I open my invoice, and I was charged twice' },
        { onEvent },
      );
      expect(result.parts.length).toBe(2);
      const tokens = events.flatMap((e) => (e.type === 'token' ? [e.delta] : []));
      expect(tokens.join('')).toBe(result.response);
    } finally {
      await desk?.close();
      desk = undefined;
      await fake.stop();
    }
  });
});
