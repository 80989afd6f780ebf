import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLlm, type LlmConfigInput, type LlmPort } from '../../src/llm/index.js';
import { FakeLlm } from '../../src/testing/index.js';

const messages = [
  { role: 'system' as const, content: 'You are a test.' },
  { role: 'user' as const, content: 'Hello?' },
];
const request = { agent: 'technical-1', queryId: 'q-1', messages };

let fake: FakeLlm;

beforeEach(async () => {
  fake = await new FakeLlm().start();
});

afterEach(async () => {
  await fake.stop();
});

function llm(options: Partial<LlmConfigInput> = {}): LlmPort {
  return createLlm({
    baseURL: fake.baseURL,
    model: 'test-model',
    retryBaseDelayMs: 1,
    timeoutMs: 2_000,
    ...options,
  });
}

async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; details?: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

describe('createLlm over HTTP', () => {
  it('completes without streaming, reporting the server usage', async () => {
    fake.enqueue({
      kind: 'text',
      text: 'Restart the router.',
      usage: { prompt_tokens: 12, completion_tokens: 4 },
    });
    const result = await llm({ apiKey: 'sk-test' }).complete(request);
    expect(result.text).toBe('Restart the router.');
    expect(result.usage).toEqual({ promptTokens: 12, completionTokens: 4 });
    expect(fake.calls[0]?.request).toMatchObject({ model: 'test-model', messages });
    expect(fake.calls[0]?.request.stream).toBeFalsy();
    expect(fake.calls[0]?.authorization).toBe('Bearer sk-test');
  });

  it('streams the tokens in order and takes the usage from the final chunk', async () => {
    fake.enqueue({
      kind: 'text',
      text: 'One two three.',
      tokens: ['One', ' two', ' three', '.'],
      usage: { prompt_tokens: 9, completion_tokens: 4 },
    });
    const tokens: string[] = [];
    const result = await llm().complete({ ...request, onToken: (delta) => tokens.push(delta) });
    expect(tokens).toEqual(['One', ' two', ' three', '.']);
    expect(result.text).toBe('One two three.');
    expect(result.usage).toEqual({ promptTokens: 9, completionTokens: 4 });
    expect(fake.calls[0]?.request).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('estimates the usage, marked as such, when a stream carries none', async () => {
    fake.enqueue({ kind: 'text', text: 'twelve chars', usage: null });
    const result = await llm().complete({ ...request, onToken: () => undefined });
    expect(result.usage).toEqual({ promptTokens: 14, completionTokens: 3, estimated: true });
  });

  it('sends a placeholder key when none is configured, as local servers need none', async () => {
    await llm().complete(request);
    expect(fake.calls[0]?.authorization).toBe('Bearer not-needed');
  });

  it('asks for a JSON-schema answer and returns the validated value', async () => {
    fake.enqueue({ kind: 'json', value: { intent: 'refund', confidence: 0.75 } });
    const schema = z.object({ intent: z.enum(['refund', 'outage']), confidence: z.number().min(0).max(1) });
    const result = await llm().structured({ ...request, schema, schemaName: 'intent' });
    expect(result.value).toEqual({ intent: 'refund', confidence: 0.75 });
    const format = fake.calls[0]?.request.response_format;
    expect(format?.type).toBe('json_schema');
    expect(format?.json_schema?.schema).toMatchObject({
      properties: { intent: { enum: ['refund', 'outage'] } },
      required: ['intent', 'confidence'],
    });
  });

  it.each([
    ['content that is not JSON', { kind: 'text' as const, text: 'refund, I think' }],
    ['JSON outside the schema', { kind: 'json' as const, value: { intent: 'lottery', confidence: 2 } }],
    ['empty content', { kind: 'empty' as const }],
    ['a malformed response body', { kind: 'malformed' as const }],
  ])('rejects %s with LLM_INVALID_OUTPUT', async (_case, reply) => {
    fake.enqueue(reply);
    const schema = z.object({ intent: z.enum(['refund']), confidence: z.number() });
    const error = await rejection(llm().structured({ ...request, schema, schemaName: 'intent' }));
    expect(error.code).toBe('LLM_INVALID_OUTPUT');
    expect(fake.calls).toHaveLength(1);
  });

  it('rejects an empty or malformed stream with LLM_INVALID_OUTPUT', async () => {
    fake.enqueue({ kind: 'empty' }, { kind: 'malformed' });
    const port = llm();
    expect((await rejection(port.complete({ ...request, onToken: () => undefined }))).code).toBe(
      'LLM_INVALID_OUTPUT',
    );
    expect((await rejection(port.complete({ ...request, onToken: () => undefined }))).code).toBe(
      'LLM_INVALID_OUTPUT',
    );
  });
});

describe('retries', () => {
  it('waits the retry-after-ms hint after a 429, then succeeds', async () => {
    fake.enqueue({ kind: 'status', status: 429, retryAfterMs: 200 });
    const result = await llm().complete(request);
    expect(result.text).toBe('This is a scripted answer from the fake LLM.');
    expect(fake.calls).toHaveLength(2);
    const [first, second] = fake.calls;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(200);
  });

  it('honours Retry-After in seconds', async () => {
    fake.enqueue({ kind: 'status', status: 429, retryAfter: '1' });
    await llm().complete(request);
    const [first, second] = fake.calls;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1_000);
  });

  it('caps a Retry-After hint at retryMaxDelayMs', async () => {
    fake.enqueue({ kind: 'status', status: 503, retryAfter: '3600' });
    await llm({ retryMaxDelayMs: 20 }).complete(request);
    expect(fake.calls).toHaveLength(2);
  });

  it('retries 5xx and dropped connections up to maxRetries, then rejects LLM_REQUEST_FAILED', async () => {
    fake.enqueue({ kind: 'status', status: 500 }, { kind: 'drop' }, { kind: 'status', status: 502 });
    const error = await rejection(llm({ maxRetries: 2 }).complete(request));
    expect(error.code).toBe('LLM_REQUEST_FAILED');
    expect(error.details).toMatchObject({ status: 502, attempts: 3 });
    expect(fake.calls).toHaveLength(3);
  });

  it('sends again at once, and counts nothing against the breaker, when the server closed a kept-alive connection under the request', async () => {
    // A counted failure would open this breaker, and a backoff would outlast the test.
    const port = llm({ maxRetries: 1, retryBaseDelayMs: 60_000, breaker: { failureThreshold: 1 } });
    fake.enqueue({ kind: 'text', text: 'first' }, { kind: 'drop' }, { kind: 'text', text: 'second' });
    expect((await port.complete(request)).text).toBe('first');
    expect((await port.complete(request)).text).toBe('second');
    expect(port.health().breaker).toBe('closed');
    expect(fake.calls).toHaveLength(3);
  });

  it('recovers when a retry succeeds', async () => {
    fake.enqueue({ kind: 'status', status: 500 }, { kind: 'text', text: 'fine now' });
    expect((await llm().complete(request)).text).toBe('fine now');
  });

  it('does not retry a caller mistake such as 400', async () => {
    fake.enqueue({ kind: 'status', status: 400 });
    const error = await rejection(llm().complete(request));
    expect(error).toMatchObject({ code: 'LLM_REQUEST_FAILED', details: { status: 400, attempts: 1 } });
    expect(fake.calls).toHaveLength(1);
  });

  it('does not retry a stream that already delivered tokens', async () => {
    fake.enqueue({ kind: 'text', text: 'half an answer', dropAfterTokens: 2 });
    const tokens: string[] = [];
    const error = await rejection(llm().complete({ ...request, onToken: (delta) => tokens.push(delta) }));
    expect(error.code).toBe('LLM_REQUEST_FAILED');
    expect(tokens).toEqual(['half ', 'an ']);
    expect(fake.calls).toHaveLength(1);
  });

  it('rejects LLM_ABORTED when the caller aborts, without retrying', async () => {
    fake.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    const pending = llm().complete({ ...request, signal: controller.signal });
    await fake.waitForCalls(1);
    controller.abort();
    expect((await rejection(pending)).code).toBe('LLM_ABORTED');
    expect(fake.calls).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('rejects LLM_TIMEOUT when the server hangs past timeoutMs, without retrying', async () => {
    fake.enqueue({ kind: 'hang' });
    const error = await rejection(llm({ timeoutMs: 150 }).complete(request));
    expect(error).toMatchObject({ code: 'LLM_TIMEOUT', details: { timeoutMs: 150 } });
    expect(fake.calls).toHaveLength(1);
  });

  it('times out a stream that stalls mid-answer', async () => {
    fake.enqueue({ kind: 'text', text: 'slow', tokens: ['s', 'l', 'o', 'w'], tokenDelayMs: 400 });
    const error = await rejection(llm({ timeoutMs: 150 }).complete({ ...request, onToken: () => undefined }));
    expect(error.code).toBe('LLM_TIMEOUT');
  });
});

describe('createLlm: a dialogue with tools', () => {
  const tools = [
    {
      name: 'order_status',
      description: "Look up an order's delivery status",
      parameters: { type: 'object', properties: { order_id: { type: 'string' } } },
    },
  ];
  const call = { name: 'order_status', arguments: '{"order_id":"123456"}', id: 'call_9' };
  const calls = [call];

  it.each([false, true])('returns the calls the model asked for (streamed: %s)', async (stream) => {
    fake.enqueue({ kind: 'tool_calls', calls });
    const tokens: string[] = [];
    const result = await llm().chat({
      ...request,
      tools,
      ...(stream ? { onToken: (delta: string) => tokens.push(delta) } : {}),
    });
    expect(result.toolCalls).toEqual([
      { id: 'call_9', name: 'order_status', arguments: '{"order_id":"123456"}' },
    ]);
    expect(result.text).toBe('');
    expect(tokens).toEqual([]);
    expect(fake.calls[0]?.request.tools).toEqual([{ type: 'function', function: tools[0] }]);
  });

  it('sends the earlier calls and their results as the wire protocol has them', async () => {
    fake.enqueue({ kind: 'text', text: 'Your order 123456 is shipped.' });
    const result = await llm().chat({
      ...request,
      tools,
      messages: [
        ...messages,
        { role: 'assistant', content: '', toolCalls: [call] },
        { role: 'tool', toolCallId: 'call_9', content: '{"status":"shipped"}' },
      ],
    });
    expect(result).toMatchObject({ text: 'Your order 123456 is shipped.', toolCalls: [] });
    expect(fake.calls[0]?.request.messages.slice(2)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_9',
            type: 'function',
            function: { name: 'order_status', arguments: '{"order_id":"123456"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_9', content: '{"status":"shipped"}' },
    ]);
  });

  it('rejects a turn with neither text nor a call', async () => {
    fake.enqueue({ kind: 'empty' });
    expect(await rejection(llm({ maxRetries: 0 }).chat({ ...request, tools }))).toMatchObject({
      code: 'LLM_INVALID_OUTPUT',
    });
  });
});
