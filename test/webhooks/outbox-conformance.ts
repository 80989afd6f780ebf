import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Delivery, WebhookOutbox } from '../../src/webhooks/index.js';

/** A fresh outbox, and another one over the same durable place (a restart). */
export interface OutboxFactory {
  create(): Promise<WebhookOutbox>;
  reopen(): Promise<WebhookOutbox>;
}

export function sampleDelivery(id: string, overrides: Partial<Delivery> = {}): Delivery {
  return {
    schemaVersion: 1,
    id,
    eventType: 'ticket.created',
    url: 'http://127.0.0.1:9/hooks',
    payload: '{"type":"ticket.created"}',
    status: 'pending',
    attempts: [],
    nextAttemptAt: 1_000,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** What every WebhookOutbox must do; run by file-outbox.test.ts and redis-outbox.test.ts. */
export function outboxConformance(name: string, factory: OutboxFactory): void {
  describe(`${name} webhook outbox conformance`, () => {
    let outbox: WebhookOutbox;
    beforeEach(async () => {
      outbox = await factory.create();
    });
    afterEach(async () => {
      await outbox.close();
    });

    it('hands out due deliveries once per lease, and again when the lease ends', async () => {
      await outbox.add([
        sampleDelivery('a', { nextAttemptAt: 100 }),
        sampleDelivery('b', { nextAttemptAt: 5_000 }),
      ]);
      expect((await outbox.claimDue(1_000, 10, 500)).map((d) => d.id)).toEqual(['a']);
      expect(await outbox.claimDue(1_200, 10, 500)).toEqual([]);
      expect((await outbox.claimDue(1_500, 10, 500)).map((d) => d.id)).toEqual(['a']);
      expect((await outbox.claimDue(5_000, 1, 500)).map((d) => d.id)).toHaveLength(1);
    });

    it('stops handing out a delivery saved as finished, and schedules one saved as pending', async () => {
      await outbox.add([sampleDelivery('a', { nextAttemptAt: 0 })]);
      const [claimed] = await outbox.claimDue(0, 10, 100);
      if (!claimed) throw new Error('expected a due delivery');
      await outbox.save({ ...claimed, nextAttemptAt: 10_000 });
      expect(await outbox.claimDue(9_999, 10, 100)).toEqual([]);
      expect(await outbox.claimDue(10_000, 10, 100)).toHaveLength(1);
      await outbox.save({ ...claimed, status: 'delivered', nextAttemptAt: null });
      expect(await outbox.claimDue(1e15, 10, 100)).toEqual([]);
      expect(await outbox.get('a')).toMatchObject({ status: 'delivered' });
    });

    it('lists newest first, by status', async () => {
      await outbox.add([
        sampleDelivery('old', { createdAt: '2026-01-01T00:00:00.000Z' }),
        sampleDelivery('new', { createdAt: '2026-01-02T00:00:00.000Z', status: 'dead', nextAttemptAt: null }),
      ]);
      expect((await outbox.list()).map((d) => d.id)).toEqual(['new', 'old']);
      expect((await outbox.list({ status: 'dead' })).map((d) => d.id)).toEqual(['new']);
      expect((await outbox.list({ limit: 1 })).map((d) => d.id)).toEqual(['new']);
      expect(await outbox.get('none')).toBeUndefined();
    });

    it('keeps every delivery across a restart', async () => {
      const attempted = sampleDelivery('a', {
        attempts: [{ at: '2026-01-01T00:00:00.000Z', status: 503, durationMs: 3 }],
        nextAttemptAt: 7_000,
      });
      await outbox.add([attempted, sampleDelivery('b', { nextAttemptAt: 9_000 })]);
      await outbox.close();
      outbox = await factory.reopen();
      expect(await outbox.get('a')).toEqual(attempted);
      expect((await outbox.claimDue(10_000, 10, 100)).map((d) => d.id).sort()).toEqual(['a', 'b']);
    });
  });
}
