import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeShop, type FakeShop } from '../../examples/shop/backend/fake-shop.js';
import type { ActionCallRecord } from '../../src/actions/index.js';
import type { Desk } from '../../src/desk/index.js';
import { createApp, createMetrics, type EdgeMetrics, type SwarmApp } from '../../src/http/index.js';
import { startDesk } from '../desk/support/desk-harness.js';
import { memoryLogger } from '../http/helpers.js';
import { asker, recordingObserver, SHOP, SHOP_POOLS } from './support/shop-desk.js';

const TOKEN = 'shop-token-for-tests';

describe('the example shop desk answers order questions from its backend (offline)', () => {
  let shop: FakeShop;
  let desk: Desk;
  let app: SwarmApp;
  let metrics: EdgeMetrics;
  const calls: ActionCallRecord[] = [];

  beforeAll(async () => {
    shop = await startFakeShop({ token: TOKEN });
    metrics = createMetrics({ defaultMetrics: false });
    desk = await startDesk(
      {
        desk: SHOP,
        pools: SHOP_POOLS,
      },
      {
        env: { SHOP_API_URL: shop.url, SHOP_API_TOKEN: TOKEN },
        observer: recordingObserver(metrics, calls),
      },
    );
    app = createApp({
      desk,
      metrics,
      options: { rateLimit: null },
      logger: memoryLogger().logger,
    });
  }, 120_000);
  afterAll(async () => {
    await desk?.close();
    await shop?.close();
  });

  // A customer per test: the same question asked again and again is a repeat contact, for a person.
  const ask = asker(() => app);

  it("answers 'Where is my order 123456?' with the backend's status", async () => {
    const result = await ask('CUST001', 'Where is my order 123456?');
    expect(result).toMatchObject({ intent: 'where_is_my_order', department: 'shipping', escalated: false });
    expect(result.response).toContain('Your order 123456 is shipped.');
    expect(shop.requests.at(-1)).toMatchObject({
      path: '/api/orders/123456',
      headers: { authorization: `Bearer ${TOKEN}`, 'x-customer-id': 'CUST001' },
    });
    expect(calls.at(-1)).toMatchObject({ action: 'order_status', outcome: 'ok', status: 200 });
    const trail = await desk.getConversation(result.conversationId);
    expect(trail?.entries).toContainEqual(
      expect.objectContaining({
        kind: 'fact',
        key: 'action.call',
        value: expect.objectContaining({ action: 'order_status', outcome: 'ok', status: 200, attempts: 1 }),
      }),
    );
    expect(JSON.stringify(trail)).not.toContain(TOKEN);
  });

  it('asks for the order number, then answers from the next turn', async () => {
    const sent = shop.requests.length;
    const first = await ask('CUST002', 'Where is my order?');
    expect(first.response).toContain('What is your order number?');
    expect(shop.requests).toHaveLength(sent);
    const second = await ask('CUST002', 'It is 654321', first.conversationId);
    expect(second).toMatchObject({ intent: 'where_is_my_order', department: 'shipping' });
    expect(second.response).toContain('Your order 654321 is being packed.');
  });

  it('answers in Czech', async () => {
    const result = await ask('SHOP-CS', 'Kde je moje objednávka 123456?');
    expect(result.response).toContain('Vaše objednávka 123456 je ve stavu shipped.');
  });

  it('hands the case to a person, saying so, when the backend fails: no invented status', async () => {
    shop.failNext(10, 503);
    const result = await ask('SHOP-DOWN', 'Where is my order 123456?');
    expect(result.escalated).toBe(true);
    expect(result.ticketId).toEqual(expect.any(String));
    expect(result.response).not.toContain('shipped');
    expect(calls.at(-1)).toMatchObject({ action: 'order_status', outcome: 'error', status: 503 });
    const trail = await desk.getConversation(result.conversationId);
    expect(trail?.entries).toContainEqual(
      expect.objectContaining({
        kind: 'fact',
        key: 'action.call',
        value: expect.objectContaining({
          action: 'order_status',
          outcome: 'error',
          code: 'ACTION_FAILED',
          status: 503,
          attempts: 3,
        }),
      }),
    );
    expect(JSON.stringify(trail)).not.toContain(TOKEN);
  });

  it('counts every call in /metrics by action and outcome, never with its secret header', async () => {
    const text = await (await app.request('/metrics')).text();
    expect(text).toMatch(/swarmdesk_action_calls_total\{action="order_status",outcome="ok",code=""\} [1-9]/);
    expect(text).toMatch(
      /swarmdesk_action_calls_total\{action="order_status",outcome="error",code="ACTION_FAILED"\} 1/,
    );
    expect(text).not.toContain(TOKEN);
  });
});
