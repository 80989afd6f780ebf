import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdempotencyStore, StoredResponse } from '../../src/idempotency/index.js';

export type IdempotencyStoreFactory = () => IdempotencyStore | Promise<IdempotencyStore>;

const LEASE = 60_000;
const TTL = 86_400_000;
const RESPONSE: StoredResponse = { status: 200, contentType: 'application/json', body: '{"ok":true}' };

/** What every IdempotencyStore must do; run by memory.test.ts and redis.test.ts. */
export function idempotencyStoreConformance(name: string, factory: IdempotencyStoreFactory): void {
  describe(`${name} idempotency store conformance`, () => {
    let store: IdempotencyStore;

    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });

    it('lets the first claim run and shows later ones the pending claim', async () => {
      expect(await store.claim('k', 'fp-1', 't-1', LEASE)).toEqual({ claimed: true });
      expect(await store.claim('k', 'fp-2', 't-2', LEASE)).toEqual({
        claimed: false,
        record: { schemaVersion: 1, state: 'pending', fingerprint: 'fp-1', token: 't-1' },
      });
    });

    it('keeps the response of the claim that completes, and replays it to later claims', async () => {
      await store.claim('k', 'fp-1', 't-1', LEASE);
      await store.complete('k', 't-1', RESPONSE, TTL);
      expect(await store.claim('k', 'fp-1', 't-2', LEASE)).toEqual({
        claimed: false,
        record: { schemaVersion: 1, state: 'done', fingerprint: 'fp-1', response: RESPONSE },
      });
    });

    it('ignores a completion or release by a token that does not hold the claim', async () => {
      await store.claim('k', 'fp-1', 't-1', LEASE);
      await store.complete('k', 't-other', RESPONSE, TTL);
      await store.release('k', 't-other');
      expect(await store.claim('k', 'fp-1', 't-2', LEASE)).toMatchObject({
        claimed: false,
        record: { state: 'pending', token: 't-1' },
      });
      await store.complete('k', 't-1', RESPONSE, TTL);
      await store.release('k', 't-1');
      expect(await store.claim('k', 'fp-1', 't-3', LEASE)).toMatchObject({ record: { state: 'done' } });
    });

    it('frees a released key for the next claim', async () => {
      await store.claim('k', 'fp-1', 't-1', LEASE);
      await store.release('k', 't-1');
      expect(await store.claim('k', 'fp-2', 't-2', LEASE)).toEqual({ claimed: true });
    });

    it('grants one claim of many made at once, and keeps keys apart', async () => {
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.claim('k', 'fp', `t-${i}`, LEASE)),
      );
      expect(claims.filter((c) => c.claimed)).toHaveLength(1);
      expect(await store.claim('other', 'fp', 't-x', LEASE)).toEqual({ claimed: true });
    });
  });
}
