import { describe, expect, it } from 'vitest';
import { MailboxFullError, ShuttingDownError, SwarmError } from '../../src/runtime/index.js';
import { fromAddress, makeApp, parseSse, postJson } from './helpers.js';

const ask = { customerId: 'C001', message: 'I want a refund for last month' };

describe('POST /v1/queries', () => {
  it('answers with the query result as JSON', async () => {
    const { app, desk } = makeApp();
    const res = await postJson(app, '/v1/queries', { ...ask, channel: 'web' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { queryId: string; response: string; customerId: string };
    expect(body).toMatchObject({ customerId: 'C001', response: 'Your refund is on its way.' });
    expect(desk.submitted).toEqual([{ ...ask, channel: 'web' }]);
    expect(desk.results.has(body.queryId)).toBe(true);
  });

  it('streams routed, tokens and done as SSE events named by their type', async () => {
    const { app } = makeApp();
    const res = await postJson(app, '/v1/queries', ask, { accept: 'text/event-stream' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const { events } = parseSse(await res.text());
    expect(events.map((e) => e.event)).toEqual(['routed', 'token', 'token', 'done']);
    const parsed = events.map(
      (e) => JSON.parse(e.data) as { type: string; delta?: string; result?: { response: string } },
    );
    expect(parsed.map((p) => p.type)).toEqual(['routed', 'token', 'token', 'done']);
    expect(
      parsed
        .slice(1, 3)
        .map((p) => p.delta)
        .join(''),
    ).toBe(parsed[3]?.result?.response);
  });

  it('answers a refusal before any event with a status instead of a stream', async () => {
    const { app, desk } = makeApp();
    desk.failNext(new MailboxFullError('router-1', 1024, 2500));
    const res = await postJson(app, '/v1/queries', ask, { accept: 'text/event-stream' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.json()).toMatchObject({ error: { code: 'MAILBOX_FULL' } });
  });

  it('rejects malformed JSON with INVALID_JSON', async () => {
    const { app } = makeApp();
    const res = await app.request('/v1/queries', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-400' },
      body: '{"customerId": "C001", ',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-request-id')).toBe('trace-400');
    expect(await res.json()).toMatchObject({ error: { code: 'INVALID_JSON' } });
  });

  it('refuses a form-encoded body with 415 instead of blaming every field', async () => {
    const { app } = makeApp();
    const res = await app.request('/v1/queries', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '9' },
      body: 'message=x',
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('refuses a body of another media type with 415 when the request declares no length', async () => {
    const { app } = makeApp();
    const res = await app.request('/v1/queries', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ customerId: 'C001', message: 'hi' }),
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({
      error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('text/plain') },
    });
  });

  it('names the missing field in a validation error', async () => {
    const { app, desk } = makeApp();
    const res = await postJson(app, '/v1/queries', { message: 'hello' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { issues: { field: string }[] } } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.issues.map((i) => i.field)).toEqual(['customerId']);
    expect(desk.submitted).toHaveLength(0);
  });

  it('pins a message to one of the desk’s specialist departments, and refuses any other', async () => {
    const { app, desk } = makeApp();
    const pinned = await postJson(app, '/v1/queries', { ...ask, department: 'billing' });
    expect(pinned.status).toBe(200);
    expect(desk.submitted).toEqual([{ ...ask, department: 'billing' }]);
    for (const department of ['sales', 'escalation']) {
      const res = await postJson(app, '/v1/queries', { ...ask, department });
      expect(res.status).toBe(400);
      const body = (await res.json()) as {
        error: { code: string; details: { issues: { field: string }[] } };
      };
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.details.issues.map((i) => i.field)).toEqual(['department']);
    }
    expect(desk.submitted).toHaveLength(1);
  });

  it('refuses a message longer than the limit, naming the message field', async () => {
    const { app } = makeApp({ messageMaxLength: 20 });
    const res = await postJson(app, '/v1/queries', { customerId: 'C001', message: 'x'.repeat(21) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { issues: { field: string }[] } } };
    expect(body.error.details.issues[0]?.field).toBe('message');
  });

  it('refuses a body over the size limit with 413', async () => {
    const { app, desk } = makeApp({ bodyLimitBytes: 1024 });
    const res = await postJson(app, '/v1/queries', { customerId: 'C001', message: 'y'.repeat(2000) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(desk.submitted).toHaveLength(0);
  });

  it.each([
    [new SwarmError('CONVERSATION_BUSY', 'busy', { details: { conversationId: 'c1' } }), 409, null],
    [new MailboxFullError('router-1', 8, 1200), 503, '2'],
    [new ShuttingDownError(), 503, null],
  ])('maps %s to its status', async (error, status, retryAfter) => {
    const { app, desk } = makeApp();
    desk.failNext(error);
    const res = await postJson(app, '/v1/queries', ask);
    expect(res.status).toBe(status);
    expect(res.headers.get('retry-after')).toBe(retryAfter);
    expect(await res.json()).toEqual({ error: error.toJSON() });
  });

  it('hides internal faults behind a generic 500 without a stack', async () => {
    const { app, desk, logs } = makeApp();
    desk.failNext(new SwarmError('BEHAVIOUR_FAILED', 'secret internals at /srv/app.js:12'));
    const res = await postJson(app, '/v1/queries', ask);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'BEHAVIOUR_FAILED', message: 'internal error' } });
    expect(text).not.toContain('secret');
    const failure = logs.find((line) => line.msg === 'request failed');
    expect(failure).toMatchObject({ code: 'BEHAVIOUR_FAILED' });
    expect(JSON.stringify(failure)).not.toMatch(/stack|\n\s+at /);
  });

  it('keeps the customer message out of the logs and tags lines with the request id', async () => {
    const { app, logs } = makeApp();
    const res = await postJson(
      app,
      '/v1/queries',
      { customerId: 'C001', message: 'my card 4111 is stolen' },
      { 'x-request-id': 'req-42' },
    );
    expect(res.headers.get('x-request-id')).toBe('req-42');
    expect(logs.some((line) => line.requestId === 'req-42' && line.status === 200)).toBe(true);
    expect(JSON.stringify(logs)).not.toContain('4111');
  });

  it('generates a request id when the caller sends none (or an unsafe one)', async () => {
    const { app } = makeApp();
    const res = await postJson(app, '/v1/queries', ask, { 'x-request-id': 'bad id with spaces' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses new queries with SHUTTING_DOWN once the edge is draining', async () => {
    const { app, desk } = makeApp();
    await app.lifecycle.drain(0);
    const res = await postJson(app, '/v1/queries', ask, {}, fromAddress('127.0.0.1'));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'SHUTTING_DOWN' } });
    expect(desk.submitted).toHaveLength(0);
  });
});

describe('GET /v1/queries/:id and feedback', () => {
  async function answered() {
    const t = makeApp();
    const res = await postJson(t.app, '/v1/queries', ask);
    const { queryId } = (await res.json()) as { queryId: string };
    return { ...t, queryId };
  }

  it('returns a stored query and 404 for an unknown one', async () => {
    const { app, queryId } = await answered();
    const found = await app.request(`/v1/queries/${queryId}`);
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ queryId });
    const missing = await app.request('/v1/queries/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'QUERY_NOT_FOUND' } });
  });

  it('records feedback and reports what was learned', async () => {
    const { app, queryId } = await answered();
    const res = await postJson(app, `/v1/queries/${queryId}/feedback`, {
      rating: 5,
      resolved: true,
      correctIntent: 'billing.refund',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ queryId, recorded: true, learning: 'applied' });
  });

  it('names an out-of-range rating and takes an empty feedback body, as its schema allows', async () => {
    const { app, queryId } = await answered();
    const bad = await postJson(app, `/v1/queries/${queryId}/feedback`, { rating: 7 });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { details: { issues: { field: string }[] } } };
    expect(body.error.details.issues[0]?.field).toBe('rating');
    const empty = await postJson(app, `/v1/queries/${queryId}/feedback`, {});
    expect(empty.status).toBe(200);
  });

  it('answers 422 for an unknown intent and 404 for an unknown query', async () => {
    const { app, queryId } = await answered();
    const unknown = await postJson(app, `/v1/queries/${queryId}/feedback`, {
      correctIntent: 'no.such.intent',
    });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ error: { code: 'UNKNOWN_INTENT' } });
    const missing = await postJson(app, '/v1/queries/q-999/feedback', { rating: 3 });
    expect(missing.status).toBe(404);
  });
});
