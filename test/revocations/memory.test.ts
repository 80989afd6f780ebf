import { beforeEach, describe, expect, it } from 'vitest';
import { REVOCATION_RETENTION_SECONDS, createMemoryTokenRevocations } from '../../src/revocations/index.js';
import { revocationsConformance } from './conformance.js';

describe('memory token revocations', () => {
  // One process's memory: every handle within a test is the same store.
  let current = createMemoryTokenRevocations();
  beforeEach(() => {
    current = createMemoryTokenRevocations();
  });
  revocationsConformance('memory', () => current);

  it('forgets a revocation after the retention, and the oldest first beyond its bound', async () => {
    let now = 0;
    const revocations = createMemoryTokenRevocations({ maxCustomers: 2, now: () => now });
    await revocations.revoke('C001', 10);
    await revocations.revoke('C002', 10);
    await revocations.revoke('C003', 10);
    expect(await revocations.revokedAt('C001')).toBeUndefined();
    expect(await revocations.revokedAt('C003')).toBe(10);
    now = REVOCATION_RETENTION_SECONDS * 1000;
    expect(await revocations.revokedAt('C003')).toBeUndefined();
  });
});
