import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeShop, type FakeShop } from '../../examples/shop/backend/fake-shop.js';
import type { ActionCallRecord } from '../../src/actions/index.js';
import type { Desk } from '../../src/desk/index.js';
import { createApp, createMetrics, type EdgeMetrics, type SwarmApp } from '../../src/http/index.js';
import { FakeLlm, toolScript, type ToolScriptOptions } from '../../src/testing/index.js';
import { eventLog, startDesk } from '../desk/support/desk-harness.js';
import { memoryLogger } from '../http/helpers.js';
import { asker, recordingObserver, SHOP, SHOP_POOLS } from './support/shop-desk.js';

const TOKEN = 'shop-token-for-llm-tests';
const MAX_TOOL_CALLS = 2;

/** The shop's model: asks for the order number, calls `order_status` with it, answers from the result. */
const orderScript = (extra?: ToolScriptOptions['extra']) =>
  toolScript({
    tool: 'order_status',
    argument: 'order_id',
    pattern: /\b[0-9]{6}\b/,
    ask: 'Could you tell me your order number?',
    answer: (result) => {
      const order = result as { order_id?: string; status?: string; error?: unknown };
      return order.status === undefined
        ? 'I could not look that order up.'
        : `Order ${order.order_id ?? '?'} is ${order.status} (from our system).`;
    },
    ...(extra ? { extra } : {}),
  });

