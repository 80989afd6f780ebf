import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Crm, CrmOptions } from '../../src/crm/index.js';
import type { Customer, IssueRecord } from '../../src/domain/customer.js';

export type CrmFactory = (options?: CrmOptions) => Crm | Promise<Crm>;

export function sampleCustomer(customerId: string, overrides: Partial<Customer> = {}): Customer {
  return {
    schemaVersion: 1,
    customerId,
    name: `Customer ${customerId}`,
    email: `${customerId.toLowerCase()}@example.com`,
    phone: '+420 600 000 000',
    subscriptionType: 'Premium',
    lastContact: null,
    issuesHistory: [],
    ...overrides,
  };
}

const issue = (summary: string, at = '2026-01-02T00:00:00.000Z'): IssueRecord => ({ at, summary });

/** The behaviour every Crm implementation must show; run by memory.test.ts and redis.test.ts. */
export function crmConformance(name: string, factory: CrmFactory): void {
  describe(`${name} crm conformance`, () => {
    let crm: Crm;
    const extra: Crm[] = [];

    beforeEach(async () => {
      crm = await factory();
    });
    afterEach(async () => {
      await Promise.all([crm, ...extra.splice(0)].map((c) => c.close()));
    });

    it('answers undefined for an unknown customer, and for a contact recorded on one', async () => {
      expect(await crm.get('NOPE')).toBeUndefined();
      expect(await crm.recordContact('NOPE', issue('x'))).toBeUndefined();
      expect(await crm.get('NOPE')).toBeUndefined();
    });

    it('round-trips an upserted customer, issues included, and replaces it on the next upsert', async () => {
      const customer = sampleCustomer('CUST001', {
        lastContact: '2026-01-01T00:00:00.000Z',
        issuesHistory: [{ ...issue('login fails'), intent: 'tech.login', department: 'technical' }],
      });
      expect(await crm.upsert(customer)).toEqual(customer);
      expect(await crm.get('CUST001')).toEqual(customer);
      const replaced = sampleCustomer('CUST001', { name: 'Renamed' });
      await crm.upsert(replaced);
      expect(await crm.get('CUST001')).toEqual(replaced);
    });

    it('lists customers by id', async () => {
      await crm.upsert(sampleCustomer('CUST002'));
      await crm.upsert(sampleCustomer('CUST001'));
      expect((await crm.list()).map((c) => c.customerId)).toEqual(['CUST001', 'CUST002']);
    });

    it('seeds only an empty store', async () => {
      expect(
        await crm.seed([
          sampleCustomer('CUST001'),
          sampleCustomer('CUST002', { issuesHistory: [issue('a')] }),
        ]),
      ).toBe(2);
      expect(await crm.get('CUST002')).toEqual(sampleCustomer('CUST002', { issuesHistory: [issue('a')] }));
      expect(await crm.seed([sampleCustomer('CUST003')])).toBe(0);
      expect(await crm.get('CUST003')).toBeUndefined();
    });

    // 40,000 customers in one script call overflowed the Redis client's stack: seeding goes in chunks.
    it('seeds tens of thousands of customers, and only once', async () => {
      const population = Array.from({ length: 40_000 }, (_, i) =>
        sampleCustomer(`BULK-${i}`, {
          issuesHistory: i % 3 === 0 ? [] : [issue(`first ${i}`), issue(`second ${i}`)],
        }),
      );
      expect(await crm.seed(population)).toBe(40_000);
      expect(await crm.get('BULK-39998')).toEqual(population[39_998]);
      expect(await crm.get('BULK-0')).toEqual(population[0]);
      expect(await crm.seed([sampleCustomer('CUST003')])).toBe(0);
      expect(await crm.get('CUST003')).toBeUndefined();
    });

    it('does not seed over customers written before', async () => {
      await crm.upsert(sampleCustomer('CUST009'));
      expect(await crm.seed([sampleCustomer('CUST001')])).toBe(0);
      expect((await crm.list()).map((c) => c.customerId)).toEqual(['CUST009']);
    });

    it('records a contact: appends the issue and sets lastContact', async () => {
      await crm.upsert(
        sampleCustomer('CUST001', { issuesHistory: [issue('first', '2026-01-01T00:00:00.000Z')] }),
      );
      const updated = await crm.recordContact('CUST001', issue('second', '2026-01-03T00:00:00.000Z'));
      expect(updated?.lastContact).toBe('2026-01-03T00:00:00.000Z');
      expect(updated?.issuesHistory.map((i) => i.summary)).toEqual(['first', 'second']);
      expect(await crm.get('CUST001')).toEqual(updated);
    });

    it('loses no contact when 30 are recorded at once', async () => {
      await crm.upsert(sampleCustomer('CUST001'));
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => crm.recordContact('CUST001', issue(`issue ${i}`))),
      );
      const customer = await crm.get('CUST001');
      expect(new Set(customer?.issuesHistory.map((i) => i.summary)).size).toBe(30);
    });

    it('keeps only the most recent maxIssues issues', async () => {
      const small = await factory({ maxIssues: 2 });
      extra.push(small);
      await small.upsert(sampleCustomer('CUST001', { issuesHistory: [issue('a'), issue('b'), issue('c')] }));
      expect((await small.get('CUST001'))?.issuesHistory.map((i) => i.summary)).toEqual(['b', 'c']);
      await small.recordContact('CUST001', issue('d'));
      expect((await small.get('CUST001'))?.issuesHistory.map((i) => i.summary)).toEqual(['c', 'd']);
    });

    it('is not changed by callers editing what it returned', async () => {
      // A store may hand out copies or frozen records; either way an edit must not reach the store.
      const tryEdit = (customer: Customer | undefined) => {
        try {
          customer?.issuesHistory.push(issue('injected'));
        } catch {
          return;
        }
      };
      tryEdit(await crm.upsert(sampleCustomer('CUST001')));
      tryEdit(await crm.get('CUST001'));
      expect((await crm.get('CUST001'))?.issuesHistory).toEqual([]);
    });

    it('answers ping', async () => {
      expect(await crm.ping()).toBe(true);
    });
  });
}
