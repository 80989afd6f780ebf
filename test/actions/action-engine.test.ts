import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeShop, type FakeShop } from '../../examples/shop/backend/fake-shop.js';
import {
  CUSTOMER_ID_HEADER,
  createActionEngine,
  type ActionCallRecord,
  type ActionEngineOptions,
} from '../../src/actions/index.js';

const TOKEN = 'shop-secret-token';
const CONTEXT = { customerId: 'CUST001', conversationId: 'conv-1', department: 'shipping' };

function orderStatus(shop: FakeShop) {
  return {
    description: "Look up an order's delivery status",
    method: 'GET',
    url: `${shop.url}/api/orders/{order_id}`,
    headers: { authorization: 'Bearer ${SHOP_API_TOKEN}' },
    parameters: {
      type: 'object',
      properties: { order_id: { type: 'string', pattern: '^[0-9]{6}$' } },
      required: ['order_id'],
    },
    departments: ['shipping'],
    timeout_ms: 3000,
  };
}

describe('action engine', () => {
  let shop: FakeShop;
  let calls: ActionCallRecord[];
  const engine = (overrides: Partial<ActionEngineOptions> = {}) =>
    createActionEngine({
      actions: { order_status: orderStatus(shop) },
      env: { SHOP_API_TOKEN: TOKEN },
      retryBaseDelayMs: 1,
      onCall: (record) => calls.push(record),
      ...overrides,
    });

  beforeEach(async () => {
    shop = await startFakeShop({ token: TOKEN });
    calls = [];
  });
  afterEach(async () => {
    await shop.close();
  });

  it("calls the declared URL with the env's secret header and the customer's id, and returns the data", async () => {
    const result = await engine().call('order_status', { order_id: '123456' }, CONTEXT);
    expect(result).toMatchObject({
      ok: true,
      action: 'order_status',
      status: 200,
      data: { order_id: '123456', customer_id: 'CUST001', status: 'shipped' },
    });
    expect(shop.requests[0]).toMatchObject({
      path: '/api/orders/123456',
      headers: { authorization: `Bearer ${TOKEN}`, [CUSTOMER_ID_HEADER]: 'CUST001' },
    });
    expect(calls).toEqual([
      expect.objectContaining({ action: 'order_status', outcome: 'ok', status: 200, attempts: 1 }),
    ]);
    expect(result.call).toEqual(calls[0]);
    expect(JSON.stringify(calls)).not.toContain(TOKEN);
  });

  it('validates the arguments against the schema before any call', async () => {
    for (const args of [{ order_id: '12' }, {}, { order_id: '../../admin' }]) {
      const result = await engine().call('order_status', args, CONTEXT);
      expect(result).toMatchObject({ ok: false, error: { code: 'ACTION_INVALID_ARGUMENTS' } });
    }
    expect(shop.requests).toEqual([]);
  });

  it('refuses an action of another department and an unknown one, without calling', async () => {
    const e = engine();
    expect(
      await e.call('order_status', { order_id: '123456' }, { ...CONTEXT, department: 'billing' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ACTION_NOT_ALLOWED' },
    });
    expect(await e.call('refund_all', {}, CONTEXT)).toMatchObject({
      ok: false,
      error: { code: 'ACTION_NOT_FOUND' },
    });
    expect(shop.requests).toEqual([]);
  });

  it('retries 429 and 5xx with backoff, and reports a 404 as a failure without retrying', async () => {
    shop.failNext(2, 503);
    expect(await engine().call('order_status', { order_id: '123456' }, CONTEXT)).toMatchObject({ ok: true });
    expect(shop.requests).toHaveLength(3);
    expect(calls[0]).toMatchObject({ outcome: 'ok', attempts: 3 });

    shop.failNext(3, 429);
    expect(await engine().call('order_status', { order_id: '123456' }, CONTEXT)).toMatchObject({
      ok: false,
      status: 429,
      error: { code: 'ACTION_FAILED' },
    });
    const missing = await engine().call('order_status', { order_id: '999999' }, CONTEXT);
    expect(missing).toMatchObject({ ok: false, status: 404, error: { code: 'ACTION_FAILED' } });
    expect(shop.requests).toHaveLength(7);
  });

  it('opens the breaker of a failing action, so it is no longer called for a while', async () => {
    const e = engine({ breaker: { failureThreshold: 2 } });
    shop.failNext(100, 500);
    await e.call('order_status', { order_id: '123456' }, CONTEXT);
    const sent = shop.requests.length;
    expect(await e.call('order_status', { order_id: '123456' }, CONTEXT)).toMatchObject({
      ok: false,
      error: { code: 'ACTION_UNAVAILABLE' },
    });
    expect(shop.requests).toHaveLength(sent);
  });

  it('offers a department its actions as tools, without the customer id, and fills that itself', async () => {
    const spec = orderStatus(shop);
    const e = engine({
      actions: {
        order_status: {
          ...spec,
          url: `${shop.url}/api/orders/{order_id}`,
          parameters: {
            type: 'object',
            properties: { order_id: { type: 'string' }, customer_id: { type: 'string' } },
            required: ['order_id', 'customer_id'],
          },
        },
      },
    });
    expect(e.toolsFor('shipping')).toEqual([
      {
        name: 'order_status',
        description: spec.description,
        parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
      },
    ]);
    expect(e.toolsFor('billing')).toEqual([]);
    await e.call('order_status', { order_id: '123456', customer_id: 'CUST999' }, CONTEXT);
    expect(shop.requests[0]?.path).toBe('/api/orders/123456');
  });

  it('refuses at creation an unset header variable, naming it, and a parameter in the host', () => {
    expect(() => engine({ env: {} })).toThrow(/SHOP_API_TOKEN/);
    expect(() =>
      engine({ actions: { bad: { ...orderStatus(shop), url: 'http://shop.example{host}/api/{id}' } } }),
    ).toThrow(/may only be in the URL's path/);
  });

  it('reads a base URL from the environment, and refuses one that is not a URL once read', async () => {
    const withBase = (env: Record<string, string>) =>
      engine({
        actions: { order_status: { ...orderStatus(shop), url: '${SHOP_API_URL}/api/orders/{order_id}' } },
        env: { SHOP_API_TOKEN: TOKEN, ...env },
      });
    expect(
      await withBase({ SHOP_API_URL: shop.url }).call('order_status', { order_id: '123456' }, CONTEXT),
    ).toMatchObject({
      ok: true,
    });
    expect(() => withBase({})).toThrow(/SHOP_API_URL/);
    expect(() => withBase({ SHOP_API_URL: 'not a url' })).toThrow(/not an http\(s\) URL/);
  });
});
