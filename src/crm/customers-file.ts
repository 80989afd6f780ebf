import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Customer } from '../domain/customer.js';
import { SwarmError } from '../runtime/index.js';

/**
 * Customers from a JSON file (an array of `Customer` records), validated: a bad file is refused as a
 * whole with `code` and a message naming the file and the first records at fault, never half-loaded.
 */
export function readCustomersFile(path: string, code = 'CUSTOMERS_FILE_INVALID'): Customer[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SwarmError(code, `${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = z.array(Customer).safeParse(raw);
  if (!parsed.success)
    throw new SwarmError(code, `${path}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  return parsed.data;
}
