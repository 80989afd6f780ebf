import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { SwarmError } from '../../src/runtime/index.js';
import { startLive, type LiveServer } from './server-helpers.js';

const KEY = 'integrator-key-1';

let live: LiveServer | undefined;

afterEach(async () => {
  live?.desk.release();
  await live?.running.shutdown({ timeoutMs: 1000 });
  live = undefined;
});

/** The official client, as an integrator would set it up; no retries, so refusals surface at once. */
function client(server: LiveServer, apiKey = KEY, defaultHeaders: Record<string, string> = {}): OpenAI {
  return new OpenAI({ apiKey, baseURL: `${server.running.url}/v1`, maxRetries: 0, defaultHeaders });
}

/** What the desk adds to OpenAI's objects; the client passes unknown fields through. */
function swarmOf(value: unknown): { conversationId: string; queryId: string } {
  return (value as { swarm: { conversationId: string; queryId: string } }).swarm;
}

describe('the OpenAI-compatible endpoint, driven by the official openai client', () => {
  it('answers a chat completion with the last user message as the customer message', async () => {
    live = await startLive({ apiKeys: [KEY] });
    const completion = await client(live).chat.completions.create({
      model: 'swarmdesk',
      user: 'C001',
      messages: [
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: 'hello' },
        { role: 'assistant', content: 'Hi, how can I help?' },
        { role: 'user', content: [{ type: 'text', text: 'refund please' }] },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('swarmdesk');
    expect(completion.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: 'Your refund is on its way.',
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toEqual({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
    expect(live.desk.submitted).toEqual([
      { customerId: 'C001', message: 'refund please', channel: 'chat-completions' },
    ]);
  });

  it('streams chat.completion.chunk frames that add up to the answer, then usage, then [DONE]', async () => {
    live = await startLive({ apiKeys: [KEY] });
    const stream = await client(live).chat.completions.create({
      model: 'swarmdesk',
      user: 'C001',
      messages: [{ role: 'user', content: 'refund please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(content).toBe('Your refund is on its way.');
    expect(chunks.filter((chunk) => (chunk.choices[0]?.delta.content ?? '') !== '')).toHaveLength(2);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
  });

  it('continues a conversation named in user, or in the headers', async () => {
    live = await startLive({ apiKeys: [KEY] });
    const openai = client(live);
    const { data: first, response } = await openai.chat.completions
      .create({ model: 'swarmdesk', user: 'C001', messages: [{ role: 'user', content: 'refund please' }] })
      .withResponse();
    const conversationId = swarmOf(first).conversationId;
    expect(response.headers.get('x-swarm-conversation-id')).toBe(conversationId);

    const followUp = await openai.chat.completions.create({
      model: 'swarmdesk',
      user: `C001:${conversationId}`,
      messages: [{ role: 'user', content: 'and how long will it take?' }],
    });
    expect(swarmOf(followUp).conversationId).toBe(conversationId);

    const byHeaders = client(live, KEY, {
      'X-Swarm-Customer-Id': 'C001',
      'X-Swarm-Conversation-Id': conversationId,
    });
    await byHeaders.chat.completions.create({
      model: 'swarmdesk',
      messages: [{ role: 'user', content: 'thanks' }],
      stream: true,
    });
    expect(live.desk.submitted.slice(1)).toEqual([
      {
        customerId: 'C001',
        message: 'and how long will it take?',
        conversationId,
        channel: 'chat-completions',
      },
      { customerId: 'C001', message: 'thanks', conversationId, channel: 'chat-completions' },
    ]);
  });

  it('sends a swarmdesk/<department> completion to that department, streamed or not', async () => {
    live = await startLive({ apiKeys: [KEY] });
    const openai = client(live);
    const completion = await openai.chat.completions.create({
      model: 'swarmdesk/billing',
      user: 'C001',
      messages: [{ role: 'user', content: 'the app crashes on my invoice' }],
    });
    expect(completion.model).toBe('swarmdesk/billing');
    const stream = await openai.chat.completions.create({
      model: 'swarmdesk/technical',
      user: 'C001',
      messages: [{ role: 'user', content: 'the app crashes on my invoice' }],
      stream: true,
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.model === 'swarmdesk/technical')).toBe(true);
    expect(live.desk.submitted).toEqual([
      {
        customerId: 'C001',
        message: 'the app crashes on my invoice',
        channel: 'chat-completions',
        department: 'billing',
      },
      {
        customerId: 'C001',
        message: 'the app crashes on my invoice',
        channel: 'chat-completions',
        department: 'technical',
      },
    ]);

    const unknown = await openai.chat.completions
      .create({ model: 'swarmdesk/sales', user: 'C001', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect(unknown).toMatchObject({ code: 'MODEL_NOT_FOUND' });
    expect(live.desk.submitted).toHaveLength(2);
  });

  it('refuses in OpenAI error shape: a bad key, an unknown model, no customer, a busy desk', async () => {
    live = await startLive({ apiKeys: [KEY] });
    const request = {
      model: 'swarmdesk',
      user: 'C001',
      messages: [{ role: 'user' as const, content: 'hi' }],
    };

    const badKey = await client(live, 'wrong')
      .chat.completions.create(request)
      .catch((e: unknown) => e);
    expect(badKey).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(badKey).toMatchObject({ status: 401, code: 'UNAUTHORIZED', type: 'authentication_error' });

    const openai = client(live);
    const unknownModel = await openai.chat.completions
      .create({ ...request, model: 'gpt-4o' })
      .catch((e: unknown) => e);
    expect(unknownModel).toBeInstanceOf(OpenAI.NotFoundError);
    expect(unknownModel).toMatchObject({ code: 'MODEL_NOT_FOUND', param: null });

    const noCustomer = await openai.chat.completions
      .create({ model: 'swarmdesk', messages: request.messages })
      .catch((e: unknown) => e);
    expect(noCustomer).toBeInstanceOf(OpenAI.BadRequestError);
    expect(noCustomer).toMatchObject({
      code: 'VALIDATION_FAILED',
      param: 'user',
      type: 'invalid_request_error',
    });

    live.desk.failNext(new SwarmError('MAILBOX_FULL', 'busy', { details: { retryAfterMs: 500 } }));
    const busy = await openai.chat.completions.create({ ...request, stream: true }).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(OpenAI.InternalServerError);
    expect(busy).toMatchObject({ status: 503, code: 'MAILBOX_FULL', type: 'server_error' });
    expect(live.desk.submitted).toHaveLength(1);
  });

  it('lists the desk and each of its departments as models, and keeps the API error shape elsewhere', async () => {
    live = await startLive({ apiKeys: [KEY] });
    const openai = client(live);
    const models = await openai.models.list();
    expect(models.data.map((model) => model.id)).toEqual([
      'swarmdesk',
      'swarmdesk/technical',
      'swarmdesk/billing',
      'swarmdesk/general',
    ]);
    expect((await openai.models.retrieve('swarmdesk')).object).toBe('model');
    expect(await openai.models.retrieve('swarmdesk/billing')).toMatchObject({
      id: 'swarmdesk/billing',
      object: 'model',
    });
    for (const unknown of ['swarmdesk/escalation', 'swarmdesk/sales', 'swarmdesk/']) {
      const missing = await openai.models.retrieve(unknown).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
      expect(missing).toMatchObject({ status: 404, code: 'MODEL_NOT_FOUND' });
    }

    const elsewhere = await fetch(`${live.running.url}/v1/queries/q-1`, {
      headers: { authorization: 'Bearer wrong' },
    });
    expect(await elsewhere.json()).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'the API key or customer token is not valid (or has expired)' },
    });
  });
});
