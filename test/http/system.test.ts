import { describe, expect, it } from 'vitest';
import { makeApp, postJson } from './helpers.js';

describe('health, readiness, metrics and the API document', () => {
  it('reports liveness', async () => {
    const { app } = makeApp();
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('reports readiness from the desk, 503 with the failing checks', async () => {
    const { app, desk } = makeApp();
    expect((await app.request('/readyz')).status).toBe(200);
    desk.ready = { ready: false, checks: { pool: true, blackboard: false, crm: true, tickets: true } };
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual(desk.ready);
  });

  it('reports not ready once draining even if the desk is fine', async () => {
    const { app } = makeApp();
    await app.lifecycle.drain(0);
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ready: false });
  });

  it("shows the LLM client's breaker, calls and adaptive limit when scraped; offline, no state and no slots", async () => {
    const { app, desk } = makeApp();
    const offline = await (await app.request('/metrics')).text();
    expect(offline).not.toMatch(/^swarmdesk_llm_breaker_state\{/m);
    expect(offline).toContain('swarmdesk_llm_concurrency_limit 0');
    desk.llm = { breaker: 'open', inFlight: 3, queued: 7, limit: 1 };
    const text = await (await app.request('/metrics')).text();
    expect(text).toContain('swarmdesk_llm_breaker_state{state="open"} 1');
    expect(text).toContain('swarmdesk_llm_breaker_state{state="closed"} 0');
    expect(text).toContain('swarmdesk_llm_in_flight 3');
    expect(text).toContain('swarmdesk_llm_queued 7');
    expect(text).toContain('swarmdesk_llm_concurrency_limit 1');
  });

  it('exposes queries, agents, errors and LLM usage as Prometheus text', async () => {
    const { app } = makeApp();
    await postJson(app, '/v1/queries', { customerId: 'C001', message: 'refund please' });
    app.metrics.observer.queryCompleted?.({
      ...((await (await app.request('/v1/queries/q-1')).json()) as Parameters<
        NonNullable<typeof app.metrics.observer.queryCompleted>
      >[0]),
    });
    app.metrics.observer.llmCall?.({
      agent: 'billing-1',
      agentType: 'billing',
      queryId: 'q-1',
      latencyMs: 120,
      promptTokens: 40,
      completionTokens: 12,
      outcome: 'ok',
    });
    app.metrics.observer.llmCall?.({
      agent: 'billing-7',
      agentType: 'billing',
      queryId: 'q-2',
      latencyMs: 3,
      promptTokens: 0,
      completionTokens: 0,
      outcome: 'error',
      errorCode: 'LLM_UNAVAILABLE',
    });
    await app.request('/v1/queries/unknown');
    const res = await app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await res.text();
    expect(text).toContain(
      'swarmdesk_queries_total{department="billing",intent="billing.refund",escalated="false"} 1',
    );
    expect(text).toContain('swarmdesk_agent_mailbox_depth{agent="technical-1",type="technical"} 2');
    expect(text).toContain('swarmdesk_agent_restarts{agent="technical-1",type="technical"} 1');
    expect(text).toContain('swarmdesk_errors_total{code="QUERY_NOT_FOUND"} 1');
    // Labelled by the agent's type: a pool that scales up mints ids, and each id would be new series.
    expect(text).toContain('swarmdesk_llm_tokens_total{type="billing",kind="prompt"} 40');
    expect(text).toContain('swarmdesk_llm_calls_total{type="billing",outcome="ok",code=""} 1');
    expect(text).toContain(
      'swarmdesk_llm_calls_total{type="billing",outcome="error",code="LLM_UNAVAILABLE"} 1',
    );
    expect(text).toContain('swarmdesk_llm_call_duration_seconds_count{type="billing"} 2');
    expect(text).not.toContain('billing-7');
    expect(text).toContain('swarmdesk_query_duration_seconds_bucket');
    expect(text).toMatch(
      /swarmdesk_http_request_duration_seconds_count\{method="POST",route="\/v1\/queries",status="200"\} 1/,
    );
  });

  it('serves event-loop lag through the default collectors of its own registry', async () => {
    const { createApp, createMetrics } = await import('../../src/http/index.js');
    const { FakeDesk } = await import('../support/fake-desk.js');
    const { memoryLogger } = await import('./helpers.js');
    const app = createApp({ desk: new FakeDesk(), logger: memoryLogger().logger, metrics: createMetrics() });
    const text = await (await app.request('/metrics')).text();
    expect(text).toContain('swarmdesk_nodejs_eventloop_lag_seconds');
  });

  it('generates the OpenAPI document from the route schemas', async () => {
    const { app } = makeApp();
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties: Record<string, { maxLength?: number }> }> };
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/healthz',
        '/metrics',
        '/readyz',
        '/v1/agents',
        '/v1/agents/stream',
        '/v1/agents/{id}/restart',
        '/v1/agents/{id}/start',
        '/v1/agents/{id}/stop',
        '/v1/agents/{type}/scale',
        '/v1/chat/completions',
        '/v1/models',
        '/v1/models/{model}',
        '/v1/console/stream',
        '/v1/console/traffic',
        '/v1/conversations/{id}',
        '/v1/customers/{id}',
        '/v1/desk',
        '/v1/faults/thread-exit',
        '/v1/queries',
        '/v1/queries/{id}',
        '/v1/queries/{id}/feedback',
        '/v1/tickets',
        '/v1/tickets/{id}',
        '/v1/token-revocations',
        '/v1/webhooks/deliveries',
        '/v1/webhooks/deliveries/{id}/replay',
        '/v1/ws',
      ].sort(),
    );
    expect(doc.components.schemas.QueryRequest?.properties.message?.maxLength).toBe(4000);
    expect(JSON.stringify(doc.paths['/v1/queries'])).toContain('suggestions');
  });

  it('describes every operation with an id, and declares the bearer schemes it refers to', async () => {
    const { app } = makeApp();
    const doc = (await (await app.request('/openapi.json')).json()) as {
      servers: unknown[];
      security: Record<string, unknown>[];
      paths: Record<string, Record<string, { operationId?: string; security?: Record<string, unknown>[] }>>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    };
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    const ids = operations.map((operation) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.servers.length).toBeGreaterThan(0);
    expect(doc.components.securitySchemes).toMatchObject({
      apiKey: { type: 'http', scheme: 'bearer' },
      adminToken: { type: 'http', scheme: 'bearer' },
    });
    expect(doc.security).toEqual([{ apiKey: [] }]);
    expect(doc.paths['/healthz']?.get?.security).toEqual([]);
    expect(doc.paths['/v1/agents/{type}/scale']?.post?.security).toEqual([{ adminToken: [] }]);
  });

  it('renders the document with Swagger UI served from the package, with no CDN', async () => {
    const { app } = makeApp();
    const page = await app.request('/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(sources).toEqual([
      'docs/assets/swagger-ui.css',
      'docs/assets/swagger-ui-bundle.js',
      'docs/assets/init.js',
    ]);
    for (const source of sources) {
      const asset = await app.request(`/${source}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toMatch(/max-age=\d+/);
      expect((await asset.text()).length).toBeGreaterThan(0);
    }
    expect(await (await app.request('/docs/assets/init.js')).text()).toContain("url: 'openapi.json'");
    expect((await app.request('/docs/assets/package.json')).status).toBe(404);
  });
});
