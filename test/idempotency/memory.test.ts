import { describe, expect, it } from 'vitest';
import { createMemoryIdempotencyStore } from '../../src/idempotency/index.js';
import { idempotencyStoreConformance } from './conformance.js';

idempotencyStoreConformance('memory', () => createMemoryIdempotencyStore());

const RESPONSE = { status: 200, contentType: 'application/json', body: '{}' };

describe('memory idempotency store', () => {
  it('forgets a response after its ttl and a claim after its lease', async () => {
    let now = 0;
    const store = createMemoryIdempotencyStore({ clock: { now: () => now } });
    await store.claim('done', 'fp', 't-1', 100);
    await store.complete('done', 't-1', RESPONSE, 1_000);
    await store.claim('stuck', 'fp', 't-2', 100);
    now = 150;
    expect(await store.claim('stuck', 'fp', 't-3', 100)).toEqual({ claimed: true });
    expect((await store.claim('done', 'fp', 't-4', 100)).claimed).toBe(false);
    now = 1_000;
    expect(await store.claim('done', 'fp', 't-5', 100)).toEqual({ claimed: true });
  });

  it('holds at most maxKeys, evicting the oldest finished keys but never a running claim', async () => {
    const store = createMemoryIdempotencyStore({ maxKeys: 2 });
    await store.claim('running', 'fp', 't-0', 60_000);
    for (const key of ['a', 'b', 'c']) {
      await store.claim(key, 'fp', `t-${key}`, 60_000);
      await store.complete(key, `t-${key}`, RESPONSE, 60_000);
    }
    expect((await store.claim('running', 'fp', 't-x', 60_000)).claimed).toBe(false);
    expect((await store.claim('c', 'fp', 't-x', 60_000)).claimed).toBe(false);
    expect(await store.claim('a', 'fp', 't-y', 60_000)).toEqual({ claimed: true });
  });
});
