import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoProfile } from '../support/demo-desk.js';
import { FakeDesk } from '../support/fake-desk.js';
import { sampleTicket } from '../tickets/conformance.js';
import { makeApp, type TestApp } from './helpers.js';

const SECRET = 'customer-token-secret-0123456789abcdef';
const ADMIN = 'admin-token-0123456789';

function customerToken(
  customerId: string,
  options: { expiresIn?: string; secret?: string; issuedAt?: number } = {},
) {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(customerId)
    .setIssuedAt(options.issuedAt)
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

const CALLERS = [
  'none',
  'key',
  'queriesKey',
  'adminKey',
  'customerA',
  'customerB',
  'expired',
  'forged',
  'adminToken',
] as const;
type Caller = (typeof CALLERS)[number];

interface Route {
  name: string;
  method: string;
  path: string;
  body?: unknown;
}

/** Every /v1 route, acting on customer C001's records: q-1 in conv-1, ticket T-1. */
const ROUTES: Record<string, Route> = {
  submit: {
    name: 'POST /v1/queries as C001',
    method: 'POST',
    path: '/v1/queries',
    body: { customerId: 'C001', message: 'hi' },
  },
  query: { name: 'GET /v1/queries/:id', method: 'GET', path: '/v1/queries/q-1' },
  feedback: {
    name: 'POST /v1/queries/:id/feedback',
    method: 'POST',
    path: '/v1/queries/q-1/feedback',
    body: { correctIntent: 'billing.refund' },
  },
  conversation: { name: 'GET /v1/conversations/:id', method: 'GET', path: '/v1/conversations/conv-1' },
  customer: { name: 'GET /v1/customers/:id', method: 'GET', path: '/v1/customers/C001' },
  revokeTokens: {
    name: 'POST /v1/token-revocations for C001',
    method: 'POST',
    path: '/v1/token-revocations',
    body: { customerId: 'C001' },
  },
  tickets: { name: 'GET /v1/tickets', method: 'GET', path: '/v1/tickets' },
  ticket: { name: 'GET /v1/tickets/:id', method: 'GET', path: '/v1/tickets/T-1' },
  takeTicket: {
    name: 'PATCH /v1/tickets/:id',
    method: 'PATCH',
    path: '/v1/tickets/T-1',
    body: { status: 'assigned' },
  },
  agents: { name: 'GET /v1/agents', method: 'GET', path: '/v1/agents' },
  desk: { name: 'GET /v1/desk', method: 'GET', path: '/v1/desk' },
  restart: { name: 'POST /v1/agents/:id/restart', method: 'POST', path: '/v1/agents/router-1/restart' },
  scale: {
    name: 'POST /v1/agents/:type/scale',
    method: 'POST',
    path: '/v1/agents/router/scale',
    body: { instances: 2 },
  },
  drill: { name: 'POST /v1/faults/thread-exit', method: 'POST', path: '/v1/faults/thread-exit' },
};

/**
 * The table docs/security.md states. Columns: no credentials, a bare key (every scope but admin), a
 * key with only `queries`, a key with only `admin`, C001's customer token, C002's, C001's expired,
 * one signed with another secret, the admin token.
 */
// prettier-ignore
const EXPECTED: Record<keyof typeof ROUTES, Record<Caller, number>> = {
  //            none  key  queriesKey adminKey customerA customerB expired forged adminToken
  submit:       { none: 401, key: 200, queriesKey: 200, adminKey: 403, customerA: 200, customerB: 403, expired: 401, forged: 401, adminToken: 401 },
  query:        { none: 401, key: 200, queriesKey: 200, adminKey: 403, customerA: 200, customerB: 404, expired: 401, forged: 401, adminToken: 401 },
  feedback:     { none: 401, key: 200, queriesKey: 403, adminKey: 403, customerA: 200, customerB: 404, expired: 401, forged: 401, adminToken: 401 },
  conversation: { none: 401, key: 200, queriesKey: 200, adminKey: 403, customerA: 200, customerB: 404, expired: 401, forged: 401, adminToken: 401 },
  customer:     { none: 401, key: 200, queriesKey: 403, adminKey: 403, customerA: 200, customerB: 404, expired: 401, forged: 401, adminToken: 401 },
  revokeTokens: { none: 401, key: 200, queriesKey: 403, adminKey: 403, customerA: 403, customerB: 403, expired: 401, forged: 401, adminToken: 401 },
  tickets:      { none: 401, key: 200, queriesKey: 403, adminKey: 403, customerA: 403, customerB: 403, expired: 401, forged: 401, adminToken: 401 },
  ticket:       { none: 401, key: 200, queriesKey: 403, adminKey: 403, customerA: 403, customerB: 403, expired: 401, forged: 401, adminToken: 401 },
  takeTicket:   { none: 401, key: 200, queriesKey: 403, adminKey: 403, customerA: 403, customerB: 403, expired: 401, forged: 401, adminToken: 401 },
  agents:       { none: 401, key: 200, queriesKey: 200, adminKey: 200, customerA: 403, customerB: 403, expired: 401, forged: 401, adminToken: 401 },
  desk:         { none: 401, key: 200, queriesKey: 200, adminKey: 200, customerA: 200, customerB: 200, expired: 401, forged: 401, adminToken: 401 },
  restart:      { none: 401, key: 403, queriesKey: 403, adminKey: 200, customerA: 401, customerB: 401, expired: 401, forged: 401, adminToken: 200 },
  scale:        { none: 401, key: 403, queriesKey: 403, adminKey: 200, customerA: 401, customerB: 401, expired: 401, forged: 401, adminToken: 200 },
  drill:        { none: 401, key: 403, queriesKey: 403, adminKey: 200, customerA: 401, customerB: 401, expired: 401, forged: 401, adminToken: 200 },
};

describe('who can do what (docs/security.md)', () => {
  let t: TestApp;
  const tokens = {} as Record<Caller, string | undefined>;

  beforeAll(async () => {
    tokens.none = undefined;
    tokens.key = 'key-full';
    tokens.queriesKey = 'key-queries';
    tokens.adminKey = 'key-admin';
    tokens.customerA = await customerToken('C001');
    tokens.customerB = await customerToken('C002');
    tokens.expired = await customerToken('C001', { expiresIn: '-1m' });
    tokens.forged = await customerToken('C001', { secret: 'another-secret-0123456789abcdefghij' });
    tokens.adminToken = ADMIN;
  });

  const fresh = async () => {
    t = makeApp({
      apiKeys: ['key-full', 'key-queries:queries', { key: 'key-admin', scopes: ['admin'] }],
      customerTokenSecret: SECRET,
      adminToken: ADMIN,
      faultInjection: true,
    });
    await t.desk.submit({ customerId: 'C001', message: 'first' });
    t.desk.tickets.set(
      'T-1',
      sampleTicket('T-1', { customerId: 'C001', queryId: 'q-1', conversationId: 'conv-1' }),
    );
  };

  for (const [routeKey, route] of Object.entries(ROUTES)) {
    it(`${route.name}: answers each caller as the table says`, async () => {
      const got: Record<string, number> = {};
      for (const caller of CALLERS) {
        await fresh();
        const token = tokens[caller];
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
        if (route.body !== undefined) headers['content-type'] = 'application/json';
        const res = await t.app.request(route.path, {
          method: route.method,
          headers,
          ...(route.body !== undefined ? { body: JSON.stringify(route.body) } : {}),
        });
        got[caller] = res.status;
      }
      expect(got).toEqual(EXPECTED[routeKey]);
    });
  }

  it('takes a customer token as access_token on the WebSocket upgrade, for browsers', async () => {
    await fresh();
    const upgrade = (query: string) =>
      t.app.request(`/v1/ws?${query}`, { headers: { upgrade: 'websocket', connection: 'upgrade' } });
    expect((await upgrade(`customerId=C001`)).status).toBe(401);
    expect((await upgrade(`customerId=C002&access_token=${tokens.customerA ?? ''}`)).status).toBe(403);
    expect((await upgrade(`customerId=C001&access_token=${tokens.expired ?? ''}`)).status).toBe(401);
  });

  it('lets a customer token continue only its own conversations', async () => {
    await fresh();
    const res = await t.app.request('/v1/queries', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.customerB}` },
      body: JSON.stringify({ customerId: 'C001', conversationId: 'conv-1', message: 'let me in' }),
    });
    expect(res.status).toBe(403);
    expect(t.desk.submitted.map((s) => s.message)).toEqual(['first']);
  });

  it('refuses a revoked customer’s tokens issued until the revocation, and takes those minted after', async () => {
    await fresh();
    const read = (token: string | undefined) =>
      t.app.request('/v1/customers/C001', { headers: { authorization: `Bearer ${token ?? ''}` } });
    expect((await read(tokens.customerA)).status).toBe(200);

    const revoked = await t.app.request('/v1/token-revocations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.key ?? ''}` },
      body: JSON.stringify({ customerId: 'C001' }),
    });
    expect(revoked.status).toBe(200);
    const { revokedAt } = (await revoked.json()) as { customerId: string; revokedAt: string };
    const revokedSecond = Date.parse(revokedAt) / 1000;

    const refused = await read(tokens.customerA);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect((await read(await customerToken('C001', { issuedAt: revokedSecond }))).status).toBe(401);
    expect((await read(await customerToken('C001', { issuedAt: revokedSecond + 1 }))).status).toBe(200);
    // Only that customer's tokens.
    const other = await t.app.request('/v1/queries', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.customerB ?? ''}` },
      body: JSON.stringify({ customerId: 'C002', message: 'still here' }),
    });
    expect(other.status).toBe(200);
  });
});

describe('GET /v1/desk for a customer token', () => {
  class DeskWithActions extends FakeDesk {
    override readonly profile = {
      ...demoProfile(),
      departments: Object.fromEntries(
        Object.entries(demoProfile().departments).map(([name, department]) => [
          name,
          {
            ...department,
            instructions: `Internal playbook of ${name}.`,
            tools: [{ name: `lookup_${name}`, description: 'Backend lookup', parameters: {} }],
          },
        ]),
      ),
    };
  }

  it("hides the departments' agent instructions and backend actions from customers, not from integrators", async () => {
    const t = makeApp({ apiKeys: ['key-full'], customerTokenSecret: SECRET }, new DeskWithActions());
    const read = async (token: string) => {
      const response = await t.app.request('/v1/desk', { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      return (await response.json()) as { departments: Record<string, Record<string, unknown>> };
    };
    const forIntegrator = await read('key-full');
    const forCustomer = await read(await customerToken('C001'));
    expect(forIntegrator.departments.billing).toMatchObject({
      instructions: 'Internal playbook of billing.',
    });
    expect(forIntegrator.departments.billing?.tools).toHaveLength(1);
    for (const [name, department] of Object.entries(forCustomer.departments)) {
      expect(department, name).not.toHaveProperty('instructions');
      expect(department, name).not.toHaveProperty('tools');
      expect(department.title, name).toEqual(forIntegrator.departments[name]?.title);
    }
  });
});
