import { describe, expect, it } from 'vitest';
import { resolveClientAddress, trustedProxies } from '../../src/http/middleware/index.js';
import { loadConfig } from '../../src/config/index.js';
import { fromAddress, makeApp } from './helpers.js';

const forwarded = (address: string, xff: string) => ({
  ...fromAddress(address),
  incoming: { ...fromAddress(address).incoming, headers: { 'x-forwarded-for': xff } },
});

describe('client addresses behind trusted proxies', () => {
  const proxies = trustedProxies(['127.0.0.1', '10.0.0.0/8']);

  it('believes X-Forwarded-For only from a listed proxy, read from the right', () => {
    expect(resolveClientAddress('127.0.0.1', '203.0.113.9', proxies)).toBe('203.0.113.9');
    expect(resolveClientAddress('::ffff:127.0.0.1', '203.0.113.9', proxies)).toBe('203.0.113.9');
    expect(resolveClientAddress('127.0.0.1', '1.1.1.1, 203.0.113.9, 10.1.2.3', proxies)).toBe('203.0.113.9');
    expect(resolveClientAddress('198.51.100.7', '127.0.0.1', proxies)).toBe('198.51.100.7');
    expect(resolveClientAddress('127.0.0.1', 'garbage, 203.0.113.9', proxies)).toBe('203.0.113.9');
    expect(resolveClientAddress('127.0.0.1', '203.0.113.9, garbage', proxies)).toBe('127.0.0.1');
    expect(resolveClientAddress('127.0.0.1', undefined, proxies)).toBe('127.0.0.1');
  });

  it('closes agent control to a remote client that a proxy on this host forwards', async () => {
    const { app } = makeApp({ trustedProxies: ['127.0.0.1'] });
    const restart = (env: unknown) =>
      app.request(
        '/v1/agents/router-1/restart',
        { method: 'POST', headers: { 'x-forwarded-for': '203.0.113.9' } },
        env as never,
      );
    expect((await restart(forwarded('127.0.0.1', '203.0.113.9'))).status).toBe(403);
    const local = await app.request(
      '/v1/agents/router-1/restart',
      { method: 'POST', headers: { 'x-forwarded-for': '127.0.0.1' } },
      forwarded('127.0.0.1', '127.0.0.1') as never,
    );
    expect(local.status).toBe(200);
  });

  it('warns at start-up, and at the first forwarded request, that agent control is open behind a proxy', async () => {
    const { app, logs } = makeApp();
    expect(logs.filter((l) => l.level === 40).map((l) => String(l.msg))).toEqual([
      expect.stringContaining('agent control is open'),
    ]);
    for (let i = 0; i < 2; i++) {
      const res = await app.request(
        '/v1/agents/router-1/restart',
        { method: 'POST', headers: { 'x-forwarded-for': '203.0.113.9' } },
        fromAddress('127.0.0.1') as never,
      );
      expect(res.status).toBe(200);
    }
    const forwardWarnings = logs.filter(
      (l) => l.level === 40 && String(l.msg).startsWith('a request carried'),
    );
    expect(forwardWarnings).toHaveLength(1);
    expect(String(forwardWarnings[0]?.msg)).toContain('agent control is open to everyone behind it');

    const guarded = makeApp({ adminToken: 'admin-token-0123456789' });
    expect(guarded.logs.filter((l) => l.level === 40)).toEqual([]);
  });

  it('reads SWARM_TRUSTED_PROXIES and names it when an entry is not an address or range', () => {
    expect(loadConfig({ SWARM_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,::1' }).http.trustedProxies).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(() => loadConfig({ SWARM_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/SWARM_TRUSTED_PROXIES/);
    expect(() => loadConfig({ SWARM_TRUSTED_PROXIES: 'proxy.local' })).toThrow(/SWARM_TRUSTED_PROXIES/);
  });
});
