import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Customer } from '../domain/customer.js';
import { SwarmError } from '../runtime/index.js';

/**
 * A customers file: an array of records, or `{ asOf, customers }` whose timestamps were written
 * against `asOf` and move with the clock, so sample data ("two login problems last week") stays true
 * whenever it is loaded.
 */
const CustomerList = z.array(Customer);
const DatedCustomers = z.strictObject({ asOf: z.iso.datetime(), customers: CustomerList });

export interface ReadCustomersOptions {
  /** Shift the timestamps of a file with `asOf` by `now - asOf`. */
  now?: Date;
  /** The error code of a bad file. */
  code?: string;
}

function shift(iso: string, offsetMs: number): string {
  return new Date(Date.parse(iso) + offsetMs).toISOString();
}

/**
 * Customers from a JSON file, validated: a bad file is refused as a whole with `code` and a message
 * naming the file and the first records at fault, never half-loaded.
 */
export function readCustomersFile(path: string, options: ReadCustomersOptions = {}): Customer[] {
  const code = options.code ?? 'CUSTOMERS_FILE_INVALID';
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SwarmError(code, `${path}: ${(error as Error).message}`, { cause: error });
  }
  // Each shape on its own, so an error names the record and field rather than "no shape matched".
  const parsed = Array.isArray(raw) ? CustomerList.safeParse(raw) : DatedCustomers.safeParse(raw);
  if (!parsed.success)
    throw new SwarmError(code, `${path}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  if (Array.isArray(parsed.data)) return parsed.data;
  const { asOf, customers } = parsed.data;
  if (!options.now) return customers;
  const offsetMs = options.now.getTime() - Date.parse(asOf);
  return customers.map((customer) => ({
    ...customer,
    lastContact: customer.lastContact === null ? null : shift(customer.lastContact, offsetMs),
    issuesHistory: customer.issuesHistory.map((issue) => ({ ...issue, at: shift(issue.at, offsetMs) })),
  }));
}
