import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCustomersFile } from '../../src/crm/index.js';
import { DEMO_DESK_DIR } from '../../src/desk/index.js';

const DEMO_CUSTOMERS = join(DEMO_DESK_DIR, 'customers.json');
const loadDemoCustomers = (options: { now?: Date } = {}) => readCustomersFile(DEMO_CUSTOMERS, options);

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

describe("the demo desk's customers", () => {
  const customers = loadDemoCustomers();
  const byId = new Map(customers.map((customer) => [customer.customerId, customer]));

  it('ships the two reference customers with their history', () => {
    expect(byId.get('CUST001')).toMatchObject({ name: 'Jan Novák', subscriptionType: 'Premium' });
    expect(byId.get('CUST001')?.issuesHistory.map((issue) => issue.summary)).toEqual([
      'Technický problém s přihlášením',
      'Dotaz na faktury',
    ]);
    expect(byId.get('CUST002')).toMatchObject({ name: 'Marie Svobodová', subscriptionType: 'Basic' });
    expect(byId.get('CUST002')?.issuesHistory.map((issue) => issue.summary)).toEqual([
      'Změna hesla',
      'Dotaz na funkcionalitu',
    ]);
  });

  it('has unique ids, every plan, and a customer without history', () => {
    expect(byId.size).toBe(customers.length);
    expect(customers.length).toBeGreaterThanOrEqual(6);
    expect(new Set(customers.map((customer) => customer.subscriptionType))).toEqual(
      new Set(['Basic', 'Premium', 'Business']),
    );
    expect(
      customers.some((customer) => customer.issuesHistory.length === 0 && customer.lastContact === null),
    ).toBe(true);
  });

  it('keeps lastContact equal to the latest issue', () => {
    for (const customer of customers) {
      expect(customer.lastContact).toBe(customer.issuesHistory.at(-1)?.at ?? null);
    }
  });

  it('moves the history to a given now, keeping a repeated login problem within the last week', () => {
    const now = new Date('2027-03-01T12:00:00.000Z');
    const recentLogins = loadDemoCustomers({ now })
      .find((customer) => customer.customerId === 'CUST003')
      ?.issuesHistory.filter(
        (issue) => issue.intent === 'login_problem' && now.getTime() - Date.parse(issue.at) < WEEK_MS,
      );
    expect(recentLogins).toHaveLength(2);
  });
});
