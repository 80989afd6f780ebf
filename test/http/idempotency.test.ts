import { describe, expect, it } from 'vitest';
import { createApp, createMetrics, type SwarmApp } from '../../src/http/index.js';
import {
  createMemoryIdempotencyStore,
  createRedisIdempotencyStore,
  type IdempotencyStore,
} from '../../src/idempotency/index.js';
import { MailboxFullError } from '../../src/runtime/index.js';
import { FakeDesk } from '../support/fake-desk.js';
import { describeWithRedis, probeTestRedis, useRedisKeyspace } from '../support/redis.js';
import { memoryLogger, postJson } from './helpers.js';
import { sampleTicket } from '../tickets/conformance.js';

function appWith(store: IdempotencyStore, desk = new FakeDesk()): { app: SwarmApp; desk: FakeDesk } {
  const app = createApp({
    desk,
    options: { rateLimit: null },
    logger: memoryLogger().logger,
    metrics: createMetrics({ defaultMetrics: false }),
    idempotency: store,
  });
  return { app, desk };
}

const QUERY = { customerId: 'C001', message: 'I was charged twice' };
const keyed = (key: string) => ({ 'idempotency-key': key });

describe('Idempotency-Key', () => {
  it('answers a retry with the same key and body with the first response, without running it again', async () => {
    const { app, desk } = appWith(createMemoryIdempotencyStore());
    const first = await postJson(app, '/v1/queries', QUERY, keyed('k-1'));
    const retry = await postJson(app, '/v1/queries', QUERY, keyed('k-1'));
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await retry.json()).toEqual(await first.json());
    expect(desk.submitted).toHaveLength(1);

    await postJson(app, '/v1/queries', QUERY, keyed('k-2'));
    await postJson(app, '/v1/queries', QUERY);
    await postJson(app, '/v1/queries', QUERY);
    expect(desk.submitted).toHaveLength(4);
  });

  it('refuses the same key with another body with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const { app, desk } = appWith(createMemoryIdempotencyStore());
    await postJson(app, '/v1/queries', QUERY, keyed('k-1'));
    const reused = await postJson(app, '/v1/queries', { ...QUERY, message: 'something else' }, keyed('k-1'));
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(desk.submitted).toHaveLength(1);
  });

  it('answers 409 IDEMPOTENCY_IN_FLIGHT while the first request runs, then replays it', async () => {
    const { app, desk } = appWith(createMemoryIdempotencyStore());
    desk.hold();
    const first = postJson(app, '/v1/queries', QUERY, keyed('k-1'));
    await desk.whenSubmitted(1);
    const during = await postJson(app, '/v1/queries', QUERY, keyed('k-1'));
    expect(during.status).toBe(409);
    expect(during.headers.get('retry-after')).toBe('1');
    expect(await during.json()).toMatchObject({ error: { code: 'IDEMPOTENCY_IN_FLIGHT' } });
    desk.release();
    const answered = await (await first).json();
    const after = await postJson(app, '/v1/queries', QUERY, keyed('k-1'));
    expect(await after.json()).toEqual(answered);
    expect(desk.submitted).toHaveLength(1);
  });

  it('runs a retry again when the first attempt failed with a fault or a busy refusal', async () => {
    const { app, desk } = appWith(createMemoryIdempotencyStore());
    desk.failNext(new MailboxFullError('router', 8, 1000));
    expect((await postJson(app, '/v1/queries', QUERY, keyed('k-1'))).status).toBe(503);
    expect((await postJson(app, '/v1/queries', QUERY, keyed('k-1'))).status).toBe(200);
    expect(desk.submitted).toHaveLength(2);
  });

  it('keeps a refusal of the body itself, and scopes keys to the route', async () => {
    const { app, desk } = appWith(createMemoryIdempotencyStore());
    const bad = { customerId: 'C001' };
    expect((await postJson(app, '/v1/queries', bad, keyed('k-1'))).status).toBe(400);
    const again = await postJson(app, '/v1/queries', bad, keyed('k-1'));
    expect(again.status).toBe(400);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const { queryId } = (await (await postJson(app, '/v1/queries', QUERY)).json()) as { queryId: string };
    const rated = await postJson(app, `/v1/queries/${queryId}/feedback`, { rating: 5 }, keyed('k-1'));
    expect(rated.status).toBe(200);
    expect(desk.submitted).toHaveLength(1);
  });

  it('replays a ticket change and feedback too', async () => {
    const { app, desk } = appWith(createMemoryIdempotencyStore());
    const { queryId } = (await (await postJson(app, '/v1/queries', QUERY)).json()) as { queryId: string };
    const rate = () => postJson(app, `/v1/queries/${queryId}/feedback`, { rating: 4 }, keyed('fb'));
    expect((await rate()).headers.get('idempotent-replayed')).toBeNull();
    expect((await rate()).headers.get('idempotent-replayed')).toBe('true');

    desk.tickets.set('T-1', sampleTicket('T-1'));
    const note = () =>
      app.request('/v1/tickets/T-1', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...keyed('note-1') },
        body: JSON.stringify({ note: { text: 'called back' } }),
      });
    expect((await note()).status).toBe(200);
    expect((await note()).headers.get('idempotent-replayed')).toBe('true');
    expect(desk.tickets.get('T-1')?.notes).toHaveLength(1);
  });

  it('is described in the API document, with the ticket fields a PATCH changes', async () => {
    const { app } = appWith(createMemoryIdempotencyStore());
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>
      >;
    };
    const headerOf = (path: string, method: string) =>
      doc.paths[path]?.[method]?.parameters?.filter((p) => p.in === 'header').map((p) => p.name);
    expect(headerOf('/v1/queries', 'post')).toEqual(['idempotency-key']);
    expect(headerOf('/v1/queries/{id}/feedback', 'post')).toEqual(['idempotency-key']);
    expect(headerOf('/v1/tickets/{id}', 'patch')).toEqual(['idempotency-key']);
    const text = JSON.stringify(doc.paths['/v1/tickets/{id}']);
    for (const field of ['assignee', 'notes', 'updatedAt', 'note']) expect(text).toContain(`"${field}"`);
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    const { app, desk } = appWith(createMemoryIdempotencyStore());
    const res = await postJson(app, '/v1/queries', QUERY, keyed('x'.repeat(256)));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ field: 'Idempotency-Key' }] } },
    });
    expect(desk.submitted).toHaveLength(0);
  });
});

