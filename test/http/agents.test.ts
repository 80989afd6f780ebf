import { describe, expect, it } from 'vitest';
import { fromAddress, makeApp, postJson } from './helpers.js';

const local = fromAddress('127.0.0.1');

describe('agents', () => {
  it("lists every agent's status", async () => {
    const { app } = makeApp();
    const res = await app.request('/v1/agents');
    expect(res.status).toBe(200);
    const { agents } = (await res.json()) as { agents: { id: string; mailbox: { depth: number } }[] };
    expect(agents.map((a) => a.id)).toEqual(['router-1', 'technical-1']);
    expect(agents[1]?.mailbox.depth).toBe(2);
  });

  it('restarts, stops and starts an agent and 404s an unknown one', async () => {
    const { app, desk } = makeApp();
    for (const action of ['restart', 'stop', 'start']) {
      const res = await app.request(`/v1/agents/technical-1/${action}`, { method: 'POST' }, local);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ id: 'technical-1', action });
    }
    expect(desk.controls).toEqual(['restart technical-1', 'stop technical-1', 'start technical-1']);
    const unknown = await app.request('/v1/agents/ghost-9/restart', { method: 'POST' }, local);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'ACTOR_NOT_FOUND' } });
  });

  it('scales a type and names an invalid instance count', async () => {
    const { app } = makeApp();
    const res = await postJson(app, '/v1/agents/router/scale', { instances: 3 }, {}, local);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 'router', instances: ['router-1', 'router-2', 'router-3'] });
    const bad = await postJson(app, '/v1/agents/router/scale', { instances: 'many' }, {}, local);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { details: { issues: [{ field: 'instances' }] } } });
  });

  it('kills a worker thread only when fault injection is on, and only for admins', async () => {
    const off = makeApp();
    expect((await off.app.request('/v1/faults/thread-exit', { method: 'POST' }, local)).status).toBe(404);
    expect(off.desk.controls).toEqual([]);

    const on = makeApp({ faultInjection: true });
    const remote = await on.app.request(
      '/v1/faults/thread-exit',
      { method: 'POST' },
      fromAddress('10.1.2.3'),
    );
    expect(remote.status).toBe(403);
    const res = await on.app.request('/v1/faults/thread-exit', { method: 'POST' }, local);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ thread: 1 });
    expect(on.desk.controls).toEqual(['kill thread busiest']);
  });
});
