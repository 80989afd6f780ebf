import { Customer, IssueRecord } from '../domain/customer.js';
import type { Crm } from './crm.js';
import { CrmOptions } from './options.js';

/** Customers in a Map; records are copied in and out, so callers never share the stored object. */
export function createMemoryCrm(options: CrmOptions = {}): Crm {
  const { maxIssues } = CrmOptions.parse(options);
  const customers = new Map<string, Customer>();

  return {
    async get(customerId) {
      const customer = customers.get(customerId);
      return customer && structuredClone(customer);
    },

    async list() {
      return [...customers.values()]
        .sort((a, b) => a.customerId.localeCompare(b.customerId))
        .map((c) => structuredClone(c));
    },

    async upsert(customer) {
      const stored = Customer.parse(customer);
      stored.issuesHistory = stored.issuesHistory.slice(-maxIssues);
      customers.set(stored.customerId, stored);
      return structuredClone(stored);
    },

    async recordContact(customerId, issue) {
      const stored = customers.get(customerId);
      if (!stored) return undefined;
      const record = IssueRecord.parse(issue);
      stored.issuesHistory.push(record);
      if (stored.issuesHistory.length > maxIssues)
        stored.issuesHistory.splice(0, stored.issuesHistory.length - maxIssues);
      stored.lastContact = record.at;
      return structuredClone(stored);
    },

    async seed(records) {
      if (customers.size > 0) return 0;
      const parsed = records.map((c) => Customer.parse(c));
      for (const customer of parsed) {
        customer.issuesHistory = customer.issuesHistory.slice(-maxIssues);
        customers.set(customer.customerId, customer);
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
