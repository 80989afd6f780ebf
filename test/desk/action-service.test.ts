import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeShop, type FakeShop } from '../../examples/shop/backend/fake-shop.js';
import { createActionEngine } from '../../src/actions/index.js';
import { createActionService, type ToolCallReply } from '../../src/desk/action-service.js';
import { demoProfile } from '../support/demo-desk.js';

const TOKEN = 'shop-secret-token';
const WHO = { conversationId: 'conv-1', customerId: 'CUST001', department: 'shipping' };

describe("the actions service: a model's call", () => {
  let shop: FakeShop;
  let call: (name: string, args: string) => Promise<ToolCallReply>;

  beforeEach(async () => {
    shop = await startFakeShop({ token: TOKEN });
    const engine = createActionEngine({
      actions: {
        order_status: {
          description: "Look up an order's delivery status",
          url: `${shop.url}/api/orders/{order_id}`,
          headers: { authorization: 'Bearer ${SHOP_API_TOKEN}' },
          parameters: {
            type: 'object',
            properties: { order_id: { type: 'string', pattern: '^[0-9]{6}$' } },
            required: ['order_id'],
          },
          departments: ['shipping'],
          retries: 0,
        },
      },
      env: { SHOP_API_TOKEN: TOKEN },
    });
    const service = createActionService({
      engine,
      blackboard: { get: async () => undefined },
      profile: demoProfile(),
    });
    call = (name, args) => service.call({ name, arguments: args, ...WHO });
  });
  afterEach(async () => {
    await shop.close();
  });

  it("gives the backend's answer as JSON for the model, with the call's record", async () => {
    const reply = await call('order_status', '{"order_id":"123456"}');
    expect(reply).toMatchObject({ ok: true, call: { action: 'order_status', outcome: 'ok', status: 200 } });
    expect(JSON.parse(reply.result)).toMatchObject({ order_id: '123456', status: 'shipped' });
    expect(JSON.stringify(reply)).not.toContain(TOKEN);
  });

  it("sends the conversation's customer id, never the one the model wrote", async () => {
    await call('order_status', '{"order_id":"123456","customer_id":"CUST002"}');
    expect(shop.requests.at(-1)?.headers['x-customer-id']).toBe('CUST001');
    expect(shop.requests.at(-1)?.path).toBe('/api/orders/123456');
  });

  it.each(['not json', '[1]', 'null'])(
    'answers arguments that are no JSON object (%s) with an error, calling nothing',
    async (args) => {
      const reply = await call('order_status', args);
      expect(reply).toMatchObject({ ok: false, code: 'ACTION_INVALID_ARGUMENTS' });
      expect(reply.call).toBeUndefined();
      expect(shop.requests).toHaveLength(0);
    },
  );

  it('checks the arguments against the schema before any call', async () => {
    const reply = await call('order_status', '{"order_id":"12"}');
    expect(reply).toMatchObject({ ok: false, code: 'ACTION_INVALID_ARGUMENTS', call: { outcome: 'error' } });
    expect(JSON.parse(reply.result)).toMatchObject({ error: { code: 'ACTION_INVALID_ARGUMENTS' } });
    expect(shop.requests).toHaveLength(0);
  });

  it('refuses an action the department does not have', async () => {
    const reply = await call('refund', '{}');
    expect(reply).toMatchObject({ ok: false, code: 'ACTION_NOT_FOUND' });
  });
});
