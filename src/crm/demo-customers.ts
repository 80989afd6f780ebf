import { fileURLToPath } from 'node:url';
import type { Customer } from '../domain/customer.js';
import { readCustomersFile } from './customers-file.js';

// src/crm (tsx) and dist/crm (compiled) sit at the same depth under the package root.
export const DEMO_CUSTOMERS_FILE = fileURLToPath(new URL('../../data/customers.json', import.meta.url));

/** The moment the timestamps in data/customers.json were written against. */
export const DEMO_CUSTOMERS_AS_OF = '2026-11-25T09:00:00.000Z';

function shift(iso: string, offsetMs: number): string {
  return new Date(Date.parse(iso) + offsetMs).toISOString();
}

/**
 * The shipped demo customers, validated. With `now`, every timestamp moves by `now - DEMO_CUSTOMERS_AS_OF`,
 * so "two login problems in the last week" stays true whenever the demo runs.
 */
export function loadDemoCustomers(options: { now?: Date } = {}): Customer[] {
  const customers = readCustomersFile(DEMO_CUSTOMERS_FILE, 'DEMO_CUSTOMERS_INVALID');
  if (!options.now) return customers;
  const offsetMs = options.now.getTime() - Date.parse(DEMO_CUSTOMERS_AS_OF);
  return customers.map((customer) => ({
    ...customer,
    lastContact: customer.lastContact === null ? null : shift(customer.lastContact, offsetMs),
    issuesHistory: customer.issuesHistory.map((issue) => ({ ...issue, at: shift(issue.at, offsetMs) })),
  }));
}
