import { describe, expect, it } from 'vitest';
import { decideAdmin, isLoopback } from '../../src/http/index.js';
import { fromAddress, makeApp } from './helpers.js';

const ADMIN = 'admin-token-0123456789';

describe('integrator API keys', () => {
  const keys = ['key-one', 'key-two'];

  it('leaves /v1 open when no keys are configured', async () => {
    const { app } = makeApp();
    expect((await app.request('/v1/tickets')).status).toBe(200);
  });

  it('needs one of the keys as a bearer token', async () => {
    const { app } = makeApp({ apiKeys: keys });
    const none = await app.request('/v1/tickets');
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(
      (await app.request('/v1/tickets', { headers: { authorization: 'Bearer key-three' } })).status,
    ).toBe(401);
    expect((await app.request('/v1/tickets', { headers: { authorization: 'Bearer key-two' } })).status).toBe(
      200,
    );
  });

  it('does not guard health, readiness or metrics', async () => {
    const { app } = makeApp({ apiKeys: keys });
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/readyz')).status).toBe(200);
    expect((await app.request('/metrics')).status).toBe(200);
  });

  it('leaves the admin calls to the admin check', async () => {
    const { app, desk } = makeApp({ apiKeys: keys, adminToken: ADMIN });
    const res = await app.request('/v1/agents/router-1/restart', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(res.status).toBe(200);
    expect(desk.controls).toEqual(['restart router-1']);
  });
});

describe('admin control', () => {
  it('runs the fault drill with the admin token alone when integrator keys are set too', async () => {
    const { app, desk } = makeApp({ apiKeys: ['key-one'], adminToken: ADMIN, faultInjection: true });
    const drill = (token: string) =>
      app.request('/v1/faults/thread-exit', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await drill(ADMIN)).status).toBe(200);
    expect((await drill('key-one')).status).toBe(403);
    expect(desk.controls).toEqual(['kill thread busiest']);
  });

  it('needs the admin token when one is configured', async () => {
    const { app, desk } = makeApp({ adminToken: ADMIN });
    const missing = await app.request(
      '/v1/agents/router-1/stop',
      { method: 'POST' },
      fromAddress('127.0.0.1'),
    );
    expect(missing.status).toBe(401);
    const wrong = await app.request('/v1/agents/router-1/stop', {
      method: 'POST',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    const right = await app.request(
      '/v1/agents/router-1/stop',
      { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } },
      fromAddress('10.1.2.3'),
    );
    expect(right.status).toBe(200);
    expect(desk.controls).toEqual(['stop router-1']);
  });

  it('answers only loopback clients when no admin token is configured', async () => {
    const { app, desk } = makeApp();
    const local = await app.request(
      '/v1/agents/router-1/start',
      { method: 'POST' },
      fromAddress('::ffff:127.0.0.1'),
    );
    expect(local.status).toBe(200);
    const remote = await app.request(
      '/v1/agents/router-1/start',
      { method: 'POST', headers: { 'x-forwarded-for': '127.0.0.1' } },
      fromAddress('192.168.1.20'),
    );
    expect(remote.status).toBe(403);
    expect(await remote.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(desk.controls).toEqual(['start router-1']);
  });

  it('decides from the token and the socket address only', () => {
    expect(decideAdmin(undefined, undefined, '127.0.0.1')).toBe('allow');
    expect(decideAdmin(undefined, undefined, '::1')).toBe('allow');
    expect(decideAdmin(undefined, 'Bearer anything', '203.0.113.9')).toBe('not-loopback');
    expect(decideAdmin(undefined, undefined, undefined)).toBe('not-loopback');
    expect(decideAdmin(ADMIN, undefined, '127.0.0.1')).toBe('missing-token');
    expect(decideAdmin(ADMIN, `Bearer ${ADMIN}x`, '127.0.0.1')).toBe('wrong-token');
    expect(decideAdmin(ADMIN, `bearer ${ADMIN}`, '203.0.113.9')).toBe('allow');
  });

  it('recognises loopback addresses in their IPv4, IPv6 and mapped forms', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '1127.0.0.1', 'fe80::1'].some(isLoopback)).toBe(false);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once the burst is spent, then refills', async () => {
    let now = 1_000_000;
    const { app } = makeApp({ rateLimit: { ratePerSecond: 2, burst: 2 } }, undefined, () => now);
    const hit = () => app.request('/v1/tickets', {}, fromAddress('10.0.0.7'));
    expect((await hit()).status).toBe(200);
    expect((await hit()).status).toBe(200);
    const limited = await hit();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({
      error: { code: 'RATE_LIMITED', details: { retryAfterMs: 500 } },
    });
    now += 500;
    expect((await hit()).status).toBe(200);
  });

  it('keeps one bucket per client address, or per key when keys are in use', async () => {
    const now = 5_000;
    const byAddress = makeApp({ rateLimit: { ratePerSecond: 1, burst: 1 } }, undefined, () => now).app;
    expect((await byAddress.request('/v1/tickets', {}, fromAddress('10.0.0.1'))).status).toBe(200);
    expect((await byAddress.request('/v1/tickets', {}, fromAddress('10.0.0.1'))).status).toBe(429);
    expect((await byAddress.request('/v1/tickets', {}, fromAddress('10.0.0.2'))).status).toBe(200);

    const byKey = makeApp(
      { rateLimit: { ratePerSecond: 1, burst: 1 }, apiKeys: ['k1', 'k2'] },
      undefined,
      () => now,
    ).app;
    const as = (key: string) =>
      byKey.request('/v1/tickets', { headers: { authorization: `Bearer ${key}` } }, fromAddress('10.0.0.1'));
    expect((await as('k1')).status).toBe(200);
    expect((await as('k1')).status).toBe(429);
    expect((await as('k2')).status).toBe(200);
  });
});