describe('the example shop desk in LLM mode: the order_status action as a function tool', () => {
  let shop: FakeShop;
  let llm: FakeLlm;
  let desk: Desk;
  let app: SwarmApp;
  let metrics: EdgeMetrics;
  const calls: ActionCallRecord[] = [];

  beforeAll(async () => {
    shop = await startFakeShop({ token: TOKEN });
    llm = await new FakeLlm().start();
    metrics = createMetrics({ defaultMetrics: false });
    desk = await startDesk(
      {
        desk: SHOP,
        // The router's own model routes these; the fake is asked only to answer.
        llm: {
          baseURL: llm.baseURL,
          apiKey: 'test-key',
          timeoutMs: 5_000,
          routerThreshold: 0,
          maxToolCalls: MAX_TOOL_CALLS,
        },
        pools: SHOP_POOLS,
      },
      {
        env: { SHOP_API_URL: shop.url, SHOP_API_TOKEN: TOKEN },
        observer: recordingObserver(metrics, calls),
      },
    );
    app = createApp({ desk, metrics, options: { rateLimit: null }, logger: memoryLogger().logger });
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
    await llm?.stop();
    await shop?.close();
  });

  beforeEach(() => {
    llm.reset();
    llm.setDefault(orderScript());
  });

  const ask = asker(() => app);

  it("answers 'Where is my order 123456?' with the backend's status, through a tool call", async () => {
    const sent = shop.requests.length;
    const result = await ask('CUST001', 'Where is my order 123456?');
    expect(result).toMatchObject({ intent: 'where_is_my_order', department: 'shipping', escalated: false });
    expect(result.response).toContain('Order 123456 is shipped (from our system).');
    expect(shop.requests.slice(sent)).toEqual([
      expect.objectContaining({
        path: '/api/orders/123456',
        headers: expect.objectContaining({ authorization: `Bearer ${TOKEN}`, 'x-customer-id': 'CUST001' }),
      }),
    ]);
    // The model was offered the action as a tool without the customer's id, then read its result.
    const offered = llm.calls[0]?.request.tools?.[0]?.function;
    expect(offered).toMatchObject({
      name: 'order_status',
      description: "Look up an order's delivery status",
    });
    expect(JSON.stringify(offered?.parameters)).not.toContain('customer_id');
    expect(llm.calls[1]?.request.messages.at(-1)).toMatchObject({
      role: 'tool',
      content: expect.stringContaining('"status":"shipped"'),
    });
    expect(result.usage.llmCalls).toBe(2);
    const trail = await desk.getConversation(result.conversationId);
    expect(trail?.entries).toContainEqual(
      expect.objectContaining({
        kind: 'fact',
        key: 'action.call',
        value: expect.objectContaining({ action: 'order_status', outcome: 'ok', status: 200 }),
      }),
    );
    expect(JSON.stringify(trail)).not.toContain(TOKEN);
  });

  it('streams the answer written after the call, adding up to the response', async () => {
    const { events, onEvent } = eventLog();
    const result = await desk.submit(
      { customerId: 'SHOP-STREAM', message: 'Where is my order 123456?' },
      { onEvent },
    );
    const tokens = events.flatMap((event) => (event.type === 'token' ? [event.delta] : []));
    expect(tokens.length).toBeGreaterThan(1);
    expect(result.response).toContain(tokens.join(''));
    expect(llm.calls.every((call) => call.request.stream === true)).toBe(true);
  });

  it('asks for the order number, then calls the action with the one given next turn', async () => {
    const sent = shop.requests.length;
    const first = await ask('CUST002', 'Where is my order?');
    expect(first.response).toContain('Could you tell me your order number?');
    expect(shop.requests).toHaveLength(sent);
    const second = await ask('CUST002', 'It is 654321', first.conversationId);
    expect(second).toMatchObject({ intent: 'where_is_my_order', department: 'shipping', escalated: false });
    expect(second.response).toContain('Order 654321 is being packed (from our system).');
    // The model saw its own question and the customer's answer.
    expect(JSON.stringify(llm.calls.at(-2)?.request.messages)).toContain(
      'Could you tell me your order number?',
    );
  });

  it('hands a failing backend to a person, with the failed call on the trail: no invented status', async () => {
    shop.failNext(10, 503);
    const result = await ask('SHOP-DOWN-LLM', 'Where is my order 123456?');
    expect(result.escalated).toBe(true);
    expect(result.ticketId).toEqual(expect.any(String));
    expect(result.response).not.toContain('shipped');
    // The model never saw a result to make an answer from.
    expect(llm.calls.some((call) => call.request.messages.at(-1)?.role === 'tool')).toBe(false);
    expect(calls.at(-1)).toMatchObject({ action: 'order_status', outcome: 'error', status: 503 });
    const trail = await desk.getConversation(result.conversationId);
    expect(trail?.entries).toContainEqual(
      expect.objectContaining({
        kind: 'fact',
        key: 'action.call',
        value: expect.objectContaining({
          action: 'order_status',
          outcome: 'error',
          status: 503,
          attempts: 3,
        }),
      }),
    );
    shop.failNext(0, 503);
  });

  it('calls the backend with the conversation customer id whatever id the model writes', async () => {
    llm.setDefault(orderScript({ customer_id: 'CUST002' }));
    const sent = shop.requests.length;
    const result = await ask('CUST001', 'Where is my order 123456?');
    expect(result.response).toContain('Order 123456 is shipped');
    expect(shop.requests.slice(sent).map((request) => request.headers['x-customer-id'])).toEqual(['CUST001']);
  });

  it('gives arguments that fail the schema back to the model as an error, without calling', async () => {
    llm.enqueue({ kind: 'tool_calls', calls: [{ name: 'order_status', arguments: '{"order_id":"12"}' }] });
    const sent = shop.requests.length;
    const result = await ask('SHOP-BAD-ARGS', 'Where is my order 123456?');
    expect(llm.calls[1]?.request.messages.at(-1)).toMatchObject({
      role: 'tool',
      content: expect.stringContaining('ACTION_INVALID_ARGUMENTS'),
    });
    // Nothing reached the backend; the model answered honestly from the error it was given.
    expect(shop.requests.length).toBe(sent);
    expect(result.response).toContain('I could not look that order up.');
    expect(result.response).not.toContain('shipped');
  });

  it('stops a model that keeps calling at the bound, and hands the case to a person', async () => {
    llm.setDefault({
      kind: 'tool_calls',
      calls: [{ name: 'order_status', arguments: '{"order_id":"123456"}' }],
    });
    const sent = shop.requests.length;
    const result = await ask('SHOP-LOOP', 'Where is my order 123456?');
    expect(shop.requests.length - sent).toBe(MAX_TOOL_CALLS);
    expect(llm.calls).toHaveLength(MAX_TOOL_CALLS + 1);
    expect(result.escalated).toBe(true);
  });

  it("offers the department's actions beside the article for its other intents too", async () => {
    llm.enqueue({ kind: 'text', text: 'You can return it within 30 days; see the returns page.' });
    const result = await ask('SHOP-RETURN', 'I want to return an item, how do returns work?');
    expect(result).toMatchObject({ intent: 'return_item', department: 'shipping', escalated: false });
    expect(result.response).toContain('You can return it within 30 days');
    expect(llm.calls[0]?.request.tools?.map((tool) => tool.function.name)).toEqual(['order_status']);
    const trail = await desk.getConversation(result.conversationId);
    expect(trail?.entries.some((entry) => entry.kind === 'fact' && entry.key === 'action.awaiting')).toBe(
      false,
    );
    expect(trail?.entries).toContainEqual(expect.objectContaining({ kind: 'fact', key: 'article' }));
  });

  it('counts the calls in /metrics by action and outcome', async () => {
    const text = await (await app.request('/metrics')).text();
    expect(text).toMatch(/swarmdesk_action_calls_total\{action="order_status",outcome="ok",code=""\} [1-9]/);
    expect(text).toMatch(
      /swarmdesk_action_calls_total\{action="order_status",outcome="error",code="ACTION_FAILED"\} 1/,
    );
    expect(text).toMatch(
      /swarmdesk_action_calls_total\{action="order_status",outcome="error",code="ACTION_INVALID_ARGUMENTS"\} 1/,
    );
    expect(text).not.toContain(TOKEN);
  });
});
