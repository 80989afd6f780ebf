import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  LlmAbortedError,
  LlmInvalidOutputError,
  LlmOverloadedError,
  LlmRequestError,
  LlmTimeoutError,
  createLlmThread,
  type LlmConfigInput,
  type LlmThread,
} from '../../../src/llm/index.js';
import { FakeLlm } from '../../../src/testing/index.js';

const request = (queryId: string) => ({
  agent: 'technical-1',
  queryId,
  messages: [{ role: 'user' as const, content: `question ${queryId}` }],
});

let fake: FakeLlm;
let llm: LlmThread | undefined;

beforeEach(async () => {
  fake = await new FakeLlm().start();
});

afterEach(async () => {
  await llm?.close();
  llm = undefined;
  await fake.stop();
});

function thread(options: Partial<LlmConfigInput> = {}): LlmThread {
  llm = createLlmThread({ baseURL: fake.baseURL, retryBaseDelayMs: 1, timeoutMs: 2_000, ...options });
  return llm;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('the LLM client on its own thread', () => {
  it('streams the guarded tokens to the caller before the answer resolves', async () => {
    const words = ['Odpojte ', 'router ', 'na ', '30 ', 'sekund.'];
    fake.enqueue({ kind: 'text', text: words.join(''), tokens: words, tokenDelayMs: 5 });
    const received: string[] = [];
    const result = await thread().complete({
      ...request('q-1'),
      guard: { customer: null },
      onToken: (text) => received.push(text),
    });
    expect(result.text).toBe('Odpojte router na 30 sekund.');
    expect(result.guard).toEqual({ ok: true, reasons: [] });
    expect(received.join('')).toBe(result.text);
    expect(fake.calls[0]?.request.stream).toBe(true);
  });

  it('carries a dialogue with tools across: the calls asked for, then the answer streamed', async () => {
    const tools = [{ name: 'order_status', description: 'Look up an order', parameters: { type: 'object' } }];
    fake.enqueue(
      { kind: 'tool_calls', calls: [{ id: 'call_1', name: 'order_status', arguments: '{"order_id":"1"}' }] },
      { kind: 'text', text: 'It is shipped.' },
    );
    const llm = thread();
    const asked = await llm.chat({ ...request('q-1'), tools });
    expect(asked.toolCalls).toEqual([{ id: 'call_1', name: 'order_status', arguments: '{"order_id":"1"}' }]);
    const received: string[] = [];
    const answered = await llm.chat({
      ...request('q-1'),
      tools,
      messages: [
        ...request('q-1').messages,
        { role: 'assistant', content: '', toolCalls: asked.toolCalls },
        { role: 'tool', toolCallId: 'call_1', content: '{"status":"shipped"}' },
      ],
      guard: { customer: null },
      onToken: (text) => received.push(text),
    });
    expect(answered).toMatchObject({ text: 'It is shipped.', toolCalls: [], guard: { ok: true } });
    expect(received.join('')).toBe('It is shipped.');
    expect(fake.calls[1]?.request.messages.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_1' });
  });

  it('holds back a leak at the guard on the thread, so none of it crosses', async () => {
    const text = 'Napište na petr.svoboda@example.com prosím.';
    fake.enqueue({
      kind: 'text',
      text,
      tokens: ['Napište ', 'na ', 'petr', '.svoboda', '@example', '.com ', 'prosím.'],
    });
    const received: string[] = [];
    const result = await thread().complete({
      ...request('q-2'),
      guard: { customer: null },
      onToken: (delta) => received.push(delta),
    });
    expect(result.guard?.ok).toBe(false);
    expect(received.join('')).not.toContain('@');
  });

  it('rebuilds a failure with its class and details', async () => {
    fake.enqueue({ kind: 'status', status: 400 });
    const error = await rejection(thread().complete(request('q-3')));
    expect(error).toBeInstanceOf(LlmRequestError);
    expect(error).toMatchObject({
      code: 'LLM_REQUEST_FAILED',
      status: 400,
      details: { status: 400, attempts: 1 },
    });
  });

  it('times out an attempt that hangs, as LlmTimeoutError', async () => {
    fake.enqueue({ kind: 'hang' });
    const error = await rejection(thread({ timeoutMs: 200 }).complete(request('q-4')));
    expect(error).toBeInstanceOf(LlmTimeoutError);
    expect(error).toMatchObject({ code: 'LLM_TIMEOUT', details: { timeoutMs: 200 } });
  });

  it('keeps one concurrency cap for every caller in the process', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    fake.setDefault({ kind: 'text', text: 'done', waitFor: gate });
    const port = thread({ concurrency: 2, maxQueue: 1 });
    const accepted = ['a', 'b', 'c'].map((id) => port.complete(request(id)));
    await fake.waitForCalls(2);
    const refused = await rejection(port.complete(request('d')));
    expect(refused).toBeInstanceOf(LlmOverloadedError);
    open();
    expect((await Promise.all(accepted)).map((result) => result.text)).toEqual(['done', 'done', 'done']);
    expect(fake.maxInFlight).toBe(2);
    expect(port.health()).toMatchObject({ breaker: 'closed', inFlight: 0, queued: 0 });
  });

  it('validates structured output on the thread against the JSON Schema sent with the call', async () => {
    const schema = z.object({ intent: z.enum(['refund', 'outage']), confidence: z.number().min(0).max(1) });
    fake.enqueue(
      { kind: 'json', value: { intent: 'refund', confidence: 0.8 } },
      { kind: 'json', value: { intent: 'lottery', confidence: 0.8 } },
    );
    const port = thread();
    const structured = { ...request('q-5'), schema, schemaName: 'intent' };
    expect((await port.structured(structured)).value).toEqual({ intent: 'refund', confidence: 0.8 });
    expect(fake.calls[0]?.request.response_format?.json_schema?.schema).toMatchObject({
      properties: { intent: { enum: ['refund', 'outage'] } },
    });
    const error = await rejection(port.structured(structured));
    expect(error).toBeInstanceOf(LlmInvalidOutputError);
  });

  it("applies the zod schema's refinements, which a JSON Schema cannot carry, on return", async () => {
    const schema = z.object({ answer: z.string().refine((text) => text.startsWith('yes'), 'must agree') });
    fake.enqueue({ kind: 'json', value: { answer: 'no' } });
    const error = await rejection(thread().structured({ ...request('q-6'), schema, schemaName: 'answer' }));
    expect(error).toBeInstanceOf(LlmInvalidOutputError);
  });

  it("aborts the call on the thread when the caller's signal fires", async () => {
    fake.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    const port = thread();
    const call = port.complete({ ...request('q-7'), signal: controller.signal });
    await fake.waitForCalls(1);
    controller.abort();
    expect(await rejection(call)).toBeInstanceOf(LlmAbortedError);
  });
});
