import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeLlm, toolScript } from '../../src/testing/index.js';

let fake: FakeLlm;
let client: OpenAI;

beforeEach(async () => {
  fake = await new FakeLlm().start();
  client = new OpenAI({ apiKey: 'test', baseURL: fake.baseURL, maxRetries: 0 });
  fake.setDefault(
    toolScript({
      tool: 'order_status',
      argument: 'order_id',
      pattern: /\b[0-9]{6}\b/,
      ask: 'What is your order number?',
      answer: (result) => {
        const order = result as { order_id: string; status: string };
        return `Your order ${order.order_id} is ${order.status}.`;
      },
    }),
  );
});

afterEach(async () => {
  await fake.stop();
});

const tools: OpenAI.Chat.ChatCompletionFunctionTool[] = [
  {
    type: 'function',
    function: {
      name: 'order_status',
      description: "Look up an order's delivery status",
      parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
    },
  },
];

describe('a scripted model with one tool, over the wire protocol', () => {
  it('calls the tool with the number in the last user message (not streamed)', async () => {
    const completion = await client.chat.completions.create({
      model: 'm',
      tools,
      messages: [{ role: 'user', content: 'Where is my order 123456?' }],
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.tool_calls).toEqual([
      {
        id: expect.any(String),
        type: 'function',
        function: { name: 'order_status', arguments: '{"order_id":"123456"}' },
      },
    ]);
  });

  it('streams the call in fragments the official client puts back together', async () => {
    const runner = client.chat.completions.stream({
      model: 'm',
      tools,
      messages: [{ role: 'user', content: 'Where is my order 123456?' }],
    });
    const completion = await runner.finalChatCompletion();
    expect(completion.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      function: { name: 'order_status', arguments: '{"order_id":"123456"}' },
    });
  });

  it('asks for the argument it lacks, and answers from the tool result it is given', async () => {
    const asked = await client.chat.completions.create({
      model: 'm',
      tools,
      messages: [{ role: 'user', content: 'Where is my order?' }],
    });
    expect(asked.choices[0]?.message.content).toBe('What is your order number?');
    const answered = await client.chat.completions.create({
      model: 'm',
      tools,
      messages: [
        { role: 'user', content: 'Where is my order 123456?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'order_status', arguments: '{"order_id":"123456"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"order_id":"123456","status":"shipped"}' },
      ],
    });
    expect(answered.choices[0]?.message.content).toBe('Your order 123456 is shipped.');
    expect(fake.calls[1]?.request.messages[2]).toMatchObject({ role: 'tool', tool_call_id: 'call_1' });
  });

  it('answers as the default fake does when the tool is not offered', async () => {
    const completion = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'Where is my order 123456?' }],
    });
    expect(completion.choices[0]?.message.content).toBe('This is a scripted answer from the fake LLM.');
  });
});
