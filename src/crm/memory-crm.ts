import { Customer, IssueRecord } from '../domain/customer.js';
import type { Crm } from './crm.js';
import { CrmOptions } from './options.js';

/**
 * Customers in a Map. Stored records are frozen and replaced on every write (copy-on-write), so a
 * record can be handed out without a copy: `get` sits on the hot path of every query, and a deep clone
 * of a long issue history per call was the largest cost on the main thread.
 */
export function createMemoryCrm(options: CrmOptions = {}): Crm {
  const { maxIssues } = CrmOptions.parse(options);
  const customers = new Map<string, Customer>();

  return {
    async get(customerId) {
      return customers.get(customerId);
    },

    async list() {
      return [...customers.values()].sort((a, b) => a.customerId.localeCompare(b.customerId));
    },

    async upsert(customer) {
      const parsed = Customer.parse(customer);
      const stored = freeze({ ...parsed, issuesHistory: parsed.issuesHistory.slice(-maxIssues) });
      customers.set(stored.customerId, stored);
      return stored;
    },

    async recordContact(customerId, issue) {
      const stored = customers.get(customerId);
      if (!stored) return undefined;
      const record = Object.freeze(IssueRecord.parse(issue));
      const next = freeze({
        ...stored,
        issuesHistory: [...stored.issuesHistory.slice(1 - maxIssues), record],
        lastContact: record.at,
      });
      customers.set(customerId, next);
      return next;
    },

    async seed(records) {
      if (customers.size > 0) return 0;
      const parsed = records.map((c) => Customer.parse(c));
      for (const customer of parsed) {
        customers.set(
          customer.customerId,
          freeze({ ...customer, issuesHistory: customer.issuesHistory.slice(-maxIssues) }),
        );
      }
      return parsed.length;
    },

    async ping() {
      return true;
    },

    async close() {
      customers.clear();
    },
  };
}

function freeze(customer: Customer): Customer {
  for (const issue of customer.issuesHistory) Object.freeze(issue);
  Object.freeze(customer.issuesHistory);
  return Object.freeze(customer);
}