const availability = await probeTestRedis();

describeWithRedis('Idempotency-Key across instances on one Redis', availability, (url) => {
  const keyspace = useRedisKeyspace(url);
  const twoInstances = () => {
    const store = () => createRedisIdempotencyStore({ redis: keyspace.client, keyPrefix: keyspace.prefix });
    return [appWith(store()), appWith(store())] as const;
  };

  it('answers a retry reaching another instance with the first response', async () => {
    const [a, b] = twoInstances();
    const first = await postJson(a.app, '/v1/queries', QUERY, keyed('k-1'));
    const retry = await postJson(b.app, '/v1/queries', QUERY, keyed('k-1'));
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(await first.json());
    expect(b.desk.submitted).toHaveLength(0);
    const reused = await postJson(b.app, '/v1/queries', { ...QUERY, message: 'other' }, keyed('k-1'));
    expect(reused.status).toBe(422);
  });

  it('lets one of many concurrent requests on two instances run, and refuses the others with 409', async () => {
    const [a, b] = twoInstances();
    a.desk.hold();
    b.desk.hold();
    const sent = Array.from({ length: 6 }, (_, i) =>
      postJson((i % 2 ? b : a).app, '/v1/queries', QUERY, keyed('k')),
    );
    // The winner is held until every other request has been answered, so all of them overlap it.
    let answered = 0;
    for (const request of sent) void Promise.resolve(request).then(() => answered++);
    while (answered < sent.length - 1) await new Promise((resolve) => setImmediate(resolve));
    a.desk.release();
    b.desk.release();
    const statuses = (await Promise.all(sent)).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    expect(a.desk.submitted.length + b.desk.submitted.length).toBe(1);
  });
});
