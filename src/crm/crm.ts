import type { Customer, IssueRecord } from '../domain/customer.js';

/** Customer records. Implementations: `memory` (default) and `redis`; both pass one conformance suite. */
export interface Crm {
  get(customerId: string): Promise<Customer | undefined>;
  list(): Promise<Customer[]>;
  upsert(customer: Customer): Promise<Customer>;
  /** Appends to `issuesHistory` and sets `lastContact`, atomically; undefined for unknown customers. */
  recordContact(customerId: string, issue: IssueRecord): Promise<Customer | undefined>;
  /** Loads `customers` only into an empty store; resolves with how many were written. */
  seed(customers: Customer[]): Promise<number>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
