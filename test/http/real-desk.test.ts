import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createDesk } from '../../src/desk/index.js';
import {
  createApp,
  createMetrics,
  startServer,
  toActorLogger,
  type RunningServer,
  type SwarmApp,
} from '../../src/http/index.js';
import { memoryLogger, parseSse } from './helpers.js';
import { TEST_MODEL_CACHE } from '../support/demo-desk.js';

const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-edge-'));
let running: RunningServer;
let app: SwarmApp;
let url: string;

beforeAll(async () => {
  const { logger } = memoryLogger();
  const metrics = createMetrics({ defaultMetrics: false });
  const desk = await createDesk(
    { threads: 1, dataDir, modelCacheDir: TEST_MODEL_CACHE },
    { logger: toActorLogger(logger), observer: metrics.observer },
  );
  app = createApp({ desk, logger, metrics, options: { rateLimit: null } });
  running = await startServer({ app, host: '127.0.0.1', port: 0 });
  url = running.url;
});

afterAll(async () => {
  await running?.shutdown({ timeoutMs: 5000 });
  rmSync(dataDir, { recursive: true, force: true });
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('the edge over the real desk (offline, one thread)', () => {
  it('is ready and lists the agent pools', async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const { agents } = (await (await fetch(`${url}/v1/agents`)).json()) as { agents: { type: string }[] };
    expect(new Set(agents.map((a) => a.type))).toEqual(
      new Set(['router', 'technical', 'billing', 'general', 'escalation']),
    );
  });

  it('answers a query, stores it, and links it to its conversation and customer', async () => {
    const res = await post('/v1/queries', {
      customerId: 'CUST001',
      message: 'I was charged twice for my subscription',
    });
    expect(res.status).toBe(200);
    const result = (await res.json()) as {
      queryId: string;
      conversationId: string;
      department: string;
      response: string;
    };
    expect(result.department).toBe('billing');
    expect(result.response.length).toBeGreaterThan(0);

    expect(await (await fetch(`${url}/v1/queries/${result.queryId}`)).json()).toMatchObject({
      queryId: result.queryId,
    });
    const conversation = (await (await fetch(`${url}/v1/conversations/${result.conversationId}`)).json()) as {
      entries: unknown[];
    };
    expect(conversation.entries.length).toBeGreaterThan(0);
    const customer = (await (await fetch(`${url}/v1/customers/CUST001`)).json()) as {
      issuesHistory: { queryId?: string }[];
    };
    expect(customer.issuesHistory.some((i) => i.queryId === result.queryId)).toBe(true);

    const feedback = await post(`/v1/queries/${result.queryId}/feedback`, { rating: 4, resolved: true });
    expect(feedback.status).toBe(200);
    expect(await feedback.json()).toMatchObject({ queryId: result.queryId, recorded: true });
  });

  it('streams routed, tokens and exactly one done over SSE', async () => {
    const res = await post(
      '/v1/queries',
      { customerId: 'CUST002', message: 'the app crashes when I open settings' },
      { accept: 'text/event-stream' },
    );
    const names = parseSse(await res.text()).events.map((e) => e.event);
    expect(names[0]).toBe('routed');
    expect(names.at(-1)).toBe('done');
    expect(names.filter((n) => n === 'done')).toHaveLength(1);
    expect(names.every((n) => ['routed', 'handoff', 'token', 'done'].includes(n))).toBe(true);
    expect(names).toContain('token');
  });

  it('answers an escalation with a ticket that the ticket list shows', async () => {
    const res = await post('/v1/queries', {
      customerId: 'CUST003',
      message: 'I want to talk to a human now, my lawyer is preparing legal action',
    });
    const result = (await res.json()) as { escalated: boolean; ticketId: string | null };
    expect(result).toMatchObject({ escalated: true, ticketId: expect.any(String) });
    const { tickets } = (await (await fetch(`${url}/v1/tickets`)).json()) as {
      tickets: { ticketId: string }[];
    };
    expect(tickets.map((t) => t.ticketId)).toContain(result.ticketId);
  });

  it('round-trips a WebSocket message', async () => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/ws?customerId=CUST001`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const types: string[] = [];
    const done = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string };
        types.push(frame.type);
        if (frame.type === 'done' || frame.type === 'error') resolve();
      }),
    );
    ws.send('how do I reset my password?');
    await done;
    expect(types[0]).toBe('routed');
    expect(types.at(-1)).toBe('done');
    ws.close();
  });

  it('counts answered queries in /metrics', async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(
      /swarmdesk_queries_total\{department="billing",intent="[^"]+",escalated="false"\} [1-9]/,
    );
    expect(text).toMatch(/swarmdesk_agent_mailbox_depth\{agent="router-1",type="router"\} \d+/);
  });

  // Last: it shuts the shared server down.
  it('answers accepted queries and refuses late ones cleanly when shut down under load', async () => {
    const inFlight = Array.from({ length: 12 }, (_, i) =>
      post('/v1/queries', { customerId: 'CUST002', message: `my invoice number ${i} is wrong` }).then(
        (res) => res.status,
        () => 'refused',
      ),
    );
    await vi.waitFor(() => expect(app.lifecycle.inFlight).toBeGreaterThan(0), { interval: 1 });
    const outcome = await running.shutdown({ timeoutMs: 10_000 });
    const statuses = await Promise.all(inFlight);
    expect(outcome).toEqual({ drained: true, abandoned: 0 });
    expect(statuses).toContain(200);
    expect(statuses.every((s) => s === 200 || s === 503 || s === 'refused')).toBe(true);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
