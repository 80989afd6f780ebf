import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../../src/runtime/index.js';
import {
  RETRY_DELAYS_MS,
  createFileOutbox,
  createRedisOutbox,
  createWebhookDispatcher,
  type WebhookDispatcher,
  type WebhookOutbox,
  type WebhookSubscription,
} from '../../src/webhooks/index.js';
import { describeWithRedis, probeTestRedis, useRedisKeyspace } from '../support/redis.js';
import { startReceiver, verifyWithSvix, type TestReceiver } from './receiver.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const HOUR = 3_600_000;

/** The outbox a server opens at start: the same durable place every time it is called. */
type OpenOutbox = () => Promise<WebhookOutbox>;

function deliveryBehaviour(name: string, setup: () => { open: OpenOutbox }): void {
  describe(`webhook delivery from the ${name} outbox`, () => {
    let receiver: TestReceiver;
    let clock: ManualClock;
    let outbox: WebhookOutbox;
    let open: OpenOutbox;
    const subscriptions = (): WebhookSubscription[] => [
      { url: receiver.url, events: ['ticket.created', 'ticket.updated'], secret: SECRET },
    ];
    const dispatcherOn = (box: WebhookOutbox): WebhookDispatcher =>
      createWebhookDispatcher({ outbox: box, subscriptions: subscriptions(), clock });
    /** Moves the clock `ms` ahead, then runs the pass a poll would run then. */
    const after = async (dispatcher: WebhookDispatcher, ms: number) => {
      clock.advance(ms);
      return dispatcher.deliverDue();
    };

    beforeEach(async () => {
      receiver = await startReceiver();
      clock = createManualClock(Date.parse('2026-12-06T10:00:00.000Z'));
      open = setup().open;
      outbox = await open();
    });
    afterEach(async () => {
      await outbox.close();
      await receiver.close();
    });

    it('signs each delivery so that Svix verifies it, and sends only subscribed events', async () => {
      const dispatcher = dispatcherOn(outbox);
      await dispatcher.publish('ticket.created', { ticket: { ticketId: 'T-1' } });
      await dispatcher.publish('feedback.received', { queryId: 'q-1' });
      expect(await dispatcher.deliverDue()).toBe(1);
      expect(receiver.received).toHaveLength(1);
      const [request] = receiver.received;
      if (!request) throw new Error('expected a request');
      expect(verifyWithSvix(SECRET, request)).toMatchObject({
        type: 'ticket.created',
        data: { ticket: { ticketId: 'T-1' } },
      });
      expect(() => verifyWithSvix('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', request)).toThrow();
      const [delivery] = await dispatcher.list();
      expect(delivery).toMatchObject({ id: request.headers['webhook-id'], status: 'delivered' });
      expect(delivery?.attempts).toEqual([expect.objectContaining({ status: 200 })]);
    });

    it('loses nothing while the receiver is down: retries on the schedule, same id and signature scheme', async () => {
      const dispatcher = dispatcherOn(outbox);
      receiver.status = 503;
      await dispatcher.publish('ticket.updated', { ticket: { ticketId: 'T-1' } });
      expect(await dispatcher.deliverDue()).toBe(1);
      expect(await after(dispatcher, RETRY_DELAYS_MS[0]! - 1)).toBe(0);
      expect(await after(dispatcher, 1)).toBe(1);
      expect(await after(dispatcher, RETRY_DELAYS_MS[1]!)).toBe(1);
      receiver.status = 200;
      expect(await after(dispatcher, RETRY_DELAYS_MS[2]!)).toBe(1);
      const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
      expect(ids.size).toBe(1);
      expect(receiver.received).toHaveLength(4);
      for (const request of receiver.received) expect(verifyWithSvix(SECRET, request)).toBeTruthy();
      const [delivery] = await dispatcher.list();
      expect(delivery?.status).toBe('delivered');
      expect(delivery?.attempts.map((a) => a.status)).toEqual([503, 503, 503, 200]);
    });

    it('keeps retrying for more than a day, then dead-letters; a replay sends it again', async () => {
      const dispatcher = dispatcherOn(outbox);
      receiver.status = 500;
      await dispatcher.publish('ticket.created', { ticket: { ticketId: 'T-1' } });
      await dispatcher.deliverDue();
      for (const delay of RETRY_DELAYS_MS) expect(await after(dispatcher, delay)).toBe(1);
      expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBeGreaterThan(24 * HOUR);
      const [dead] = await dispatcher.list({ status: 'dead' });
      expect(dead?.attempts).toHaveLength(8);
      expect(await after(dispatcher, 100 * HOUR)).toBe(0);

      receiver.status = 204;
      await dispatcher.replay(dead?.id ?? '');
      expect(await dispatcher.deliverDue()).toBe(1);
      expect(await dispatcher.list({ status: 'delivered' })).toHaveLength(1);
      expect(receiver.received).toHaveLength(9);
      await expect(dispatcher.replay('msg_none')).rejects.toMatchObject({ code: 'DELIVERY_NOT_FOUND' });
    });

    it('loses nothing when the server restarts mid-retry', async () => {
      const first = dispatcherOn(outbox);
      receiver.status = 502;
      await first.publish('ticket.created', { ticket: { ticketId: 'T-1' } });
      await first.deliverDue();
      await after(first, RETRY_DELAYS_MS[0]!);
      await first.stop();
      await outbox.close();

      // The restarted server: a new outbox over the same file or Redis, a new dispatcher.
      outbox = await open();
      const second = dispatcherOn(outbox);
      receiver.status = 200;
      expect(await after(second, RETRY_DELAYS_MS[1]!)).toBe(1);
      const [delivery] = await second.list();
      expect(delivery?.status).toBe('delivered');
      expect(delivery?.attempts.map((a) => a.status)).toEqual([502, 502, 200]);
      expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    });

    it('sends again a delivery whose sender died mid-attempt, once its lease ends', async () => {
      const dispatcher = dispatcherOn(outbox);
      await dispatcher.publish('ticket.created', { ticket: { ticketId: 'T-1' } });
      // A sender that claimed the delivery and died before recording the attempt.
      expect(await outbox.claimDue(clock.now(), 10, 30_000)).toHaveLength(1);
      expect(await dispatcher.deliverDue()).toBe(0);
      expect(await after(dispatcher, 30_000)).toBe(1);
      expect(receiver.received).toHaveLength(1);
    });

    it('delivers on its own once started, polling the outbox on the clock', async () => {
      const dispatcher = dispatcherOn(outbox);
      dispatcher.start();
      await dispatcher.publish('ticket.created', { ticket: { ticketId: 'T-1' } });
      clock.advance(1000);
      await dispatcher.stop();
      expect(receiver.received).toHaveLength(1);
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-webhooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
deliveryBehaviour('file', () => {
  const path = join(dir, `run-${++n}`, 'webhooks.json');
  return { open: () => createFileOutbox({ path }) };
});

const availability = await probeTestRedis();
describeWithRedis('webhooks on Redis', availability, (url) => {
  const keyspace = useRedisKeyspace(url);
  deliveryBehaviour('redis', () => ({
    open: async () => createRedisOutbox({ redis: keyspace.client, keyPrefix: keyspace.prefix }),
  }));
});
