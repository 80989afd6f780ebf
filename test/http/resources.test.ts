import { describe, expect, it } from 'vitest';
import { makeApp, postJson } from './helpers.js';

describe('conversation, customer and ticket reads', () => {
  it('returns the conversation of an answered query and 404 for an unknown one', async () => {
    const { app } = makeApp();
    const res = await postJson(app, '/v1/queries', {
      customerId: 'C001',
      message: 'hello',
      conversationId: 'conv-a',
    });
    expect(res.status).toBe(200);
    const found = await app.request('/v1/conversations/conv-a');
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ conversationId: 'conv-a', customerId: 'C001' });
    const missing = await app.request('/v1/conversations/conv-zzz');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'CONVERSATION_NOT_FOUND' } });
  });

  it('returns a customer and 404 for an unknown one', async () => {
    const { app } = makeApp();
    expect(await (await app.request('/v1/customers/C001')).json()).toMatchObject({
      customerId: 'C001',
      subscriptionType: 'Premium',
    });
    const missing = await app.request('/v1/customers/C999');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'CUSTOMER_NOT_FOUND' } });
  });

  it('lists tickets', async () => {
    const { app } = makeApp();
    const res = await app.request('/v1/tickets');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ tickets: [] });
  });
});

describe('unknown routes and methods', () => {
  it('answers an unknown route with a JSON 404', async () => {
    const { app } = makeApp();
    const res = await app.request('/v2/nothing', { headers: { 'x-request-id': 'trace-404' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('trace-404');
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('answers a known path under the wrong method with 405 and Allow', async () => {
    const { app } = makeApp();
    const res = await app.request('/v1/queries', { method: 'GET' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toMatchObject({
      error: { code: 'METHOD_NOT_ALLOWED', details: { allowed: ['POST'] } },
    });
  });
});
