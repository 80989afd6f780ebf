import { expect, it } from 'vitest';
import type { TokenRevocations } from '../../src/revocations/index.js';

/** What every TokenRevocations must do; `make` gives a handle on the test's store, empty when the test starts. */
export function revocationsConformance(name: string, make: () => TokenRevocations): void {
  it(`${name}: remembers a customer's revocation second, for that customer only`, async () => {
    const revocations = make();
    expect(await revocations.revokedAt('C001')).toBeUndefined();
    expect(await revocations.revoke('C001', 1_800_000_000.7)).toBe(1_800_000_000);
    expect(await revocations.revokedAt('C001')).toBe(1_800_000_000);
    expect(await revocations.revokedAt('C002')).toBeUndefined();
    await revocations.close();
  });

  it(`${name}: never moves a revocation back in time`, async () => {
    const revocations = make();
    await revocations.revoke('C001', 1_800_000_100);
    expect(await revocations.revoke('C001', 1_800_000_000)).toBe(1_800_000_100);
    expect(await revocations.revoke('C001', 1_800_000_200)).toBe(1_800_000_200);
    expect(await make().revokedAt('C001')).toBe(1_800_000_200);
    await revocations.close();
  });
}
