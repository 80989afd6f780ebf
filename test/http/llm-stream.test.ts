import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk } from '../../src/desk/index.js';
import type { QueryResult } from '../../src/domain/query.js';
import {
  createApp,
  createMetrics,
  startServer,
  toActorLogger,
  type RunningServer,
} from '../../src/http/index.js';
import { FakeLlm } from '../../src/testing/fake-llm.js';
import { memoryLogger, parseSse } from './helpers.js';
import { TEST_MODEL_CACHE } from '../support/demo-desk.js';

const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-llm-edge-'));
const fake = new FakeLlm();
let running: RunningServer;

beforeAll(async () => {
  await fake.start();
  const { logger } = memoryLogger();
  const metrics = createMetrics({ defaultMetrics: false });
  const desk = await createDesk(
    {
      threads: 1,
      dataDir,
      modelCacheDir: TEST_MODEL_CACHE,
      llm: { baseURL: fake.baseURL, apiKey: 'test-key', timeoutMs: 2_000 },
    },
    { logger: toActorLogger(logger), observer: metrics.observer },
  );
  const app = createApp({ desk, logger, metrics, options: { rateLimit: null } });
  running = await startServer({ app, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await running?.shutdown({ timeoutMs: 5000 });
  await fake.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function streamQuery(message: string) {
  const res = await fetch(`${running.url}/v1/queries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ customerId: 'CUST004', message }),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  return parseSse(await res.text()).events;
}

describe('LLM mode end to end: fake chat-completions server → desk → SSE client', () => {
  it('streams the LLM answer token by token and ends with the full result', async () => {
    const text = 'Invoices are issued on the 1st day of each month and sent to your billing e-mail.';
    fake.reset();
    fake.setDefault({ kind: 'text', text, tokenDelayMs: 2 });
    const events = await streamQuery('When will my invoice for this month arrive?');
    const names = events.map((e) => e.event);
    expect(names[0]).toBe('routed');
    expect(names.at(-1)).toBe('done');
    const tokens = events
      .filter((e) => e.event === 'token')
      .map((e) => JSON.parse(e.data) as { delta: string });
    expect(tokens.length).toBeGreaterThan(3);
    expect(tokens.map((t) => t.delta).join('')).toBe(text);
    const done = JSON.parse(events.at(-1)!.data) as { result: QueryResult };
    expect(done.result).toMatchObject({ response: text, department: 'billing', escalated: false });
    expect(done.result.usage.llmCalls).toBeGreaterThanOrEqual(1);
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toMatch(/swarmdesk_llm_calls_total\{type="billing",outcome="ok",code=""\} \d/);
    expect(metrics).toContain('swarmdesk_llm_breaker_state{state="closed"} 1');
    expect(metrics).toContain('swarmdesk_llm_concurrency_limit 16');
  });

  it('answers offline, still streaming and never with a 5xx, when the LLM endpoint fails', async () => {
    fake.reset();
    fake.setDefault({ kind: 'status', status: 500 });
    const events = await streamQuery('When will my invoice for this month arrive?');
    expect(events.at(-1)?.event).toBe('done');
    expect(events.some((e) => e.event === 'token')).toBe(true);
    const done = JSON.parse(events.at(-1)!.data) as { result: QueryResult };
    expect(done.result.department).toBe('billing');
    expect(done.result.response).toMatch(/invoice/i);
    expect(fake.calls.length).toBeGreaterThan(0);
  });
});
