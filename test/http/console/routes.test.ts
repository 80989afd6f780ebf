import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createApp, createMetrics } from '../../../src/http/index.js';
import { ConsoleEvent, ConsoleSnapshot } from '../../../src/http/console/index.js';
import { FakeDesk } from '../../support/fake-desk.js';
import { sampleResult } from '../../blackboard/conformance.js';
import { memoryLogger, parseSse } from '../helpers.js';

const built = mkdtempSync(join(tmpdir(), 'swarmdesk-console-routes-'));
mkdirSync(join(built, 'assets'));
writeFileSync(join(built, 'index.html'), '<!doctype html><title>console</title>');
writeFileSync(join(built, 'assets', 'console-ABC123.js'), 'export {};');
writeFileSync(join(built, 'assets', 'console-ABC123.css'), 'body{}');

afterAll(() => rmSync(built, { recursive: true, force: true }));

function consoleApp(options: { apiKeys?: string[]; consoleDir?: string } = {}) {
  const metrics = createMetrics({ defaultMetrics: false });
  const app = createApp({
    desk: new FakeDesk(),
    logger: memoryLogger().logger,
    metrics,
    options: { rateLimit: null, apiKeys: options.apiKeys ?? [] },
    consoleDir: options.consoleDir ?? built,
  });
  return { app, metrics };
}

describe('console routes', () => {
  it('serves the page revalidated every time, confined to this server', async () => {
    const { app } = consoleApp();
    for (const path of ['/console', '/console/']) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await res.text()).toContain('<title>console</title>');
    }
  });

  it('serves hashed assets as immutable, with their media type', async () => {
    const { app } = consoleApp();
    const js = await app.request('/console/assets/console-ABC123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('export {};');
    const css = await app.request('/console/assets/console-ABC123.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers an unknown asset, or a console not built, with a JSON 404', async () => {
    const { app } = consoleApp();
    const missing = await app.request('/console/assets/console-OLD.js');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const unbuilt = consoleApp({ consoleDir: join(built, 'nothing-here') }).app;
    const page = await unbuilt.request('/console');
    expect(page.status).toBe(404);
    expect(await page.json()).toMatchObject({ error: { message: expect.stringContaining('npm run build') } });
  });

  it('gives the recorded traffic and queries, as the desk observer reported them', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(5_000_000);
    const { app, metrics } = consoleApp();
    metrics.observer.queryCompleted?.(sampleResult('q-1'));
    metrics.observer.queryFailed?.('ASK_TIMEOUT');
    metrics.observer.llmCall?.({
      agent: 'billing-1',
      agentType: 'billing',
      queryId: 'q-1',
      latencyMs: 5,
      promptTokens: 30,
      completionTokens: 12,
      outcome: 'ok',
    });
    vi.setSystemTime(5_001_000);
    const res = await app.request('/v1/console/traffic');
    vi.useRealTimers();
    expect(res.status).toBe(200);
    const snapshot = ConsoleSnapshot.parse(await res.json());
    expect(snapshot.llm).toBeNull();
    expect(snapshot.queries.map((q) => q.queryId)).toEqual(['q-1']);
    expect(snapshot.traffic.at(-1)).toEqual({
      at: 5_000_000,
      queries: 1,
      failed: 1,
      escalations: 0,
      llmTokens: 42,
      p50Ms: 10,
      p99Ms: 10,
    });
  });

  it('needs an integrator key for its data when keys are on, never for the page', async () => {
    const { app } = consoleApp({ apiKeys: ['k-1'] });
    expect((await app.request('/console')).status).toBe(200);
    expect((await app.request('/v1/console/traffic')).status).toBe(401);
    expect((await app.request('/v1/console/stream')).status).toBe(401);
    const ok = await app.request('/v1/console/traffic', { headers: { authorization: 'Bearer k-1' } });
    expect(ok.status).toBe(200);
  });

  it('opens its stream with a snapshot', async () => {
    const { app, metrics } = consoleApp();
    metrics.observer.queryCompleted?.(sampleResult('q-7'));
    const controller = new AbortController();
    const res = await app.request('/v1/console/stream', { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    await reader.cancel();
    const [first] = parseSse(text).events;
    expect(first?.event).toBe('snapshot');
    const event = ConsoleEvent.parse(JSON.parse(first!.data));
    expect(event.type === 'snapshot' && event.queries.map((q) => q.queryId)).toEqual(['q-7']);
  });
});
