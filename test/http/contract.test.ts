import { describe, expect, it } from 'vitest';
import { makeApp, postJson } from './helpers.js';

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
}

describe('the contract as the OpenAPI document states it', () => {
  it('refuses unknown query parameters with 400 naming each, on every kind of route', async () => {
    const { app } = makeApp();
    const answered = (await (
      await postJson(app, '/v1/queries', { customerId: 'C001', message: 'hi' })
    ).json()) as {
      queryId: string;
      conversationId: string;
    };
    for (const path of [
      '/v1/tickets?status=open&colour=red&size=2',
      `/v1/queries/${answered.queryId}?colour=red&size=2`,
      `/v1/conversations/${answered.conversationId}?colour=red&size=2`,
      '/v1/customers/C001?colour=red&size=2',
      '/v1/agents?colour=red&size=2',
      '/v1/desk?colour=red&size=2',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as {
        error: { code: string; details: { issues: { field: string }[] } };
      };
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.details.issues.map((i) => i.field).sort()).toEqual(['colour', 'size']);
    }
    const posted = await postJson(app, '/v1/queries?colour=red', { customerId: 'C001', message: 'hi' });
    expect(posted.status).toBe(400);
  });

  it('answers GET /v1/ws without an upgrade with 426 UPGRADE_REQUIRED and Upgrade: websocket', async () => {
    const { app } = makeApp();
    const res = await app.request('/v1/ws?customerId=C001');
    expect(res.status).toBe(426);
    expect(res.headers.get('upgrade')).toBe('websocket');
    expect(await res.json()).toMatchObject({ error: { code: 'UPGRADE_REQUIRED' } });
  });

  it('lists the statuses every /v1 route can give, and 426 for the WebSocket route', async () => {
    const { app } = makeApp();
    const doc = (await (await app.request('/openapi.json')).json()) as OpenApiDocument;
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.startsWith('/v1/')) continue;
      for (const [method, operation] of Object.entries(operations)) {
        const statuses = Object.keys(operation.responses);
        expect(statuses, `${method} ${path}`).toEqual(
          expect.arrayContaining(['400', '401', '403', '429', '503']),
        );
        if (path.includes('{id}')) expect(statuses, `${method} ${path}`).toContain('404');
        if (method === 'post' || method === 'patch')
          expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['413', '415']));
      }
    }
    expect(Object.keys(doc.paths['/v1/ws']?.get?.responses ?? {})).toContain('426');
  });
});
