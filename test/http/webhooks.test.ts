import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, createMetrics } from '../../src/http/index.js';
import { createFileOutbox, createWebhookDispatcher, withWebhookEvents } from '../../src/webhooks/index.js';
import { FakeDesk } from '../support/fake-desk.js';
import { sampleTicket } from '../tickets/conformance.js';
import { memoryLogger } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-http-webhooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function webhookApp(name: string) {
  const outbox = await createFileOutbox({ path: join(dir, name, 'webhooks.json') });
  const webhooks = createWebhookDispatcher({
    outbox,
    subscriptions: [
      {
        url: 'http://127.0.0.1:9/hooks',
        events: ['ticket.updated'],
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      },
    ],
  });
  const inner = new FakeDesk();
  inner.tickets.set('T-1', sampleTicket('T-1'));
  const app = createApp({
    desk: withWebhookEvents(inner, (type, data) => webhooks.publish(type, data)),
    options: { rateLimit: null, adminToken: 'admin-secret' },
    logger: memoryLogger().logger,
    metrics: createMetrics({ defaultMetrics: false }),
    webhooks,
  });
  return { app, webhooks };
}

const patch = {
  method: 'PATCH',
  headers: { 'content-type': 'application/json' },
  body: '{"assignee":"eva"}',
};

describe('webhook deliveries over HTTP', () => {
  it('lists the delivery a ticket change queued, by status', async () => {
    const { app } = await webhookApp('list');
    expect((await app.request('/v1/tickets/T-1', patch)).status).toBe(200);
    const res = await app.request('/v1/webhooks/deliveries?status=pending');
    expect(res.status).toBe(200);
    const { deliveries } = (await res.json()) as { deliveries: { eventType: string; attempts: unknown[] }[] };
    expect(deliveries).toEqual([
      expect.objectContaining({ eventType: 'ticket.updated', status: 'pending', attempts: [] }),
    ]);
    expect(await (await app.request('/v1/webhooks/deliveries?status=dead')).json()).toEqual({
      deliveries: [],
    });
    expect((await app.request('/v1/webhooks/deliveries?status=lost')).status).toBe(400);
  });

  it('replays a delivery for an admin only, and answers 404 for an unknown one', async () => {
    const { app, webhooks } = await webhookApp('replay');
    await app.request('/v1/tickets/T-1', patch);
    const [delivery] = await webhooks.list();
    const replay = (id: string, headers: Record<string, string> = {}) =>
      app.request(`/v1/webhooks/deliveries/${id}/replay`, { method: 'POST', headers });
    expect((await replay(delivery?.id ?? '')).status).toBe(401);
    const admin = { authorization: 'Bearer admin-secret' };
    const res = await replay(delivery?.id ?? '', admin);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: delivery?.id, status: 'pending', attemptsBeforeReplay: 0 });
    const missing = await replay('msg_none', admin);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'DELIVERY_NOT_FOUND' } });
  });
});
