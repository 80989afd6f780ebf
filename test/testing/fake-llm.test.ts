import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeLlm } from '../../src/testing/index.js';

let fake: FakeLlm;

beforeEach(async () => {
  fake = await new FakeLlm().start();
});

afterEach(async () => {
  await fake.stop();
});

const post = (body: unknown) =>
  fetch(`${fake.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const messages = [{ role: 'user', content: 'hi' }];

describe('FakeLlm', () => {
  it('streams SSE chunks ending with usage and [DONE]', async () => {
    fake.enqueue({ kind: 'text', text: 'a b', usage: { prompt_tokens: 1, completion_tokens: 2 } });
    const response = await post({
      model: 'm',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const frames = (await response.text()).split('\n\n').filter(Boolean);
    expect(frames.at(-1)).toBe('data: [DONE]');
    const chunks = frames.slice(0, -1).map((frame) => JSON.parse(frame.slice('data: '.length)));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? null)).toEqual([
      '',
      'a ',
      'b',
      null,
      null,
    ]);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 2 } });
  });

  it('answers an unscripted JSON-schema request with the first value the schema allows', async () => {
    const schema = {
      type: 'object',
      properties: {
        intent: { type: 'string', enum: ['x', 'y'] },
        confidence: { type: 'number', maximum: 1 },
      },
    };
    const response = await post({
      model: 'm',
      messages,
      response_format: { type: 'json_schema', json_schema: { name: 'n', schema } },
    });
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(JSON.parse(body.choices[0]!.message.content)).toEqual({ intent: 'x', confidence: 1 });
  });

  it('refuses a request that is not a chat completion, without logging it', async () => {
    expect((await post({ model: 'm' })).status).toBe(400);
    expect(fake.calls).toHaveLength(0);
  });

  it('sends the scripted status with its Retry-After headers, then falls back to the default', async () => {
    fake.enqueue({ kind: 'status', status: 429, retryAfter: '2', retryAfterMs: 1500 });
    const limited = await post({ model: 'm', messages });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.headers.get('retry-after-ms')).toBe('1500');
    expect((await post({ model: 'm', messages })).status).toBe(200);
    expect(fake.calls.map((call) => call.index)).toEqual([0, 1]);
  });
});
